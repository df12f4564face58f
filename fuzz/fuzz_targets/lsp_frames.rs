//! LSP frames: arbitrary bytes after a well-formed `initialize` go to the
//! real server over in-memory streams. The server must neither panic nor
//! hang (libFuzzer's `-timeout` reports a hang).
//!
//! Today the framing is tower-lsp-server's own, which stops at the first
//! frame it cannot decode (issue 8, item 3): that is an end, not a crash,
//! so this target finds panics and stalls behind the framing; when the
//! server's own framing lands (`src/server/framing.rs`), this target should
//! call it directly and check that every bad frame gets an error reply.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use tower_lsp_server::Server;

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
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let (service, socket) = newslint::server::service();
        let serve = Server::new(&input[..], tokio::io::sink(), socket).serve(service);
        if tokio::time::timeout(Duration::from_secs(10), serve).await.is_err() {
            panic!("the server did not finish within 10 s");
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
});
