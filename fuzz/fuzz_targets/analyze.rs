//! `analysis::analyze` and every rule on a one-article corpus: never a
//! panic, and every range inside the text on character boundaries.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newslint::index::Corpus;
use newslint::rules;

/// An empty corpus, its word lists built once: building them per input
/// would be most of the time.
fn empty() -> Corpus {
    static EMPTY: OnceLock<Corpus> = OnceLock::new();
    EMPTY.get_or_init(Corpus::default).clone()
}

fuzz_target!(|data: &[u8]| {
    // The CLI's own decoding: UTF-8 (with or without a BOM), or UTF-16 with a BOM.
    let Ok(text) = newslint::cli::load::text_of(data.to_vec()) else { return };
    let mut corpus = empty();
    let path = PathBuf::from("a.txt");
    let facts = corpus.analyze(&text);
    for span in facts.quotes.iter().map(|q| &q.span).chain(facts.mentions.iter().map(|m| &m.span)).chain(&facts.sentences) {
        assert!(span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
    corpus.upsert_analyzed(path.clone(), text.clone(), facts);
    for f in rules::check(&corpus, &path) {
        assert!(f.span.start <= f.span.end && f.span.end <= text.len(), "{f:?}");
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end), "{f:?}");
    }
});
