//! Quotations across articles end to end over LSP: changing one word of a
//! quotation in an open article publishes `quote-drift` for it, with the
//! other versions as related information, and updates the other articles'
//! diagnostics; the hover on a quotation lists its versions.

mod common;

use common::fixtures;
use common::*;
use serde_json::{json, Value};

const A: &str = "Ferry deal agreed
Source: Coast Courier, 2 June 2025

“The ferries will sail again before the end of the month,” said Oksana Dmytrenko.
";

const B: &str = "Ferries to sail
Source: Bay Herald, 2 June 2025

Oksana Dmytrenko said: “The ferries will sail again before the end of the month.”
";

fn drift(d: &[Value]) -> Vec<&Value> {
    d.iter().filter(|d| d["code"] == "quote-drift").collect()
}

#[tokio::test]
async fn a_changed_word_publishes_drift_here_and_there_and_the_hover_lists_the_versions() {
    let dir = fixtures::corpus(&[("a.txt", A), ("b.txt", B), ("newslint.toml", fixtures::CONFIG)]);
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let (a, b) = (file_uri(&dir.path().join("a.txt")), file_uri(&dir.path().join("b.txt")));
    client.wait_diagnostics(&b, |d| drift(d).is_empty()).await;
    client.open(&a, A).await;

    // One word of a's quotation changes: a now differs from b, and b from a.
    let edited = A.replacen("the end of", "the close of", 1);
    client.change(&a, json!([{ "text": edited }])).await;
    let here = client.wait_diagnostics(&a, |d| drift(d).len() == 1).await;
    let d = drift(&here)[0];
    assert!(d["message"].as_str().unwrap().contains("'before the close' where 1 other article has 'before the end'"), "{d}");
    assert_eq!(text_at(&edited, &d["range"], "utf-16"), "close");
    let related = d["relatedInformation"].as_array().expect("the other version as related information");
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["location"]["uri"], b);
    assert_eq!(text_at(B, &related[0]["location"]["range"], "utf-16"), "“The ferries will sail again before the end of the month.”");
    let there = client.wait_diagnostics(&b, |d| drift(d).len() == 1).await;
    assert!(drift(&there)[0]["message"].as_str().unwrap().contains("'before the end' where 1 other article has 'before the close'"));

    // The hover on the quotation names the other version and its changed word.
    let at = edited.find("ferries").unwrap();
    let hover = client
        .request("textDocument/hover", json!({ "textDocument": { "uri": a }, "position": position_of(&edited, at, "utf-16") }))
        .await
        .expect("a hover");
    let md = hover["contents"]["value"].as_str().unwrap();
    assert!(md.contains("1 version") && md.contains("b.txt, line 4") && md.contains("**end**"), "{md}");

    // Put back: the drift goes, in both articles.
    client.change(&a, json!([{ "text": A }])).await;
    client.wait_diagnostics(&a, |d| drift(d).is_empty()).await;
    client.wait_diagnostics(&b, |d| drift(d).is_empty()).await;
}
