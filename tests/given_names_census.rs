//! A given name that is also a frequent lower-case word on the web
//! ("eddie") opens a name at the start of a sentence when a capitalised
//! surname follows and the name is on the census list of first names
//! (`data/given_names.txt`); its other spelling in another article is then
//! a given-name variant.

use newslint::analysis::analyze;
use newslint::lexicon::Lexicon;
use std::process::Command;

#[test]
fn a_census_given_name_opens_a_name_at_a_sentence_start() {
    let a = analyze("The firm was wound up.\n\nEddie Morton and a partner were appointed. Morton declined to comment.\n", &Lexicon::builtin());
    let e = a.entities.iter().find(|e| e.head == "Morton").expect("Morton");
    assert_eq!(e.name, "Eddie Morton");
    assert_eq!(e.mentions.len(), 2);
}

#[test]
fn its_other_spelling_elsewhere_is_a_given_name_variant() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("a.txt", "Liquidators named\n\nHONG KONG (Reuters) - Eddie Morton was appointed liquidator. Morton said work starts now.\n"),
        ("b.txt", "Liquidators named\n\nHONG KONG (Reuters) - Eddie Morton met creditors. Morton spoke briefly.\n"),
        ("c.txt", "Liquidators named\n\nHONG KONG (AP) - The court named Eddy Morton as liquidator. Morton agreed.\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_newslint")).args(["check", "--format", "json", "."]).current_dir(dir.path()).output().unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let given: Vec<(String, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "name-variant")
        .map(|f| (f["data"]["spelling"].as_str().unwrap().to_string(), f["data"]["preferred"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(given, vec![("Eddy".to_string(), "Eddie".to_string())], "{findings}");
}
