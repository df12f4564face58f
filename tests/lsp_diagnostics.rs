//! Diagnostics end to end: for articles nobody opened, across articles as
//! one is edited, pulled by clients that pull, and the fixes as edits.

mod common;

use common::fixtures::{self, FOUR, ONE, THREE};
use common::*;
use serde_json::{json, Value};

const FIVE: &str = "Fund chief returns\nSource: Harbour Gazette, 9 March 2025\n\nKirill Dmitriev returned on Sunday.\n";
const SIX: &str = "Fund chief departs\nSource: Harbour Gazette, 10 March 2025\n\nKirill Dmitriyev departed on Monday.\n";

fn dmitriyev_warning(d: &[Value]) -> bool {
    d.iter().any(|d| d["code"] == "name-variant" && d["message"].as_str().unwrap_or("").starts_with("Dmitriyev ("))
}

#[tokio::test]
async fn articles_nobody_opened_get_diagnostics_after_indexing() {
    let dir = fixtures::standard();
    let client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let four = file_uri(&dir.path().join("four.txt"));
    let d = client.wait_diagnostics(&four, |d| has_code(d, "missing-source")).await;
    let missing = d.iter().find(|d| d["code"] == "missing-source").unwrap();
    assert_eq!(text_at(FOUR, &missing["range"], "utf-16"), "Harbour reopens after the storm");
    assert_eq!(missing["source"], "newslint");

    let three = file_uri(&dir.path().join("three.txt"));
    let d = client.wait_diagnostics(&three, dmitriyev_warning).await;
    let variant = d.iter().find(|d| d["code"] == "name-variant").unwrap();
    assert_eq!(text_at(THREE, &variant["range"], "utf-16"), "Dmitriyev");
    // The articles that credit their source and spell the name the corpus
    // way have nothing to report.
    let one = file_uri(&dir.path().join("one.txt"));
    client.wait_diagnostics(&one, |d| d.is_empty()).await;
}

#[tokio::test]
async fn a_name_variant_appears_and_clears_in_other_articles_as_one_is_edited() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let [one, two, three, four] =
        ["one.txt", "two.txt", "three.txt", "four.txt"].map(|f| file_uri(&dir.path().join(f)));
    client.wait_diagnostics(&three, dmitriyev_warning).await;
    client.wait_diagnostics(&two, |d| !has_code(d, "name-variant")).await;
    client.settle().await;
    let four_before = client.published(&four).len();

    // Spell the name "Dmitriyev" in one.txt too: now two articles of three
    // say "Dmitriyev", and two.txt, which nobody opened, gets the warning.
    client.open(&one, ONE).await;
    let edits: Vec<Value> = ONE
        .rmatch_indices("Dmitriev")
        .map(|(at, s)| {
            let range = json!({ "start": position_of(ONE, at, "utf-16"), "end": position_of(ONE, at + s.len(), "utf-16") });
            json!({ "range": range, "text": "Dmitriyev" })
        })
        .collect();
    client.change(&one, json!(edits)).await;
    client
        .wait_diagnostics(&two, |d| {
            d.iter().any(|d| d["code"] == "name-variant" && d["message"].as_str().unwrap().starts_with("Dmitriev ("))
        })
        .await;
    client.wait_diagnostics(&three, |d| !has_code(d, "name-variant")).await;
    client.wait_diagnostics(&one, |d| !has_code(d, "name-variant")).await;

    // Undo: the warning goes back to three.txt and leaves two.txt.
    client.change(&one, json!([{ "text": ONE }])).await;
    client.wait_diagnostics(&two, |d| !has_code(d, "name-variant")).await;
    client.wait_diagnostics(&three, dmitriyev_warning).await;
    client.settle().await;
    // An article that does not name him was never published again.
    assert_eq!(client.published(&four).len(), four_before, "four.txt was re-published");
    // Diagnostics of the open article carry its version.
    let last = client.published(&one).last().cloned().unwrap();
    assert_eq!(last["version"], 3);
}

