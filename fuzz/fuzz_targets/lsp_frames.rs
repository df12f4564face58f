//! LSP frames: arbitrary bytes after a well-formed `initialize` go to the
//! real server (`newslint::server::serve`, with our own framing in front of
//! tower-lsp) over in-memory streams. The server must neither panic nor hang
//! (libFuzzer's `-timeout` reports a hang), and every frame that
//! `server::framing::frames_of` finds malformed before the session ends must
//! get its JSON-RPC error reply (parse error or invalid request).
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use newslint::server::framing::{frames_of, Frame, INVALID_REQUEST, PARSE_ERROR};
use serde_json::Value;
use tokio::io::AsyncReadExt;

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fuzz_target!(|data: &[u8]| {
    let mut input = frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    input.extend(frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#));
    // The fuzz input as frames of its own where it splits on NUL bytes
    // (so that the fuzzer reaches the messages behind the framing), and
    // raw where it does not.
    if data.contains(&0) {
        for body in data.split(|&b| b == 0) {
            input.extend(format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes());
            input.extend_from_slice(body);
        }
    } else {
        input.extend_from_slice(data);
    }
    input.extend(frame(r#"{"jsonrpc":"2.0","id":99,"method":"shutdown"}"#));
    input.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));

    // What the framing makes of the input: the malformed frames before the
    // first `exit` (after it the session is over and nothing is answered).
    let mut malformed = 0;
    for f in frames_of(&input, 4096) {
        match f {
            Frame::Message(m) if m.method.as_deref() == Some("exit") => break,
            Frame::Message(_) => {}
            Frame::Malformed(_) => malformed += 1,
        }
    }

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let output = runtime.block_on(async {
        let (server_out, mut client_in) = tokio::io::duplex(1 << 16);
        let reader = tokio::spawn(async move {
            let mut out = Vec::new();
            let _ = client_in.read_to_end(&mut out).await;
            out
        });
        let serve = newslint::server::serve(std::io::Cursor::new(input), server_out);
        if tokio::time::timeout(Duration::from_secs(10), serve).await.is_err() {
            panic!("the server did not finish within 10 s");
        }
        reader.await.expect("the reader task")
    });
    runtime.shutdown_timeout(Duration::from_millis(100));

    let errors = frames_of(&output, 4096)
        .into_iter()
        .filter_map(|f| match f {
            Frame::Message(m) => serde_json::from_slice::<Value>(&m.body).ok(),
            Frame::Malformed(_) => panic!("the server wrote a frame that does not parse"),
        })
        .filter(|v| v["error"]["code"].as_i64().is_some_and(|c| c == PARSE_ERROR || c == INVALID_REQUEST))
        .count();
    assert!(errors >= malformed, "{malformed} malformed frames, {errors} error replies");
});
