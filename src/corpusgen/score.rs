//! What the rules flag in a generated corpus, set beside what was planted:
//! one driver for the tests and the benchmark, so both score the same run.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use super::{quote_at, GenArticle};
use crate::index::Corpus;
use crate::lexicon::Lexicon;

/// The quotations `quote-drift` flags in `articles`, as (article index,
/// quotation index) pairs, comparable with [`super::expected_drift`]; a
/// finding outside every planted quotation counts with `usize::MAX` for its
/// quotation, so that it lowers the precision. Run as `check` runs, on
/// `threads` threads: the articles analysed, indexed in order, then checked.
pub fn flagged_drift(articles: &[GenArticle], threads: usize) -> HashSet<(usize, usize)> {
    let lexicon = Lexicon::builtin();
    let parts: Vec<&[GenArticle]> = articles.chunks(articles.len().div_ceil(threads.max(1)).max(1)).collect();
    let facts = across(&parts, &|a, out| out.push(crate::analysis::analyze(&a.text, &lexicon)));
    let mut corpus = Corpus::default();
    for (a, facts) in articles.iter().zip(facts) {
        corpus.upsert_quiet(PathBuf::from(a.file_name()), Arc::from(a.text.as_str()), facts);
    }
    corpus.settle();
    let corpus = &corpus;
    across(&parts, &|a, out| {
        for f in crate::rules::check(corpus, &PathBuf::from(a.file_name())) {
            if f.code == crate::rules::quote_drift::CODE {
                out.push((a.index, quote_at(a, &f.span).unwrap_or(usize::MAX)));
            }
        }
    })
    .into_iter()
    .collect()
}

/// `work` over every article, a thread for each part, with what it pushes
/// in the order of the parts and of their articles.
fn across<R: Send>(parts: &[&[GenArticle]], work: &(impl Fn(&GenArticle, &mut Vec<R>) + Sync)) -> Vec<R> {
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .iter()
            .map(|part| {
                s.spawn(move || {
                    let mut out = Vec::new();
                    part.iter().for_each(|a| work(a, &mut out));
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("worker thread")).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpusgen::{expected_drift, Generator, Params};

    #[test]
    fn the_flags_do_not_depend_on_the_number_of_threads() {
        let articles: Vec<GenArticle> = Generator::new(Params::new(120, 5)).articles().collect();
        let one = flagged_drift(&articles, 1);
        assert_eq!(one, flagged_drift(&articles, 3));
        // The generator plants drift at this size, and the rule finds it.
        let expected = expected_drift(&articles);
        assert!(!expected.is_empty());
        assert!(one.intersection(&expected).count() * 10 >= expected.len() * 9, "{} of {}", one.intersection(&expected).count(), expected.len());
    }
}
