//! `speaker-conflict` (warning): the same quotation given to different
//! people in different articles. Speakers are compared as entities of the
//! corpus, so two spellings of one person are one speaker.
//!
//! Only speakers the text names, and names in full somewhere, are compared,
//! and never two that share a surname: a pronoun or a description resolved to the wrong person, or one
//! person the corpus has not joined, would accuse an article of a conflict it
//! does not have, and a desk that sees one false conflict distrusts them all.

use super::{Context, Finding, FindingData};
use crate::analysis::LocalEntity;
use crate::config::Severity;
use crate::index::credits::{credited_person, Credit};
use crate::index::quotations::{Member, Relation};

pub const CODE: &str = crate::codes::SPEAKER_CONFLICT;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Warning) else { return };
    let index = ctx.corpus.quotations();
    for (qi, q) in ctx.article.quotes.iter().enumerate() {
        let Some((local, ours)) = credited_person(ctx.article, q) else { continue };
        let Some(our_id) = ctx.corpus.entity_id(ctx.path, local) else { continue };
        let Some(set) = ctx.versions(qi) else { continue };
        // A version with changed words may be another statement that
        // happens to share most of them; the same words are the same
        // quotation. Each wording's speakers are worked out once for all
        // the articles that quote it.
        // Only the first few copies in path order are named or listed, and
        // each credit's copies are in path order: the rest are only counted
        // (a statement reprinted by a thousand articles costs no sort of a
        // thousand copies).
        let mut lists: Vec<(std::sync::Arc<[Credit]>, usize)> = Vec::new();
        for w in set.wordings(index).filter(|w| w.relation() != Relation::Near) {
            let credits = ctx.corpus.credits(w.fingerprint);
            for (i, credit) in credits.iter().enumerate() {
                // The same surname under two forms of a name is far more
                // often one person the corpus has not joined than two people
                // quoted in the same words.
                if credit.entity == our_id || credit.entity.key == our_id.key || shares_surname(ours, &credit.local) {
                    continue;
                }
                lists.push((credits.clone(), i));
            }
        }
        let article = set.article;
        let theirs = lists.iter().map(|(credits, i)| credits[*i].members.iter().copied().filter(move |m| m.0 != article));
        let (found, total) = index.first_members(theirs, super::LISTED);
        if found.is_empty() {
            continue;
        }
        let name = |m: Member| -> String {
            let (_, facts) = index.article(m.0);
            facts.quotes.get(index.quote(m)).and_then(|t| t.speaker.as_ref()).map(|s| s.text.clone()).unwrap_or_default()
        };
        let others = found.iter().map(|&m| format!("{} in {}", name(m), super::file_name(index.path(m.0))));
        let speaker = q.speaker.as_ref().map(|s| s.text.clone()).unwrap_or_default();
        let message = format!("this quotation is given to {speaker} here, but to {}", super::named(others, total));
        let versions = found.iter().filter_map(|&m| super::quote_version(index, m)).collect();
        let names = found.iter().map(|&m| name(m)).collect();
        out.push(Finding {
            code: CODE,
            severity,
            span: q.span.clone(),
            message,
            data: FindingData::SpeakerConflict { speaker, versions, others: names, total },
        });
    }
}

/// One name's surname stands among the words of the other ("Woo" and
/// "Speaker Woo Won-sik").
fn shares_surname(a: &LocalEntity, b: &LocalEntity) -> bool {
    let has = |e: &LocalEntity, head: &str| e.name.split([' ', '-']).any(|w| same_word(w, head));
    has(a, &b.head) || has(b, &a.head)
}

/// Two words equal in lower case (without allocating for ASCII words).
fn same_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture::check;

    #[test]
    fn one_quotation_two_people_is_a_conflict_in_both_articles() {
        check(
            &["speaker-conflict"],
            r#"
//- /a.txt
Port talks
Source: Harbour Gazette

“We will take three steps forward before the summer ends,” said Ana Sousa.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ speaker-conflict: given to Ana Sousa here, but to Rui Lopes in b.txt
//- /b.txt
Lopes on the port
Source: Coast Courier

“We will take three steps forward before the summer ends,” said Rui Lopes.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ speaker-conflict: given to Rui Lopes here, but to Ana Sousa in a.txt
"#,
        );
    }

    #[test]
    fn two_spellings_of_one_person_and_unnamed_speakers_are_no_conflict() {
        check(
            &["speaker-conflict"],
            r#"
//- /a.txt
Fund chief visits
Source: Harbour Gazette

“We will take three steps forward before the summer ends,” said Kirill Dmitriev.
//- /b.txt
Dmitriyev in the port
Source: Coast Courier

“We will take three steps forward before the summer ends,” said Kirill Dmitriyev.
//- /c.txt
The port plan
Source: Bay Herald

“We will take three steps forward before the summer ends,” an official said.
//- /d.txt
Minister in the port
Source: Port Weekly

“We will take three steps forward before the summer ends,” said Minister Kirill Dmitriev.
//- /e.txt
Another Dmitriev
Source: Port Weekly

“We will take three steps forward before the summer ends,” said Dmitriev.
"#,
        );
    }
}

