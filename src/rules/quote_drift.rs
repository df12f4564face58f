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

use super::{Context, Finding, FindingData};
use crate::config::Severity;
use crate::index::quotations::{run_span, Member, OtherWording, QuotationIndex, QuoteWord, Relation};

pub const CODE: &str = crate::codes::QUOTE_DRIFT;

/// Words of context shown before a changed run.
const CONTEXT: usize = 2;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Warning) else { return };
    let index = ctx.corpus.quotations();
    for qi in 0..ctx.article.quotes.len() {
        let Some(set) = ctx.versions(qi) else { continue };
        if !set.any(Relation::Near) {
            continue;
        }
        // Every figure below is worked out per wording, not per copy: a
        // statement reprinted by hundreds of articles has a few wordings.
        let wordings: Vec<OtherWording> = set.wordings(index).collect();
        if !wordings.iter().any(|w| w.relation() == Relation::Near) {
            continue;
        }
        // Our words where our text has them, read only for a finding.
        let mut ours: Option<Vec<QuoteWord>> = None;
        for (range, differ) in changed_runs(&wordings) {
            // Other articles that word this run as we do, and those that
            // word it otherwise.
            let same: Vec<&OtherWording> =
                wordings.iter().filter(|w| range.clone().all(|i| w.comparison.matches(i))).collect();
            let other: Vec<&OtherWording> = differ.iter().map(|(w, _)| *w).collect();
            // Counting this article with those that agree with it, the
            // other wording must be at least as common. The bounds settle
            // most runs without counting articles one by one.
            let at_least_same = same.iter().map(|w| w.articles).max().unwrap_or(0);
            let at_most_differing: usize = other.iter().map(|w| w.articles).sum();
            if at_most_differing < at_least_same + 1 || articles(&other) < articles(&same) + 1 {
                continue;
            }
            // The other wording most of those articles use: versions that
            // have the same words there (whatever their case, accents or
            // marks) are one wording, written as the first of them has it.
            let mut groups: Vec<(Vec<u64>, Vec<&(&OtherWording, Run)>)> = Vec::new();
            for member in &differ {
                let (w, theirs) = member;
                let Some(first) = w.others().next() else { continue };
                let key: Vec<u64> = index.wording_words(first)[context(theirs)].iter().map(|w| w.key).collect();
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, members)) => members.push(member),
                    None => groups.push((key, vec![member])),
                }
            }
            // Each group's first copy in path order; the groups in that order.
            let mut groups: Vec<(Member, &Run, Vec<&OtherWording>)> = groups
                .into_iter()
                .filter_map(|(_, members)| {
                    let (w, run) = members.iter().filter_map(|m| Some((m.0.others().next()?, &m.1))).min_by(|a, b| {
                        index.member_order(a.0).cmp(&index.member_order(b.0))
                    })?;
                    Some((w, run, members.iter().map(|m| m.0).collect()))
                })
                .collect();
            groups.sort_by(|a, b| index.member_order(a.0).cmp(&index.member_order(b.0)));
            // Most articles; among as many, the one found first.
            let Some((first, run, group, n)) =
                groups.iter().map(|(m, r, g)| (*m, *r, g, articles(g))).fold(None, |best: Option<(Member, &Run, &Vec<&OtherWording>, usize)>, x| {
                    match best {
                        Some(b) if b.3 >= x.3 => Some(b),
                        _ => Some(x),
                    }
                })
            else {
                continue;
            };
            if ours.is_none() {
                ours = index.words(ctx.path, qi);
            }
            let Some(ours) = &ours else { continue };
            let (text, _) = index.article(first.0);
            let theirs = phrase(text, &index.member_words(first), run.clone());
            let our_phrase = phrase(ctx.text, ours, range.clone());
            let names = first_articles(index, group, super::NAMED);
            let names = super::named(names.iter().map(|m| super::file_name(index.path(m.0))), n);
            let message = format!(
                "quotation differs from other versions: '{our_phrase}' where {n} other article{s} ha{ve} '{theirs}' ({names})",
                s = if n == 1 { "" } else { "s" },
                ve = if n == 1 { "s" } else { "ve" },
            );
            let Some(span) = run_span(&ours[range.clone()]) else { continue };
            let related = first_articles(index, &other, super::LISTED).into_iter().filter_map(|m| super::quote_version(index, m)).collect();
            let total = other.iter().map(|w| w.others().count()).sum();
            let data = FindingData::QuoteDrift { ours: our_phrase, theirs, versions: related, total };
            out.push(Finding { code: CODE, severity, span, message, data });
        }
    }
}

