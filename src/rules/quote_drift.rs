//! `quote-drift` (warning): a quotation that changes words of another
//! article's version of it ("three steps ahead" where the others have "three
//! steps forward"). A copy, an excerpt or a re-punctuated version is not
//! drift; nor is a translation, which shares too little wording to be a
//! version at all (see [`crate::index::quotations`]).
//!
//! Where versions disagree, the wording most other articles have is taken as
//! the one to check against: a version is flagged when at least as many
//! articles word that passage differently as word it the same (itself
//! included), so two articles that disagree are both told, and a lone changed
//! copy among faithful ones is the only one flagged.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Context, Finding, FindingData, QuoteVersion};
use crate::analysis::Span;
use crate::config::Severity;
use crate::index::quotations::{QuoteWord, Relation, Version};

pub const CODE: &str = crate::codes::QUOTE_DRIFT;

/// Words of context shown before a changed run.
const CONTEXT: usize = 2;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Warning) else { return };
    let index = ctx.corpus.quotations();
    for qi in 0..ctx.article.quotes.len() {
        let Some(ours) = index.words(ctx.path, qi) else { continue };
        let versions = ctx.versions(qi);
        if !versions.iter().any(|v| v.relation() == Relation::Near) {
            continue;
        }
        for (range, differ) in changed_runs(&versions) {
            // Other articles that word this run as we do, and those that
            // word it otherwise (both lists are in path order, so counting
            // the articles needs no set).
            let same = distinct(
                versions
                    .iter()
                    .filter(|v| range.clone().all(|i| v.comparison.matched.binary_search(&i).is_ok()))
                    .map(|v| v.path.as_path()),
            );
            let differing = distinct(differ.iter().map(|(v, _)| v.path.as_path()));
            // Counting this article with those that agree with it, the
            // other wording must be at least as common.
            if differing < same + 1 {
                continue;
            }
            // The other wording most of those articles use: versions that
            // have the same words there (whatever their case, accents or
            // marks) are one wording, written as the first of them has it.
            let mut wordings: Vec<(Vec<u64>, Vec<&(&Version, Run)>)> = Vec::new();
            for member in &differ {
                let (v, theirs) = member;
                let Some(words) = index.words(&v.path, v.quote) else { continue };
                let key: Vec<u64> = words[context(theirs)].iter().map(|w| w.key).collect();
                match wordings.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, members)) => members.push(member),
                    None => wordings.push((key, vec![member])),
                }
            }
            let counted = wordings.iter().map(|(_, m)| distinct(m.iter().map(|(v, _)| v.path.as_path())));
            // Most articles; among as many, the one found first (in path order).
            let Some((best, n)) = counted.enumerate().fold(None, |best: Option<(usize, usize)>, (i, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((i, n)),
            }) else {
                continue;
            };
            let (first, run) = wordings[best].1[0];
            let (Some(text), Some(words)) = (ctx.corpus.article(&first.path).map(|a| a.text.clone()), index.words(&first.path, first.quote)) else {
                continue;
            };
            let theirs = phrase(&text, words, run.clone());
            let our_phrase = phrase(ctx.text, ours, range.clone());
            let mut paths: Vec<&Path> = wordings[best].1.iter().map(|(v, _)| v.path.as_path()).collect();
            paths.dedup();
            let names = super::named(paths.iter().map(|p| super::file_name(p)), n);
            let message = format!(
                "quotation differs from other versions: '{our_phrase}' where {n} other article{s} ha{ve} '{theirs}' ({names})",
                s = if n == 1 { "" } else { "s" },
                ve = if n == 1 { "s" } else { "ve" },
            );
            let span: Span = ours[range.start].span.start..ours[range.end - 1].span.end;
            let related: Vec<QuoteVersion> = differ
                .iter()
                .take(super::LISTED)
                .filter_map(|(v, _)| {
                    let entry = ctx.corpus.article(&v.path)?;
                    let quote = entry.facts.quotes.get(v.quote)?;
                    Some(QuoteVersion { path: v.path.clone(), span: quote.span.clone() })
                })
                .collect();
            let data = FindingData::QuoteDrift { ours: our_phrase, theirs, versions: related, total: differ.len() };
            out.push(Finding { code: CODE, severity, span, message, data });
        }
    }
}

type Run = std::ops::Range<usize>;

/// How many different paths a list sorted by path holds.
fn distinct<'a>(paths: impl Iterator<Item = &'a Path>) -> usize {
    let mut last: Option<&Path> = None;
    paths.filter(|p| last.replace(p) != Some(p)).count()
}

/// Runs of our words that near versions change, in text order, each with
/// the versions that change it and the words they have instead.
fn changed_runs(versions: &[Version]) -> Vec<(Run, Vec<(&Version, Run)>)> {
    let mut runs: BTreeMap<(usize, usize), Vec<(&Version, Run)>> = BTreeMap::new();
    for v in versions {
        for c in &v.comparison.changes {
            runs.entry((c.ours.start, c.ours.end)).or_default().push((v, c.theirs.clone()));
        }
    }
    runs.into_iter().map(|((start, end), v)| (start..end, v)).collect()
}

/// The words `run` with up to two words before them.
fn context(run: &Run) -> Run {
    run.start.saturating_sub(CONTEXT)..run.end
}

