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
use crate::index::credits::{credited_person, Credits};
use crate::index::quotations::{Member, QuotationIndex, Relation};
use crate::index::EntityId;

pub const CODE: &str = crate::codes::SPEAKER_CONFLICT;

/// Credits read one by one below this many; above it, through their index
/// of name words.
const SCAN: usize = 8;

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
        let article = set.article;
        let mut firsts: Vec<Vec<Member>> = Vec::new();
        let mut total = 0;
        for w in set.wordings(index).filter(|w| w.relation() != Relation::Near) {
            let credits = ctx.corpus.credits(w.fingerprint);
            let same = same_speaker(&credits, &our_id, ours, SCAN);
            let (first, n) = others(index, &credits, &same, article, super::LISTED, SCAN);
            firsts.push(first);
            total += n;
        }
        let found = index.first_only(firsts.iter().map(|f| f.iter().copied()), super::LISTED);
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

/// The credits, by place in `credits`, that may be our speaker under
/// another name, sorted: the same entity or surname key, or a surname that
/// stands among the words of the other's name. The same surname under two
/// forms of a name is far more often one person the corpus has not joined
/// than two people quoted in the same words.
fn same_speaker(credits: &Credits, our_id: &EntityId, ours: &LocalEntity, scan: usize) -> Vec<u32> {
    let same = |i: &u32| {
        let c = &credits[*i as usize];
        c.entity == *our_id || c.entity.key == our_id.key || shares_surname((&ours.name, &ours.head), (&c.name, &c.head))
    };
    if credits.len() <= scan {
        return (0..credits.len() as u32).filter(same).collect();
    }
    // Every credit that may be the same, through the index (the same
    // entity has the same key), then each tested as above.
    let mut maybe: Vec<u32> = credits.with_key(&our_id.key).collect();
    for w in ours.name.split([' ', '-']) {
        maybe.extend(credits.with_head(w));
    }
    maybe.extend(credits.naming(&ours.head));
    maybe.sort_unstable();
    maybe.dedup();
    maybe.retain(same);
    maybe
}

/// The first `k` copies, in path order, that credit the wording to someone
/// other than the credits `same`, outside `article`, and how many there are
/// (the credits read one by one up to `scan` of them).
fn others(index: &QuotationIndex, credits: &Credits, same: &[u32], article: u32, k: usize, scan: usize) -> (Vec<Member>, usize) {
    let other = |i: u32| same.binary_search(&i).is_err();
    let theirs = || (0u32..).zip(credits.iter()).filter(move |(i, _)| other(*i)).map(|(_, c)| c.members.iter().copied().filter(move |m| m.0 != article));
    if credits.len() <= scan {
        return index.first_members(theirs(), k);
    }
    // Many people: count by subtraction, and read the copies in path order
    // only as far as the first `k` others, unless the copies to skip on
    // the way may outnumber the people to merge instead.
    let copies = credits.copies(index);
    let ours = index.order(article);
    let from = copies.partition_point(|(m, _)| index.order(m.0) < ours);
    let to = from + copies[from..].partition_point(|(m, _)| m.0 == article);
    let skipped: usize = same.iter().map(|&i| credits[i as usize].members.len()).sum();
    let in_ours = copies[from..to].iter().filter(|(_, i)| other(*i)).count();
    let total = copies.len() - skipped - in_ours;
    let first = if skipped + (to - from) <= credits.len() - same.len() {
        copies.iter().filter(|(m, i)| m.0 != article && other(*i)).map(|(m, _)| *m).take(k).collect()
    } else {
        index.first_only(theirs(), k)
    };
    (first, total)
}

/// One name's surname stands among the words of the other ("Woo" and
/// "Speaker Woo Won-sik"): either (name, head) pair's head is a word of the
/// other's name.
fn shares_surname(a: (&str, &str), b: (&str, &str)) -> bool {
    let has = |name: &str, head: &str| name.split([' ', '-']).any(|w| same_word(w, head));
    has(a.0, b.1) || has(b.0, a.1)
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

    /// A statement given to a dozen people: more than are read one by one.
    fn many_people() -> Corpus {
        let mut corpus = Corpus::default();
        // a gives it to Ana Sousa, and further down to one of the others.
        let own = format!("{}\nLater: “We will take three steps forward before the summer ends,” said Vasco Pires.\n", article("Ana Sousa"));
        corpus.upsert(PathBuf::from("/a.txt"), own.into());
        let people = ["Rui Lopes", "Vasco Pires", "Joana Pinto", "Tiago Matos", "Carla Nunes", "Hugo Reis", "Inês Faria", "Luís Vaz", "Marta Leal", "Nuno Cruz", "Paula Rocha", "Sara Dias"];
        for (n, who) in people.iter().enumerate() {
            corpus.upsert(PathBuf::from(format!("/o/{n:02}.txt")), article(who));
        }
        // The same surname under another given name: no conflict with Ana
        // Sousa, as in the shorter lists.
        corpus.upsert(PathBuf::from("/s.txt"), article("Maria Sousa"));
        corpus
    }

    #[test]
    fn a_statement_given_to_many_people_is_told_as_for_a_few() {
        let corpus = many_people();
        // Neither copy in a is in conflict with the other: they are the
        // same article's.
        assert_eq!(
            conflicts(&corpus, "/a.txt"),
            [
                "this quotation is given to Ana Sousa here, but to Rui Lopes in 00.txt, Vasco Pires in 01.txt, Joana Pinto in 02.txt, and 9 more",
                "this quotation is given to Vasco Pires here, but to Rui Lopes in 00.txt, Joana Pinto in 02.txt, Tiago Matos in 03.txt, and 9 more",
            ]
        );
        assert_eq!(conflicts(&corpus, "/s.txt"), ["this quotation is given to Maria Sousa here, but to Vasco Pires in a.txt, Rui Lopes in 00.txt, Vasco Pires in 01.txt, and 10 more"]);
    }

    #[test]
    fn credits_read_through_their_index_give_what_reading_them_all_gives() {
        use crate::index::credits::credited_person;
        use crate::index::quotations::Relation;
        let mut corpus = many_people();
        // Ana Sousa's copies so many that reading them all in path order
        // would pass more of them than there are others: the others' own
        // lists are merged instead.
        for n in 0..20 {
            corpus.upsert(PathBuf::from(format!("/r/{n:02}.txt")), article("Ana Sousa"));
        }
        let index = corpus.quotations();
        let mut compared = 0;
        for (path, qi) in index.quotes() {
            let entry = corpus.article(path).expect("indexed");
            let q = &entry.facts.quotes[qi];
            let Some((local, ours)) = credited_person(&entry.facts, q) else { continue };
            let our_id = corpus.entity_id(path, local).expect("an entity");
            let set = index.version_set(path, qi).expect("versions");
            for w in set.wordings(index).filter(|w| w.relation() != Relation::Near) {
                let credits = corpus.credits(w.fingerprint);
                assert!(credits.len() > super::SCAN);
                let one_by_one = super::same_speaker(&credits, &our_id, ours, usize::MAX);
                let indexed = super::same_speaker(&credits, &our_id, ours, 0);
                assert_eq!(indexed, one_by_one, "{}", q.speaker.as_ref().map_or("", |s| s.text.as_str()));
                for k in [0, 1, 3, 20] {
                    let all = super::others(index, &credits, &one_by_one, set.article, k, usize::MAX);
                    assert_eq!(super::others(index, &credits, &one_by_one, set.article, k, 0), all, "k = {k}");
                }
                compared += 1;
            }
        }
        assert_eq!(compared, 35, "every credited copy");
    }
}
