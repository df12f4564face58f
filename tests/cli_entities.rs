//! `newslint entities` run as a program on a temporary corpus.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn newslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint")).args(args).current_dir(dir).output().expect("newslint runs")
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("a.txt", "Ferry talks resume\n\nKYIV (Reuters) - Transport Minister Oksana Dmytrenko met the union on Monday.\n\n\"We will keep talking until the ferries sail again,\" Dmytrenko said.\n"),
        ("b.txt", "Ferry talks go on\n\nKYIV (Reuters) - Transport Minister Oksana Dmytrenko spoke to crews in Odesa. Dmytrenko thanked them.\n"),
        ("c.txt", "Ferry talks stall\n\nKYIV (Reuters) - Oksana Dmitrenko, the transport minister, left early.\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn json_lists_each_entity_with_spellings_counts_descriptors_and_quotes() {
    let dir = corpus();
    let o = newslint(dir.path(), &["entities", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    let rows = v.as_array().unwrap();
    let mentions: Vec<u64> = rows.iter().map(|r| r["mentions"].as_u64().unwrap()).collect();
    assert!(mentions.windows(2).all(|w| w[0] >= w[1]), "sorted by mentions: {mentions:?}");
    let minister = rows.iter().find(|r| r["name"] == "Oksana Dmytrenko").expect("the minister, once");
    assert_eq!(rows.iter().filter(|r| r["name"].as_str().is_some_and(|n| n.contains("trenko"))).count(), 1);
    assert_eq!(minister["kind"], "person");
    assert_eq!(minister["articles"], 3);
    let spellings: Vec<&str> = minister["spellings"].as_array().unwrap().iter().map(|s| s["spelling"].as_str().unwrap()).collect();
    assert_eq!(spellings, vec!["Dmytrenko", "Dmitrenko"]);
    assert!(minister["descriptors"].as_array().unwrap().iter().all(|d| d["path"].is_string() && d["text"].is_string()));
    let quotes = minister["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!((quotes[0]["path"].as_str(), quotes[0]["line"].as_u64()), (Some("a.txt"), Some(5)));
    // Each quotation carries its span, so the export is complete (issue 13).
    let span = &quotes[0]["span"];
    let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
    let file = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    let quoted = &file[start..end];
    assert!(quoted.contains(quotes[0]["text"].as_str().unwrap()), "{quoted:?} holds {:?}", quotes[0]["text"]);
    assert_eq!(span["start_line"].as_u64(), Some(5));
    assert!(span["end_line"].as_u64() >= Some(5) && span["start_column"].as_u64() >= Some(1), "{span}");
}

#[test]
fn text_and_csv_formats() {
    let dir = corpus();
    let o = newslint(dir.path(), &["entities"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.lines().any(|l| l.starts_with("Oksana Dmytrenko (person): ")), "{text}");
    assert!(text.contains("spellings: Dmytrenko (2 articles, "), "{text}");
    assert!(text.trim_end().ends_with(" entities"), "{text}");

    let o = newslint(dir.path(), &["entities", "--format=csv"]);
    let csv = String::from_utf8(o.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("name,kind,preferred,mentions,articles,spellings,descriptors,quotes"));
    assert!(lines.any(|l| l.starts_with("Oksana Dmytrenko,person,Dmytrenko,")), "{csv}");

    let o = newslint(dir.path(), &["entities", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(2));
}
