//! The desk's workflow over LSP: an unattributed quotation is accepted
//! through its code action with a reason, in the review file or inline; its
//! warning goes, `newslint check` agrees, editing the quotation brings the
//! warning back, and a stale entry is reported as unused.

mod common;

use std::path::Path;

use common::fixtures;
use common::*;
use serde_json::{json, Value};

const ARTICLE: &str = "Council debates budget\nSource: Harbour Gazette, 2 May 2025\n\n\
    \u{ab} We will not let the harbour close this winter, \u{bb} the papers quoted after the vote.\n\
    The mayor, Ana Sousa, spoke later.\n";
const REASON: &str = "the council's statement, read out at the vote";

fn watching() -> Value {
    let mut caps = plain_capabilities();
    caps["workspace"]["didChangeWatchedFiles"] = json!({ "dynamicRegistration": true });
    caps
}

/// The text each URI has after a code action's edit: `changes`, or
/// `documentChanges` (a file created, then edited).
fn applied(action: &Value, texts: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut per_uri: Vec<(String, Vec<Value>)> = Vec::new();
    if let Some(changes) = action["edit"]["changes"].as_object() {
        for (uri, edits) in changes {
            per_uri.push((uri.clone(), edits.as_array().unwrap().clone()));
        }
    }
    for op in action["edit"]["documentChanges"].as_array().into_iter().flatten() {
        if let Some(uri) = op["textDocument"]["uri"].as_str() {
            per_uri.push((uri.to_string(), op["edits"].as_array().unwrap().clone()));
        }
    }
    per_uri
        .into_iter()
        .map(|(uri, mut edits)| {
            let text = texts.iter().find(|(u, _)| *u == uri).map_or("", |(_, t)| *t);
            edits.sort_by_key(|e| std::cmp::Reverse(offset_at(text, &e["range"]["start"], "utf-16")));
            let mut new = text.to_string();
            for e in edits {
                let (s, t) = (offset_at(text, &e["range"]["start"], "utf-16"), offset_at(text, &e["range"]["end"], "utf-16"));
                new.replace_range(s..t, e["newText"].as_str().unwrap());
            }
            (uri, new)
        })
        .collect()
}

async fn actions_on(client: &mut TestClient, uri: &str, diagnostic: &Value) -> Vec<Value> {
    let params = json!({ "textDocument": { "uri": uri }, "range": diagnostic["range"], "context": { "diagnostics": [diagnostic] } });
    client.request("textDocument/codeAction", params).await.unwrap().as_array().unwrap().clone()
}

fn check_output(dir: &Path, extra: &[&str]) -> String {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_newslint"))
        .arg("check")
        .args(extra)
        .arg(dir)
        .output()
        .expect("newslint runs");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[tokio::test]
async fn accepting_in_the_review_file_with_a_reason_silences_the_warning_until_the_quotation_changes() {
    let dir = fixtures::corpus(&[("news/a.txt", ARTICLE)]);
    let mut client = TestClient::start(Some(dir.path()), watching()).await;
    client.wait_indexed().await;
    let a = file_uri(&dir.path().join("news/a.txt"));
    client.open(&a, ARTICLE).await;
    let d = client.wait_diagnostics(&a, |d| has_code(d, "unattributed-quote")).await;
    let warning = d.iter().find(|d| d["code"] == "unattributed-quote").unwrap().clone();
    assert!(warning["message"].as_str().unwrap().contains("« We will not let"), "{warning}");

    let actions = actions_on(&mut client, &a, &warning).await;
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    // The quotation's own actions, and nothing about the name on the next line.
    assert!(titles.iter().all(|t| !t.contains("Sousa")), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("Insert an attribution")), "{titles:?}");
    let accept = actions
        .iter()
        .find(|x| x["title"] == "Accept this unattributed quotation in newslint-review.toml (record a reason)")
        .unwrap_or_else(|| panic!("no accept action in {titles:?}"));

    // The file does not exist yet: the edit creates it, with a placeholder
    // reason for the user to write.
    let review_path = dir.path().join("newslint-review.toml");
    let review_uri = file_uri(&review_path);
    let edited = applied(accept, &[]);
    let (uri, entry) = &edited[0];
    assert_eq!(uri, &review_uri);
    assert!(entry.contains("file = \"news/a.txt\"") && entry.contains("rule = \"unattributed-quote\""), "{entry}");
    assert!(entry.contains("anchor = \"We will not let the harbour close this winter,\""), "{entry}");
    assert!(entry.contains("reason = \"TODO: why\""), "{entry}");
    assert!(!review_path.exists(), "the server never writes a file");

    // The user writes the reason and saves; the client reports the change.
    let reviewed = entry.replace("TODO: why", REASON);
    std::fs::write(&review_path, &reviewed).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": review_uri, "type": 1 }] })).await;
    client.wait_diagnostics(&a, |d| !has_code(d, "unattributed-quote") && !has_code(d, "invalid-suppression")).await;

    // The command line agrees, and lists the reason.
    let out = check_output(dir.path(), &["--show-suppressed"]);
    assert!(!out.contains("warning[unattributed-quote]"), "{out}");
    assert!(out.contains("accepted[unattributed-quote]") && out.contains(REASON), "{out}");

    // Editing the quotation's words brings the warning back, and the entry
    // that matches nothing any more is reported.
    let changed = ARTICLE.replace("this winter", "this year");
    client.change(&a, json!([{ "text": changed }])).await;
    let d = client.wait_diagnostics(&a, |d| has_code(d, "unattributed-quote") && has_code(d, "unused-suppression")).await;
    let unused = d.iter().find(|d| d["code"] == "unused-suppression").unwrap();
    assert_eq!(unused["severity"], 4, "a hint: {unused}");
    assert!(unused["message"].as_str().unwrap().contains("newslint-review.toml:1 accepts unattributed-quote"), "{unused}");
}

