//! The reader's side of the protocol end to end: document highlights,
//! inlay hints (and turning them off, and their refresh), document links
//! and completion of names.

mod common;

use common::fixtures::{self, THREE};
use common::*;
use serde_json::{json, Value};

fn at(uri: &str, text: &str, offset: usize) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position_of(text, offset, "utf-16") })
}

fn whole(uri: &str, text: &str) -> Value {
    json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": position_of(text, text.len(), "utf-16") } })
}

/// Capabilities of a client that refreshes inlay hints when asked.
fn refreshing() -> Value {
    let mut caps = plain_capabilities();
    caps["workspace"]["inlayHint"] = json!({ "refreshSupport": true });
    caps
}

const BOTH: &str = "Envoy meets the mayor
Source: Harbour Gazette, 6 March 2025

Kirill Dmitriev met the mayor on Monday, and Dmitriyev met the council on Tuesday.
The mayor thanked Dmitriev.
";

#[tokio::test]
async fn highlights_cover_every_mention_of_the_entity_in_this_article_under_any_spelling() {
    let dir = fixtures::corpus(&[("one.txt", fixtures::ONE), ("two.txt", fixtures::TWO), ("both.txt", BOTH), ("newslint.toml", fixtures::CONFIG)]);
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let uri = file_uri(&dir.path().join("both.txt"));
    let found = client.request("textDocument/documentHighlight", at(&uri, BOTH, BOTH.find("mayor thanked Dmitriev").unwrap() + 16)).await.unwrap();
    let texts: Vec<&str> = found.as_array().unwrap().iter().map(|h| text_at(BOTH, &h["range"], "utf-16")).collect();
    assert_eq!(texts, ["Kirill Dmitriev", "Dmitriyev", "Dmitriev"], "{found:#}");
    // Nothing under a word that names no one.
    let none = client.request("textDocument/documentHighlight", at(&uri, BOTH, BOTH.find("council").unwrap())).await.unwrap();
    assert!(none.is_null() || none.as_array().is_some_and(|a| a.is_empty()), "{none:#}");
}

#[tokio::test]
async fn inlay_hints_name_the_speaker_and_the_preferred_spelling_and_can_be_turned_off() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), refreshing()).await;
    client.wait_indexed().await;
    let uri = file_uri(&dir.path().join("three.txt"));
    let hints = client.request("textDocument/inlayHint", whole(&uri, THREE)).await.unwrap();
    let labels: Vec<(String, usize)> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["label"].as_str().unwrap().to_string(), offset_at(THREE, &h["position"], "utf-16")))
        .collect();
    let quote_end = THREE.find("😀,”").unwrap() + "😀,”".len();
    assert!(labels.contains(&(" — Dmitriev".to_string(), quote_end)), "{labels:?}");
    let variant_end = THREE.find("Dmitriyev left").unwrap() + "Dmitriyev".len();
    assert!(labels.contains(&(" → Dmitriev".to_string(), variant_end)), "{labels:?}");
    assert_eq!(labels.iter().filter(|(l, _)| l == " → Dmitriev").count(), 2, "{labels:?}");

    // Speakers off in the settings: the client is asked to refresh, and
    // only the spellings stay.
    let before = client.server_requests("workspace/inlayHint/refresh").len();
    client.notify("workspace/didChangeConfiguration", json!({ "settings": { "newslint": { "inlayHints": { "speakers": false } } } })).await;
    let refreshed = client.wait_for(|c| (c.server_requests("workspace/inlayHint/refresh").len() > before).then_some(())).await;
    assert!(refreshed.is_some(), "no workspace/inlayHint/refresh after the setting changed");
    let hints = client.request("textDocument/inlayHint", whole(&uri, THREE)).await.unwrap();
    let labels: Vec<&str> = hints.as_array().unwrap().iter().map(|h| h["label"].as_str().unwrap()).collect();
    assert_eq!(labels, [" → Dmitriev", " → Dmitriev"], "{hints:#}");
}

