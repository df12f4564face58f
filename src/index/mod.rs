//! The corpus index: every article's facts, and entities as clusters of
//! mentions across articles whatever the spelling.
//!
//! It changes one article at a time: [`Corpus::upsert`] takes the article's
//! old contribution out and puts the new one in, and reports which other
//! articles' findings may have changed. Counts are kept per bucket of
//! spellings, so no update or query walks the whole corpus.

mod entity;
pub mod quotations;
mod stats;

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use entity::{EntityCard, EntityId, MentionRef, QuoteRef};
pub use stats::{Spelling, SpellingStats};

use crate::analysis::{self, possessive_len, Article, EntityKind, LocalEntity};
use crate::config::Config;
use crate::lexicon::Lexicon;

/// One article in the corpus.
#[derive(Clone, Debug)]
pub struct ArticleEntry {
    pub text: Arc<str>,
    pub facts: Arc<Article>,
    /// For each local entity, its place in the index.
    pub slots: Vec<Slot>,
}

/// Where one local entity sits: its bucket (spellings that share a key) and
/// its group inside the bucket (people with the same given name).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot {
    pub key: String,
    /// The key of the person's given name; empty when the article gives none
    /// or the entity is not a person.
    pub given: String,
}

/// Articles whose findings may differ after an update, besides the updated
/// article itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Affected {
    pub articles: BTreeSet<PathBuf>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Bucket {
    /// Articles with a local entity in this bucket → its slots' givens.
    articles: BTreeMap<PathBuf, Vec<usize>>,
    /// Spelling counts per given-name group.
    groups: BTreeMap<String, SpellingStats>,
}

/// The whole corpus.
#[derive(Clone, Debug)]
pub struct Corpus {
    lexicon: Arc<Lexicon>,
    config: Arc<Config>,
    articles: HashMap<PathBuf, ArticleEntry>,
    buckets: HashMap<String, Bucket>,
    quotations: quotations::QuotationIndex,
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus::new(Config::default())
    }
}

