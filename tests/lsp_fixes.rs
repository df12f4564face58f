//! Every rule's fixes over LSP, and that a request's range picks the
//! finding it is about.

mod common;

use common::fixtures;
use common::*;
use serde_json::{json, Value};

const QUOTED: &str = "Port talks\nSource: Harbour Gazette, 2 May 2025\n\n\
    “We will take three steps forward before the summer ends,” the papers quoted after the vote, beside a photograph of Anna Berg.\n";
const CREDITED: &str = "Berg on the port\nSource: Coast Courier, 2 May 2025\n\n\
    “We will take three steps forward before the summer ends,” said Anna Berg, the mayor.\nBerg spoke in Kyiv.\n";
const UNCLOSED: &str = "Port strike ends\nSource: Harbour Gazette\n\nAnna Berg said: “The ships will be unloaded by the end of the week.\n\nThe port reopened.\n";
const UNOPENED: &str = "Port strike ends\nSource: Harbour Gazette\n\nThe ships will be unloaded by the end of the week,” Anna Berg said.\n";
const ANONYMOUS: &str = "Port strike ends\nSource: Harbour Gazette\n\n\"The ships will be unloaded by the end of the week,\" a port official said.\n";
const UNSOURCED: &str = "Harbour stays shut\nThe harbour stayed shut, Reuters reported. A pilot told CNN the channel was blocked.\n";
const KIEV: &str = "Ferry news\nSource: Coast Courier, 3 May 2025\n\nThe ferry from Kiev was late.\n";

/// The texts after an action's edit (`changes` only).
fn applied(action: &Value, uri: &str, text: &str) -> String {
    let edits = action["edit"]["changes"][uri].as_array().unwrap_or_else(|| panic!("no edit of {uri}: {action}"));
    let mut edits: Vec<&Value> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(offset_at(text, &e["range"]["start"], "utf-16")));
    let mut new = text.to_string();
    for e in edits {
        let (s, t) = (offset_at(text, &e["range"]["start"], "utf-16"), offset_at(text, &e["range"]["end"], "utf-16"));
        new.replace_range(s..t, e["newText"].as_str().unwrap());
    }
    new
}

async fn actions(client: &mut TestClient, uri: &str, range: Value) -> Vec<Value> {
    let params = json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } });
    client.request("textDocument/codeAction", params).await.unwrap().as_array().unwrap().clone()
}

fn titles(actions: &[Value]) -> Vec<String> {
    actions.iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
}

fn titled<'a>(actions: &'a [Value], part: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains(part))
        .unwrap_or_else(|| panic!("no action with '{part}' in {:#?}", titles(actions)))
}

async fn started(files: &[(&str, &str)]) -> (tempfile::TempDir, TestClient) {
    let mut all = files.to_vec();
    all.push(("newslint.toml", fixtures::CONFIG));
    let dir = fixtures::corpus(&all);
    let client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    (dir, client)
}

async fn diagnostic(client: &TestClient, uri: &str, code: &str) -> Value {
    let d = client.wait_diagnostics(uri, |d| has_code(d, code)).await;
    d.iter().find(|d| d["code"] == code).unwrap().clone()
}

#[tokio::test]
async fn an_unattributed_quotation_gets_the_speaker_another_article_names_first() {
    let (dir, mut client) = started(&[("quoted.txt", QUOTED), ("credited.txt", CREDITED)]).await;
    let uri = file_uri(&dir.path().join("quoted.txt"));
    let d = diagnostic(&client, &uri, "unattributed-quote").await;
    assert!(d["message"].as_str().unwrap().contains("another article gives it to Anna Berg (credited.txt)"), "{d}");
    // The whole quotation asked for: its actions, not the name further along the line.
    let list = actions(&mut client, &uri, d["range"].clone()).await;
    let names = titles(&list);
    assert_eq!(names[0], "Attribute it to Anna Berg, as credited.txt does", "{names:#?}");
    assert_eq!(list[0]["isPreferred"], true);
    let fixed = applied(&list[0], &uri, QUOTED);
    assert!(fixed.contains("ends,” Anna Berg said, the papers quoted"), "{fixed}");
    let template = applied(titled(&list, "Insert an attribution"), &uri, QUOTED);
    assert!(template.contains("ends,” <speaker> said, the papers"), "{template}");
    assert!(names.iter().any(|t| t.starts_with("Accept this unattributed quotation in newslint-review.toml")), "{names:#?}");
    assert!(names.iter().any(|t| t.starts_with("Accept this unattributed quotation with a comment")), "{names:#?}");
}

