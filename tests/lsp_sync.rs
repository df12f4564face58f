//! Text sync end to end: a burst of rapid incremental edits ends where a
//! fresh open of the final text does; single-file mode; roots refused.

mod common;

use common::fixtures::{FOUR, THREE};
use common::*;
use serde_json::{json, Value};

/// A small deterministic generator, so a failing burst can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// Char boundaries where an editor may put a cursor: not between `\r` and
/// `\n`.
fn cursor_offsets(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    out.retain(|&i| !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n')));
    out
}

async fn outline(client: &mut TestClient, uri: &str) -> Value {
    client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } })).await.unwrap()
}

#[tokio::test]
async fn a_burst_of_incremental_edits_ends_where_a_fresh_open_does() {
    let mut client = TestClient::start(None, plain_capabilities()).await;
    let dir = std::env::temp_dir().join("newslint-burst-not-on-disk");
    let burst = file_uri(&dir.join("burst.txt"));
    let fresh = file_uri(&dir.join("fresh.txt"));
    // Lone CRs too: LSP counts "\r" as a line break, like "\n" and "\r\n".
    let pool = ["", "a", "’", "😀", "«x»", "\r\n", "Dmitriyev ", "“", "é", "said. ", "\n\n", "\r", "x\ry"];
    let mut model = THREE.replace('\n', "\r\n");
    client.open(&burst, &model).await;
    let mut rng = Lcg(2025);
    let mut version = 1;
    for _ in 0..300 {
        let mut changes = Vec::new();
        for _ in 0..1 + rng.next(3) {
            let offsets = cursor_offsets(&model);
            let a = offsets[rng.next(offsets.len())];
            let b = offsets[rng.next(offsets.len())];
            let (start, end) = (a.min(b), a.max(b));
            // Mostly small edits, as typing makes.
            // (to the next place a cursor can be: never inside a CRLF).
            let end = if rng.next(4) == 0 { end } else { offsets.iter().copied().find(|&o| o > start).map_or(start, |o| o.min(end)) };
            let text = pool[rng.next(pool.len())];
            let range = json!({ "start": position_of(&model, start, "utf-16"), "end": position_of(&model, end, "utf-16") });
            changes.push(json!({ "range": range, "text": text }));
            model.replace_range(start..end, text);
        }
        version = client.change(&burst, json!(changes)).await;
    }
    client.open(&fresh, &model).await;

    let burst_symbols = outline(&mut client, &burst).await;
    let fresh_symbols = outline(&mut client, &fresh).await;
    assert_eq!(burst_symbols, fresh_symbols);

    let final_burst = client
        .wait_for(|c| c.published(&burst).into_iter().rev().find(|p| p["version"] == version))
        .await
        .expect("diagnostics for the last version");
    let final_fresh = client.wait_for(|c| c.published(&fresh).into_iter().next_back()).await.unwrap();
    client.settle().await;
    assert_eq!(final_burst["diagnostics"], client.published(&fresh).last().unwrap()["diagnostics"]);
    assert_eq!(final_fresh["version"], 1);
    // Nothing older was published after the last version.
    let last = client.published(&burst).last().cloned().unwrap();
    assert_eq!(last["version"], version);
}

#[tokio::test]
async fn with_no_workspace_an_open_article_is_checked_alone() {
    let mut client = TestClient::start(None, plain_capabilities()).await;
    let uri = "untitled:Untitled-1";
    client.open(uri, FOUR).await;
    let d = client.wait_diagnostics(uri, |d| has_code(d, "missing-source")).await;
    assert_eq!(text_at(FOUR, &d[0]["range"], "utf-16"), "Harbour reopens after the storm");
    let hover = client
        .request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }))
        .await;
    assert!(hover.is_ok(), "{hover:?}");
    // Closing an unsaved buffer clears its diagnostics.
    client.close(uri).await;
    client.wait_diagnostics(uri, |d| d.is_empty()).await;
}

#[tokio::test]
async fn the_file_system_root_without_a_config_is_not_crawled() {
    let client = TestClient::start(Some(std::path::Path::new("/")), plain_capabilities()).await;
    let said = client
        .wait_for(|c| {
            c.notifications("window/logMessage")
                .into_iter()
                .find(|n| n["params"]["message"].as_str().unwrap_or("").contains("not indexing /"))
        })
        .await;
    assert!(said.is_some(), "no message about refusing /");
    client.settle().await;
    assert!(client.notifications("$/progress").is_empty(), "it indexed anyway");
    assert!(client.notifications("textDocument/publishDiagnostics").is_empty());
}

#[tokio::test]
async fn requests_about_unknown_documents_answer_nothing_and_the_server_carries_on() {
    let mut client = TestClient::start(None, plain_capabilities()).await;
    let nowhere = json!({ "textDocument": { "uri": "file:///nowhere/none.txt" }, "position": { "line": 3, "character": 99 } });
    assert_eq!(client.request("textDocument/hover", nowhere.clone()).await.unwrap(), Value::Null);
    assert_eq!(client.request("textDocument/definition", nowhere).await.unwrap(), Value::Null);
    // A change to a document never opened is ignored.
    client.change("file:///nowhere/none.txt", json!([{ "text": "x" }])).await;
    let uri = "untitled:Untitled-2";
    client.open(uri, FOUR).await;
    client.wait_diagnostics(uri, |d| has_code(d, "missing-source")).await;
}

#[tokio::test]
async fn an_open_file_the_configuration_leaves_out_is_not_checked() {
    let dir = common::fixtures::standard();
    common::fixtures::write(dir.path(), "README.md", FOUR);
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let readme = file_uri(&dir.path().join("README.md"));
    client.open(&readme, FOUR).await;
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": readme } })).await;
    assert_eq!(symbols.unwrap(), json!([]));
    client.settle().await;
    assert!(client.published(&readme).is_empty());
}

#[tokio::test]
async fn a_huge_open_document_is_not_checked_and_the_client_is_told() {
    let mut client = TestClient::start(None, plain_capabilities()).await;
    let uri = "untitled:Huge";
    client.open(uri, FOUR).await;
    client.wait_diagnostics(uri, |d| has_code(d, "missing-source")).await;
    let huge = FOUR.repeat(5 * 1024 * 1024 / FOUR.len());
    client.change(uri, json!([{ "text": huge }])).await;
    client.wait_diagnostics(uri, |d| d.is_empty()).await;
    let said = client
        .wait_for(|c| {
            c.notifications("window/logMessage")
                .into_iter()
                .find(|n| n["params"]["message"].as_str().unwrap_or("").contains("not checked: larger than 4 MiB"))
        })
        .await;
    assert!(said.is_some());
}
