//! Hover cards, references, definition, rename and symbols end to end, and
//! columns in UTF-16 and UTF-8 on a line with curly quotes and an emoji.

mod common;

use std::collections::BTreeSet;

use common::fixtures::{self, ONE, THREE, TWO};
use common::*;
use serde_json::{json, Value};

/// Where "Dmitriyev" is written after the emoji in three.txt.
fn after_emoji(encoding: &str) -> Value {
    let at = THREE.find("Dmitriyev told").unwrap();
    position_of(THREE, at + 2, encoding)
}

fn at(uri: &str, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position })
}

fn text_of(dir: &std::path::Path, uri: &str) -> String {
    let name = path_of_uri(uri);
    assert!(name.starts_with(dir), "{uri} is outside the corpus");
    std::fs::read_to_string(name).unwrap()
}

#[tokio::test]
async fn the_hover_card_shows_every_spelling_and_where_the_entity_appears() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let three = file_uri(&dir.path().join("three.txt"));
    let hover = client.request("textDocument/hover", at(&three, after_emoji("utf-16"))).await.unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown", "{hover:#}");
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**Kirill Dmitriev** · person · [6 mentions]("), "{card}");
    assert!(card.contains(") in 3 articles"), "{card}");
    assert!(card.contains("**Dmitriev** (preferred) [4× in 2 articles]("), "{card}");
    assert!(card.contains("Dmitriyev [2× in 1 article]("), "{card}");
    assert!(card.contains("the head of a state investment fund — [one.txt]("), "{card}");
    assert!(card.contains("“The visit was useful for everyone 😀,” — [three.txt:5]("), "{card}");
    assert_eq!(text_at(THREE, &hover["range"], "utf-16"), "Dmitriyev");
}

#[tokio::test]
async fn a_hover_on_a_quotation_says_who_said_it_and_how() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let three = file_uri(&dir.path().join("three.txt"));
    let inside = position_of(THREE, THREE.find("visit").unwrap(), "utf-16");
    let hover = client.request("textDocument/hover", at(&three, inside)).await.unwrap();
    let card = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.starts_with("**Quotation**"), "{hover:#}");
    assert!(card.contains("Said by **Kirill Dmitriyev** (as “Dmitriyev”)"), "{card}");
    assert!(card.contains("Attributed by a verb of saying after the quotation"), "{card}");
}

#[tokio::test]
async fn references_span_every_article_under_both_spellings() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let three = file_uri(&dir.path().join("three.txt"));
    let mut params = at(&three, after_emoji("utf-16"));
    params["context"] = json!({ "includeDeclaration": true });
    let refs = client.request("textDocument/references", params).await.unwrap();
    let refs = refs.as_array().unwrap();
    let mut seen = BTreeSet::new();
    for r in refs {
        let uri = r["uri"].as_str().unwrap();
        let text = text_of(dir.path(), uri);
        let name = path_of_uri(uri).file_name().unwrap().to_string_lossy().to_string();
        seen.insert((name, text_at(&text, &r["range"], "utf-16").to_string()));
    }
    let expected: BTreeSet<(String, String)> = [
        ("one.txt", "Kirill Dmitriev"),
        ("one.txt", "Dmitriev"),
        ("two.txt", "Kirill Dmitriev"),
        ("two.txt", "Dmitriev"),
        ("three.txt", "Kirill Dmitriyev"),
        ("three.txt", "Dmitriyev"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(seen, expected);
    assert_eq!(refs.len(), 6, "{refs:#?}");
}

#[tokio::test]
async fn definition_goes_to_the_introduction_with_a_descriptor() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let two = file_uri(&dir.path().join("two.txt"));
    let on = position_of(TWO, TWO.find("Dmitriev’s").unwrap(), "utf-16");
    let def = client.request("textDocument/definition", at(&two, on)).await.unwrap();
    assert_eq!(def["uri"], file_uri(&dir.path().join("one.txt")).as_str(), "{def:#}");
    assert_eq!(text_at(ONE, &def["range"], "utf-16"), "Kirill Dmitriev");
}

