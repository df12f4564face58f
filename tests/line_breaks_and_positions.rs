//! Line breaks and positions at the edge: a lone CR ends a line for the CLI
//! and the server alike (LSP: "\n", "\r\n" and "\r"), and a position on a
//! line past the end of a document answers nothing (rename: an error),
//! while a column past the end of a real line is clamped to its end.

mod common;

use common::*;
use serde_json::{json, Value};

/// An article of our own whose last word is a name, with no final break:
/// a position clamped to the end of the text would land on it.
const ENDS_WITH_A_NAME: &str = "Envoy arrives in the harbour city
Source: Harbour Gazette, 3 March 2025

Kirill Dmitriev, the head of a state investment fund, arrived on Monday. The mayor met Dmitriev";

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

#[tokio::test]
async fn a_line_past_the_end_answers_nothing_and_rename_refuses() {
    let mut client = TestClient::start(None, plain_capabilities()).await;
    let uri = file_uri(&std::env::temp_dir().join("newslint-positions-not-on-disk/a.txt"));
    client.open(&uri, ENDS_WITH_A_NAME).await;
    client.wait_diagnostics(&uri, |_| true).await;
    let last_line = ENDS_WITH_A_NAME.lines().count() as u32 - 1;
    for line in [1_000_000, last_line + 1] {
        let p = at(&uri, line, 0);
        assert_eq!(client.request("textDocument/hover", p.clone()).await.unwrap(), Value::Null, "hover at line {line}");
        assert_eq!(client.request("textDocument/definition", p.clone()).await.unwrap(), Value::Null, "definition at {line}");
        assert_eq!(client.request("textDocument/prepareRename", p.clone()).await.unwrap(), Value::Null, "prepareRename at {line}");
        let mut refs = p.clone();
        refs["context"] = json!({ "includeDeclaration": true });
        let found = client.request("textDocument/references", refs).await.unwrap();
        assert!(found.is_null() || found == json!([]), "references at line {line}: {found}");
        let mut rename = p.clone();
        rename["newName"] = json!("Dmitriyev");
        let refused = client.request("textDocument/rename", rename).await;
        assert!(refused.is_err(), "rename at line {line}: {refused:?}");
    }
    // A column past the end of the last line is that line's end: the name
    // there (helix and others clamp columns within a line).
    let hover = client.request("textDocument/hover", at(&uri, last_line, 10_000)).await.unwrap();
    assert_eq!(text_at(ENDS_WITH_A_NAME, &hover["range"], "utf-16"), "Dmitriev", "{hover}");
}

#[tokio::test]
async fn a_lone_cr_is_a_line_break_for_the_server() {
    let mut client = TestClient::start(None, plain_capabilities()).await;
    let dir = std::env::temp_dir().join("newslint-positions-not-on-disk");
    let (cr, lf) = (file_uri(&dir.join("cr.txt")), file_uri(&dir.join("lf.txt")));
    let text = ENDS_WITH_A_NAME.replace('\n', "\r");
    client.open(&cr, &text).await;
    client.open(&lf, ENDS_WITH_A_NAME).await;
    // An edit on the fourth line as a client that follows LSP counts it.
    let mayor = text.find("mayor").unwrap();
    let range = json!({ "start": position_of(&text, mayor, "utf-16"), "end": position_of(&text, mayor + 5, "utf-16") });
    assert_eq!(range["start"]["line"], 3);
    client.change(&cr, json!([{ "range": range, "text": "governor" }])).await;
    client.change(&lf, json!([{ "text": ENDS_WITH_A_NAME.replace("mayor", "governor") }])).await;
    // The edit landed where the client meant: the names after it are where
    // the client's text has them, and the same as in the LF copy.
    let edited = text.replace("mayor", "governor");
    let last = edited.rfind("Dmitriev").unwrap();
    for (uri, text) in [(&cr, &edited), (&lf, &ENDS_WITH_A_NAME.replace("mayor", "governor"))] {
        let inside_last = position_of(text, last + 2, "utf-16");
        assert_eq!(inside_last["line"], 3);
        let p = json!({ "textDocument": { "uri": uri }, "position": inside_last });
        let hover = client.request("textDocument/hover", p).await.unwrap();
        assert_eq!(text_at(text, &hover["range"], "utf-16"), "Dmitriev", "{uri}: {hover}");
        assert_eq!(hover["range"]["start"], position_of(text, last, "utf-16"), "{uri}");
    }
    let hover = client.request("textDocument/hover", at(&cr, 3, 2)).await.unwrap();
    assert_eq!(text_at(&edited, &hover["range"], "utf-16"), "Kirill Dmitriev", "{hover}");
}

#[test]
fn a_lone_cr_is_a_line_break_for_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cr.txt");
    // A headline, a line, a blank line, and a quotation that never closes on
    // the fourth line, all with CR breaks.
    std::fs::write(&path, "Harbour reopens after the storm\rThe harbour reopened on Monday.\r\r\u{201c}Nobody came, a clerk said.\r").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    let unbalanced = findings.as_array().unwrap().iter().find(|f| f["code"] == "unbalanced-quote").expect("an unbalanced quote");
    assert_eq!((unbalanced["line"].as_u64(), unbalanced["column"].as_u64()), (Some(4), Some(1)), "{findings:#}");
}
