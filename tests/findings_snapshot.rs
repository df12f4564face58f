//! The findings guard for speed work: `newslint check --format json` on a
//! fixed generated corpus (200 articles, seed 11) and on the example corpus
//! must give exactly the findings recorded in `tests/snapshots/`.
//!
//! A speed commit never changes these files. A commit that means to change
//! findings (accuracy work) regenerates them and says so:
//!
//! ```sh
//! NEWSLINT_BLESS=1 cargo test --release --test findings_snapshot
//! ```

use std::path::Path;
use std::process::Command;

use newslint::corpusgen::{write_corpus, Generator, Params};
use serde_json::Value;

/// `check --format json` on `dir`, with the folder prefix taken off every path
/// so the snapshot does not depend on where the corpus was written.
fn findings(dir: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(["check", "--format", "json", "--fail-on", "none"])
        .arg(dir)
        .output()
        .expect("newslint runs");
    assert!(out.status.success(), "check failed: {}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).expect("check prints one JSON array");
    let prefix = format!("{}/", dir.display());
    // One finding per line: a change shows as a readable line diff.
    let lines: Vec<String> = json.as_array().unwrap().iter().map(|f| f.to_string().replace(&prefix, "")).collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

fn compare(name: &str, actual: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("NEWSLINT_BLESS").is_some() {
        std::fs::write(&file, actual).expect("snapshot written");
        return;
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e} (NEWSLINT_BLESS=1 writes it)", file.display()));
    if expected == actual {
        return;
    }
    let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let gone: Vec<&&str> = old.iter().filter(|l| !new.contains(l)).take(5).collect();
    let added: Vec<&&str> = new.iter().filter(|l| !old.contains(l)).take(5).collect();
    panic!(
        "{name}: the findings changed ({} lines recorded, {} now).\nfirst gone: {gone:#?}\nfirst new: {added:#?}\n\
         A speed change must not change findings; an accuracy change regenerates the snapshot with NEWSLINT_BLESS=1.",
        old.len(),
        new.len()
    );
}

#[test]
fn findings_on_a_fixed_generated_corpus_are_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(&Generator::new(Params::new(200, 11)), dir.path(), 2).unwrap();
    compare("generated-200-seed11.json", &findings(dir.path()));
}

#[test]
fn findings_on_the_example_corpus_are_unchanged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
    compare("examples-corpus.json", &findings(&dir));
}