#[tokio::test]
async fn rename_changes_the_spelling_in_every_article() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let one = file_uri(&dir.path().join("one.txt"));
    let on = position_of(ONE, ONE.find("Dmitriev met").unwrap(), "utf-16");
    let prepared = client.request("textDocument/prepareRename", at(&one, on.clone())).await.unwrap();
    assert_eq!(prepared["placeholder"], "Dmitriev", "{prepared:#}");
    let mut params = at(&one, on);
    params["newName"] = json!("Dmitrieff");
    let edit = client.request("textDocument/rename", params).await.unwrap();
    let changes = edit["changes"].as_object().expect("changes");
    assert_eq!(changes.len(), 3, "{edit:#}");
    for (uri, edits) in changes {
        let text = text_of(dir.path(), uri);
        for e in edits.as_array().unwrap() {
            assert_eq!(e["newText"], "Dmitrieff");
            let old = text_at(&text, &e["range"], "utf-16");
            assert!(old == "Dmitriev" || old == "Dmitriyev", "{uri}: {old}");
        }
    }
    let total: usize = changes.values().map(|e| e.as_array().unwrap().len()).sum();
    assert_eq!(total, 6);
}

#[tokio::test]
async fn columns_count_utf16_for_plain_clients_and_bytes_for_utf8_clients() {
    for encoding in ["utf-16", "utf-8"] {
        let dir = fixtures::standard();
        let mut caps = plain_capabilities();
        caps["general"] = json!({ "positionEncodings": [encoding] });
        if encoding == "utf-8" {
            caps["general"] = json!({ "positionEncodings": ["utf-8", "utf-32", "utf-16"] });
        }
        let client = TestClient::start(Some(dir.path()), caps).await;
        client.wait_indexed().await;
        let three = file_uri(&dir.path().join("three.txt"));
        let d = client.wait_diagnostics(&three, |d| has_code(d, "name-variant")).await;
        let variants: Vec<&Value> = d.iter().filter(|d| d["code"] == "name-variant").collect();
        let after = variants.iter().find(|d| d["range"]["start"]["line"] == 4).expect("a warning after the emoji");
        let start = position_of(THREE, THREE.find("Dmitriyev told").unwrap(), encoding);
        assert_eq!(after["range"]["start"], start, "{encoding}");
        assert_eq!(text_at(THREE, &after["range"], encoding), "Dmitriyev");
    }
}

#[tokio::test]
async fn the_end_of_a_headline_with_an_emoji_is_counted_in_the_agreed_encoding() {
    let headline = "“Ports 😀 reopen,” says the mayor";
    let text = format!("{headline}\r\nThe harbour reopened on Monday.\r\n");
    for (offered, encoding) in [(json!(null), "utf-16"), (json!(["utf-8", "utf-16"]), "utf-8"), (json!(["utf-32"]), "utf-32")] {
        let mut caps = plain_capabilities();
        if !offered.is_null() {
            caps["general"] = json!({ "positionEncodings": offered });
        }
        let dir = fixtures::corpus(&[("mayor.txt", &text)]);
        let client = TestClient::start(Some(dir.path()), caps).await;
        let uri = file_uri(&dir.path().join("mayor.txt"));
        let d = client.wait_diagnostics(&uri, |d| has_code(d, "missing-source")).await;
        let range = &d.iter().find(|d| d["code"] == "missing-source").unwrap()["range"];
        let width = match encoding {
            "utf-8" => headline.len(),
            "utf-16" => headline.encode_utf16().count(),
            _ => headline.chars().count(),
        };
        assert_eq!(range["end"], json!({ "line": 0, "character": width }), "{encoding}");
        assert_eq!(text_at(&text, range, encoding), headline);
    }
}

#[tokio::test]
async fn document_and_workspace_symbols_outline_the_corpus() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let three = file_uri(&dir.path().join("three.txt"));
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": three } })).await.unwrap();
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Envoy leaves after two days"), "{names:?}");
    assert!(names.contains(&"Kirill Dmitriyev"), "{names:?}");
    let found = client.request("workspace/symbol", json!({ "query": "dmitri" })).await.unwrap();
    let found = found.as_array().unwrap();
    assert!(found.iter().any(|s| s["name"] == "Kirill Dmitriev"), "{found:#?}");
    let articles = client.request("workspace/symbol", json!({ "query": "storm" })).await.unwrap();
    assert_eq!(articles[0]["name"], "Harbour reopens after the storm", "{articles:#}");
}

#[tokio::test]
async fn a_hover_on_the_source_line_says_what_was_understood() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let one = file_uri(&dir.path().join("one.txt"));
    let on = position_of(ONE, ONE.find("Gazette").unwrap(), "utf-16");
    let hover = client.request("textDocument/hover", at(&one, on)).await.unwrap();
    let card = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.starts_with("**Source line** · a credit line"), "{hover:#}");
    assert!(card.contains("- Outlet: Harbour Gazette\n"), "{card}");
    assert!(card.contains("- Date: 3 March 2025\n"), "{card}");
    assert!(card.contains("- URL: *not given*\n"), "{card}");
}
