//! Helpers shared by the house-style tests: load a test corpus, compare
//! its findings with a table, and ask who said a quotation or which entity
//! a name is.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use newslint::analysis::SpeakerKind;
use newslint::cli::load::{load, Loaded};
use newslint::index::EntityId;
use newslint::rules;

pub fn corpus(name: &str) -> Loaded {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora").join(name);
    assert!(dir.is_dir(), "no test corpus named {name}");
    load(&[dir]).expect("the corpus loads")
}

pub fn path_of(loaded: &Loaded, file: &str) -> PathBuf {
    loaded
        .corpus
        .paths()
        .find(|p| p.file_name().is_some_and(|n| n == file))
        .unwrap_or_else(|| panic!("{file} is not in the corpus"))
        .clone()
}

/// (file, line, code) of every finding, with how often it occurs.
/// `missing-source` is about the whole article, so its line is 0.
pub fn findings(loaded: &Loaded) -> BTreeMap<(String, usize, String), usize> {
    let mut out = BTreeMap::new();
    for p in loaded.corpus.paths() {
        let text = &loaded.corpus.article(p).unwrap().text;
        for f in rules::check(&loaded.corpus, p) {
            let line = if f.code == "missing-source" { 0 } else { text[..f.span.start].matches('\n').count() + 1 };
            let file = p.file_name().unwrap().to_string_lossy().to_string();
            *out.entry((file, line, f.code.to_string())).or_insert(0) += 1;
        }
    }
    out
}

pub fn expected(table: &[(&str, usize, &str)]) -> BTreeMap<(String, usize, String), usize> {
    let mut out = BTreeMap::new();
    for (file, line, code) in table {
        *out.entry((file.to_string(), *line, code.to_string())).or_insert(0) += 1;
    }
    out
}

/// What `got` has beyond `want`, counting repeats.
pub fn beyond(
    got: &BTreeMap<(String, usize, String), usize>,
    want: &BTreeMap<(String, usize, String), usize>,
) -> Vec<String> {
    got.iter()
        .filter_map(|(k, n)| {
            let w = want.get(k).copied().unwrap_or(0);
            (*n > w).then(|| format!("{}:{} {} (x{})", k.0, k.1, k.2, n - w))
        })
        .collect()
}

pub fn only(all: BTreeMap<(String, usize, String), usize>, code: &str) -> BTreeMap<(String, usize, String), usize> {
    all.into_iter().filter(|(k, _)| k.2 == code).collect()
}

/// Nothing of rule `code` is flagged beyond the table.
pub fn assert_precision(name: &str, code: &str, table: &[(&str, usize, &str)]) {
    let loaded = corpus(name);
    let extra = beyond(&only(findings(&loaded), code), &only(expected(table), code));
    assert!(extra.is_empty(), "{name}: flagged but a careful editor would not:\n{}", extra.join("\n"));
}

/// Everything of rule `code` in the table is flagged.
pub fn assert_recall(name: &str, code: &str, table: &[(&str, usize, &str)]) {
    let loaded = corpus(name);
    let missed = beyond(&only(expected(table), code), &only(findings(&loaded), code));
    assert!(missed.is_empty(), "{name}: expected but not flagged:\n{}", missed.join("\n"));
}

/// A precision test and a recall test for each rule, over one corpus's table.
macro_rules! rule_tests {
    ($corpus:literal, $table:ident, $($rule:ident => $code:literal),* $(,)?) => {
        $(
            mod $rule {
                #[test]
                fn precision() {
                    super::assert_precision($corpus, $code, super::$table);
                }
                #[test]
                fn recall() {
                    super::assert_recall($corpus, $code, super::$table);
                }
            }
        )*
    };
}

/// Who the engine says spoke the quotation starting with `start`:
/// the resolved entity's name, "anonymous", "institution", or "none".
pub fn speaker_of(loaded: &Loaded, file: &str, start: &str) -> String {
    let entry = loaded.corpus.article(&path_of(loaded, file)).unwrap();
    let quote = entry
        .facts
        .quotes
        .iter()
        .find(|q| entry.text[q.inner.clone()].starts_with(start))
        .unwrap_or_else(|| panic!("{file}: no quotation starts with {start:?}"));
    match &quote.speaker {
        None => "none".to_string(),
        Some(s) if s.kind == SpeakerKind::Anonymous => "anonymous".to_string(),
        Some(s) if s.kind == SpeakerKind::Institution => "institution".to_string(),
        Some(s) => match s.entity {
            Some(i) => entry.facts.entities[i].name.clone(),
            None => format!("unresolved '{}'", s.text),
        },
    }
}

pub fn assert_speakers(name: &str, table: &[(&str, &str, &str)]) {
    let loaded = corpus(name);
    let wrong: Vec<String> = table
        .iter()
        .filter_map(|(file, start, who)| {
            let got = speaker_of(&loaded, file, start);
            (got != *who).then(|| format!("{file} “{start}…”: expected {who}, got {got}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{name}: wrong speakers:\n{}", wrong.join("\n"));
}

/// The entity mentioned at the `nth` (0-based) occurrence of `needle`.
pub fn entity(loaded: &Loaded, file: &str, needle: &str, nth: usize) -> Option<EntityId> {
    let path = path_of(loaded, file);
    let text = &loaded.corpus.article(&path).unwrap().text;
    let offset = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{file}: no {needle:?} #{nth}")).0;
    loaded.corpus.entity_at(&path, offset)
}

/// The entity mentioned at `word` inside the `nth` occurrence of `context`.
pub fn entity_in(loaded: &Loaded, file: &str, context: &str, word: &str, nth: usize) -> Option<EntityId> {
    let path = path_of(loaded, file);
    let text = &loaded.corpus.article(&path).unwrap().text;
    let at = text.match_indices(context).nth(nth).unwrap_or_else(|| panic!("{file}: no {context:?} #{nth}")).0;
    loaded.corpus.entity_at(&path, at + context.find(word).expect("word inside context"))
}

pub fn card_name(loaded: &Loaded, id: &Option<EntityId>) -> String {
    id.as_ref().and_then(|id| loaded.corpus.card(id)).map(|c| c.name).unwrap_or_else(|| "no entity".into())
}
