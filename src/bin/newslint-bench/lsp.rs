//! A minimal LSP client over the real `newslint lsp` process's stdio, and
//! the server benchmarks: first diagnostics for the whole corpus, typing,
//! respelling a name, hover, references, memory.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use newslint::corpusgen::{GenArticle, Generator, Rng};

use crate::engine::{rename_target, typical, typing_offset};
use crate::measure::{mb, ms, over_budget, proc_cpu, proc_status_bytes, Samples, Table};

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<(Instant, Value)>,
    next_id: i64,
    /// "utf-8", "utf-16" or "utf-32".
    encoding: String,
    incremental: bool,
}

impl Client {
    pub fn start(server: &Path, root: &Path, log: &Path) -> Result<Client, String> {
        let mut child = Command::new(server)
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(log).map_err(|e| e.to_string())?)
            .spawn()
            .map_err(|e| format!("{}: {e}", server.display()))?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::with_capacity(1 << 20, stdout);
            while let Some(body) = read_frame(&mut reader) {
                let Ok(value) = serde_json::from_slice::<Value>(&body) else { continue };
                if tx.send((Instant::now(), value)).is_err() {
                    break;
                }
            }
        });
        Ok(Client { child, stdin, rx, next_id: 1, encoding: "utf-16".into(), incremental: false })
    }

    pub fn pid(&self) -> String {
        self.child.id().to_string()
    }

    fn send(&mut self, message: &Value) -> Result<(), String> {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).and_then(|_| self.stdin.flush()).map_err(|e| format!("server gone: {e}"))
    }

    pub fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    pub fn request(&mut self, method: &str, params: Value) -> Result<i64, String> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        Ok(id)
    }

    /// The next message from the server, answering its requests on the way.
    pub fn recv(&mut self, timeout: Duration) -> Result<Option<(Instant, Value)>, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((at, msg)) => {
                    if let (Some(id), Some(method)) = (msg.get("id"), msg.get("method").and_then(Value::as_str)) {
                        let result = match method {
                            "workspace/configuration" => {
                                let n = msg["params"]["items"].as_array().map_or(0, Vec::len);
                                Value::Array(vec![Value::Null; n])
                            }
                            _ => Value::Null,
                        };
                        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}))?;
                        continue;
                    }
                    return Ok(Some((at, msg)));
                }
                Err(RecvTimeoutError::Timeout) => return Ok(None),
                Err(RecvTimeoutError::Disconnected) => return Err("the server closed its output".into()),
            }
        }
    }

    /// Waits for the response to request `id`.
    pub fn response(&mut self, id: i64, timeout: Duration) -> Result<(Instant, Value), String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.recv(left)? {
                Some((at, msg)) if msg.get("id").and_then(Value::as_i64) == Some(id) => {
                    if let Some(err) = msg.get("error") {
                        return Err(format!("request {id} failed: {err}"));
                    }
                    return Ok((at, msg));
                }
                Some(_) => {}
                None => return Err(format!("no response to request {id} within {timeout:?}")),
            }
        }
    }

    pub fn initialize(&mut self, root: &Path) -> Result<(), String> {
        let uri = uri_of(root);
        let id = self.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "clientInfo": {"name": "newslint-bench"},
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "bench"}],
                "capabilities": {
                    "general": {"positionEncodings": ["utf-8", "utf-16"]},
                    "window": {"workDoneProgress": true},
                    "workspace": {"workspaceFolders": true, "configuration": true},
                    "textDocument": {
                        "synchronization": {"dynamicRegistration": false, "didSave": true},
                        "publishDiagnostics": {"versionSupport": true, "relatedInformation": true},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "references": {}
                    }
                }
            }),
        )?;
        let (_, response) = self.response(id, Duration::from_secs(60))?;
        let caps = &response["result"]["capabilities"];
        if let Some(enc) = caps["positionEncoding"].as_str() {
            self.encoding = enc.to_string();
        }
        let sync = &caps["textDocumentSync"];
        self.incremental = sync.as_i64() == Some(2) || sync["change"].as_i64() == Some(2);
        Ok(())
    }

    pub fn open(&mut self, path: &Path, text: &str) -> Result<(), String> {
        self.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri_of(path), "languageId": "plaintext", "version": 1, "text": text}}))
    }

    /// Replaces bytes `range` of `old` with `new`, as the client's sync kind
    /// asks.
    pub fn change(&mut self, path: &Path, version: i64, old: &str, range: std::ops::Range<usize>, new: &str) -> Result<(), String> {
        let change = if self.incremental {
            json!({"range": {"start": self.position(old, range.start), "end": self.position(old, range.end)}, "text": new})
        } else {
            json!({"text": format!("{}{new}{}", &old[..range.start], &old[range.end..])})
        };
        self.notify("textDocument/didChange", json!({"textDocument": {"uri": uri_of(path), "version": version}, "contentChanges": [change]}))
    }

    /// An LSP position of byte `offset` of `text` in the negotiated encoding.
    pub fn position(&self, text: &str, offset: usize) -> Value {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..line_start].matches('\n').count();
        let before = &text[line_start..offset];
        let character = match self.encoding.as_str() {
            "utf-8" => before.len(),
            "utf-32" => before.chars().count(),
            _ => before.encode_utf16().count(),
        };
        json!({"line": line, "character": character})
    }

    pub fn shutdown(mut self) -> Option<u64> {
        let pid = self.pid();
        let peak = proc_status_bytes(&pid, "VmHWM");
        if let Ok(id) = self.request("shutdown", Value::Null) {
            let _ = self.response(id, Duration::from_secs(10));
            let _ = self.notify("exit", Value::Null);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return peak;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        peak
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(body)
}

pub fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The file name at the end of a URI.
fn file_of(uri: &str) -> &str {
    uri.rsplit('/').next().unwrap_or(uri)
}

fn published(msg: &Value) -> Option<(&str, Option<i64>)> {
    (msg.get("method")?.as_str()? == "textDocument/publishDiagnostics").then(|| (msg["params"]["uri"].as_str().unwrap_or(""), msg["params"]["version"].as_i64()))
}

#[derive(Default)]
pub struct LspFigures {
    pub articles: usize,
    pub bytes: u64,
    pub first_all: Option<Duration>,
    pub published: usize,
    pub progress_end: Option<Duration>,
    pub typing: Samples,
    pub rename_own: Samples,
    pub rename_all: Samples,
    pub rename_republished: f64,
    pub hover: Samples,
    pub references: Samples,
    pub references_len: f64,
    pub rss_indexed: Option<u64>,
    pub peak_rss: Option<u64>,
    /// `initialized` → the first diagnostics of any article.
    pub first_published: Option<Duration>,
    /// `initialized` → the first diagnostics of the article opened right
    /// after it (as an editor restoring a session opens its files).
    pub open_first: Option<Duration>,
    /// The server's CPU time once the whole corpus has diagnostics.
    pub cpu_indexed: Option<Duration>,
    pub note: String,
}

pub struct Setup<'a> {
    pub server: &'a Path,
    pub dir: &'a Path,
    pub generator: &'a Generator,
    pub generated: &'a [GenArticle],
    pub bytes: u64,
    pub samples: usize,
    /// How long to wait for the whole corpus's diagnostics.
    pub patience: Duration,
}