/// The words `run` of a quotation with up to two words before them, as the
/// text has them.
fn phrase(text: &str, words: &[QuoteWord], run: Run) -> String {
    let run = context(&run);
    let span = words[run.start].span.start..words[run.end - 1].span.end;
    text[span].split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use crate::fixture::check;

    #[test]
    fn a_changed_word_among_faithful_copies_is_flagged_alone() {
        check(
            &["quote-drift"],
            r#"
//- /a.txt
Port talks
Source: Harbour Gazette

“We will take three steps forward before the summer ends,” said Ana Sousa.
//- /b.txt
Sousa on the port
Source: Coast Courier

Ana Sousa said: “We will take three steps forward before the summer ends.”
//- /c.txt
The port plan
Source: Bay Herald

“We will take three steps ahead before the summer ends,” Ana Sousa said.
                          ^^^^^ quote-drift: 'three steps ahead' where 2 other articles have 'three steps forward' (a.txt, b.txt)
"#,
        );
    }

    #[test]
    fn two_articles_that_disagree_are_both_told() {
        check(
            &["quote-drift"],
            r#"
//- /a.txt
Port talks
Source: Harbour Gazette

“The new cranes will arrive in the first week of June,” said Ana Sousa.
                                   ^^^^^ quote-drift: 'in the first' where 1 other article has 'in the last'
//- /b.txt
Sousa on the port
Source: Coast Courier

“The new cranes will arrive in the last week of June,” Ana Sousa said.
                                   ^^^^ quote-drift: 'in the last' where 1 other article has 'in the first'
"#,
        );
    }

    #[test]
    fn copies_excerpts_repunctuation_and_translations_are_not_drift() {
        check(
            &["quote-drift"],
            r#"
//- /a.txt
Port talks
Source: Harbour Gazette

“We will take three steps forward — and before the summer ends, the port will be open,” said Ana Sousa.
//- /b.txt
Sousa on the port
Source: Coast Courier

Ana Sousa said: “we will take three steps forward, and before the summer ends the port will be open.”
//- /c.txt
The port plan
Source: Bay Herald

Ana Sousa said the city would “take three steps forward” and added: “Before the summer ends, the port will be open.”
//- /d.txt
Le port
Source: Journal du Port

« Nous ferons trois pas en avant avant la fin de l'été », a déclaré Ana Sousa.
"#,
        );
    }
}

#[cfg(test)]
mod listing {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use crate::index::Corpus;
    use crate::rules::{check, FindingData, LISTED};

    fn corpus(texts: &[(String, String)]) -> Corpus {
        let mut corpus = Corpus::default();
        for (path, text) in texts {
            corpus.upsert(PathBuf::from(path), Arc::from(text.as_str()));
        }
        corpus
    }

    fn article(n: usize, quote: &str) -> (String, String) {
        (format!("/c/{n:03}.txt"), format!("Port talks {n}\nSource: Harbour Gazette\n\n{quote} said Ana Sousa.\n"))
    }

    #[test]
    fn a_widely_reprinted_statement_lists_the_first_versions_and_counts_them_all() {
        let faithful = "“We will take three steps forward before the summer ends,”";
        let mut texts: Vec<(String, String)> = (1..=30).map(|n| article(n, faithful)).collect();
        texts.push(article(0, "“We will take three steps ahead before the summer ends,”"));
        let corpus = corpus(&texts);
        let findings = check(&corpus, Path::new("/c/000.txt"));
        let drift: Vec<_> = findings.iter().filter(|f| f.code == "quote-drift").collect();
        assert_eq!(drift.len(), 1, "{findings:?}");
        assert!(drift[0].message.ends_with("where 30 other articles have 'three steps forward' (001.txt, 002.txt, 003.txt, and 27 more)"), "{}", drift[0].message);
        let FindingData::QuoteDrift { versions, total, .. } = &drift[0].data else { panic!("{:?}", drift[0].data) };
        assert_eq!((versions.len(), *total), (LISTED, 30));
        let listed: Vec<&Path> = versions.iter().map(|v| v.path.as_path()).collect();
        let first: Vec<PathBuf> = (1..=LISTED).map(|n| PathBuf::from(format!("/c/{n:03}.txt"))).collect();
        assert_eq!(listed, first.iter().map(PathBuf::as_path).collect::<Vec<_>>(), "the first in path order");
        // The faithful copies are not drift.
        assert!(check(&corpus, Path::new("/c/001.txt")).iter().all(|f| f.code != "quote-drift"));
    }

    #[test]
    fn copies_that_differ_only_in_apostrophes_are_one_wording() {
        let texts = vec![
            article(1, "“We’re determined to open the port before the summer,”"),
            article(2, "“We're determined to open the port before the summer,”"),
            article(3, "“We’re determined to open the port before the summer,”"),
            article(4, "“We’re resolved to open the port before the summer,”"),
        ];
        let corpus = corpus(&texts);
        let findings = check(&corpus, Path::new("/c/004.txt"));
        let drift: Vec<_> = findings.iter().filter(|f| f.code == "quote-drift").collect();
        assert_eq!(drift.len(), 1, "{findings:?}");
        assert!(drift[0].message.contains("where 3 other articles have 'We’re determined' (001.txt, 002.txt, 003.txt)"), "{}", drift[0].message);
    }
}
