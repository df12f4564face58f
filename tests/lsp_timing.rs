//! How long the first diagnostics, a hover and a references request take,
//! printed to stderr. Runs on a generated corpus of our own; point
//! `NEWSLINT_TIMING_CORPUS` at a folder (and `NEWSLINT_TIMING_NAME` at a
//! name in its last article) to time a real one:
//!
//! ```sh
//! NEWSLINT_TIMING_CORPUS=../shared/corpus/dmitriev-2025 NEWSLINT_TIMING_NAME=Dmitriyev \
//!     cargo test --release --test lsp_timing -- --nocapture
//! ```

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::*;
use serde_json::json;

/// Articles in the generated corpus.
const ARTICLES: usize = 200;

fn generated() -> tempfile::TempDir {
    let files: Vec<(String, String)> = (0..ARTICLES)
        .map(|i| {
            let name = if i % 10 == 9 { "Dmitriyev" } else { "Dmitriev" };
            let text = format!(
                "Envoy visit number {i}\nSource: Harbour Gazette, {} March 2025\n\n\
                 Kirill {name}, the head of a state investment fund, arrived on Monday. \
                 “We came to talk about ports and trade,” {name} said. The mayor of Lisbon met him.\n",
                1 + i % 28
            );
            (format!("article-{i:03}.txt"), text)
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    common::fixtures::corpus(&refs)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_diagnostics_hover_and_references_are_quick() {
    let generated_dir;
    let (dir, name) = match std::env::var_os("NEWSLINT_TIMING_CORPUS") {
        Some(dir) => (std::fs::canonicalize(PathBuf::from(dir)).unwrap(), std::env::var("NEWSLINT_TIMING_NAME").unwrap()),
        None => {
            generated_dir = generated();
            (generated_dir.path().to_path_buf(), "Dmitriyev".to_string())
        }
    };
    let mut articles: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| newslint::config::Config::default().file_filter().accepts(p.strip_prefix(&dir).unwrap()))
        .collect();
    articles.sort();
    let last = articles.last().expect("articles").clone();
    let text = std::fs::read_to_string(&last).unwrap();
    let uri = file_uri(&last);

    let started = Instant::now();
    let mut client = TestClient::start(Some(&dir), plain_capabilities()).await;
    let first = client.wait_for(|c| (!c.notifications("textDocument/publishDiagnostics").is_empty()).then_some(())).await;
    let first_diagnostics = started.elapsed();
    assert!(first.is_some(), "no diagnostics");
    client.wait_indexed().await;
    let indexed = started.elapsed();

    client.open(&uri, &text).await;
    let at = position_of(&text, text.find(name.as_str()).expect("the name in the last article"), "utf-16");
    let params = json!({ "textDocument": { "uri": uri }, "position": at });
    let t = Instant::now();
    let hover = client.request("textDocument/hover", params.clone()).await.unwrap();
    let hover_time = t.elapsed();
    let mut params = params;
    params["context"] = json!({ "includeDeclaration": true });
    let t = Instant::now();
    let refs = client.request("textDocument/references", params).await.unwrap();
    let references_time = t.elapsed();
    let files: std::collections::BTreeSet<&str> =
        refs.as_array().unwrap().iter().map(|r| r["uri"].as_str().unwrap()).collect();

    eprintln!(
        "newslint lsp timing on {} ({} articles): first diagnostics {:?}, all indexed {:?}, hover {:?}, references {:?} ({} locations in {} files)",
        dir.display(),
        articles.len(),
        first_diagnostics,
        indexed,
        hover_time,
        references_time,
        refs.as_array().unwrap().len(),
        files.len()
    );
    eprintln!("{}", hover["contents"]["value"].as_str().unwrap_or(""));
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains(&name), "{hover:#}");
    assert!(files.len() > 1, "references in one file only: {refs:#}");
    // Generous bounds: a debug build on a busy machine.
    assert!(first_diagnostics < Duration::from_secs(20));
    assert!(hover_time < Duration::from_secs(2) && references_time < Duration::from_secs(2));
}