pub fn run(setup: &Setup) -> LspFigures {
    let mut f = LspFigures { articles: setup.generated.len(), bytes: setup.bytes, ..LspFigures::default() };
    let log = setup.dir.with_extension("server.log");
    let mut client = match Client::start(setup.server, setup.dir, &log) {
        Ok(c) => c,
        Err(e) => {
            f.note = e;
            return f;
        }
    };
    if let Err(e) = phases(&mut client, setup, &mut f) {
        f.note = format!("{e} (server log: {})", log.display());
    }
    f.peak_rss = client.shutdown().or(f.rss_indexed);
    f
}

fn phases(client: &mut Client, setup: &Setup, f: &mut LspFigures) -> Result<(), String> {
    client.initialize(setup.dir)?;
    client.notify("initialized", json!({}))?;
    let start = Instant::now();
    let abs = |a: &GenArticle| setup.dir.join(a.file_name());
    // The article typed in below is open from the start.
    let article = typical(setup.generated);
    let path = abs(article);
    let open_name = article.file_name();
    client.open(&path, &article.text)?;
    let mut seen: HashSet<String> = HashSet::new();
    let mut last = None;
    let want = setup.generated.len();
    // Until every article has diagnostics, or the server has been quiet for
    // a while: a minute while it reports progress, five seconds once it has
    // published.
    while seen.len() < want && start.elapsed() < setup.patience {
        let quiet = if seen.is_empty() { Duration::from_secs(60) } else { Duration::from_secs(5) };
        let Some((at, msg)) = client.recv(quiet)? else { break };
        if let Some((uri, _)) = published(&msg) {
            if file_of(uri) == open_name {
                f.open_first.get_or_insert(at - start);
            }
            seen.insert(file_of(uri).to_string());
            last = Some(at - start);
            f.first_published.get_or_insert(at - start);
        } else if msg["method"] == "$/progress" && msg["params"]["value"]["kind"] == "end" {
            f.progress_end = Some(at - start);
        }
    }
    f.published = seen.len();
    f.first_all = last;
    f.rss_indexed = proc_status_bytes(&client.pid(), "VmRSS");
    f.cpu_indexed = proc_cpu(&client.pid());
    if seen.is_empty() {
        return Err("no diagnostics were published".into());
    }

    // Typing one character, then deleting it, in a 5 KB article.
    let at = typing_offset(article);
    let typed = format!("{}x{}", &article.text[..at], &article.text[at..]);
    let mut version = 1;
    for k in 0..setup.samples {
        version += 1;
        let t = Instant::now();
        if k % 2 == 0 {
            client.change(&path, version, &article.text, at..at, "x")?;
        } else {
            client.change(&path, version, &typed, at..at + 1, "")?;
        }
        let got = wait_published(client, &path, Some(version), Duration::from_secs(10))?;
        f.typing.push(got - t);
    }
    if setup.samples % 2 == 1 {
        version += 1;
        client.change(&path, version, &typed, at..at + 1, "")?;
        wait_published(client, &path, Some(version), Duration::from_secs(10))?;
    }

    // Respelling a name that other articles use: its diagnostics, and those
    // of every other article that mentions the name.
    if let Some((article, i)) = rename_target(setup.generator, setup.generated) {
        let m = &article.mentions[i];
        let spellings = &setup.generator.population.entity(m.entity).spellings;
        let (a, b) = (spellings[m.spelling].as_str(), spellings[usize::from(m.spelling == 0)].as_str());
        let others = setup.generated.iter().filter(|g| g.index != article.index && g.mentions.iter().any(|x| x.entity == m.entity)).count();
        let path = abs(article);
        let respelt = format!("{}{b}{}", &article.text[..m.span.start], &article.text[m.span.end..]);
        client.open(&path, &article.text)?;
        wait_published(client, &path, None, Duration::from_secs(30))?;
        let mut republished = 0;
        for k in 0..setup.samples {
            let (old, new, len) = if k % 2 == 0 { (&article.text, b, a.len()) } else { (&respelt, a, b.len()) };
            let t = Instant::now();
            client.change(&path, k as i64 + 2, old, m.span.start..m.span.start + len, new)?;
            let (own, last, count) = wait_republished(client, &path, k as i64 + 2, others)?;
            f.rename_own.push(own - t);
            f.rename_all.push(last - t);
            republished += count;
        }
        f.rename_republished = republished as f64 / setup.samples.max(1) as f64;
    }

    // Hover and references on names in articles that are open.
    let mut rng = Rng::new(0x4077);
    let opened: Vec<&GenArticle> = setup.generated.iter().take(20).collect();
    let mut waiting: HashSet<String> = HashSet::new();
    for a in &opened {
        if a.index != article.index {
            client.open(&abs(a), &a.text)?;
            waiting.insert(a.file_name());
        }
    }
    // The requests are timed, not the analyses of the articles just opened
    // (a request waits for its article's analysis): once each has its
    // diagnostics, the server is done with them.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !waiting.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        let Some((_, msg)) = client.recv(left)? else { return Err(format!("{} opened articles got no diagnostics", waiting.len())) };
        if let Some((uri, _)) = published(&msg) {
            waiting.remove(file_of(uri));
        }
    }
    // And once the articles those affected are published too (300 ms with
    // nothing from the server): the requests are timed on a quiet server.
    while client.recv(Duration::from_millis(300))?.is_some() {}
    let mut total = 0;
    for k in 0..2 * setup.samples {
        let a = opened[rng.below(opened.len())];
        let m = &a.mentions[rng.below(a.mentions.len())];
        let text = if a.index == article.index { &article.text } else { &a.text };
        let position = client.position(text, m.span.start + 1);
        let doc = json!({"uri": uri_of(&abs(a))});
        let t = Instant::now();
        if k % 2 == 0 {
            let id = client.request("textDocument/hover", json!({"textDocument": doc, "position": position}))?;
            let (at, _) = client.response(id, Duration::from_secs(10))?;
            f.hover.push(at - t);
        } else {
            let id = client.request("textDocument/references", json!({"textDocument": doc, "position": position, "context": {"includeDeclaration": true}}))?;
            let (at, response) = client.response(id, Duration::from_secs(10))?;
            f.references.push(at - t);
            total += response["result"].as_array().map_or(0, Vec::len);
        }
    }
    f.references_len = total as f64 / f.references.len().max(1) as f64;
    Ok(())
}

