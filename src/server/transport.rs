//! The streams between the client and tower-lsp: our [`framing`] reads the
//! client's bytes and forwards the frames that parse into tower-lsp over an
//! in-process pipe; one writer task writes tower-lsp's frames and our error
//! replies to the client, a whole frame at a time, so that two never
//! interleave.
//!
//! It also keeps the end of the session: after `exit` (or when the input
//! closes) the session ends at once, whatever analysis is running, with
//! status 0 when `shutdown` came first and 1 otherwise (LSP's `exit`).

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::{ClientSocket, LspService, Server};

use super::framing::{encode, Frame, FrameReader, Raw};
use super::Backend;

/// How long the writer may take, once the session ends, to pass on what
/// tower-lsp still has to say (the answer to `shutdown`, say).
const DRAIN: Duration = Duration::from_millis(25);

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    pub shutdown: bool,
    pub exit: bool,
}

impl Ended {
    /// The process's exit status: 0 after `shutdown`, 1 without.
    pub fn status(self) -> i32 {
        if self.shutdown {
            0
        } else {
            1
        }
    }
}

/// A message for the client written by our own writer, not tower-lsp: the
/// error replies to frames that do not parse, and messages the server must
/// know are out before it answers a request (partial results).
pub struct Outgoing {
    pub body: Vec<u8>,
    /// Told once the message is written.
    pub written: Option<oneshot::Sender<()>>,
}

/// Serve `service` over the client's `input` and `output` until `exit` or
/// the end of the input.
pub async fn serve<I, O>(input: I, output: O, service: LspService<Backend>, socket: ClientSocket) -> Ended
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (to_server, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    let (replies, replies_rx) = mpsc::unbounded_channel();
    // Weak: the writer ends once the reader, which holds the one strong
    // sender, is done.
    service.inner().shared.set_direct(replies.downgrade());
    let server = tokio::spawn(Server::new(server_in, server_out, socket).serve(service));
    let writer = tokio::spawn(write_frames(from_server, replies_rx, output));
    let ended = read_frames(input, to_server, replies).await;
    // The server's input is closed now; let it and the writer finish what
    // they have, briefly.
    let _ = tokio::time::timeout(DRAIN, writer).await;
    server.abort();
    ended
}

/// Read the client's frames: forward those that parse, answer the others.
async fn read_frames<I: AsyncRead + Unpin>(
    mut input: I,
    mut to_server: tokio::io::DuplexStream,
    replies: mpsc::UnboundedSender<Outgoing>,
) -> Ended {
    let mut reader = FrameReader::new();
    let mut ended = Ended { shutdown: false, exit: false };
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        while let Some(frame) = reader.next_frame() {
            match frame {
                Frame::Message(message) => {
                    match message.method.as_deref() {
                        Some("shutdown") => ended.shutdown = true,
                        Some("exit") => ended.exit = true,
                        _ => {}
                    }
                    if ended.exit {
                        return ended;
                    }
                    if to_server.write_all(&encode(&message.body)).await.is_err() {
                        eprintln!("newslint lsp: the server stopped reading");
                        return ended;
                    }
                }
                Frame::Malformed(bad) => {
                    eprintln!("newslint lsp: a message that does not parse was answered with error {}: {}", bad.code, bad.why);
                    let _ = replies.send(Outgoing { body: bad.response(), written: None });
                }
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => {
                if let Some(bad) = reader.finish() {
                    eprintln!("newslint lsp: {}", bad.why);
                }
                return ended;
            }
            Ok(n) => reader.push(&chunk[..n]),
        }
    }
}

/// Write tower-lsp's frames and our replies to the client, one whole frame
/// at a time, until both are done.
async fn write_frames<O: AsyncWrite + Unpin>(
    mut from_server: tokio::io::DuplexStream,
    mut replies: mpsc::UnboundedReceiver<Outgoing>,
    mut output: O,
) {
    let mut frames = FrameReader::new();
    let mut chunk = vec![0u8; 1 << 16];
    let (mut server_open, mut replies_open) = (true, true);
    while server_open || replies_open {
        let body = tokio::select! {
            read = from_server.read(&mut chunk), if server_open => {
                match read {
                    Ok(0) | Err(_) => server_open = false,
                    Ok(n) => frames.push(&chunk[..n]),
                }
                None
            }
            reply = replies.recv(), if replies_open => {
                if reply.is_none() {
                    replies_open = false;
                }
                reply
            }
        };
        let mut out = Vec::new();
        let mut written = None;
        if let Some(ours) = body {
            out.extend(encode(&ours.body));
            written = ours.written;
        }
        // tower-lsp's own frames are well formed: no need to check them.
        while let Some(raw) = frames.next_raw() {
            if let Raw::Body(body) = raw {
                out.extend(encode(&body));
            }
        }
        if !out.is_empty() && (output.write_all(&out).await.is_err() || output.flush().await.is_err()) {
            return;
        }
        if let Some(written) = written {
            let _ = written.send(());
        }
    }
}
