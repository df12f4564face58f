//! The disk end to end: files written, renamed and deleted by other
//! programs; the disk winning again on close; files that are not articles;
//! `newslint.toml` changes; clients that watch for us.

mod common;

use std::time::Duration;

use common::fixtures::{self, FOUR};
use common::*;
use serde_json::json;

#[tokio::test]
async fn a_file_written_by_another_program_gets_diagnostics_without_any_editor_notification() {
    let dir = fixtures::standard();
    let client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    client.settle().await;
    let five = dir.path().join("desk/five.txt");
    fixtures::write(dir.path(), "desk/five.txt", "Storm damage counted\nThe port lost two cranes.\n");
    let uri = file_uri(&five);
    let started = std::time::Instant::now();
    client.wait_diagnostics(&uri, |d| has_code(d, "missing-source")).await;
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());

    // Renamed by another program: the old name is cleared, the new one checked.
    let six = dir.path().join("six.txt");
    std::fs::rename(&five, &six).unwrap();
    client.wait_diagnostics(&uri, |d| d.is_empty()).await;
    client.wait_diagnostics(&file_uri(&six), |d| has_code(d, "missing-source")).await;

    // Deleted: cleared.
    std::fs::remove_file(&six).unwrap();
    client.wait_diagnostics(&file_uri(&six), |d| d.is_empty()).await;
}

#[tokio::test]
async fn on_close_the_disk_version_wins_again() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let four = file_uri(&dir.path().join("four.txt"));
    let headline = |d: &[serde_json::Value]| {
        d.iter().find(|d| d["code"] == "missing-source").map(|d| text_at_line(&d["range"]))
    };
    client.wait_diagnostics(&four, |d| headline(d) == Some(FOUR_HEADLINE.len())).await;
    client.open(&four, FOUR).await;
    // The editor rewrites the headline without saving.
    let edited = FOUR.replacen(FOUR_HEADLINE, "Storm", 1);
    client.change(&four, json!([{ "text": edited }])).await;
    client.wait_diagnostics(&four, |d| headline(d) == Some(5)).await;
    // A program touching the file meanwhile does not override the editor.
    fixtures::write(dir.path(), "four.txt", FOUR);
    client.settle().await;
    assert_eq!(headline(&client.last_diagnostics(&four).unwrap()), Some(5));
    client.close(&four).await;
    client.wait_diagnostics(&four, |d| headline(d) == Some(FOUR_HEADLINE.len())).await;
}

const FOUR_HEADLINE: &str = "Harbour reopens after the storm";

/// The width of a one-line range (ASCII text).
fn text_at_line(range: &serde_json::Value) -> usize {
    assert_eq!(range["start"]["line"], range["end"]["line"]);
    (range["end"]["character"].as_u64().unwrap() - range["start"]["character"].as_u64().unwrap()) as usize
}

#[tokio::test]
async fn binary_and_non_utf8_files_are_skipped_with_a_message() {
    let dir = fixtures::standard();
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 reopens\n").unwrap();
    std::fs::write(dir.path().join("image.md"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let messages: Vec<String> = client
        .notifications("window/logMessage")
        .iter()
        .map(|n| n["params"]["message"].as_str().unwrap().to_string())
        .collect();
    assert!(messages.iter().any(|m| m.contains("latin1.txt: skipped: not UTF-8")), "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("image.md: skipped: binary file")), "{messages:#?}");
    assert!(client.published(&file_uri(&dir.path().join("latin1.txt"))).is_empty());
}

#[tokio::test]
async fn a_change_to_newslint_toml_relints_the_corpus() {
    let dir = fixtures::standard();
    let client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let four = file_uri(&dir.path().join("four.txt"));
    client.wait_diagnostics(&four, |d| has_code(d, "missing-source")).await;
    fixtures::write(dir.path(), "newslint.toml", "[rules]\nmissing-source = \"off\"\n");
    client.wait_diagnostics(&four, |d| d.is_empty()).await;

    // A broken file: an error on the file itself, and the configuration in
    // force stays.
    fixtures::write(dir.path(), "newslint.toml", "[rules]\nmissing-source = \"loud\"\n");
    let config = file_uri(&dir.path().join("newslint.toml"));
    let d = client.wait_diagnostics(&config, |d| !d.is_empty()).await;
    assert_eq!(d[0]["range"]["start"]["line"], 1, "{d:#?}");
    client.settle().await;
    assert!(client.last_diagnostics(&four).unwrap().is_empty());

    // Fixed, with a preferred spelling: the error goes, and the articles
    // that spell the name otherwise are warned.
    fixtures::write(dir.path(), "newslint.toml", "[names]\nprefer = [\"Dmitriyev\"]\n[rules]\nmissing-source = \"off\"\n");
    client.wait_diagnostics(&config, |d| d.is_empty()).await;
    let one = file_uri(&dir.path().join("one.txt"));
    client.wait_diagnostics(&one, |d| has_code(d, "name-variant")).await;
}

#[tokio::test]
async fn where_the_client_watches_it_is_asked_to_and_its_events_are_used() {
    let dir = fixtures::standard();
    let mut caps = plain_capabilities();
    caps["workspace"]["didChangeWatchedFiles"] = json!({ "dynamicRegistration": true });
    let mut client = TestClient::start(Some(dir.path()), caps).await;
    client.wait_indexed().await;
    let registered = client
        .wait_for(|c| c.server_requests("client/registerCapability").into_iter().next())
        .await
        .expect("a registration");
    let registration = &registered["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert!(globs.contains(&"**/newslint.toml"), "{globs:?}");

    fixtures::write(dir.path(), "five.txt", "Storm damage counted\nThe port lost two cranes.\n");
    let five = file_uri(&dir.path().join("five.txt"));
    // The server does not watch on its own here…
    client.settle().await;
    assert!(client.published(&five).is_empty());
    // …it waits for the client to say.
    let change = json!({ "changes": [{ "uri": five, "type": 1 }] });
    client.notify("workspace/didChangeWatchedFiles", change).await;
    client.wait_diagnostics(&five, |d| has_code(d, "missing-source")).await;
}
