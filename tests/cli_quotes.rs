//! `newslint quotes` and the two quotation rules run as a program on a
//! temporary corpus: one statement covered by three outlets, one of which
//! changes a word, and a translation that is not a version.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn newslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint")).args(args).current_dir(dir).output().expect("newslint runs")
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("a.txt", "Ferry deal\nSource: Coast Courier\n\n“The ferries will sail again before the end of the month,” said Oksana Dmytrenko.\n"),
        ("b.txt", "Ferries to sail\nSource: Bay Herald\n\nOksana Dmytrenko said: “The ferries will sail again before the end of the month.”\n"),
        ("c.txt", "Ferry talks\nSource: Port Weekly\n\n“The ferries will sail again before the close of the month,” Oksana Dmytrenko said.\n"),
        ("d.txt", "Les ferries\nSource: Journal du Port\n\n« Les ferries reprendront la mer avant la fin du mois », a déclaré Oksana Dmytrenko.\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn the_ledger_groups_the_versions_of_a_statement_by_speaker() {
    let dir = corpus();
    let o = newslint(dir.path(), &["quotes", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    let rows = v.as_array().unwrap();
    // The statement in three articles, and the translation on its own.
    assert_eq!(rows.len(), 2, "{v:#}");
    let statement = rows.iter().find(|r| r["articles"] == 3).expect("the statement in three articles");
    assert_eq!(statement["speakers"], serde_json::json!(["Oksana Dmytrenko"]));
    let relations: Vec<&str> = statement["versions"].as_array().unwrap().iter().map(|v| v["relation"].as_str().unwrap()).collect();
    assert_eq!(relations.iter().filter(|r| **r == "changed").count(), 1, "{relations:?}");
    let csv = newslint(dir.path(), &["quotes", "--format", "csv"]);
    assert_eq!(String::from_utf8_lossy(&csv.stdout).lines().count(), 1 + 4);
}

#[test]
fn check_flags_the_changed_word_and_nothing_else() {
    let dir = corpus();
    let o = newslint(dir.path(), &["check", "--format", "json", "--fail-on", "none"]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    let drift: Vec<&Value> = v.as_array().unwrap().iter().filter(|f| f["code"] == "quote-drift").collect();
    assert_eq!(drift.len(), 1, "{v:#}");
    assert!(drift[0]["path"].as_str().unwrap().ends_with("c.txt"));
    assert!(drift[0]["message"].as_str().unwrap().contains("'before the close' where 2 other articles have 'before the end'"), "{}", drift[0]["message"]);
    assert_eq!(drift[0]["data"]["versions"].as_array().unwrap().len(), 2);
    assert!(!v.as_array().unwrap().iter().any(|f| f["code"] == "speaker-conflict"));
}
