//! Hover cards that fit a screen: at most five descriptors with
//! near-duplicates merged, at most three quotations with the current
//! article's first, no scare quotes, no quotation "by" a place, and counts
//! that link to the references as the client can show them.

mod common;
mod shared_corpus;

use common::fixtures;
use common::*;
use serde_json::{json, Value};

const HARBOUR_ONE: &str = "Harbour reopens after the storm
Source: Harbour Gazette, 3 March 2025

Maria Holm, the head of the port authority, said the port would reopen on Monday.
\"We expect the first ships on Monday morning before the tide turns,\" Holm said.
Holm called the storm \"a nuisance\" and left for Tromsø.
";

const HARBOUR_TWO: &str = "Ships return to the harbour
Source: Harbour Gazette, 4 March 2025

Maria Holm, head of the Port Authority, watched the first ferry come in.
\"The cranes are working again after a long and difficult week,\" Holm said.
\"Every berth will be open by Friday if the weather holds,\" Holm added.
";

fn at(uri: &str, text: &str, needle: &str) -> Value {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in the text")) + 1;
    json!({ "textDocument": { "uri": uri }, "position": position_of(text, offset, "utf-16") })
}

async fn card(client: &mut TestClient, uri: &str, text: &str, needle: &str) -> String {
    let hover = client.request("textDocument/hover", at(uri, text, needle)).await.unwrap();
    hover["contents"]["value"].as_str().unwrap_or_else(|| panic!("no card: {hover:#}")).to_string()
}

/// The quotation lines of a card, in order.
fn quoted(card: &str) -> Vec<&str> {
    card.lines().skip_while(|l| !l.starts_with("**Quoted**")).skip(1).filter(|l| l.starts_with("• ")).collect()
}

#[tokio::test]
async fn descriptors_are_merged_scare_quotes_left_out_and_the_current_article_quoted_first() {
    let dir = fixtures::corpus(&[("one.txt", HARBOUR_ONE), ("two.txt", HARBOUR_TWO), ("newslint.toml", fixtures::CONFIG)]);
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let two = file_uri(&dir.path().join("two.txt"));
    let card = card(&mut client, &two, HARBOUR_TWO, "Holm, head of").await;
    // One descriptor for "the head of the port authority" and "head of the
    // Port Authority".
    assert_eq!(card.to_lowercase().matches("port authority").count(), 1, "{card}");
    assert!(card.contains(" and 1 more"), "{card}");
    let quotes = quoted(&card);
    assert_eq!(quotes.len(), 3, "{card}");
    assert!(quotes[0].contains("[two.txt:5](") && quotes[1].contains("[two.txt:6]("), "{card}");
    assert!(quotes[2].contains("[one.txt:5]("), "{card}");
    assert!(!card.contains("nuisance"), "a scare quote is not a quotation: {card}");
    assert!(card.lines().count() <= 15, "{card}");
}

#[tokio::test]
async fn counts_link_to_the_references_as_the_client_can_show_them() {
    let dir = fixtures::standard();
    let three = dir.path().join("three.txt");
    // A plain-text client gets plain counts.
    let mut plain = TestClient::start(Some(dir.path()), json!({ "window": { "workDoneProgress": true } })).await;
    plain.wait_indexed().await;
    let text = card(&mut plain, &file_uri(&three), fixtures::THREE, "Dmitriyev told").await;
    assert!(!text.contains("]("), "{text}");
    assert!(text.contains("6 mentions in 3 articles"), "{text}");
    // VS Code's extension asks for command links: the total opens the
    // references at the hover, places open at their line.
    let mut vscode =
        TestClient::start_with(Some(dir.path()), plain_capabilities(), json!({ "initializationOptions": { "hoverLinks": "command" } })).await;
    vscode.wait_indexed().await;
    let text = card(&mut vscode, &file_uri(&three), fixtures::THREE, "Dmitriyev told").await;
    assert!(text.contains("[6 mentions](command:newslint.showReferences?%5B%22file%3A%2F%2F"), "{text}");
    assert!(text.contains("three.txt#L5)"), "{text}");
}

#[tokio::test]
async fn the_dmitriev_card_fits_in_fifteen_lines_with_this_articles_quotes_first() {
    let Some(story) = shared_corpus::shared_story("dmitriev-2025") else { return };
    let dir = fixtures::corpus(&[("newslint.toml", fixtures::CONFIG)]);
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&story).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            fixtures::write(dir.path(), path.file_name().unwrap().to_str().unwrap(), &text);
            texts.push((path.file_name().unwrap().to_string_lossy().into_owned(), text));
        }
    }
    texts.sort();
    let mut client = TestClient::start(Some(dir.path()), plain_capabilities()).await;
    client.wait_indexed().await;
    let mut with_quotes = 0;
    for (name, text) in &texts {
        let Some(word) = ["Dmitriyev", "Dmitriev"].into_iter().find(|w| text.contains(w)) else { continue };
        let uri = file_uri(&dir.path().join(name));
        let card = card(&mut client, &uri, text, word).await;
        assert!(card.starts_with("**Kirill Dmitriev** · person"), "{name}: {card}");
        assert!(card.lines().count() <= 15, "{name}: {} lines\n{card}", card.lines().count());
        assert!(card.matches("\n• ").count() <= 8, "{name}: {card}");
        let quotes = quoted(&card);
        assert!(!quotes.is_empty(), "{name}: {card}");
        // This article's quotations come first, when it has any.
        let here = format!("[{name}:");
        let first_elsewhere = quotes.iter().position(|q| !q.contains(&here)).unwrap_or(quotes.len());
        assert!(quotes[first_elsewhere..].iter().all(|q| !q.contains(&here)), "{name}: {card}");
        if first_elsewhere > 0 {
            with_quotes += 1;
        }
        // Cut at a word boundary: an ellipsis follows a whole word.
        for q in &quotes {
            if let Some(cut) = q.find("…”") {
                assert!(q[..cut].ends_with(|c: char| c.is_alphanumeric() || c == ')'), "{q}");
            }
        }
    }
    assert!(with_quotes >= 2, "the articles that quote Dmitriev list their own quotations first");
}