#[tokio::test]
async fn accepting_with_an_inline_directive_edits_the_article_and_a_placeholder_is_flagged() {
    let dir = fixtures::corpus(&[("a.txt", ARTICLE)]);
    let mut client = TestClient::start(Some(dir.path()), watching()).await;
    client.wait_indexed().await;
    let a = file_uri(&dir.path().join("a.txt"));
    client.open(&a, ARTICLE).await;
    let d = client.wait_diagnostics(&a, |d| has_code(d, "unattributed-quote")).await;
    let warning = d.iter().find(|d| d["code"] == "unattributed-quote").unwrap().clone();
    let actions = actions_on(&mut client, &a, &warning).await;
    let inline = actions
        .iter()
        .find(|x| x["title"] == "Accept this unattributed quotation with a comment in the article (record a reason)")
        .expect("an inline accept action");
    let with_directive = applied(inline, &[(a.as_str(), ARTICLE)])[0].1.clone();
    assert!(with_directive.contains("\n<!-- newslint-disable-next-line unattributed-quote: TODO: why -->\n« We will"), "{with_directive}");

    // Applied as it is, the placeholder still asks for a reason.
    client.change(&a, json!([{ "text": with_directive }])).await;
    let d = client.wait_diagnostics(&a, |d| !has_code(d, "unattributed-quote") && has_code(d, "invalid-suppression")).await;
    let hint = d.iter().find(|d| d["code"] == "invalid-suppression").unwrap();
    assert_eq!(hint["severity"], 4, "{hint}");

    // With the reason written, nothing is left.
    let reasoned = with_directive.replace("TODO: why", REASON);
    client.change(&a, json!([{ "text": reasoned.clone() }])).await;
    client.wait_diagnostics(&a, |d| !has_code(d, "unattributed-quote") && !has_code(d, "invalid-suppression")).await;
    std::fs::write(dir.path().join("a.txt"), &reasoned).unwrap();
    let out = check_output(dir.path(), &["--show-suppressed"]);
    assert!(out.contains("accepted[unattributed-quote]") && out.contains("inline:4"), "{out}");
}

#[tokio::test]
async fn a_broken_review_file_is_shown_on_the_file_with_its_line_and_the_last_good_entries_stay() {
    let entry = format!(
        "[[accept]]\nfile = \"a.txt\"\nrule = \"unattributed-quote\"\nanchor = \"We will not let the harbour close this winter,\"\nreason = \"{REASON}\"\n"
    );
    let dir = fixtures::corpus(&[("a.txt", ARTICLE), ("newslint-review.toml", entry.as_str())]);
    let mut client = TestClient::start(Some(dir.path()), watching()).await;
    client.wait_indexed().await;
    let a = file_uri(&dir.path().join("a.txt"));
    client.open(&a, ARTICLE).await;
    client.wait_diagnostics(&a, |d| !has_code(d, "unattributed-quote")).await;
    let review_uri = file_uri(&dir.path().join("newslint-review.toml"));
    std::fs::write(dir.path().join("newslint-review.toml"), entry.replace("rule = \"unattributed-quote\"", "rule = \"no-such-rule\"")).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": review_uri, "type": 2 }] })).await;
    let d = client.wait_diagnostics(&review_uri, |d| !d.is_empty()).await;
    assert!(d[0]["message"].as_str().unwrap().contains("unknown rule 'no-such-rule'"), "{d:?}");
    assert_eq!(d[0]["range"]["start"]["line"], 0);
    // The last good entries still apply.
    let now = client.last_diagnostics(&a).unwrap();
    assert!(!has_code(&now, "unattributed-quote"), "{now:?}");
}

#[tokio::test]
async fn a_client_that_pulls_gets_new_reports_when_the_review_file_changes() {
    let dir = fixtures::corpus(&[("a.txt", ARTICLE)]);
    let mut caps = watching();
    caps["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
    caps["workspace"]["diagnostics"] = json!({ "refreshSupport": true });
    let mut client = TestClient::start(Some(dir.path()), caps).await;
    client.wait_indexed().await;
    let a = file_uri(&dir.path().join("a.txt"));
    client.open(&a, ARTICLE).await;
    let pull = |id: Value| json!({ "textDocument": { "uri": a }, "previousResultId": id });
    let first = client.request("textDocument/diagnostic", pull(Value::Null)).await.unwrap();
    assert!(has_code(first["items"].as_array().unwrap(), "unattributed-quote"), "{first}");
    let entry = format!(
        "[[accept]]\nfile = \"a.txt\"\nrule = \"unattributed-quote\"\nanchor = \"We will not let the harbour close this winter,\"\nreason = \"{REASON}\"\n"
    );
    client.settle().await;
    let refreshes = client.server_requests("workspace/diagnostic/refresh").len();
    std::fs::write(dir.path().join("newslint-review.toml"), entry).unwrap();
    let review_uri = file_uri(&dir.path().join("newslint-review.toml"));
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": review_uri, "type": 1 }] })).await;
    let refreshed = |c: &TestClient| (c.server_requests("workspace/diagnostic/refresh").len() > refreshes).then_some(());
    client.wait_for(refreshed).await.expect("a refresh");
    let again = client.request("textDocument/diagnostic", pull(first["resultId"].clone())).await.unwrap();
    assert_eq!(again["kind"], "full", "the old report is stale: {again}");
    assert!(!has_code(again["items"].as_array().unwrap(), "unattributed-quote"), "{again}");
}
