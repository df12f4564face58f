//! An in-process LSP client that drives the real server over
//! `tokio::io::duplex` pipes: requests and their responses, notifications
//! from the server kept per kind, and automatic answers to the server's own
//! requests (registrations, progress tokens, refreshes).
#![allow(dead_code)] // Each test binary uses part of the harness.

pub mod fixtures;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, WriteHalf};
use tokio::sync::{oneshot, Notify};
use tower_lsp_server::ls_types::Uri;
use newslint::server::Analyser;

/// How long a test waits for the server to say something.
pub const PATIENCE: Duration = Duration::from_secs(10);

#[derive(Default)]
struct Inbox {
    pending: HashMap<i64, oneshot::Sender<Value>>,
    /// Every notification, in order.
    notifications: Vec<Value>,
    /// Every request the server sent us.
    server_requests: Vec<Value>,
    /// Responses to no request of ours (errors answering a frame that did
    /// not parse, with id null).
    unmatched: Vec<Value>,
}

pub struct TestClient {
    writer: Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    inbox: Arc<Mutex<Inbox>>,
    arrived: Arc<Notify>,
    next_id: i64,
    /// The version last sent per document.
    versions: HashMap<String, i32>,
    /// The server's answer to `initialize`.
    pub init: Value,
}

/// Capabilities of a plain client: UTF-16 only, publishes only, no file
/// watching, progress supported.
pub fn plain_capabilities() -> Value {
    json!({
        "window": { "workDoneProgress": true },
        "workspace": { "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] } },
        "textDocument": { "hover": { "contentFormat": ["markdown"] } }
    })
}

pub fn file_uri(path: &Path) -> String {
    Uri::from_file_path(path).expect("absolute path").as_str().to_string()
}

pub fn path_of_uri(uri: &str) -> PathBuf {
    let uri: Uri = uri.parse().expect("a URI");
    uri.to_file_path().expect("a file URI").into_owned()
}

impl TestClient {
    /// Start a server and initialize it with `root` (none: single-file
    /// mode) and the given client capabilities.
    pub async fn start(root: Option<&Path>, capabilities: Value) -> TestClient {
        Self::start_with(root, capabilities, json!({})).await
    }

    pub async fn start_with(root: Option<&Path>, capabilities: Value, extra: Value) -> TestClient {
        Self::start_analysing(root, capabilities, extra, newslint::analysis::analyze).await
    }

    /// Start a server that analyses articles with `analyser`.
    pub async fn start_analysing(root: Option<&Path>, capabilities: Value, extra: Value, analyser: Analyser) -> TestClient {
        let (client_side, server_side) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_side);
        tokio::spawn(newslint::server::serve_with(server_read, server_write, analyser));
        let (client_read, client_write) = tokio::io::split(client_side);
        let mut client = TestClient {
            writer: Arc::new(tokio::sync::Mutex::new(client_write)),
            inbox: Arc::new(Mutex::new(Inbox::default())),
            arrived: Arc::new(Notify::new()),
            next_id: 0,
            versions: HashMap::new(),
            init: Value::Null,
        };
        tokio::spawn(read_loop(BufReader::new(client_read), client.inbox.clone(), client.writer.clone(), client.arrived.clone()));
        let mut params = json!({
            "processId": null,
            "capabilities": capabilities,
            "rootUri": root.map(file_uri),
            "workspaceFolders": root.map(|r| json!([{ "uri": file_uri(r), "name": "corpus" }])),
            "clientInfo": { "name": "newslint-tests" }
        });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                p.insert(k.clone(), v.clone());
            }
        }
        let init = client.request("initialize", params).await.expect("initialize succeeds");
        assert!(init["capabilities"].is_object(), "{init}");
        client.init = init;
        client.notify("initialized", json!({})).await;
        client
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let (tx, rx) = oneshot::channel();
        self.inbox.lock().unwrap().pending.insert(id, tx);
        send(&self.writer, &json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })).await;
        let response = tokio::time::timeout(PATIENCE, rx)
            .await
            .unwrap_or_else(|_| panic!("no answer to {method} within {PATIENCE:?}"))
            .expect("the server answers");
        match response.get("error") {
            Some(e) => Err(e.clone()),
            None => Ok(response["result"].clone()),
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        send(&self.writer, &json!({ "jsonrpc": "2.0", "method": method, "params": params })).await;
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        self.versions.insert(uri.to_string(), 1);
        let doc = json!({ "uri": uri, "languageId": "plaintext", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": doc })).await;
    }

    /// Send one `didChange` with the given changes; returns its version.
    pub async fn change(&mut self, uri: &str, changes: Value) -> i32 {
        let version = self.versions.entry(uri.to_string()).or_insert(0);
        *version += 1;
        let version = *version;
        let params = json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes });
        self.notify("textDocument/didChange", params).await;
        version
    }

    /// Send bytes as they are, framing and all.
    pub async fn send_raw(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().await;
        w.write_all(bytes).await.expect("the server reads");
        w.flush().await.expect("flush");
    }

    /// Every response that answered no request of ours.
    pub fn unmatched(&self) -> Vec<Value> {
        self.inbox.lock().unwrap().unmatched.clone()
    }

    pub async fn close(&mut self, uri: &str) {
        self.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } })).await;
    }

    /// Every notification so far with this method.
    pub fn notifications(&self, method: &str) -> Vec<Value> {
        self.inbox.lock().unwrap().notifications.iter().filter(|n| n["method"] == method).cloned().collect()
    }

    /// Every request the server sent so far with this method.
    pub fn server_requests(&self, method: &str) -> Vec<Value> {
        self.inbox.lock().unwrap().server_requests.iter().filter(|n| n["method"] == method).cloned().collect()
    }

    /// Every `publishDiagnostics` for a URI so far.
    pub fn published(&self, uri: &str) -> Vec<Value> {
        self.notifications("textDocument/publishDiagnostics")
            .into_iter()
            .filter(|n| n["params"]["uri"] == uri)
            .map(|n| n["params"].clone())
            .collect()
    }

    /// The diagnostics last published for a URI.
    pub fn last_diagnostics(&self, uri: &str) -> Option<Vec<Value>> {
        self.published(uri).last().map(|p| p["diagnostics"].as_array().cloned().unwrap_or_default())
    }

    /// Wait until the diagnostics last published for `uri` satisfy `ok`, and
    /// return them. Panics with what was last published after a while.
    pub async fn wait_diagnostics(&self, uri: &str, ok: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        self.wait_for(|c| c.last_diagnostics(uri).filter(|d| ok(d)))
            .await
            .unwrap_or_else(|| panic!("diagnostics of {uri} never as expected; last: {:#?}", self.last_diagnostics(uri)))
    }

    /// Wait until `f` returns something.
    pub async fn wait_for<T>(&self, f: impl Fn(&TestClient) -> Option<T>) -> Option<T> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let arrived = self.arrived.notified();
            tokio::pin!(arrived);
            arrived.as_mut().enable();
            if let Some(t) = f(self) {
                return Some(t);
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return f(self);
            }
        }
    }

    /// Wait until the server has indexed the workspace (its progress ended).
    pub async fn wait_indexed(&self) {
        let ended = self
            .wait_for(|c| {
                c.notifications("$/progress").iter().any(|n| n["params"]["value"]["kind"] == "end").then_some(())
            })
            .await;
        assert!(ended.is_some(), "indexing never ended");
    }

    /// Let the server finish what it is doing: wait until nothing arrives
    /// for a moment.
    pub async fn settle(&self) {
        loop {
            let arrived = self.arrived.notified();
            if tokio::time::timeout(Duration::from_millis(400), arrived).await.is_err() {
                return;
            }
        }
    }
}

