//! Faults in the analysis and odd clients, end to end over in-process
//! pipes: a panicking analysis keeps the last good findings, a slow one is
//! left behind when its document changes again, and a `didChange` that
//! reuses a version number is applied.

mod common;

use std::time::{Duration, Instant};

use common::fixtures::FOUR;
use common::*;
use newslint::analysis::{self, Article};
use newslint::lexicon::Lexicon;
use serde_json::{json, Value};

/// A word our analysers react to; no article says it.
const PANIC_WORD: &str = "Zqxpanic";
const SLOW_WORD: &str = "Zqxslow";

/// The real analysis, except that it panics on a text that says
/// [`PANIC_WORD`] and takes its time on one that says [`SLOW_WORD`].
fn faulty(text: &str, lexicon: &Lexicon) -> Article {
    if text.contains(PANIC_WORD) {
        panic!("an injected fault");
    }
    if text.contains(SLOW_WORD) {
        std::thread::sleep(Duration::from_secs(8));
    }
    analysis::analyze(text, lexicon)
}

fn uri_of(name: &str) -> String {
    file_uri(&std::env::temp_dir().join("newslint-faults-not-on-disk").join(name))
}

fn whole(text: &str) -> Value {
    json!([{ "text": text }])
}

async fn symbols(client: &mut TestClient, uri: &str) -> Value {
    client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } })).await.expect("an answer")
}

#[tokio::test]
async fn a_panicking_analysis_keeps_the_last_good_findings_and_stalls_nothing() {
    let mut client = TestClient::start_analysing(None, plain_capabilities(), json!({}), faulty).await;
    let uri = uri_of("panics.txt");
    client.open(&uri, FOUR).await;
    let good = client.wait_diagnostics(&uri, |d| has_code(d, "missing-source")).await;
    client.settle().await;
    let published = client.published(&uri).len();

    let broken = format!("{FOUR}The {PANIC_WORD} said nothing.\n");
    client.change(&uri, whole(&broken)).await;
    // A request about the document answers at once from the last good
    // analysis, instead of waiting for one that will never come.
    let asked = Instant::now();
    let outline = symbols(&mut client, &uri).await;
    assert!(asked.elapsed() < Duration::from_millis(1500), "took {:?}", asked.elapsed());
    assert!(outline.as_array().is_some_and(|a| !a.is_empty()), "{outline}");
    client.settle().await;
    // Nothing new was published: the good findings stand, no false one.
    assert_eq!(client.published(&uri).len(), published);
    assert_eq!(client.last_diagnostics(&uri).unwrap(), good);

    // A good text again is analysed as usual.
    let fixed = format!("{FOUR}Source: Harbour Gazette, 6 March 2025\n");
    client.change(&uri, whole(&fixed)).await;
    client.wait_diagnostics(&uri, |d| !has_code(d, "missing-source")).await;

    // A document whose very first analysis panics gets no findings at all.
    let fresh = uri_of("panics-first.txt");
    client.open(&fresh, &broken).await;
    let asked = Instant::now();
    symbols(&mut client, &fresh).await;
    assert!(asked.elapsed() < Duration::from_millis(1500), "took {:?}", asked.elapsed());
    client.settle().await;
    assert!(client.last_diagnostics(&fresh).is_none_or(|d| d.is_empty()), "{:?}", client.last_diagnostics(&fresh));
}

#[tokio::test]
async fn a_slow_analysis_is_left_behind_when_its_document_changes_again() {
    let mut client = TestClient::start_analysing(None, plain_capabilities(), json!({}), faulty).await;
    let uri = uri_of("slow.txt");
    client.open(&uri, &format!("{FOUR}A {SLOW_WORD} paragraph.\n")).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let version = client.change(&uri, whole(FOUR)).await;
    client.wait_for(|c| c.published(&uri).into_iter().find(|p| p["version"] == version)).await.expect("diagnostics of the new text");
    assert!(started.elapsed() < Duration::from_secs(3), "the new text waited {:?} for the old one", started.elapsed());
    assert!(has_code(&client.last_diagnostics(&uri).unwrap(), "missing-source"));
}

#[tokio::test]
async fn a_change_that_reuses_a_version_number_is_applied() {
    let mut client = TestClient::start(None, plain_capabilities()).await;
    let uri = uri_of("versions.txt");
    client.open(&uri, FOUR).await;
    client.wait_diagnostics(&uri, |d| has_code(d, "missing-source")).await;
    let credited = format!("{FOUR}Source: Harbour Gazette, 6 March 2025\n");
    for (text, missing) in [(credited.as_str(), false), (FOUR, true)] {
        // Version 2 both times, each with a new text.
        let params = json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": whole(text) });
        client.notify("textDocument/didChange", params).await;
        client.wait_diagnostics(&uri, |d| has_code(d, "missing-source") == missing).await;
    }
    // The server holds the client's text: the headline's range is where the
    // client's text has it.
    let outline = symbols(&mut client, &uri).await;
    assert_eq!(outline[0]["name"], FOUR.lines().next().unwrap(), "{outline:#}");
}

#[tokio::test]
async fn the_editors_rule_settings_apply_while_newslint_toml_is_broken() {
    let dir = common::fixtures::corpus(&[("four.txt", FOUR), ("newslint.toml", "[rules\nmissing-source = \"off\"\n")]);
    let options = json!({ "initializationOptions": { "rules": { "missing-source": "off" } } });
    let mut client = TestClient::start_with(Some(dir.path()), plain_capabilities(), options).await;
    client.wait_indexed().await;
    // The broken file is reported on itself.
    let config = file_uri(&dir.path().join("newslint.toml"));
    let errors = client.wait_diagnostics(&config, |d| !d.is_empty()).await;
    assert_eq!(errors[0]["severity"], 1, "{errors:?}");
    let four = file_uri(&dir.path().join("four.txt"));
    client.settle().await;
    assert!(!has_code(&client.last_diagnostics(&four).unwrap_or_default(), "missing-source"));

    // The user turns the rule on as an error in the editor: it applies,
    // though the file is still broken.
    let settings = json!({ "settings": { "newslint": { "rules": { "missing-source": "error" } } } });
    client.notify("workspace/didChangeConfiguration", settings).await;
    let d = client.wait_diagnostics(&four, |d| has_code(d, "missing-source")).await;
    assert_eq!(d.iter().find(|d| d["code"] == "missing-source").unwrap()["severity"], 1);
    assert!(!client.last_diagnostics(&config).unwrap().is_empty(), "the broken file is still reported");
}

#[tokio::test]
async fn a_slow_analysis_does_not_hold_up_another_document() {
    let mut client = TestClient::start_analysing(None, plain_capabilities(), json!({}), faulty).await;
    let (slow, quick) = (uri_of("slow-a.txt"), uri_of("quick-b.txt"));
    let opened = Instant::now();
    client.open(&slow, &format!("{FOUR}A {SLOW_WORD} paragraph.\n")).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    client.open(&quick, FOUR).await;
    client.wait_diagnostics(&quick, |d| has_code(d, "missing-source")).await;
    assert!(started.elapsed() < Duration::from_secs(3), "the other document waited {:?}", started.elapsed());
    // The slow one's findings come when its analysis is done.
    client.wait_diagnostics(&slow, |d| has_code(d, "missing-source")).await;
    assert!(opened.elapsed() >= Duration::from_secs(8));
}
