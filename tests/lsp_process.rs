//! A real `newslint lsp` process: exit statuses, a prompt end whatever is
//! running, and bad frames answered on stdout and logged on stderr.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use newslint::server::framing::{encode, FrameReader, Raw};
use serde_json::{json, Value};

/// How long `exit` or a closed input may take to end the process.
const PROMPT: Duration = Duration::from_millis(100);

struct Lsp {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: mpsc::Receiver<Value>,
}

impl Lsp {
    fn start() -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newslint"))
            .arg("lsp")
            .env_remove("RUST_BACKTRACE")
            .current_dir(std::env::temp_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("newslint lsp starts");
        let mut stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut frames = FrameReader::new();
            let mut chunk = [0u8; 8192];
            while let Ok(n @ 1..) = stdout.read(&mut chunk) {
                frames.push(&chunk[..n]);
                while let Some(raw) = frames.next_raw() {
                    let Raw::Body(body) = raw else { panic!("the server wrote a bad frame: {raw:?}") };
                    let _ = tx.send(serde_json::from_slice(&body).expect("the server writes JSON"));
                }
            }
        });
        let stdin = child.stdin.take();
        let mut lsp = Lsp { child, stdin, messages };
        lsp.send(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "capabilities": {} } }));
        lsp.answer(1);
        lsp.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
        lsp
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(&encode(message.to_string().as_bytes()));
    }

    /// The response with this id (null: an error about a bad frame).
    fn answer(&self, id: impl Into<Value>) -> Value {
        let id = id.into();
        loop {
            let m = self.messages.recv_timeout(Duration::from_secs(10)).expect("an answer within 10 s");
            if m["id"] == id && m.get("method").is_none() {
                return m;
            }
        }
    }

    /// Wait for the process to end; its status and how long it took.
    fn ended(&mut self, since: Instant) -> (i32, Duration) {
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status.code().unwrap_or(-1), since.elapsed());
            }
            if since.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("still running after 20 s");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn stderr(&mut self) -> String {
        let mut s = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut s).unwrap();
        s
    }

    /// Open a document whose analysis takes long on the analysis as it was
    /// (stray closing marks: time cubic in their number), and give it a
    /// moment to start.
    fn open_slow_document(&mut self) {
        let text = "a\u{201d} ".repeat(3000);
        let uri = format!("file://{}/newslint-slow-not-on-disk.txt", std::env::temp_dir().display());
        let doc = json!({ "uri": uri, "languageId": "plaintext", "version": 1, "text": text });
        self.send(&json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": doc } }));
        std::thread::sleep(Duration::from_millis(300));
    }
}

#[test]
fn exit_after_shutdown_is_status_0_and_without_it_status_1() {
    let mut lsp = Lsp::start();
    lsp.send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    assert_eq!(lsp.answer(2)["result"], Value::Null);
    lsp.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(lsp.ended(Instant::now()).0, 0);

    let mut lsp = Lsp::start();
    lsp.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(lsp.ended(Instant::now()).0, 1);
}

/// One after the other, so that two hostile analyses do not compete for the
/// cores while the end is timed.
#[test]
fn exit_and_a_closed_input_end_the_process_at_once_whatever_is_running() {
    let mut lsp = Lsp::start();
    lsp.open_slow_document();
    lsp.send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    lsp.answer(2);
    lsp.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    let (status, took) = lsp.ended(Instant::now());
    eprintln!("exit during an analysis: the process ended after {took:?}");
    assert_eq!(status, 0);
    assert!(took < PROMPT, "exit took {took:?}");

    let mut lsp = Lsp::start();
    lsp.open_slow_document();
    lsp.stdin.take();
    let (status, took) = lsp.ended(Instant::now());
    eprintln!("end of input during an analysis: the process ended after {took:?}");
    // Without `shutdown` first, the end is abnormal.
    assert_eq!(status, 1);
    assert!(took < PROMPT, "the end of the input took {took:?}");
}

#[test]
fn a_bad_frame_is_answered_on_stdout_logged_on_stderr_and_the_server_goes_on() {
    let mut lsp = Lsp::start();
    lsp.send_raw(&encode(b"{\"jsonrpc\":\"2.0\",\"id\":"));
    let error = lsp.answer(Value::Null);
    assert_eq!(error["error"]["code"], -32700, "{error}");
    lsp.send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    assert_eq!(lsp.answer(2)["result"], Value::Null);
    lsp.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(lsp.ended(Instant::now()).0, 0);
    let stderr = lsp.stderr();
    let logged: Vec<&str> = stderr.lines().filter(|l| l.contains("does not parse")).collect();
    assert_eq!(logged.len(), 1, "{stderr}");
}

#[test]
fn a_panic_in_the_analysis_prints_one_line_and_no_stack_trace() {
    let mut lsp = Lsp::start();
    // The text of issue 8 that made the attribution step slice backwards.
    let text = "Aides briefed the State Department \u{201c}It went well,\u{201d} said\n";
    let uri = format!("file://{}/newslint-panic-not-on-disk.txt", std::env::temp_dir().display());
    let doc = json!({ "uri": uri, "languageId": "plaintext", "version": 1, "text": text });
    lsp.send(&json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": doc } }));
    // The server is still there, and answers about the document at once.
    let asked = Instant::now();
    lsp.send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol", "params": { "textDocument": { "uri": uri } } }));
    assert!(lsp.answer(2).get("result").is_some());
    assert!(asked.elapsed() < Duration::from_millis(2500), "took {:?}", asked.elapsed());
    lsp.send(&json!({ "jsonrpc": "2.0", "id": 3, "method": "shutdown" }));
    lsp.answer(3);
    lsp.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(lsp.ended(Instant::now()).0, 0);
    let stderr = lsp.stderr();
    assert!(!stderr.contains("stack backtrace") && !stderr.contains("panicked at"), "{stderr}");
    assert!(stderr.lines().filter(|l| l.contains("failed")).count() <= 1, "{stderr}");
}