#[tokio::test]
async fn an_unbalanced_mark_is_closed_where_the_quotation_ends_or_removed() {
    let (dir, mut client) = started(&[("unclosed.txt", UNCLOSED), ("unopened.txt", UNOPENED)]).await;
    let uri = file_uri(&dir.path().join("unclosed.txt"));
    let d = diagnostic(&client, &uri, "unbalanced-quote").await;
    // The range is the whole quotation, not one character.
    assert_eq!(text_at(UNCLOSED, &d["range"], "utf-16"), "“The ships will be unloaded by the end of the week.");
    let list = actions(&mut client, &uri, d["range"].clone()).await;
    let closed = applied(titled(&list, "Close the quotation: add ”"), &uri, UNCLOSED);
    assert!(closed.contains("end of the week.”\n\nThe port"), "{closed}");
    let removed = applied(titled(&list, "Remove the stray “"), &uri, UNCLOSED);
    assert!(removed.contains("said: The ships"), "{removed}");

    let uri = file_uri(&dir.path().join("unopened.txt"));
    let d = diagnostic(&client, &uri, "unbalanced-quote").await;
    let list = actions(&mut client, &uri, d["range"].clone()).await;
    let opened = applied(titled(&list, "Open the quotation: add “"), &uri, UNOPENED);
    assert!(opened.contains("\n“The ships will be unloaded"), "{opened}");
}

#[tokio::test]
async fn an_anonymous_source_can_be_accepted_and_a_missing_source_offers_the_generic_line_first() {
    let (dir, mut client) = started(&[("anonymous.txt", ANONYMOUS), ("unsourced.txt", UNSOURCED)]).await;
    let uri = file_uri(&dir.path().join("anonymous.txt"));
    let d = diagnostic(&client, &uri, "anonymous-source").await;
    assert_eq!(d["message"], "quotation from an unnamed speaker, a port official");
    let list = actions(&mut client, &uri, d["range"].clone()).await;
    let inline = applied(titled(&list, "Accept this unnamed source with a comment"), &uri, ANONYMOUS);
    assert!(inline.contains("\n<!-- newslint-disable-next-line anonymous-source: TODO: why -->\n\"The ships"), "{inline}");

    let uri = file_uri(&dir.path().join("unsourced.txt"));
    let d = diagnostic(&client, &uri, "missing-source").await;
    let list = actions(&mut client, &uri, d["range"].clone()).await;
    let names = titles(&list);
    assert_eq!(names[0], "Insert a source line template", "{names:#?}");
    let outlets: Vec<&String> = names.iter().filter(|t| t.starts_with("Insert a source line crediting")).collect();
    assert_eq!(outlets.len(), 2, "every outlet the message names: {names:#?}");
    let file_wide = applied(titled(&list, "Accept the missing source line with a comment"), &uri, UNSOURCED);
    assert!(file_wide.starts_with("<!-- newslint-disable-file missing-source: TODO: why -->\nHarbour stays shut"), "{file_wide}");
}

#[tokio::test]
async fn config_fixes_use_one_verb_and_name_places_as_places() {
    let (dir, mut client) = started(&[("credited.txt", CREDITED), ("kiev.txt", KIEV), ("two.txt", CREDITED.replace("Berg on", "Berg again on").as_str())]).await;
    let uri = file_uri(&dir.path().join("kiev.txt"));
    let d = diagnostic(&client, &uri, "name-variant").await;
    assert!(d["message"].as_str().unwrap().starts_with("Kiev (once in this article): the corpus writes Kyiv (twice in 2 articles)"), "{d}");
    let list = actions(&mut client, &uri, d["range"].clone()).await;
    let names = titles(&list);
    assert!(names.contains(&"Make 'Kyiv' the corpus spelling in newslint.toml".to_string()), "{names:#?}");
    assert!(names.contains(&"Make 'Kiev' the corpus spelling in newslint.toml".to_string()), "{names:#?}");
    assert!(names.iter().all(|t| !t.contains("people")), "Kyiv is a place: {names:#?}");
    assert!(names.iter().any(|t| t.contains("as different places")), "{names:#?}");
}
