//! The first diagnostics after start-up: open documents first, at once,
//! with the findings their own text decides; findings that read the rest of
//! the corpus only once it is all read, so that none shows and then flips.

mod common;

use common::fixtures;
use common::*;
use newslint::analysis::{analyze, Article};
use newslint::lexicon::Lexicon;
use serde_json::Value;

/// Articles of the disk carry this word; their analysis takes a while, so
/// that indexing lasts over several batches.
const SLOW: &str = "wharf";

fn slow_on_disk(text: &str, lexicon: &Lexicon) -> Article {
    if text.contains(SLOW) {
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
    analyze(text, lexicon)
}

fn disk_article(i: usize) -> String {
    format!("Envoy visits the {SLOW}, day {i}\nSource: Harbour Gazette, {i} March 2025\n\nKirill Dmitriev toured the {SLOW} on day {i}. Dmitriev met the dockers.\n")
}

/// No source line (its own text says so) and a spelling the rest of the
/// corpus writes otherwise (only the corpus can say so).
const OPEN: &str = "Envoy leaves\nKirill Dmitriyev left on Friday. Dmitriyev waved.\n";

#[tokio::test]
async fn open_documents_come_first_with_their_own_findings_and_the_corpus_wide_ones_once_it_is_whole() {
    let names: Vec<String> = (0..48).map(|i| format!("wharf{i:02}.txt")).collect();
    let texts: Vec<String> = (0..48).map(disk_article).collect();
    let mut files: Vec<(&str, &str)> = names.iter().map(String::as_str).zip(texts.iter().map(String::as_str)).collect();
    files.push(("newslint.toml", fixtures::CONFIG));
    files.push(("open.txt", OPEN));
    let dir = fixtures::corpus(&files);
    let mut client = TestClient::start_analysing(Some(dir.path()), plain_capabilities(), serde_json::json!({}), slow_on_disk).await;
    let open = file_uri(&dir.path().join("open.txt"));
    client.open(&open, OPEN).await;
    client.wait_indexed().await;
    let last = client.wait_diagnostics(&open, |d| has_code(d, "name-variant")).await;
    client.settle().await;

    let all = client.notifications("textDocument/publishDiagnostics");
    let uri_of = |n: &Value| n["params"]["uri"].as_str().unwrap().to_string();
    let codes_of = |n: &Value| codes(n["params"]["diagnostics"].as_array().unwrap());
    // The first publication of all is the open document's, with what its own
    // text decides and nothing that needs the rest of the corpus.
    assert_eq!(uri_of(&all[0]), open, "{:#?}", all.iter().take(3).collect::<Vec<_>>());
    assert_eq!(codes_of(&all[0]), vec!["missing-source".to_string()], "{:#}", all[0]);
    // The corpus-wide finding came later, and said one thing throughout.
    let mut variant_messages: Vec<String> = Vec::new();
    for n in all.iter().filter(|n| uri_of(n) == open) {
        for d in n["params"]["diagnostics"].as_array().unwrap() {
            if d["code"] == "name-variant" {
                variant_messages.push(d["message"].as_str().unwrap().to_string());
            }
        }
    }
    assert!(variant_messages.iter().all(|m| m.contains("the corpus writes Dmitriev")), "{variant_messages:#?}");
    assert!(has_code(&last, "missing-source") && has_code(&last, "name-variant"), "{last:#?}");
    // Every article on disk was published once, whole: none before the
    // corpus was.
    for name in &names {
        let uri = file_uri(&dir.path().join(name));
        let published = client.published(&uri);
        assert_eq!(published.len(), 1, "{name}: {published:#?}");
    }
}
