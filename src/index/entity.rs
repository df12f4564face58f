//! Entities across the corpus: identity, references and cards.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::resolve::Component;
use super::{ArticleEntry, Bucket, Corpus, SpellingStats};
use crate::analysis::{Attribution, Descriptor, EntityKind, Span, SpeakerKind};
use crate::index::stats::Spelling;

/// An entity: a component of spellings the resolver joined (its first key),
/// and within it one person (the smallest key of their given names).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct EntityId {
    pub key: String,
    pub given: String,
}

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MentionRef {
    pub path: PathBuf,
    #[serde(skip)]
    pub span: Span,
    pub text: String,
}

/// One mention of an entity, borrowed from the corpus: what the server's
/// requests read of thousands of mentions without copying a path and a
/// name for each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mentioned<'a> {
    pub path: &'a PathBuf,
    pub span: Span,
    pub text: &'a str,
}

/// One quotation attributed to an entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuoteRef {
    pub path: PathBuf,
    #[serde(skip)]
    pub span: Span,
    pub text: String,
    pub speaker_as_written: String,
    pub speaker_kind: SpeakerKind,
    pub how: Attribution,
}

/// A descriptor and the article it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DescriptorRef {
    pub path: PathBuf,
    #[serde(flatten)]
    pub descriptor: Descriptor,
}

/// Everything the corpus says of one entity.
#[derive(Clone, Debug, Serialize)]
pub struct EntityCard {
    #[serde(skip)]
    pub id: EntityId,
    /// The fullest name under the preferred spelling.
    pub name: String,
    pub kind: EntityKind,
    pub spellings: Vec<Spelling>,
    pub preferred: Option<String>,
    /// A person's given names as written, with their counts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub given_names: Vec<Spelling>,
    pub mentions: usize,
    pub articles: usize,
    pub descriptors: Vec<DescriptorRef>,
    pub quotes: Vec<QuoteRef>,
}

/// The counts of one person (or of the whole name, for `given` ""),
/// merged over every bucket of its component: `field` picks the head
/// spellings or the given names.
pub(super) fn group_stats(
    corpus: &Corpus,
    component: &Component,
    given: &str,
    field: impl Fn(&Bucket) -> &BTreeMap<String, SpellingStats>,
) -> SpellingStats {
    let mut stats = SpellingStats::default();
    for k in &component.keys {
        let Some(bucket) = corpus.buckets.get(k) else {
            continue;
        };
        for (g, s) in field(bucket) {
            if component.person(k, g) == given {
                stats.merge(s);
            }
        }
    }
    stats
}

/// The articles and local entities that make up an entity.
fn members<'a>(
    corpus: &'a Corpus,
    id: &'a EntityId,
) -> Vec<(&'a PathBuf, &'a ArticleEntry, usize)> {
    let Some(component) = corpus.components.get(&id.key) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for k in &component.keys {
        let Some(bucket) = corpus.buckets.get(k) else {
            continue;
        };
        for (path, locals) in &bucket.articles {
            let (path, entry) = corpus.articles.get_key_value(&**path).expect("a bucket's article is in the corpus");
            for i in locals.iter().map(|&i| i as usize) {
                if component.person_str(k, &entry.slots[i].given) == id.given {
                    out.push((path, entry, i));
                }
            }
        }
    }
    // In path order, by a key made once per member rather than a dozen
    // component-wise path comparisons for each of a widespread name's
    // thousands of members.
    out.sort_by_cached_key(|(path, _, i)| (super::quotations::path_order(path), *i));
    out
}

pub(super) fn references(corpus: &Corpus, id: &EntityId) -> Vec<MentionRef> {
    mentioned(corpus, id).into_iter().map(|m| MentionRef { path: m.path.clone(), span: m.span, text: m.text.to_string() }).collect()
}

pub(super) fn mentioned<'a>(corpus: &'a Corpus, id: &'a EntityId) -> Vec<Mentioned<'a>> {
    let mut refs: Vec<Mentioned> = members(corpus, id)
        .into_iter()
        .flat_map(|(path, entry, i)| {
            entry.facts.entities[i].mentions.iter().map(move |&m| {
                let span = entry.facts.mentions[m].span.clone();
                Mentioned { path, text: &entry.text[span.clone()], span }
            })
        })
        .collect();
    // The members are in path order already: each article's mentions are
    // put in text order (a stable sort, as of the whole list by path and
    // offset).
    for article in refs.chunk_by_mut(|a, b| a.path.as_os_str() == b.path.as_os_str()) {
        if !article.is_sorted_by_key(|r| r.span.start) {
            article.sort_by_key(|r| r.span.start);
        }
    }
    refs
}

pub(super) fn card(corpus: &Corpus, id: &EntityId) -> Option<EntityCard> {
    let stats = corpus.spelling_stats(id)?;
    let preferred = corpus.preferred_for(id, &stats);
    let givens = corpus.given_stats(id).unwrap_or_default();
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<EntityKind, usize> = BTreeMap::new();
    let mut descriptors: Vec<DescriptorRef> = Vec::new();
    let mut seen_descriptors: rustc_hash::FxHashSet<&str> = Default::default();
    let mut quotes = Vec::new();
    let mut articles = 0;
    let mut last_path = None;
    for (path, entry, i) in members(corpus, id) {
        if last_path != Some(path) {
            articles += 1;
            last_path = Some(path);
        }
        let local = &entry.facts.entities[i];
        *names.entry(local.name.as_str()).or_default() += 1;
        if local.kind() != EntityKind::Unknown {
            *kinds.entry(local.kind()).or_default() += 1;
        }
        for d in &local.descriptors {
            if seen_descriptors.insert(d.text.as_str()) {
                descriptors.push(DescriptorRef {
                    path: path.clone(),
                    descriptor: d.clone(),
                });
            }
        }
        for q in &entry.facts.quotes {
            let Some(speaker) = &q.speaker else { continue };
            if speaker.entity == Some(i) {
                quotes.push(QuoteRef {
                    path: path.clone(),
                    span: q.span.clone(),
                    text: entry.text[q.inner.clone()].to_string(),
                    speaker_as_written: speaker.text.clone(),
                    speaker_kind: speaker.kind,
                    how: speaker.how,
                });
            }
        }
    }
    // The fullest name that uses the preferred spelling.
    let name = names
        .iter()
        .filter(|(n, _)| preferred.as_ref().is_none_or(|p| n.contains(p.as_str())))
        .max_by(|(na, ca), (nb, cb)| {
            na.split_whitespace()
                .count()
                .cmp(&nb.split_whitespace().count())
                .then(ca.cmp(cb))
                .then(nb.cmp(na))
        })
        .or_else(|| names.iter().max_by_key(|(_, c)| **c))
        .map(|(n, _)| n.to_string())?;
    let kind = kinds
        .iter()
        .max_by_key(|(_, c)| **c)
        .map(|(k, _)| *k)
        .unwrap_or(EntityKind::Unknown);
    Some(EntityCard {
        id: id.clone(),
        name,
        kind,
        mentions: stats.mentions(),
        spellings: stats.spellings(),
        preferred,
        given_names: givens.spellings(),
        articles,
        descriptors,
        quotes,
    })
}
