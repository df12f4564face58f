//! The floors of the design hold: the analysis of one article knows nothing of
//! the corpus index or of LSP, the configuration knows nothing of the rules,
//! and only the server imports the LSP types.

use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(d) = stack.pop() {
        if d.is_file() {
            out.push(d);
            continue;
        }
        for e in fs::read_dir(&d).unwrap() {
            stack.push(e.unwrap().path());
        }
    }
    out.retain(|p| p.extension().is_some_and(|e| e == "rs"));
    out
}

fn offenders(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in sources(dir) {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for f in forbidden {
                if line.contains(f) && !line.trim_start().starts_with("//") {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn analysis_does_not_import_the_index_the_rules_or_lsp() {
    let bad = offenders("src/analysis", &["crate::index", "crate::rules", "crate::server", "tower_lsp"]);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn config_does_not_import_the_rules() {
    let bad = offenders("src/config.rs", &["crate::rules", "crate::index", "crate::server"]);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn only_the_server_imports_lsp_types() {
    let mut bad = Vec::new();
    for dir in ["src/analysis", "src/index", "src/rules", "src/cli", "src/config.rs", "src/text.rs", "src/lexicon.rs"] {
        bad.extend(offenders(dir, &["tower_lsp"]));
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
