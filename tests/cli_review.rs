//! `newslint review` and `newslint check --show-suppressed` run as programs.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const ARTICLE: &str = "Council debates budget\nSource: Harbour Gazette, 2 May 2025\n\n\
    \"We will not let the harbour close this winter,\" the papers quoted after the vote.\n\
    <!-- newslint-disable-next-line anonymous-source: the desk knows who he is -->\n\
    \"The ships will be unloaded by the end of the week,\" a port official said.\n";
const REVIEW: &str = "# Accepted by the standards desk\n\n[[accept]]\nfile = \"news/a.txt\"\nrule = \"unattributed-quote\"\n\
    anchor = \"We will not let the harbour close this winter,\"\nreason = \"the council's statement, read at the vote\"\n\
    by = \"A. Editor\"\ndate = \"2025-05-03\"\n\n[[accept]]\nfile = \"news/a.txt\"\nrule = \"unattributed-quote\"\n\
    anchor = \"A quotation the article no longer has\"\nreason = \"an old scrape\"\n";

fn newslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint")).args(args).current_dir(dir).output().expect("newslint runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn corpus(review: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("news")).unwrap();
    std::fs::write(dir.path().join("news/a.txt"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("newslint.toml"), "").unwrap();
    std::fs::write(dir.path().join("newslint-review.toml"), review).unwrap();
    dir
}

#[test]
fn check_leaves_out_what_was_accepted_and_shows_it_on_request() {
    let dir = corpus(REVIEW);
    let o = newslint(dir.path(), &["check", "--fail-on", "warning"]);
    let out = stdout(&o);
    assert!(!out.contains("[unattributed-quote]") && !out.contains("[anonymous-source]"), "{out}");
    assert!(out.contains("news/a.txt:1:1: hint[unused-suppression]: newslint-review.toml:11 accepts unattributed-quote"), "{out}");
    assert_eq!(o.status.code(), Some(0), "a hint does not fail the run: {out}");
    let out = stdout(&newslint(dir.path(), &["check", "--show-suppressed"]));
    assert!(out.contains("news/a.txt:4:1: accepted[unattributed-quote]"), "{out}");
    assert!(out.contains("the council's statement, read at the vote (A. Editor, 2025-05-03); newslint-review.toml:3"), "{out}");
    assert!(out.contains("accepted[anonymous-source]") && out.contains("the desk knows who he is; inline:5"), "{out}");
    assert!(out.ends_with("2 accepted\n"), "{out}");
}

#[test]
fn review_prints_the_ledger_as_text_json_and_csv() {
    let dir = corpus(REVIEW);
    let o = newslint(dir.path(), &["review"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.contains("news/a.txt:4:1: accepted[unattributed-quote]"), "{text}");
    assert!(text.contains("news/a.txt: unused[unattributed-quote]: matches no finding of the article"), "{text}");
    assert!(text.ends_with("2 accepted, 1 unused\n"), "{text}");

    let rows: Value = serde_json::from_str(&stdout(&newslint(dir.path(), &["review", "--format", "json"]))).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let first = &rows[0];
    assert_eq!(first["rule"], "unattributed-quote");
    assert_eq!(first["anchor"], "We will not let the harbour close this winter,");
    assert_eq!((first["by"].as_str(), first["date"].as_str()), (Some("A. Editor"), Some("2025-05-03")));
    assert_eq!(first["recorded"], "newslint-review.toml:3");
    assert_eq!(rows[1]["recorded"], "inline:5");
    assert_eq!(rows[2]["status"], "unused");

    let csv = stdout(&newslint(dir.path(), &["review", "--format", "csv"]));
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("path,line,column,rule,anchor,reason,by,date,recorded,status,message"));
    assert!(csv.contains("\"We will not let the harbour close this winter,\""), "{csv}");
    assert_eq!(csv.lines().count(), 4);
}

#[test]
fn a_bad_review_file_is_a_clear_error_with_its_line_and_column() {
    let dir = corpus("[[accept]]\nfile = \"news/a.txt\"\nrule = \"unattributed-quote\"\nanchor = \"x\"\nreason = \"\"\n");
    let o = newslint(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("newslint-review.toml:5:10: an accepted finding needs a reason"), "{err}");
    let dir = corpus("[[accept]\n");
    let o = newslint(dir.path(), &["review"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("newslint-review.toml:1:"), "{}", String::from_utf8_lossy(&o.stderr));
}
