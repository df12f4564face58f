//! Suppression directives never break the analysis or the rules, whatever
//! the text around them: random mixes of directive fragments (whole and
//! broken), rule codes, reasons, marks, names and line breaks. No quotation
//! mark or name comes from a directive, every range lies on character boundaries,
//! and blanking keeps every offset.

use std::path::PathBuf;

use newslint::index::Corpus;
use newslint::rules;
use newslint::suppress::directive;
use proptest::prelude::*;

mod props_config;
use props_config::runner;

const PIECES: &[&str] = &[
    "<!--", "-->", "<!-- ", " -->", "newslint-", "newslint-disable-next-line", "newslint-disable-line", "newslint-disable",
    "newslint-enable", "newslint-disable-file", "unattributed-quote", "anonymous-source", "name-variant", "missing-source",
    "no-such-rule", ",", ":", " ", "\n", "\n\n", "\r\n", "TODO: why", "the desk checked it", "“", "”", "\"", "«", "»",
    "said", "Anna Berg", "Berg", "Dmitriev", "é", "😀", "Москва", "We will not let the harbour close this winter,",
    "Source: Harbour Gazette", "Harbour talks",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 0..80).prop_map(|picks| picks.into_iter().map(|i| PIECES[i]).collect())
}

fn on_boundaries(text: &str, what: &str, start: usize, end: usize) -> Result<(), TestCaseError> {
    prop_assert!(start <= end && end <= text.len(), "{what} {start}..{end} outside the text");
    prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{what} {start}..{end} inside a character");
    Ok(())
}

proptest! {
    #![proptest_config(runner(200))]

    #[test]
    fn directives_keep_to_the_text_and_give_the_analysis_nothing(texts in prop::collection::vec(text(), 1..3)) {
        let mut corpus = Corpus::default();
        for (i, text) in texts.iter().enumerate() {
            let directives = directive::parse(text);
            for d in &directives {
                on_boundaries(text, "directive", d.span.start, d.span.end)?;
                for (code, span) in &d.rules {
                    on_boundaries(text, "rule", span.start, span.end)?;
                    prop_assert_eq!(&text[span.clone()], code.as_str());
                }
            }
            if let Some(blanked) = directive::blank(text) {
                prop_assert_eq!(blanked.len(), text.len());
            }
            let facts = corpus.analyze(text);
            for d in &directives {
                let inside = |at: usize| d.span.start <= at && at < d.span.end;
                for q in &facts.quotes {
                    // A quotation may run over an inline directive; its marks are never in one.
                    prop_assert!(q.open.is_none() || !inside(q.span.start), "a quotation opened inside a directive");
                    prop_assert!(q.close.is_none() || !inside(q.span.end - 1), "a quotation closed inside a directive");
                }
                for m in &facts.mentions {
                    prop_assert!(m.span.end <= d.span.start || d.span.end <= m.span.start, "a name inside a directive");
                }
            }
            let path = PathBuf::from(format!("a{}.txt", i % 2));
            corpus.upsert_analyzed(path.clone(), text.as_str().into(), facts);
            let checked = rules::check_all(&corpus, &path);
            for f in checked.findings.iter().chain(checked.suppressed.iter().map(|s| &s.finding)) {
                on_boundaries(text, "finding", f.span.start, f.span.end)?;
            }
        }
    }
}
