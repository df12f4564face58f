//! Entities across the corpus: identity, references and cards.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::{ArticleEntry, Bucket, Corpus, SpellingStats};
use crate::analysis::{Attribution, Descriptor, EntityKind, Span, SpeakerKind};
use crate::index::stats::Spelling;

/// An entity: a bucket of spellings that share a key, and within it the
/// people who share a given name.
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
    pub mentions: usize,
    pub articles: usize,
    pub descriptors: Vec<DescriptorRef>,
    pub quotes: Vec<QuoteRef>,
}

/// The group a local entity with given-name key `given` belongs to: its own
/// when the article gives a first name, else the bucket's most common one.
pub(super) fn resolve_given(bucket: &Bucket, given: &str) -> String {
    if !given.is_empty() {
        return given.to_string();
    }
    dominant_given(bucket).to_string()
}

/// The given-name group with most articles in a bucket ("" when none has a
/// given name).
fn dominant_given(bucket: &Bucket) -> &str {
    bucket
        .groups
        .iter()
        .filter(|(g, _)| !g.is_empty())
        .max_by(|(ga, a), (gb, b)| a.article_count().cmp(&b.article_count()).then(gb.cmp(ga)))
        .map(|(g, _)| g.as_str())
        .unwrap_or("")
}

pub(super) fn group_stats(bucket: &Bucket, given: &str) -> SpellingStats {
    let mut stats = SpellingStats::default();
    for (g, s) in &bucket.groups {
        if resolve_given(bucket, g) == given {
            stats.merge(s);
        }
    }
    stats
}

/// The articles and local entities that make up an entity.
fn members<'a>(corpus: &'a Corpus, id: &'a EntityId) -> impl Iterator<Item = (&'a PathBuf, &'a ArticleEntry, usize)> + 'a {
    let bucket = corpus.buckets.get(&id.key);
    bucket.into_iter().flat_map(move |b| {
        let dominant = dominant_given(b);
        b.articles.iter().flat_map(move |(path, locals)| {
            let entry = &corpus.articles[path];
            locals
                .iter()
                .copied()
                .filter(move |&i| {
                    let given = entry.slots[i].given.as_str();
                    (if given.is_empty() { dominant } else { given }) == id.given
                })
                .map(move |i| (path, entry, i))
        })
    })
}

pub(super) fn references(corpus: &Corpus, id: &EntityId) -> Vec<MentionRef> {
    let mut refs: Vec<MentionRef> = members(corpus, id)
        .flat_map(|(path, entry, i)| {
            entry.facts.entities[i].mentions.iter().map(move |&m| {
                let span = entry.facts.mentions[m].span.clone();
                MentionRef { path: path.clone(), text: entry.text[span.clone()].to_string(), span }
            })
        })
        .collect();
    refs.sort_by(|a, b| a.path.cmp(&b.path).then(a.span.start.cmp(&b.span.start)));
    refs
}

pub(super) fn card(corpus: &Corpus, id: &EntityId) -> Option<EntityCard> {
    let stats = corpus.spelling_stats(id)?;
    let preferred = corpus.preferred(&stats);
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
                descriptors.push(DescriptorRef { path: path.clone(), descriptor: d.clone() });
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
            na.split_whitespace().count().cmp(&nb.split_whitespace().count()).then(ca.cmp(cb)).then(nb.cmp(na))
        })
        .or_else(|| names.iter().max_by_key(|(_, c)| **c))
        .map(|(n, _)| n.to_string())?;
    let kind = kinds.iter().max_by_key(|(_, c)| **c).map(|(k, _)| *k).unwrap_or(EntityKind::Unknown);
    Some(EntityCard {
        id: id.clone(),
        name,
        kind,
        mentions: stats.mentions(),
        spellings: stats.spellings(),
        preferred,
        articles,
        descriptors,
        quotes,
    })
}