#[tokio::test]
async fn clients_that_pull_get_document_and_workspace_reports() {
    let dir = fixtures::standard();
    let mut caps = plain_capabilities();
    caps["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
    caps["workspace"]["diagnostics"] = json!({ "refreshSupport": true });
    let mut client = TestClient::start(Some(dir.path()), caps).await;
    client.wait_indexed().await;
    let four = file_uri(&dir.path().join("four.txt"));
    client.open(&four, FOUR).await;
    let report = client
        .request("textDocument/diagnostic", json!({ "textDocument": { "uri": four } }))
        .await
        .unwrap();
    assert_eq!(report["kind"], "full");
    assert!(has_code(report["items"].as_array().unwrap(), "missing-source"), "{report}");
    let id = report["resultId"].clone();
    let again = client
        .request("textDocument/diagnostic", json!({ "textDocument": { "uri": four }, "previousResultId": id }))
        .await
        .unwrap();
    assert_eq!(again["kind"], "unchanged", "{again}");

    let all = client.request("workspace/diagnostic", json!({ "previousResultIds": [] })).await.unwrap();
    let items = all["items"].as_array().unwrap();
    assert_eq!(items.len(), 4, "{all:#}");
    let three = file_uri(&dir.path().join("three.txt"));
    let three_report = items.iter().find(|i| i["uri"] == three.as_str()).unwrap();
    assert!(dmitriyev_warning(three_report["items"].as_array().unwrap()), "{three_report:#}");
    // Nothing is pushed to a client that pulls.
    assert!(client.notifications("textDocument/publishDiagnostics").iter().all(|n| n["params"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("newslint.toml")));
}

/// The edit a code action makes, per URI, applied to the files' texts.
fn apply(action: &Value, texts: &[(&str, &str)]) -> Vec<(String, String)> {
    let changes = action["edit"]["changes"].as_object().expect("changes");
    let mut out = Vec::new();
    for (uri, edits) in changes {
        let text = texts.iter().find(|(u, _)| u == uri).map(|(_, t)| *t).unwrap_or_else(|| panic!("unknown {uri}"));
        let mut edits: Vec<&Value> = edits.as_array().unwrap().iter().collect();
        edits.sort_by_key(|e| std::cmp::Reverse(offset_at(text, &e["range"]["start"], "utf-16")));
        let mut new = text.to_string();
        for e in edits {
            let (s, t) = (offset_at(text, &e["range"]["start"], "utf-16"), offset_at(text, &e["range"]["end"], "utf-16"));
            new.replace_range(s..t, e["newText"].as_str().unwrap());
        }
        out.push((uri.clone(), new));
    }
    out.sort();
    out
}

#[tokio::test]
async fn fixes_are_workspace_edits_here_in_the_article_in_the_corpus_and_in_the_config() {
    let dir = fixtures::standard();
    // A third article for the majority, a second for the variant.
    fixtures::write(dir.path(), "five.txt", FIVE);
    fixtures::write(dir.path(), "six.txt", SIX);
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let three = file_uri(&dir.path().join("three.txt"));
    let d = client.wait_diagnostics(&three, dmitriyev_warning).await;
    let variant = d.iter().find(|d| d["code"] == "name-variant").unwrap().clone();
    let params = json!({
        "textDocument": { "uri": three },
        "range": variant["range"],
        "context": { "diagnostics": [variant] }
    });
    let actions = client.request("textDocument/codeAction", params).await.unwrap();
    let actions = actions.as_array().unwrap();
    let titled = |part: &str| {
        actions
            .iter()
            .find(|a| a["title"].as_str().unwrap().contains(part))
            .unwrap_or_else(|| panic!("no action with '{part}' in {actions:#?}"))
    };
    let config = std::fs::read_to_string(dir.path().join("newslint.toml")).unwrap();
    let config_uri = file_uri(&dir.path().join("newslint.toml"));
    let six = file_uri(&dir.path().join("six.txt"));
    let texts = [(three.as_str(), THREE), (six.as_str(), SIX), (config_uri.as_str(), config.as_str())];

    let here = apply(titled("Replace 'Dmitriyev' with 'Dmitriev'"), &texts);
    assert_eq!(here, vec![(three.clone(), THREE.replacen("Dmitriyev", "Dmitriev", 1))]);
    let corpus = apply(titled("in the corpus"), &texts);
    assert_eq!(
        corpus,
        vec![(six.clone(), SIX.replace("Dmitriyev", "Dmitriev")), (three.clone(), THREE.replace("Dmitriyev", "Dmitriev"))]
    );
    let article = apply(titled("in this article"), &texts);
    assert_eq!(article, vec![(three.clone(), THREE.replace("Dmitriyev", "Dmitriev"))]);

    let prefer = apply(titled("Make 'Dmitriyev' the corpus spelling"), &texts);
    let new_config = &prefer[0].1;
    assert!(new_config.starts_with("# newslint settings"), "comments stay: {new_config}");
    let parsed = newslint::config::Config::parse(new_config, std::path::Path::new("newslint.toml")).unwrap();
    assert_eq!(parsed.names.prefer, vec!["Dmitriyev"]);
    let distinct = apply(titled("different people"), &texts);
    let parsed = newslint::config::Config::parse(&distinct[0].1, std::path::Path::new("newslint.toml")).unwrap();
    assert_eq!(parsed.names.distinct, vec![vec!["Dmitriyev".to_string(), "Dmitriev".to_string()]]);
    // The server never writes: the file on disk is as it was.
    assert_eq!(std::fs::read_to_string(dir.path().join("newslint.toml")).unwrap(), config);
}

#[tokio::test]
async fn a_missing_source_line_is_fixed_by_inserting_a_template_naming_the_outlets() {
    let dir = fixtures::standard();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let four = file_uri(&dir.path().join("four.txt"));
    let d = client.wait_diagnostics(&four, |d| has_code(d, "missing-source")).await;
    let missing = d.iter().find(|d| d["code"] == "missing-source").unwrap().clone();
    let params = json!({ "textDocument": { "uri": four }, "range": missing["range"], "context": { "diagnostics": [] } });
    let actions = client.request("textDocument/codeAction", params).await.unwrap();
    let actions = actions.as_array().unwrap();
    let template = actions.iter().find(|a| a["title"] == "Insert a source line template").expect("a template");
    let texts = [(four.as_str(), FOUR)];
    let fixed = apply(template, &texts);
    assert_eq!(fixed[0].1, FOUR.replacen("\n", "\nSource: <outlet>, <date>, <url>\n", 1));
    let reuters = actions.iter().find(|a| a["title"].as_str().unwrap().contains("crediting Reuters"));
    let reuters = reuters.unwrap_or_else(|| panic!("no action crediting Reuters in {actions:#?}"));
    assert!(apply(reuters, &texts)[0].1.contains("\nSource: Reuters, <date>\n"));
}

#[tokio::test]
async fn rule_severities_from_the_editor_settings_win_over_the_defaults() {
    let dir = fixtures::standard();
    let options = json!({ "initializationOptions": { "rules": { "missing-source": "off", "no-such-rule": "error" } } });
    let client = TestClient::start_with(Some(dir.path()), plain_capabilities(), options).await;
    client.wait_indexed().await;
    let four = file_uri(&dir.path().join("four.txt"));
    let three = file_uri(&dir.path().join("three.txt"));
    // Other rules still report, so four.txt's silence is the setting's doing.
    client.wait_diagnostics(&three, dmitriyev_warning).await;
    client.settle().await;
    assert!(!has_code(&client.last_diagnostics(&four).unwrap_or_default(), "missing-source"));

    // The user turns the rule back on, as an error, in the editor's settings.
    let mut client = client;
    client
        .notify("workspace/didChangeConfiguration", json!({ "settings": { "newslint": { "rules": { "missing-source": "error" } } } }))
        .await;
    let d = client.wait_diagnostics(&four, |d| has_code(d, "missing-source")).await;
    let missing = d.iter().find(|d| d["code"] == "missing-source").unwrap();
    assert_eq!(missing["severity"], 1, "{missing}");
}