#[cfg(test)]
mod updates {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use crate::index::Corpus;
    use crate::rules::check;

    fn article(speaker: &str) -> Arc<str> {
        format!("Port talks\nSource: Harbour Gazette\n\n“We will take three steps forward before the summer ends,” said {speaker}.\n").into()
    }

    fn conflicts(corpus: &Corpus, path: &str) -> Vec<String> {
        check(corpus, Path::new(path)).into_iter().filter(|f| f.code == "speaker-conflict").map(|f| f.message).collect()
    }

    #[test]
    fn who_a_wording_is_credited_to_follows_every_update() {
        let mut corpus = Corpus::default();
        corpus.upsert(PathBuf::from("/a.txt"), article("Ana Sousa"));
        corpus.upsert(PathBuf::from("/b.txt"), article("Rui Lopes"));
        assert_eq!(conflicts(&corpus, "/a.txt"), ["this quotation is given to Ana Sousa here, but to Rui Lopes in b.txt"]);
        // Typing in b's title changes nothing b credits: the answer kept
        // from before is still right.
        let retitled: Arc<str> = article("Rui Lopes").replace("Port talks", "Port talk").into();
        corpus.upsert(PathBuf::from("/b.txt"), retitled);
        assert_eq!(conflicts(&corpus, "/a.txt"), ["this quotation is given to Ana Sousa here, but to Rui Lopes in b.txt"]);
        // b now agrees: a's conflict goes, though a itself did not change.
        corpus.upsert(PathBuf::from("/b.txt"), article("Ana Sousa"));
        assert!(conflicts(&corpus, "/a.txt").is_empty());

        // A third article gives it to someone else, then goes.
        corpus.upsert(PathBuf::from("/c.txt"), article("Rui Lopes"));
        assert_eq!(conflicts(&corpus, "/a.txt"), ["this quotation is given to Ana Sousa here, but to Rui Lopes in c.txt"]);
        corpus.remove(Path::new("/c.txt"));
        assert!(conflicts(&corpus, "/a.txt").is_empty());
        // An article with no quotation at all can change who a speaker is:
        // one that says the two names are one person's ends the conflict,
        // and its removal brings it back.
        corpus.upsert(PathBuf::from("/b.txt"), article("Rui Lopes"));
        assert_eq!(conflicts(&corpus, "/a.txt").len(), 1);
        corpus.upsert(PathBuf::from("/e.txt"), "Sousa profile\nSource: Harbour Gazette\n\nAna Sousa, also known as Rui Lopes, grew up in the port.\n".into());
        let joined = conflicts(&corpus, "/a.txt");
        corpus.remove(Path::new("/e.txt"));
        assert_eq!(conflicts(&corpus, "/a.txt").len(), 1);
        corpus.upsert(PathBuf::from("/b.txt"), article("Ana Sousa"));
        // Here it joins nobody, and the answer stays the same.
        corpus.upsert(PathBuf::from("/d.txt"), "Sousa visits\nSource: Harbour Gazette\n\nAna Sousa visited the port.\n".into());
        assert!(conflicts(&corpus, "/a.txt").is_empty());
        assert!(joined.is_empty(), "{joined:?}");
    }

    #[test]
    fn many_articles_giving_it_to_others_are_counted_and_the_first_listed() {
        let mut corpus = Corpus::default();
        corpus.upsert(PathBuf::from("/a.txt"), article("Ana Sousa"));
        for n in 0..25 {
            corpus.upsert(PathBuf::from(format!("/o/{n:02}.txt")), article("Rui Lopes"));
        }
        let findings: Vec<_> = check(&corpus, Path::new("/a.txt")).into_iter().filter(|f| f.code == "speaker-conflict").collect();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "this quotation is given to Ana Sousa here, but to Rui Lopes in 00.txt, Rui Lopes in 01.txt, Rui Lopes in 02.txt, and 22 more");
        let crate::rules::FindingData::SpeakerConflict { versions, others, total, .. } = &findings[0].data else { panic!() };
        assert_eq!((versions.len(), others.len(), *total), (crate::rules::LISTED, crate::rules::LISTED, 25));
        assert_eq!(versions[0].path, Path::new("/o/00.txt"));
    }
}