#[tokio::test]
async fn inlay_hints_off_from_the_start_and_refreshed_when_another_article_changes() {
    let dir = fixtures::standard();
    let options = json!({ "initializationOptions": { "inlayHints": { "spellings": false } } });
    let mut client = TestClient::start_with(Some(dir.path()), refreshing(), options).await;
    client.wait_indexed().await;
    let uri = file_uri(&dir.path().join("three.txt"));
    let hints = client.request("textDocument/inlayHint", whole(&uri, THREE)).await.unwrap();
    let labels: Vec<&str> = hints.as_array().unwrap().iter().map(|h| h["label"].as_str().unwrap()).collect();
    assert_eq!(labels, [" — Dmitriev"], "{hints:#}");

    // An edit elsewhere changes the corpus: the client hears of it.
    let before = client.server_requests("workspace/inlayHint/refresh").len();
    let one = file_uri(&dir.path().join("one.txt"));
    client.open(&one, fixtures::ONE).await;
    let edited = fixtures::ONE.replace("Dmitriev met", "Dmitriyev met");
    client.change(&one, json!([{ "text": edited }])).await;
    let refreshed = client.wait_for(|c| (c.server_requests("workspace/inlayHint/refresh").len() > before).then_some(())).await;
    assert!(refreshed.is_some(), "no workspace/inlayHint/refresh after an edit");
}

#[tokio::test]
async fn inlay_hints_are_not_refreshed_for_a_client_that_cannot_refresh() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let one = file_uri(&dir.path().join("one.txt"));
    client.open(&one, fixtures::ONE).await;
    client.wait_diagnostics(&one, |_| true).await;
    client.settle().await;
    assert!(client.server_requests("workspace/inlayHint/refresh").is_empty());
}

#[tokio::test]
async fn source_urls_are_document_links() {
    let text = "Port reopens\nhttps://harbour.example/news/port-reopens?id=42\n\nThe port reopened on Monday.\n";
    let dir = fixtures::corpus(&[("linked.txt", text), ("newslint.toml", fixtures::CONFIG)]);
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let uri = file_uri(&dir.path().join("linked.txt"));
    let links = client.request("textDocument/documentLink", json!({ "textDocument": { "uri": uri } })).await.unwrap();
    let links = links.as_array().unwrap();
    assert_eq!(links.len(), 1, "{links:#?}");
    assert_eq!(text_at(text, &links[0]["range"], "utf-16"), "https://harbour.example/news/port-reopens?id=42");
    assert_eq!(links[0]["target"], "https://harbour.example/news/port-reopens?id=42");
}

#[tokio::test]
async fn completion_offers_the_corpus_spellings_after_two_capitalised_letters() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let uri = file_uri(&dir.path().join("draft.txt"));
    let text = "Envoy returns\n\nThe envoy Dm";
    client.open(&uri, text).await;
    let items = client.request("textDocument/completion", at(&uri, text, text.len())).await.unwrap();
    let items = items.as_array().cloned().unwrap_or_default();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["Dmitriev"], "{items:#?}");
    assert_eq!(items[0]["detail"], "person · 6 mentions in 3 articles");
    assert_eq!(text_at(text, &items[0]["textEdit"]["range"], "utf-16"), "Dm");

    // The full name, after the given name's first letters.
    let text2 = "Envoy returns\n\nThe envoy Ki";
    client.change(&uri, json!([{ "text": text2 }])).await;
    let items = client.request("textDocument/completion", at(&uri, text2, text2.len())).await.unwrap();
    let labels: Vec<String> = items.as_array().cloned().unwrap_or_default().iter().map(|i| i["label"].as_str().unwrap().to_string()).collect();
    assert_eq!(labels, ["Kirill Dmitriev"], "{items:#}");

    // Not inside an ordinary lowercase word, nor after one capital alone.
    for typed in ["Envoy returns\n\nThe envoy dm", "Envoy returns\n\nThe envoy D", "Envoy returns\n\nThe envoy adm"] {
        client.change(&uri, json!([{ "text": typed }])).await;
        let items = client.request("textDocument/completion", at(&uri, typed, typed.len())).await.unwrap();
        assert!(items.is_null() || items.as_array().is_some_and(|a| a.is_empty()), "{typed:?}: {items:#}");
    }
}

#[tokio::test]
async fn the_server_announces_the_reader_features() {
    let dir = fixtures::standard();
    let client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    let caps = &client.init["capabilities"];
    assert_eq!(caps["documentHighlightProvider"], true, "{caps:#}");
    assert_eq!(caps["inlayHintProvider"], true, "{caps:#}");
    assert!(caps["documentLinkProvider"].is_object(), "{caps:#}");
    assert!(caps["completionProvider"].is_object(), "{caps:#}");
}
