//! `newslint check` run as a program on temporary corpora.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const SOURCED: &str = "Harbour reopens after storm\n\nLISBON, March 3 (Reuters) - The harbour reopened on Monday.\n";
const UNSOURCED: &str = "Harbour stays shut\n\nThe harbour stayed shut on Monday, according to Reuters.\n";

fn newslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint")).args(args).current_dir(dir).output().expect("newslint runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

fn corpus(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

#[test]
fn text_output_has_one_line_per_finding_and_a_summary() {
    let dir = corpus(&[("a.txt", SOURCED.as_bytes()), ("news/b.txt", UNSOURCED.as_bytes())]);
    let o = newslint(dir.path(), &["check"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.contains(&"news/b.txt:1:1: warning[missing-source]: no source line: the article does not say which outlet it comes from, when or where; the text names Reuters"), "{out}");
    assert!(!out.contains("a.txt:"), "{out}");
    assert_eq!(lines.last(), Some(&"1 finding (1 warning) in 2 articles"), "{out}");
}

#[test]
fn paths_are_shown_as_given() {
    let dir = corpus(&[("news/b.txt", UNSOURCED.as_bytes())]);
    let o = newslint(dir.path(), &["check", "news"]);
    assert!(stdout(&o).starts_with("news/b.txt:1:1: "), "{}", stdout(&o));
    let o = newslint(dir.path(), &["check", "./news/b.txt"]);
    assert!(stdout(&o).starts_with("news/b.txt:1:1: "), "{}", stdout(&o));
}

#[test]
fn exit_status_follows_fail_on() {
    let clean = corpus(&[("a.txt", SOURCED.as_bytes())]);
    assert_eq!(newslint(clean.path(), &["check"]).status.code(), Some(0));
    let dirty = corpus(&[("b.txt", UNSOURCED.as_bytes())]);
    assert_eq!(newslint(dirty.path(), &["check"]).status.code(), Some(1));
    assert_eq!(newslint(dirty.path(), &["check", "--fail-on", "error"]).status.code(), Some(0));
    assert_eq!(newslint(dirty.path(), &["check", "--fail-on=none"]).status.code(), Some(0));
    assert_eq!(newslint(dirty.path(), &["check", "--fail-on", "hint"]).status.code(), Some(1));
    std::fs::write(dirty.path().join("newslint.toml"), "[rules]\nmissing-source = \"error\"\n").unwrap();
    let o = newslint(dirty.path(), &["check", "--fail-on", "error"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error[missing-source]"), "{}", stdout(&o));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = corpus(&[("a.txt", SOURCED.as_bytes())]);
    for args in [
        &["check", "--colour"][..],
        &["check", "--format", "xml"],
        &["check", "--fail-on", "loud"],
        &["check", "--format"],
        &["frobnicate"],
        &["check", "no-such-folder"],
    ] {
        let o = newslint(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with("newslint: "), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
    let o = newslint(dir.path(), &["check", "no-such-folder"]);
    assert!(stderr(&o).contains("no-such-folder: no such file or folder"), "{}", stderr(&o));
}

#[test]
fn help_is_printed_per_command() {
    let dir = corpus(&[]);
    for (cmd, words) in [("check", "--fail-on"), ("entities", "--format text|json|csv")] {
        let o = newslint(dir.path(), &[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).starts_with(&format!("usage: newslint {cmd}")) && stdout(&o).contains(words), "{}", stdout(&o));
    }
}

#[test]
fn a_bad_config_is_reported_with_line_and_column() {
    let dir = corpus(&[("a.txt", SOURCED.as_bytes()), ("newslint.toml", b"[rules]\n\nmissing-source = \"loud\"\n")]);
    let o = newslint(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("newslint.toml:3:"), "{err}");
    // The config is found by walking up from a subfolder too.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/b.txt"), SOURCED).unwrap();
    let o = newslint(&dir.path().join("sub"), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("newslint.toml:3:"), "{}", stderr(&o));
    // Checks past the syntax are placed too.
    std::fs::write(dir.path().join("newslint.toml"), "[rules]\nmissing-source = \"off\"\nmissing-sources = \"off\"\n").unwrap();
    let o = newslint(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("newslint.toml:3:1: unknown rule 'missing-sources'"), "{}", stderr(&o));
    std::fs::write(dir.path().join("newslint.toml"), "[files]\nexclude = [\"drafts/[\"]\n").unwrap();
    let o = newslint(dir.path(), &["check"]);
    assert!(stderr(&o).contains("newslint.toml:2:12: bad glob 'drafts/['"), "{}", stderr(&o));
}

#[test]
fn binary_and_non_utf8_files_are_reported_and_skipped() {
    let dir = corpus(&[
        ("a.txt", UNSOURCED.as_bytes()),
        ("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("latin1.txt", b"Caf\xe9 reopens\n"),
    ]);
    let o = newslint(dir.path(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("image.txt: skipped: binary file"), "{err}");
    assert!(err.contains("latin1.txt: skipped: not UTF-8"), "{err}");
    assert!(stdout(&o).contains("a.txt:1:1: warning[missing-source]"));
    assert!(stdout(&o).ends_with("in 1 article\n"), "{}", stdout(&o));
}

#[test]
fn gitignore_and_config_globs_are_respected() {
    let dir = corpus(&[
        ("a.txt", SOURCED.as_bytes()),
        ("scraped/raw.txt", UNSOURCED.as_bytes()),
        ("drafts/d.md", UNSOURCED.as_bytes()),
        ("notes.rs", UNSOURCED.as_bytes()),
        (".gitignore", b"scraped/\n"),
        ("newslint.toml", b"[files]\nexclude = [\"drafts/**\"]\n"),
    ]);
    let o = newslint(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "0 findings in 1 article\n");
}

#[test]
fn json_output_is_one_array_with_positions_in_characters() {
    let text = "« Ça ira » 😀\n\nThe harbour stayed shut on Monday, according to Reuters.\n";
    let dir = corpus(&[("b.txt", text.as_bytes())]);
    let o = newslint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    let findings = v.as_array().expect("an array");
    let f = findings.iter().find(|f| f["code"] == "missing-source").expect("missing-source");
    assert_eq!(f["path"], "b.txt");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(1), Some(1)));
    assert_eq!(f["end_line"].as_u64(), Some(1));
    // "« Ça ira » 😀" is 12 characters: the end column is the one after it.
    assert_eq!(f["end_column"].as_u64(), Some(13));
    assert_eq!(f["severity"], "warning");
    assert!(f["message"].as_str().unwrap().contains("Reuters"));
    assert_eq!(f["data"]["outlets"], serde_json::json!(["Reuters"]));
}

#[test]
fn sarif_output_is_a_code_scanning_log() {
    let dir = corpus(&[("news/b.txt", UNSOURCED.as_bytes())]);
    let o = newslint(dir.path(), &["check", "--format=sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "newslint");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for code in ["missing-source", "unattributed-quote", "anonymous-source", "unbalanced-quote", "name-variant"] {
        assert!(ids.contains(&code), "{ids:?}");
    }
    assert!(rules.iter().all(|r| r["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty())));
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "missing-source");
    assert_eq!(result["level"], "warning");
    assert_eq!(rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"], "missing-source");
    assert!(result["message"]["text"].as_str().unwrap().contains("Reuters"));
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "news/b.txt");
    assert_eq!(loc["region"]["startLine"], 1);
    assert_eq!(loc["region"]["startColumn"], 1);
    assert_eq!(loc["region"]["endLine"], 1);
    assert_eq!(loc["region"]["endColumn"], 19);
}

#[test]
fn json_carries_name_variant_and_quote_data() {
    let a = "Ferry talks resume\n\nKYIV (Reuters) - Transport minister Oksana Dmytrenko met the union on Monday. Dmytrenko said talks would go on.\n";
    let b = "Ferry talks go on\n\nKYIV (Reuters) - Transport minister Oksana Dmytrenko spoke to crews. Dmytrenko thanked them.\n";
    let c = "Ferry talks stall\n\nKYIV (Reuters) - Transport minister Oksana Dmitrenko left early.\n\n\"Nobody will leave this room until the ferries sail again.\"\n";
    let dir = corpus(&[("a.txt", a.as_bytes()), ("b.txt", b.as_bytes()), ("c.txt", c.as_bytes())]);
    let o = newslint(dir.path(), &["check", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    let findings = v.as_array().unwrap();
    for f in findings {
        assert!(f["path"].is_string() && f["line"].as_u64().unwrap() >= 1 && f["column"].as_u64().unwrap() >= 1, "{f}");
        match f["code"].as_str().unwrap() {
            "name-variant" => {
                assert!(f["data"]["spelling"].is_string() && f["data"]["preferred"].is_string(), "{f}");
                for variant in f["data"]["variants"].as_array().unwrap() {
                    assert!(variant["spelling"].is_string() && variant["articles"].is_u64() && variant["mentions"].is_u64());
                }
            }
            "unattributed-quote" => assert!(f["data"]["quote"].as_str().unwrap().contains("Nobody will leave"), "{f}"),
            _ => {}
        }
    }
    let codes: Vec<&str> = findings.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"name-variant"), "{codes:?}");
    assert!(codes.contains(&"unattributed-quote"), "{codes:?}");
    let nv = findings.iter().find(|f| f["code"] == "name-variant").unwrap();
    assert_eq!((nv["path"].as_str(), nv["data"]["spelling"].as_str(), nv["data"]["preferred"].as_str()), (Some("c.txt"), Some("Dmitrenko"), Some("Dmytrenko")));
}

#[test]
fn the_example_corpus_shows_every_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = newslint(root, &["check", "examples/corpus", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let found: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_string(), f["path"].as_str().unwrap().to_string()))
        .collect();
    for (code, file) in [
        ("missing-source", "examples/corpus/03-union-vote.txt"),
        ("unattributed-quote", "examples/corpus/03-union-vote.txt"),
        ("anonymous-source", "examples/corpus/03-union-vote.txt"),
        ("unbalanced-quote", "examples/corpus/04-ministry-plan.txt"),
        ("name-variant", "examples/corpus/02-grain-talks.md"),
        ("lost-apostrophe", "examples/corpus/04-ministry-plan.txt"),
    ] {
        assert!(found.contains(&(code.to_string(), file.to_string())), "{code} in {file}: {found:?}");
    }
    assert!(!found.iter().any(|(_, f)| f.contains("drafts/")), "{found:?}");
    for sourced in ["01-port-reopens.txt", "02-grain-talks.md", "04-ministry-plan.txt", "05-explainer.md"] {
        assert!(!found.iter().any(|(c, f)| c == "missing-source" && f.ends_with(sourced)), "{sourced}: {found:?}");
    }
}

#[test]
fn nothing_checked_is_an_error_not_a_pass() {
    // Every file skipped: a CI gate must not pass having checked nothing.
    let dir = corpus(&[("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")]);
    for args in [&["check"][..], &["check", "--fail-on", "none"], &["check", "image.txt"]] {
        let o = newslint(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("image.txt: skipped: binary file"), "{err}");
        assert!(err.contains("newslint: nothing checked: every file was skipped"), "{err}");
        assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    }
    // No article at all.
    let empty = corpus(&[("notes.rs", b"fn main() {}\n")]);
    let o = newslint(empty.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nothing checked: no articles"), "{}", stderr(&o));
    // One good file among skipped ones: the status follows the findings.
    let mixed = corpus(&[("image.txt", b"\x89PNG\0"), ("a.txt", SOURCED.as_bytes())]);
    let o = newslint(mixed.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "0 findings in 1 article\n");
}

#[test]
fn utf16_articles_with_a_byte_order_mark_are_checked() {
    let le: Vec<u8> = [0xff, 0xfe].into_iter().chain(UNSOURCED.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xfe, 0xff].into_iter().chain(UNSOURCED.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let bom8: Vec<u8> = b"\xef\xbb\xbf".iter().copied().chain(UNSOURCED.bytes()).collect();
    let dir = corpus(&[("le.txt", &le), ("be.txt", &be), ("bom8.txt", &bom8)]);
    let o = newslint(dir.path(), &["check"]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(err.is_empty(), "{err}");
    for name in ["le.txt", "be.txt", "bom8.txt"] {
        assert!(out.contains(&format!("{name}:1:1: warning[missing-source]")), "{name}: {out}");
    }
    assert!(out.ends_with("3 findings (3 warnings) in 3 articles\n"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_reported_not_dropped_and_a_symlink_loop_is_named() {
    let dir = corpus(&[("a.txt", UNSOURCED.as_bytes())]);
    let fifo = dir.path().join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let o = newslint(dir.path(), &["check", "pipe.txt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("newslint: pipe.txt: skipped: not a regular file"), "{}", stderr(&o));
    // Beside a real article, in the folder walk too, and without waiting on the pipe.
    let o = newslint(dir.path(), &["check", "a.txt", "pipe.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("pipe.txt: skipped: not a regular file"), "{}", stderr(&o));
    let o = newslint(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("pipe.txt: skipped: not a regular file"), "{}", stderr(&o));

    std::os::unix::fs::symlink("loop.txt", dir.path().join("loop.txt")).unwrap();
    let o = newslint(dir.path(), &["check", "loop.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("loop.txt: symlink loop"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("no such file"), "{}", stderr(&o));
}