async fn send(writer: &tokio::sync::Mutex<WriteHalf<DuplexStream>>, message: &Value) {
    let body = message.to_string();
    let mut w = writer.lock().await;
    w.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).await.expect("the server reads");
    w.flush().await.expect("flush");
}

/// Read the server's messages: responses go to whoever waits for them,
/// notifications to the inbox, and the server's requests are answered.
async fn read_loop(
    mut reader: BufReader<tokio::io::ReadHalf<DuplexStream>>,
    inbox: Arc<Mutex<Inbox>>,
    writer: Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    arrived: Arc<Notify>,
) {
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("the server sends JSON");
        let has_method = message.get("method").is_some();
        match (message.get("id").cloned(), has_method) {
            (Some(id), false) => {
                let tx = id.as_i64().and_then(|id| inbox.lock().unwrap().pending.remove(&id));
                match tx {
                    Some(tx) => {
                        let _ = tx.send(message);
                    }
                    None => inbox.lock().unwrap().unmatched.push(message),
                }
            }
            (Some(id), true) => {
                inbox.lock().unwrap().server_requests.push(message.clone());
                let result = match message["method"].as_str() {
                    Some("workspace/configuration") => json!([]),
                    _ => Value::Null,
                };
                send(&writer, &json!({ "jsonrpc": "2.0", "id": id, "result": result })).await;
            }
            (None, _) => inbox.lock().unwrap().notifications.push(message),
        }
        arrived.notify_waiters();
    }
}

/// The text a range covers, with columns counted in `encoding` ("utf-8",
/// "utf-16" or "utf-32"), computed here independently of the server.
pub fn text_at<'t>(text: &'t str, range: &Value, encoding: &str) -> &'t str {
    let start = offset_at(text, &range["start"], encoding);
    let end = offset_at(text, &range["end"], encoding);
    &text[start..end]
}

pub fn offset_at(text: &str, position: &Value, encoding: &str) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let Some(line_start) = line_starts(text).get(line).copied() else { return text.len() };
    let mut counted = 0;
    for (i, c) in text[line_start..].char_indices() {
        if counted >= character || c == '\n' || c == '\r' {
            return line_start + i;
        }
        counted += match encoding {
            "utf-8" => c.len_utf8(),
            "utf-16" => c.len_utf16(),
            _ => 1,
        };
    }
    text.len()
}

/// Where each line starts, counting "\n", "\r\n" and a lone "\r" as line
/// breaks, as LSP does.
pub fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let breaks = (0..b.len()).filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')));
    std::iter::once(0).chain(breaks.map(|i| i + 1)).collect()
}

/// The position of byte `offset` in `encoding`.
pub fn position_of(text: &str, offset: usize, encoding: &str) -> Value {
    let starts = line_starts(text);
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let prefix = &text[starts[line]..offset];
    let character = match encoding {
        "utf-8" => prefix.len(),
        "utf-16" => prefix.encode_utf16().count(),
        _ => prefix.chars().count(),
    };
    json!({ "line": line, "character": character })
}

/// The codes of a list of diagnostics, with the text each covers.
pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect()
}

pub fn has_code(diagnostics: &[Value], code: &str) -> bool {
    diagnostics.iter().any(|d| d["code"] == code)
}