/// Waits for diagnostics of `path` (of `version`, if the server says which).
fn wait_published(client: &mut Client, path: &Path, version: Option<i64>, timeout: Duration) -> Result<Instant, String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let Some((at, msg)) = client.recv(left)? else { return Err(format!("no diagnostics for {name} within {timeout:?}")) };
        if let Some((uri, v)) = published(&msg) {
            if file_of(uri) == name && (version.is_none() || v.is_none() || v == version) {
                return Ok(at);
            }
        }
    }
}

/// After a respelling: when the edited article's diagnostics came, when the
/// last other article's came, and how many others came (until `others` have
/// or the server is quiet for 300 ms).
fn wait_republished(client: &mut Client, path: &Path, version: i64, others: usize) -> Result<(Instant, Instant, usize), String> {
    let own = wait_published(client, path, Some(version), Duration::from_secs(30))?;
    let mut last = own;
    let mut count = 0;
    while count < others {
        let Some((at, msg)) = client.recv(Duration::from_millis(300))? else { break };
        if published(&msg).is_some() {
            count += 1;
            last = at;
        }
    }
    Ok((own, last, count))
}

pub fn tables(figures: &[LspFigures]) -> Vec<Table> {
    let mut start = Table::new(
        "Language server (`newslint lsp` over stdio)",
        &["articles", "corpus MB", "initialized → first / last diagnostics", "initialized → open article's first diagnostics", "server CPU by then", "articles published", "typing p50/p99", "respelt name: own / last other p50/p99", "others republished", "hover p50/p99", "references p50/p99", "locations returned", "peak RSS MB", "RSS per corpus MB", "peak RSS / (3 × corpus + 50 MB)"],
    );
    for f in figures {
        let peak = f.peak_rss.map_or("-".into(), |b| format!("{:.0}", mb(b)));
        let per = f.peak_rss.map_or("-".into(), |b| format!("{:.2}", b as f64 / f.bytes as f64));
        let budget = f.peak_rss.map_or("-".into(), |b| format!("{:.2}", over_budget(b, f.bytes)));
        let mut row = vec![
            f.articles.to_string(),
            format!("{:.1}", mb(f.bytes)),
            format!(
                "{} / {}",
                f.first_published.map_or("-".into(), |d| format!("{} ms", ms(d))),
                f.first_all.map_or("-".into(), |d| format!("{} ms", ms(d)))
            ),
            f.open_first.map_or("-".into(), |d| format!("{} ms", ms(d))),
            f.cpu_indexed.map_or("-".into(), |d| format!("{:.2} s", d.as_secs_f64())),
            f.published.to_string(),
            f.typing.summary(),
            format!("{} ; {}", f.rename_own.summary(), f.rename_all.summary()),
            format!("{:.0}", f.rename_republished),
            f.hover.summary(),
            f.references.summary(),
            format!("{:.0}", f.references_len),
            peak,
            per,
            budget,
        ];
        if !f.note.is_empty() {
            row[5] = format!("{} ({})", row[5], f.note);
        }
        start.row(row);
    }
    vec![start]
}

pub fn default_server() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.with_file_name("newslint")
}
