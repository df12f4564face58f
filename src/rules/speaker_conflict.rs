//! `speaker-conflict` (warning): the same quotation given to different
//! people in different articles. Speakers are compared as entities of the
//! corpus, so two spellings of one person are one speaker.
//!
//! Only speakers the text names, and names in full somewhere, are compared,
//! and never two that share a surname: a pronoun or a description resolved to the wrong person, or one
//! person the corpus has not joined, would accuse an article of a conflict it
//! does not have, and a desk that sees one false conflict distrusts them all.

use super::{Context, Finding, FindingData, QuoteVersion};
use crate::analysis::{Article, EntityKind, LocalEntity, Quote, SpeakerKind};
use crate::config::Severity;
use crate::index::quotations::Relation;
use crate::index::EntityId;

pub const CODE: &str = crate::codes::SPEAKER_CONFLICT;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Warning) else { return };
    for (qi, q) in ctx.article.quotes.iter().enumerate() {
        let Some(ours) = named_speaker(ctx.corpus, ctx.path, ctx.article, q) else { continue };
        let mut versions = Vec::new();
        let mut others: Vec<String> = Vec::new();
        // A version with changed words may be another statement that
        // happens to share most of them; the same words are the same
        // quotation.
        for v in ctx.versions(qi).iter().filter(|v| v.relation() != Relation::Near) {
            let Some(entry) = ctx.corpus.article(&v.path) else { continue };
            let Some(theirs) = entry.facts.quotes.get(v.quote) else { continue };
            // The same surname under two forms of a name is far more often
            // one person the corpus has not joined than two people quoted in
            // the same words. (Tested before the corpus entity is looked up:
            // most versions of a quotation give it to its one speaker.)
            let Some((local, entity)) = named_entity(&entry.facts, theirs) else { continue };
            if shares_surname(&ours.1, entity) {
                continue;
            }
            let Some(id) = ctx.corpus.entity_id(&v.path, local) else { continue };
            if id == ours.0 || id.key == ours.0.key {
                continue;
            }
            let name = theirs.speaker.as_ref().map(|s| s.text.clone()).unwrap_or_default();
            let file = super::file_name(&v.path);
            others.push(format!("{name} in {file}"));
            versions.push(QuoteVersion { path: v.path.clone(), span: theirs.span.clone() });
        }
        if versions.is_empty() {
            continue;
        }
        let speaker = q.speaker.as_ref().map(|s| s.text.clone()).unwrap_or_default();
        let total = versions.len();
        let message = format!("this quotation is given to {speaker} here, but to {}", super::named(others.iter().cloned(), total));
        let names = others.iter().take(super::LISTED).map(|o| o.rsplit_once(" in ").map_or(o.clone(), |(n, _)| n.to_string())).collect();
        versions.truncate(super::LISTED);
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

/// The corpus entity of a quotation's speaker, when the text names a person,
/// with the article's entity.
pub(super) fn named_speaker(
    corpus: &crate::index::Corpus,
    path: &std::path::Path,
    article: &Article,
    q: &Quote,
) -> Option<(EntityId, LocalEntity)> {
    let (local, entity) = named_entity(article, q)?;
    Some((corpus.entity_id(path, local)?, entity.clone()))
}

/// The article's entity (and its index) that a quotation's speaker is, when
/// the text names a person.
fn named_entity<'a>(article: &'a Article, q: &Quote) -> Option<(usize, &'a LocalEntity)> {
    let speaker = q.speaker.as_ref()?;
    if speaker.kind != SpeakerKind::Named {
        return None;
    }
    let local = speaker.entity?;
    let entity = article.entities.get(local)?;
    // A person the article names in full: a capitalised word taken for a
    // name ("Critics say …") has no given name to go with it.
    if entity.kind() != EntityKind::Person || entity.given.is_none() {
        return None;
    }
    Some((local, entity))
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