type Run = std::ops::Range<usize>;

/// How many articles hold members of these wordings (an article may quote
/// two wordings of one statement; it counts once).
fn articles(wordings: &[&OtherWording]) -> usize {
    match wordings {
        [] => 0,
        [w] => w.articles,
        _ => {
            thread_local! {
                static SEEN: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
            }
            SEEN.with(|seen| {
                let mut seen = seen.borrow_mut();
                let mut n = 0;
                for m in wordings.iter().flat_map(|w| w.others()) {
                    let (word, bit) = (m.0 as usize / 64, 1u64 << (m.0 % 64));
                    if seen.len() <= word {
                        seen.resize(word + 1, 0);
                    }
                    if seen[word] & bit == 0 {
                        seen[word] |= bit;
                        n += 1;
                    }
                }
                for m in wordings.iter().flat_map(|w| w.others()) {
                    seen[m.0 as usize / 64] = 0;
                }
                n
            })
        }
    }
}

/// A copy from each of the first `k` articles holding these wordings, in
/// path order.
fn first_articles(index: &QuotationIndex, wordings: &[&OtherWording], k: usize) -> Vec<Member> {
    let mut out: Vec<Member> = Vec::new();
    for w in wordings {
        let mut last = None;
        out.extend(w.others().filter(|m| last.replace(m.0) != Some(m.0)).take(k));
    }
    index.sort_members(&mut out);
    out.dedup_by_key(|m| m.0);
    out.truncate(k);
    out
}

/// Runs of our words that near versions change, in text order, each with
/// the wordings that change it and the words they have instead.
fn changed_runs<'w, 'a>(wordings: &'w [OtherWording<'a>]) -> Vec<(Run, Vec<(&'w OtherWording<'a>, Run)>)> {
    let mut runs: BTreeMap<(usize, usize), Vec<(&OtherWording, Run)>> = BTreeMap::new();
    for w in wordings {
        for c in &w.comparison.changes {
            runs.entry((c.ours.start, c.ours.end)).or_default().push((w, c.theirs.clone()));
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
    let Some(span) = run_span(&words[run]) else { return String::new() };
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
    fn an_article_that_quotes_the_statement_several_times_is_listed_once() {
        let faithful = "“We will take three steps forward before the summer ends,”";
        let mut texts: Vec<(String, String)> = (1..=8).map(|n| article(n, faithful)).collect();
        // The first article in path order repeats the statement twice more.
        texts[0].1.push_str(&format!("\nLater she repeated: {faithful} she said again.\n\nAnd once more: {faithful} said Ana Sousa.\n"));
        texts.push(article(0, "“We will take three steps ahead before the summer ends,”"));
        let corpus = corpus(&texts);
        let findings = check(&corpus, Path::new("/c/000.txt"));
        let drift: Vec<_> = findings.iter().filter(|f| f.code == "quote-drift").collect();
        assert_eq!(drift.len(), 1, "{findings:?}");
        let FindingData::QuoteDrift { versions, total, .. } = &drift[0].data else { panic!("{:?}", drift[0].data) };
        // Every copy is counted; each article is listed by its first.
        assert_eq!(*total, 10);
        let listed: Vec<PathBuf> = versions.iter().map(|v| v.path.clone()).collect();
        let first: Vec<PathBuf> = (1..=LISTED).map(|n| PathBuf::from(format!("/c/{n:03}.txt"))).collect();
        assert_eq!(listed, first);
        let start = texts[0].1.find('“').unwrap();
        assert_eq!(versions[0].span.start, start, "the article's first copy");
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