impl Corpus {
    pub fn new(config: Config) -> Corpus {
        Corpus {
            lexicon: Arc::new(Lexicon::with_config(&config)),
            config: Arc::new(config),
            articles: HashMap::default(),
            buckets: HashMap::default(),
            quotations: quotations::QuotationIndex::default(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// A new corpus with another configuration, every article re-analysed.
    pub fn with_config(&self, config: Config) -> Corpus {
        let mut corpus = Corpus::new(config);
        for (path, entry) in &self.articles {
            corpus.upsert(path.clone(), entry.text.clone());
        }
        corpus
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.articles.keys()
    }

    pub fn article(&self, path: &Path) -> Option<&ArticleEntry> {
        self.articles.get(path)
    }

    /// Analyse `text` and put it in place of the article at `path`.
    pub fn upsert(&mut self, path: PathBuf, text: Arc<str>) -> Affected {
        let facts = analysis::analyze(&text, &self.lexicon);
        self.upsert_analyzed(path, text, facts)
    }

    /// Put an article analysed elsewhere (another thread, say) in place.
    pub fn upsert_analyzed(&mut self, path: PathBuf, text: Arc<str>, facts: Article) -> Affected {
        let slots = facts.entities.iter().map(|e| self.slot_for(e)).collect();
        let entry = ArticleEntry { text, facts: Arc::new(facts), slots };
        let mut keys: BTreeSet<String> = entry.slots.iter().map(|s| s.key.clone()).collect();
        if let Some(old) = self.articles.get(&path) {
            keys.extend(old.slots.iter().map(|s| s.key.clone()));
        }
        let before = self.snapshot(&keys);
        self.take_out(&path);
        self.put_in(&path, &entry);
        let quoting = self.quotations.replace(&path, &entry.text, &entry.facts);
        self.articles.insert(path.clone(), entry);
        let mut affected = self.affected(&path, before);
        affected.articles.extend(quoting);
        affected
    }

    /// Put an analysed article in place without working out which other
    /// articles it affects: for loading a whole corpus, where every article
    /// is checked afterwards anyway.
    pub fn upsert_quiet(&mut self, path: PathBuf, text: Arc<str>, facts: Article) {
        let slots = facts.entities.iter().map(|e| self.slot_for(e)).collect();
        let entry = ArticleEntry { text, facts: Arc::new(facts), slots };
        self.take_out(&path);
        self.put_in(&path, &entry);
        self.quotations.replace_quiet(&path, &entry.text, &entry.facts);
        self.articles.insert(path, entry);
    }

    /// Take an article out of the corpus.
    pub fn remove(&mut self, path: &Path) -> Affected {
        let keys: BTreeSet<String> = match self.articles.get(path) {
            Some(old) => old.slots.iter().map(|s| s.key.clone()).collect(),
            None => return Affected::default(),
        };
        let before = self.snapshot(&keys);
        self.take_out(path);
        let quoting = self.quotations.remove(path);
        let mut affected = self.affected(path, before);
        affected.articles.extend(quoting);
        affected
    }

    /// The corpus's quotations, for finding a quotation's other versions.
    pub fn quotations(&self) -> &quotations::QuotationIndex {
        &self.quotations
    }

    /// Analyse a text with this corpus's lexicon.
    pub fn analyze(&self, text: &str) -> Article {
        analysis::analyze(text, &self.lexicon)
    }

    fn slot_for(&self, entity: &LocalEntity) -> Slot {
        let folded = crate::translit::fold(&entity.head);
        let mut key = if entity.is_outlet {
            format!("outlet:{folded}")
        } else if entity.key.is_empty() {
            self.lexicon.key(&entity.head)
        } else {
            entity.key.clone()
        };
        // Spellings the user declared distinct each keep a bucket of their own.
        if self.config.names.distinct.iter().flatten().any(|s| crate::translit::fold(s) == folded) {
            key = format!("{key}#{folded}");
        }
        let given = match (entity.kind(), &entity.given) {
            (EntityKind::Person, Some(g)) => self.lexicon.key(g),
            _ => String::new(),
        };
        Slot { key, given }
    }

    /// The spellings an article contributes to each slot, one list per slot
    /// even when several local entities share it.
    fn contributions(entry: &ArticleEntry) -> BTreeMap<&Slot, (Vec<usize>, Vec<&str>)> {
        let mut out: BTreeMap<&Slot, (Vec<usize>, Vec<&str>)> = BTreeMap::new();
        for (i, e) in entry.facts.entities.iter().enumerate() {
            let (locals, spellings) = out.entry(&entry.slots[i]).or_default();
            locals.push(i);
            for &m in &e.mentions {
                let head = entry.facts.mentions[m].head.clone();
                spellings.push(&entry.text[head]);
            }
        }
        out
    }

    fn take_out(&mut self, path: &Path) {
        let Some(old) = self.articles.remove(path) else { return };
        for (slot, (_, spellings)) in Self::contributions(&old) {
            let Some(bucket) = self.buckets.get_mut(&slot.key) else { continue };
            bucket.articles.remove(path);
            if let Some(stats) = bucket.groups.get_mut(&slot.given) {
                stats.remove_article(&spellings);
                if stats.is_empty() {
                    bucket.groups.remove(&slot.given);
                }
            }
            if bucket.articles.is_empty() {
                self.buckets.remove(&slot.key);
            }
        }
    }

    fn put_in(&mut self, path: &Path, entry: &ArticleEntry) {
        for (slot, (locals, spellings)) in Self::contributions(entry) {
            let bucket = self.buckets.entry(slot.key.clone()).or_default();
            bucket.articles.entry(path.to_path_buf()).or_default().extend(locals);
            bucket.groups.entry(slot.given.clone()).or_default().add_article(&spellings);
        }
    }

    fn snapshot(&self, keys: &BTreeSet<String>) -> BTreeMap<String, BTreeMap<String, SpellingStats>> {
        keys.iter()
            .map(|k| (k.clone(), self.buckets.get(k).map(|b| b.groups.clone()).unwrap_or_default()))
            .collect()
    }

    /// Other articles whose name-variant findings may have changed: those of
    /// a bucket whose counts changed and that has, or had, more than one
    /// spelling. Typing that leaves every count as it was affects no other
    /// article.
    fn affected(&self, updated: &Path, before: BTreeMap<String, BTreeMap<String, SpellingStats>>) -> Affected {
        let mut articles = BTreeSet::new();
        for (key, old_groups) in before {
            let Some(bucket) = self.buckets.get(&key) else { continue };
            if bucket.groups == old_groups {
                continue;
            }
            let plural = |groups: &BTreeMap<String, SpellingStats>| {
                let mut all = SpellingStats::default();
                groups.values().for_each(|s| all.merge(s));
                all.spellings().len() > 1
            };
            if plural(&old_groups) || plural(&bucket.groups) {
                articles.extend(bucket.articles.keys().filter(|p| p.as_path() != updated).cloned());
            }
        }
        Affected { articles }
    }

    /// The spelling statistics of an entity.
    pub fn spelling_stats(&self, id: &EntityId) -> Option<SpellingStats> {
        let bucket = self.buckets.get(&id.key)?;
        Some(entity::group_stats(bucket, &id.given))
    }

    /// The entity a local entity of an article belongs to.
    pub fn entity_id(&self, path: &Path, local: usize) -> Option<EntityId> {
        let entry = self.articles.get(path)?;
        let slot = entry.slots.get(local)?;
        let bucket = self.buckets.get(&slot.key)?;
        Some(EntityId { key: slot.key.clone(), given: entity::resolve_given(bucket, &slot.given) })
    }

    /// The entity mentioned at a byte offset of an article, if any.
    pub fn entity_at(&self, path: &Path, offset: usize) -> Option<EntityId> {
        let entry = self.articles.get(path)?;
        let mention = entry
            .facts
            .mentions
            .iter()
            .find(|m| m.span.start <= offset && offset <= m.span.end + possessive_len(&entry.text, m))?;
        self.entity_id(path, mention.entity)
    }

    /// Every mention of an entity across the corpus, sorted by path and
    /// offset.
    pub fn references(&self, id: &EntityId) -> Vec<MentionRef> {
        entity::references(self, id)
    }

    /// What the corpus knows of an entity, for hover cards and `entities`.
    pub fn card(&self, id: &EntityId) -> Option<EntityCard> {
        entity::card(self, id)
    }

    /// Every entity in the corpus.
    pub fn entity_ids(&self) -> Vec<EntityId> {
        let mut ids = Vec::new();
        for (key, bucket) in &self.buckets {
            for given in bucket.groups.keys() {
                let given = entity::resolve_given(bucket, given);
                let id = EntityId { key: key.clone(), given };
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids.sort();
        ids
    }

    /// The preferred spelling among `stats`: the configured one, else the
    /// one used in most articles, then most mentions, then the modern name
    /// of a renamed place.
    pub fn preferred(&self, stats: &SpellingStats) -> Option<String> {
        stats::preferred(stats, &self.config.names.prefer, &self.lexicon)
    }
}

#[cfg(test)]
mod tests;
