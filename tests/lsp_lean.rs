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
