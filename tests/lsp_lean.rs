//! What the server sends at corpus scale, end to end: diagnostics without
//! a payload the fixes never read back.

mod common;

use common::fixtures;
use common::*;
use serde_json::json;

#[tokio::test]
async fn published_diagnostics_carry_no_data_and_their_fixes_still_come() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let three = file_uri(&dir.path().join("three.txt"));
    let four = file_uri(&dir.path().join("four.txt"));
    let variant = client.wait_diagnostics(&three, |d| has_code(d, "name-variant")).await;
    let unsourced = client.wait_diagnostics(&four, |d| has_code(d, "missing-source")).await;
    client.settle().await;
    for n in client.notifications("textDocument/publishDiagnostics") {
        for d in n["params"]["diagnostics"].as_array().unwrap() {
            assert!(d.get("data").is_none(), "{d}");
            assert_eq!(d["source"], "newslint", "{d}");
        }
    }
    // A client hands the published diagnostic back as it got it: the fixes
    // are worked out from the corpus, not from the diagnostic.
    for (uri, diagnostics, code, fix) in [
        (&three, &variant, "name-variant", "Replace 'Dmitriyev' with 'Dmitriev'"),
        (&four, &unsourced, "missing-source", "Insert a source line template"),
    ] {
        let d = diagnostics.iter().find(|d| d["code"] == code).unwrap();
        let params = json!({ "textDocument": { "uri": uri }, "range": d["range"], "context": { "diagnostics": [d] } });
        let actions = client.request("textDocument/codeAction", params).await.unwrap();
        let actions = actions.as_array().unwrap();
        let action = actions.iter().find(|a| a["title"] == fix).unwrap_or_else(|| panic!("no '{fix}' in {actions:#?}"));
        assert!(action["edit"]["changes"][uri.as_str()].is_array(), "{action:#}");
        assert_eq!(action["diagnostics"][0]["range"], d["range"]);
        assert!(action["diagnostics"][0].get("data").is_none(), "{action:#}");
    }
}

/// An article naming Anna Berg `times` times over, twice a line.
fn many_mentions(title: &str, times: usize) -> String {
    let mut text = format!("{title}\nSource: Harbour Gazette, 2 May 2025\n\n");
    for day in 0..times / 2 {
        text.push_str(&format!("Anna Berg visited the docks on day {day}. Berg left at noon.\n"));
    }
    text
}

async fn references(client: &mut TestClient, uri: &str, position: serde_json::Value, token: Option<&str>) -> serde_json::Value {
    let mut params = json!({ "textDocument": { "uri": uri }, "position": position, "context": { "includeDeclaration": true } });
    if let Some(token) = token {
        params["partialResultToken"] = json!(token);
    }
    client.request("textDocument/references", params).await.unwrap()
}

#[tokio::test]
async fn references_come_as_partial_results_when_the_client_sends_a_token_and_whole_otherwise() {
    let files: Vec<(String, String)> = (0..3).map(|i| (format!("port{i}.txt"), many_mentions(&format!("Port news {i}"), 120))).collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = fixtures::corpus(&files);
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let uri = file_uri(&dir.path().join("port0.txt"));
    let text = &files[0].1;
    let on = position_of(text, text.find("Berg visited").unwrap(), "utf-16");

    let whole = references(&mut client, &uri, on.clone(), None).await;
    let whole = whole.as_array().unwrap().clone();
    assert_eq!(whole.len(), 360, "every mention in every article");
    assert!(client.notifications("$/progress").iter().all(|n| n["params"]["value"].is_object()), "no partial results unasked");

    let answer = references(&mut client, &uri, on, Some("refs-1")).await;
    assert_eq!(answer, json!([]), "the answer is empty once the results went as partial results");
    // Every chunk was read before the answer: they are all in already.
    let chunks: Vec<serde_json::Value> =
        client.notifications("$/progress").into_iter().filter(|n| n["params"]["token"] == "refs-1").map(|n| n["params"]["value"].clone()).collect();
    assert!(chunks.len() >= 2, "{} chunks", chunks.len());
    let streamed: Vec<serde_json::Value> = chunks.iter().flat_map(|c| c.as_array().unwrap().clone()).collect();
    assert_eq!(streamed, whole, "the same locations, in the same order");
}

#[tokio::test]
async fn an_edit_publishes_its_own_article_first_and_every_article_it_affects_after_in_chunks() {
    let texts: Vec<(String, String)> = (0..150)
        .map(|i| (format!("envoy{i:03}.txt"), format!("Envoy, day {i}\nSource: Harbour Gazette, 3 March 2025\n\nKirill Dmitriev arrived on day {i}. Dmitriev met the mayor.\n")))
        .collect();
    let files: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = fixtures::corpus(&files);
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let uri = file_uri(&dir.path().join("envoy000.txt"));
    client.open(&uri, &texts[0].1).await;
    client.wait_diagnostics(&uri, |_| true).await;
    client.settle().await;
    let before = client.notifications("textDocument/publishDiagnostics").len();
    // Respell the name in the open article: every article naming him may
    // read differently now.
    let at = texts[0].1.find("Dmitriev met").unwrap();
    let (start, end) = (position_of(&texts[0].1, at, "utf-16"), position_of(&texts[0].1, at + "Dmitriev".len(), "utf-16"));
    let version = client.change(&uri, json!([{ "range": { "start": start, "end": end }, "text": "Dmitriyev" }])).await;
    client.wait_for(|c| c.published(&uri).iter().any(|p| p["version"] == version).then_some(())).await.expect("the edit is published");
    client.settle().await;
    let after: Vec<serde_json::Value> = client.notifications("textDocument/publishDiagnostics").split_off(before);
    assert_eq!(after[0]["params"]["uri"], uri, "the edited article first");
    assert_eq!(after[0]["params"]["version"], version);
    let others: std::collections::BTreeSet<String> =
        after[1..].iter().map(|n| n["params"]["uri"].as_str().unwrap().to_string()).filter(|u| *u != uri).collect();
    assert_eq!(others.len(), 149, "every other article naming him, more than one chunk of them");
}
