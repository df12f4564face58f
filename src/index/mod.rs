//! The corpus index: every article's facts, and entities as clusters of
//! mentions across articles whatever the spelling.
//!
//! It changes one article at a time: [`Corpus::upsert`] takes the article's
//! old contribution out and puts the new one in, and reports which other
//! articles' findings may have changed. Counts are kept per bucket of
//! spellings, so no update or query walks the whole corpus.

pub mod credits;
mod entity;
pub mod quotations;
pub mod resolve;
mod stats;

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use entity::{EntityCard, EntityId, MentionRef, Mentioned, QuoteRef};
pub use resolve::Link;
pub use stats::{form, form_chars, Spelling, SpellingStats};

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
/// its group inside the bucket (people with the same given name). Which
/// buckets are one name, and which groups one person, the resolver decides.
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
    /// Articles with a local entity in this bucket → its slots' givens. A
    /// hash map: a widespread name's bucket holds thousands of articles, and
    /// keeping them in path order cost every insertion a dozen path
    /// comparisons; every reader sorts or collects into a set anyway.
    /// One shared path for all of an article's buckets, and its locals
    /// inline: a (bucket, article) pair costs no allocation of its own.
    articles: HashMap<Arc<Path>, smallvec::SmallVec<[u32; 4]>>,
    /// Spelling counts per given-name group.
    groups: BTreeMap<String, SpellingStats>,
    /// Counts of the given names as written ("Ahmad", "Suk-yeol"), per
    /// given-name group.
    givens: BTreeMap<String, SpellingStats>,
    /// Pairs of given-name groups used side by side in one article for two
    /// people, with the number of such articles.
    side_by_side: BTreeMap<(String, String), usize>,
    /// Names an article declares one entity's ("X, also known as Y"):
    /// (this given, the other key, its given) → articles.
    aliases: BTreeMap<(String, String, String), usize>,
}

/// The whole corpus.
#[derive(Clone, Debug)]
pub struct Corpus {
    lexicon: Arc<Lexicon>,
    config: Arc<Config>,
    articles: HashMap<PathBuf, ArticleEntry>,
    buckets: HashMap<String, Bucket>,
    quotations: quotations::QuotationIndex,
    /// Fuzzy links between the distinct keys.
    graph: resolve::KeyGraph,
    /// Each key's resolved component.
    components: HashMap<String, Arc<resolve::Component>>,
    /// Keys put in or taken out by quiet updates whose components are not
    /// worked out yet: [`Corpus::settle`] does it once for all of them.
    /// Resolving after each quiet update cost every article the whole
    /// component of each of its names, and a widespread surname's component
    /// can hold hundreds of keys: loading grew with the square of the corpus.
    unresolved: BTreeSet<String>,
    /// Given names as written across the corpus: the order in which given
    /// spellings are preferred, the same for every person.
    given_totals: SpellingStats,
    /// The same counted by the form without hyphens, spaces or case
    /// ("Suk Yeol" and "Suk-yeol" together).
    given_forms: SpellingStats,
    /// Keys of the female given names, for the resolver's gender guard.
    female_keys: rustc_hash::FxHashSet<String>,
    /// Findings the desk accepted (`newslint-review.toml`).
    review: Arc<crate::suppress::review::Review>,
    /// Whom each wording of a quotation credits, worked out on demand.
    credits: credits::Cache,
    /// Given-name key → the buckets with people of that given name: the
    /// corpus-wide counts of given names decide which spelling of one is
    /// preferred, so a change of those counts concerns every person who
    /// bears the name, whatever their surname.
    given_buckets: HashMap<String, BTreeSet<String>>,
    /// Each component's spellings counted together (by component id), for
    /// the order of preference every entity of the component shares:
    /// forgotten whenever a bucket or a component changes.
    totals: crate::memo::Memo<String, Arc<SpellingStats>>,
    /// Each entity's spellings of one of its names, and the one preferred
    /// (by [`name_key`]): every article that names the entity asks for
    /// them, and they are the same for all. Forgotten with `totals`.
    heads: crate::memo::Memo<String, Option<Arc<NameSpellings>>>,
}

/// An entity's spellings of one of its names (its head, as a key names it),
/// most articles first, and the one the corpus prefers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameSpellings {
    pub preferred: String,
    pub spellings: Vec<stats::Spelling>,
}

/// The memo key of an entity's name: its key, given-name group and the
/// name's key, the first two prefixed by their lengths, so that no two
/// names share a key whatever characters they hold.
fn name_key(id: &EntityId, key: &str) -> String {
    format!("{}:{}{}:{}{key}", id.key.len(), id.key, id.given.len(), id.given)
}

/// How many answers each of the corpus's memos (components' totals, names'
/// spellings) remembers at once.
const TOTALS_MEMO_CAP: usize = 1 << 16;

impl Default for Corpus {
    fn default() -> Self {
        Corpus::new(Config::default())
    }
}

impl Corpus {
    pub fn new(config: Config) -> Corpus {
        let lexicon = Lexicon::with_config(&config);
        let female_keys = lexicon
            .female_names
            .iter()
            .map(|n| given_key(&lexicon, n))
            .collect();
        let demonyms = lexicon.demonyms.iter().map(|d| lexicon.key(d)).collect();
        Corpus {
            lexicon: Arc::new(lexicon),
            config: Arc::new(config),
            articles: HashMap::default(),
            buckets: HashMap::default(),
            quotations: quotations::QuotationIndex::default(),
            graph: resolve::KeyGraph::new(demonyms),
            components: HashMap::default(),
            unresolved: BTreeSet::new(),
            given_totals: SpellingStats::default(),
            given_forms: SpellingStats::default(),
            female_keys,
            review: Arc::default(),
            credits: credits::Cache::default(),
            given_buckets: HashMap::default(),
            totals: crate::memo::Memo::new(TOTALS_MEMO_CAP),
            heads: crate::memo::Memo::new(TOTALS_MEMO_CAP),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The review file's accepted findings.
    pub fn review(&self) -> &crate::suppress::review::Review {
        &self.review
    }

    /// Replace the review file; nothing needs re-analysing.
    pub fn set_review(&mut self, review: crate::suppress::review::Review) {
        self.review = Arc::new(review);
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The lexicon, for analyses that run beside updates of the corpus.
    pub fn shared_lexicon(&self) -> Arc<Lexicon> {
        self.lexicon.clone()
    }

    /// A new corpus with another configuration, every article re-analysed.
    pub fn with_config(&self, config: Config) -> Corpus {
        let mut corpus = Corpus::new(config);
        corpus.review = self.review.clone();
        for (path, entry) in &self.articles {
            let facts = analysis::analyze(&entry.text, &corpus.lexicon);
            corpus.upsert_quiet(path.clone(), entry.text.clone(), facts);
        }
        corpus.settle();
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
        self.settle();
        let (entry, keys) = self.entry_and_keys(&path, text, facts);
        let before = self.snapshot(&keys);
        let givens = Self::given_change(self.articles.get(&path), Some(&entry));
        self.take_out(&path);
        self.put_in(&path, &entry);
        let quoting = self.quotations.update(&path, &entry.text, &entry.facts);
        self.articles.insert(path.clone(), entry);
        let renamed = self.resolve(&keys, &before);
        // What a wording's copies say of who spoke changes only with an
        // article holding it; whom that resolves to, with any component, or
        // with the edited article's speakers.
        self.credits.forget_wordings(&quoting.wordings);
        if renamed || !quoting.same_faces {
            self.credits.forget_entities();
        }
        let mut affected = self.affected(&path, before);
        affected.articles.extend(quoting.touched);
        affected.articles.extend(self.bearing(&givens, &path));
        affected
    }

    /// The index entry of an analysed article, and the keys its update
    /// touches: its own and those of the version it replaces.
    fn entry_and_keys(&self, path: &Path, text: Arc<str>, facts: Article) -> (ArticleEntry, BTreeSet<String>) {
        let slots = facts.entities.iter().map(|e| self.slot_for(e)).collect();
        let entry = ArticleEntry { text, facts: Arc::new(facts), slots };
        let mut keys: BTreeSet<String> = entry.slots.iter().map(|s| s.key.clone()).collect();
        if let Some(old) = self.articles.get(path) {
            keys.extend(old.slots.iter().map(|s| s.key.clone()));
        }
        (entry, keys)
    }

    /// Put an analysed article in place without working out which other
    /// articles it affects: for loading a whole corpus, where every article
    /// is checked afterwards anyway. Which spellings are one person is
    /// worked out later, once for the whole load: call [`Corpus::settle`]
    /// before reading entities (the next `upsert_analyzed` or `remove` does
    /// it itself). Until then entity answers are those from before.
    pub fn upsert_quiet(&mut self, path: PathBuf, text: Arc<str>, facts: Article) {
        self.credits.clear();
        let (entry, keys) = self.entry_and_keys(&path, text, facts);
        self.take_out(&path);
        self.put_in(&path, &entry);
        self.quotations.replace_quiet(&path, &entry.text, &entry.facts);
        self.articles.insert(path, entry);
        self.unresolved.extend(keys);
    }

    /// Work out the components of every key quiet updates touched: once
    /// each, however many articles touched it. Components are only ever
    /// changed through those keys (their buckets' counts, their links, their
    /// aliases), so resolving them and the keys of the components they were
    /// in before leaves the corpus as resolving after each update would.
    pub fn settle(&mut self) {
        if self.unresolved.is_empty() {
            return;
        }
        let keys = std::mem::take(&mut self.unresolved);
        let before = self.old_components(&keys);
        if self.resolve_keys(&keys, &before) {
            // Who the speakers are may have changed with the components.
            self.credits.forget_entities();
        }
    }

    /// Take an article out of the corpus.
    pub fn remove(&mut self, path: &Path) -> Affected {
        self.settle();
        self.credits.clear();
        let keys: BTreeSet<String> = match self.articles.get(path) {
            Some(old) => old.slots.iter().map(|s| s.key.clone()).collect(),
            None => return Affected::default(),
        };
        let before = self.snapshot(&keys);
        let givens = Self::given_change(self.articles.get(path), None);
        self.take_out(path);
        let quoting = self.quotations.remove(path);
        self.resolve(&keys, &before);
        let mut affected = self.affected(path, before);
        affected.articles.extend(quoting);
        affected.articles.extend(self.bearing(&givens, path));
        affected
    }

    /// The given-name keys whose corpus-wide counts an update changes: none
    /// when the old and the new text write the same given names as often.
    fn given_change(old: Option<&ArticleEntry>, new: Option<&ArticleEntry>) -> BTreeSet<String> {
        let written = |e: Option<&ArticleEntry>| -> Vec<(String, String)> {
            let mut out: Vec<(String, String)> = e
                .into_iter()
                .flat_map(|e| Self::contributions(e).into_iter().flat_map(|(slot, c)| c.givens.iter().map(|g| (slot.given.clone(), g.to_string())).collect::<Vec<_>>()))
                .collect();
            out.sort();
            out
        };
        let (old, new) = (written(old), written(new));
        if old == new {
            return BTreeSet::new();
        }
        old.into_iter().chain(new).map(|(key, _)| key).filter(|k| !k.is_empty()).collect()
    }

    /// The articles, other than `updated`, of the people who bear one of
    /// these given names and are written with more than one given-name
    /// spelling: where the corpus-wide counts may turn which spelling a
    /// finding prefers.
    fn bearing(&self, givens: &BTreeSet<String>, updated: &Path) -> BTreeSet<PathBuf> {
        let mut out = BTreeSet::new();
        for g in givens {
            for key in self.given_buckets.get(g).into_iter().flatten() {
                let keys: Vec<&String> = match self.components.get(key) {
                    Some(c) => c.keys.iter().collect(),
                    None => vec![key],
                };
                let spellings: BTreeSet<String> = keys
                    .iter()
                    .filter_map(|k| self.buckets.get(*k))
                    .flat_map(|b| b.givens.values().flat_map(|s| s.spellings().into_iter().map(|s| s.spelling)))
                    .collect();
                if spellings.len() < 2 {
                    continue;
                }
                for k in keys {
                    if let Some(b) = self.buckets.get(k) {
                        out.extend(b.articles.keys().filter(|p| &***p != updated).map(|p| p.to_path_buf()));
                    }
                }
            }
        }
        out
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
        if self
            .config
            .names
            .distinct
            .iter()
            .flatten()
            .any(|s| crate::translit::fold(s) == folded)
        {
            key = format!("{key}#{folded}");
        }
        let given = match (entity.kind(), &entity.given) {
            (EntityKind::Person, Some(g)) => given_key(&self.lexicon, g),
            _ => String::new(),
        };
        Slot { key, given }
    }

    /// The spellings an article contributes to each slot, one list per slot
    /// even when several local entities share it: the heads, and the given
    /// names as written.
    fn contributions(entry: &ArticleEntry) -> BTreeMap<&Slot, Contribution<'_>> {
        let mut out: BTreeMap<&Slot, Contribution> = BTreeMap::new();
        for (i, e) in entry.facts.entities.iter().enumerate() {
            let c = out.entry(&entry.slots[i]).or_default();
            c.locals.push(i);
            for &m in &e.mentions {
                let mention = &entry.facts.mentions[m];
                c.spellings.push(&entry.text[mention.head.clone()]);
                if e.given.is_some() {
                    for part in analysis::names::given_parts(&entry.text, mention) {
                        c.givens.push(&entry.text[part]);
                    }
                }
            }
        }
        out
    }

    /// Pairs of given-name groups of one bucket that an article uses for two
    /// different people ("Kylian Mbappé" and "Wilfried Mbappé").
    fn side_by_side(entry: &ArticleEntry) -> BTreeSet<(String, String, String)> {
        let mut out = BTreeSet::new();
        for (i, a) in entry.slots.iter().enumerate() {
            for b in &entry.slots[i + 1..] {
                if a.key == b.key
                    && !a.given.is_empty()
                    && !b.given.is_empty()
                    && a.given != b.given
                {
                    let (x, y) = if a.given < b.given {
                        (&a.given, &b.given)
                    } else {
                        (&b.given, &a.given)
                    };
                    out.insert((a.key.clone(), x.clone(), y.clone()));
                }
            }
        }
        out
    }

    /// The aliases an article declares, from each side: (key, given, other
    /// key, other given).
    fn aliases(entry: &ArticleEntry) -> BTreeSet<(String, String, String, String)> {
        let mut out = BTreeSet::new();
        for (i, e) in entry.facts.entities.iter().enumerate() {
            for &j in &e.aliases {
                let (a, b) = (&entry.slots[i], &entry.slots[j]);
                if a != b {
                    out.insert((a.key.clone(), a.given.clone(), b.key.clone(), b.given.clone()));
                }
            }
        }
        out
    }

    fn take_out(&mut self, path: &Path) {
        self.forget_totals();
        let Some(old) = self.articles.remove(path) else {
            return;
        };
        for (key, given, other, other_given) in Self::aliases(&old) {
            if let Some(bucket) = self.buckets.get_mut(&key) {
                let k = (given, other, other_given);
                if let Some(n) = bucket.aliases.get_mut(&k) {
                    *n -= 1;
                    if *n == 0 {
                        bucket.aliases.remove(&k);
                    }
                }
            }
        }
        for (key, x, y) in Self::side_by_side(&old) {
            if let Some(bucket) = self.buckets.get_mut(&key) {
                let pair = (x, y);
                if let Some(n) = bucket.side_by_side.get_mut(&pair) {
                    *n -= 1;
                    if *n == 0 {
                        bucket.side_by_side.remove(&pair);
                    }
                }
            }
        }
        for (slot, c) in Self::contributions(&old) {
            self.given_totals.remove_article(&c.givens);
            let forms: Vec<String> = c.givens.iter().map(|g| stats::form(g)).collect();
            self.given_forms
                .remove_article(&forms.iter().map(String::as_str).collect::<Vec<_>>());
            let Some(bucket) = self.buckets.get_mut(&slot.key) else {
                continue;
            };
            bucket.articles.remove(path);
            if let Some(stats) = bucket.groups.get_mut(&slot.given) {
                stats.remove_article(&c.spellings);
                if stats.is_empty() {
                    bucket.groups.remove(&slot.given);
                }
            }
            if let Some(stats) = bucket.givens.get_mut(&slot.given) {
                stats.remove_article(&c.givens);
                if stats.is_empty() {
                    bucket.givens.remove(&slot.given);
                    if let Some(keys) = self.given_buckets.get_mut(&slot.given) {
                        keys.remove(&slot.key);
                        if keys.is_empty() {
                            self.given_buckets.remove(&slot.given);
                        }
                    }
                }
            }
            if bucket.articles.is_empty() {
                self.buckets.remove(&slot.key);
                self.graph.remove(&slot.key);
            }
        }
    }

    fn put_in(&mut self, path: &Path, entry: &ArticleEntry) {
        self.forget_totals();
        let shared: Arc<Path> = Arc::from(path);
        for (slot, c) in Self::contributions(entry) {
            if !self.buckets.contains_key(&slot.key) {
                self.graph.add(&slot.key);
            }
            let bucket = self.buckets.entry(slot.key.clone()).or_default();
            bucket
                .articles
                .entry(shared.clone())
                .or_default()
                .extend(c.locals.iter().map(|&i| i as u32));
            bucket
                .groups
                .entry(slot.given.clone())
                .or_default()
                .add_article(&c.spellings);
            if !c.givens.is_empty() {
                bucket
                    .givens
                    .entry(slot.given.clone())
                    .or_default()
                    .add_article(&c.givens);
                self.given_buckets.entry(slot.given.clone()).or_default().insert(slot.key.clone());
            }
            self.given_totals.add_article(&c.givens);
            let forms: Vec<String> = c.givens.iter().map(|g| stats::form(g)).collect();
            self.given_forms
                .add_article(&forms.iter().map(String::as_str).collect::<Vec<_>>());
        }
        for (key, x, y) in Self::side_by_side(entry) {
            if let Some(bucket) = self.buckets.get_mut(&key) {
                *bucket.side_by_side.entry((x, y)).or_default() += 1;
            }
        }
        for (key, given, other, other_given) in Self::aliases(entry) {
            if let Some(bucket) = self.buckets.get_mut(&key) {
                *bucket.aliases.entry((given, other, other_given)).or_default() += 1;
            }
        }
    }

    /// The components the keys belonged to before an update.
    fn old_components(&self, keys: &BTreeSet<String>) -> Vec<Arc<resolve::Component>> {
        let mut out: Vec<Arc<resolve::Component>> = Vec::new();
        for k in keys {
            if let Some(c) = self.components.get(k) {
                if !out.iter().any(|o| Arc::ptr_eq(o, c)) {
                    out.push(c.clone());
                }
            }
        }
        out
    }

    fn snapshot(&self, keys: &BTreeSet<String>) -> Snapshot {
        let components = self.old_components(keys);
        let mut all: BTreeSet<String> = keys.clone();
        for c in &components {
            all.extend(c.linked.iter().cloned());
        }
        let buckets = all
            .iter()
            .map(|k| (k.clone(), self.bucket_state(k)))
            .collect();
        Snapshot {
            components,
            buckets,
        }
    }

    fn bucket_state(&self, key: &str) -> BucketState {
        let Some(b) = self.buckets.get(key) else {
            return BucketState::default();
        };
        BucketState {
            key: key.to_string(),
            groups: b.groups.clone(),
            givens: b.givens.clone(),
            component: self.components.get(key).map(|c| (**c).clone()),
        }
    }

    /// Resolve after an update; whether any component changed.
    fn resolve(&mut self, keys: &BTreeSet<String>, before: &Snapshot) -> bool {
        self.resolve_keys(keys, &before.components)
    }

    /// Recompute the components of the touched keys, and of every key of
    /// the components they were in (a removal may split one).
    /// Returns whether any key's component is not what it was.
    fn resolve_keys(&mut self, keys: &BTreeSet<String>, old: &[Arc<resolve::Component>]) -> bool {
        self.forget_totals();
        let mut todo: BTreeSet<String> = keys.clone();
        for c in old {
            todo.extend(c.linked.iter().cloned());
        }
        let mut done: BTreeSet<String> = BTreeSet::new();
        let mut changed = false;
        for k in &todo {
            if done.contains(k) {
                continue;
            }
            if !self.buckets.contains_key(k) {
                changed |= self.components.remove(k).is_some();
                continue;
            }
            let linked = self.linked_keys(k);
            for (keys, names) in self.entities_among(&linked) {
                let component = Arc::new(self.component_over(keys, names, linked.clone()));
                let was = self.components.get(&component.keys[0]).cloned();
                for member in &component.keys {
                    let before = self.components.insert(member.clone(), component.clone());
                    changed |= !matches!((&before, &was), (Some(b), Some(w)) if Arc::ptr_eq(b, w));
                }
                changed |= was.is_none_or(|w| *w != *component);
            }
            done.extend(linked.iter().cloned());
        }
        changed
    }

    /// Every key linked to `key`, by spelling or by an alias, directly or
    /// through others, sorted.
    fn linked_keys(&self, key: &str) -> Arc<[String]> {
        let mut seen: BTreeSet<String> = [key.to_string()].into();
        let mut todo = vec![key.to_string()];
        while let Some(k) = todo.pop() {
            let aliased = self.buckets.get(&k).into_iter().flat_map(|b| b.aliases.keys().map(|(_, o, _)| o));
            for n in self.graph.neighbours(&k).chain(aliased) {
                if self.buckets.contains_key(n) && seen.insert(n.clone()) {
                    todo.push(n.clone());
                }
            }
        }
        seen.into_iter().collect()
    }

    /// The entities among linked keys: their names (see
    /// [`resolve::cluster`]), those an article declares one person's joined,
    /// each with its keys (sorted) and each key's name (its first key).
    fn entities_among(&self, linked: &[String]) -> Vec<(Vec<String>, BTreeMap<String, String>)> {
        let articles = |k: &str| self.buckets.get(k).map_or(0, |b| b.articles.len());
        let mut used: Vec<&str> = linked.iter().map(String::as_str).collect();
        used.sort_by(|a, b| articles(b).cmp(&articles(a)).then(a.cmp(b)));
        let names = resolve::cluster::names(&used, |a, b| self.graph.link(a, b).is_some());
        let aliased = linked.iter().filter_map(|k| Some((k, self.buckets.get(k)?))).flat_map(|(k, b)| b.aliases.keys().map(move |(_, o, _)| (k.as_str(), o.as_str())));
        resolve::cluster::entities(&names, aliased)
    }

    /// The component of one entity's keys, given each key's name.
    fn component_over(&self, keys: Vec<String>, names: BTreeMap<String, String>, linked: Arc<[String]>) -> resolve::Component {
        let mut aliases: BTreeSet<(String, String)> = BTreeSet::new();
        for k in &keys {
            let Some(b) = self.buckets.get(k) else { continue };
            aliases.extend(b.aliases.keys().filter(|(g, _, og)| !g.is_empty() && !og.is_empty()).map(|(g, _, og)| (g.clone(), og.clone())));
        }
        let mut givens: BTreeMap<String, usize> = BTreeMap::new();
        let mut side_by_side: BTreeSet<(String, String)> = BTreeSet::new();
        for k in &keys {
            let Some(b) = self.buckets.get(k) else {
                continue;
            };
            for (g, stats) in &b.groups {
                if !g.is_empty() {
                    *givens.entry(g.clone()).or_default() += stats.article_count();
                }
            }
            side_by_side.extend(b.side_by_side.keys().cloned());
        }
        let (persons, dominant) =
            resolve::persons(&givens, &side_by_side, &aliases, |g| self.female_keys.contains(g));
        let mut dominant_by_key = BTreeMap::new();
        for k in &keys {
            let Some(b) = self.buckets.get(k) else {
                continue;
            };
            let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
            for (g, stats) in b.groups.iter().filter(|(g, _)| !g.is_empty()) {
                *counts.entry(&persons[g]).or_default() += stats.article_count();
            }
            if let Some((p, _)) = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
                dominant_by_key.insert(k.clone(), (*p).clone());
            }
        }
        resolve::Component {
            keys,
            linked,
            persons,
            dominant,
            dominant_by_key,
            names,
        }
    }

    /// Other articles whose name-variant findings may have changed: those of
    /// the components the update touched, when their keys, people or counts
    /// changed and they have, or had, more than one spelling of a name or
    /// of a given name. Typing that leaves every count as it was affects no
    /// other article.
    fn affected(&self, updated: &Path, before: Snapshot) -> Affected {
        let mut keys: BTreeSet<String> = before.buckets.keys().cloned().collect();
        for k in before.buckets.keys() {
            if let Some(c) = self.components.get(k) {
                keys.extend(c.linked.iter().cloned());
            }
        }
        let now: BTreeMap<&String, BucketState> =
            keys.iter().map(|k| (k, self.bucket_state(k))).collect();
        let empty = BucketState::default();
        // The keys of one component before or after the update, together:
        // only a component whose state changed affects its articles.
        let mut groups: Vec<BTreeSet<String>> = Vec::new();
        for k in &keys {
            let mut g: BTreeSet<String> = [k.clone()].into();
            if let Some(c) = before.buckets.get(k).and_then(|b| b.component.as_ref()) {
                g.extend(c.keys.iter().cloned());
            }
            if let Some(c) = self.components.get(k) {
                g.extend(c.keys.iter().cloned());
            }
            match groups.iter().position(|o| !o.is_disjoint(&g)) {
                Some(i) => {
                    let mut merged = groups.remove(i);
                    merged.extend(g);
                    while let Some(i) = groups.iter().position(|o| !o.is_disjoint(&merged)) {
                        merged.extend(groups.remove(i));
                    }
                    groups.push(merged);
                }
                None => groups.push(g),
            }
        }
        let plural = |states: &mut dyn Iterator<Item = &BucketState>| {
            let mut heads = SpellingStats::default();
            let mut persons: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for st in states {
                st.groups.values().for_each(|s| heads.merge(s));
                for (g, s) in &st.givens {
                    let person = st.component.as_ref().map(|c| c.person(&st.key, g)).unwrap_or_else(|| g.clone());
                    persons.entry(person).or_default().extend(s.spellings().into_iter().map(|s| s.spelling));
                }
            }
            heads.spellings().len() > 1 || persons.values().any(|s| s.len() > 1)
        };
        let mut articles = BTreeSet::new();
        for g in &groups {
            let old = |k: &String| before.buckets.get(k).unwrap_or(&empty);
            let new = |k: &String| now.get(k).unwrap_or(&empty);
            if !g.iter().any(|k| old(k) != new(k)) {
                continue;
            }
            if !(plural(&mut g.iter().map(old)) || plural(&mut g.iter().map(new))) {
                continue;
            }
            for k in g {
                if let Some(bucket) = self.buckets.get(k) {
                    articles.extend(bucket.articles.keys().filter(|p| &***p != updated).map(|p| p.to_path_buf()));
                }
            }
        }
        Affected { articles }
    }

    fn component(&self, key: &str) -> Option<&resolve::Component> {
        self.components.get(key).map(|c| c.as_ref())
    }

    /// The spelling statistics of an entity (the heads: surnames, or whole
    /// names).
    pub fn spelling_stats(&self, id: &EntityId) -> Option<SpellingStats> {
        let component = self.component(&id.key)?;
        Some(entity::group_stats(self, component, &id.given, |b| {
            &b.groups
        }))
    }

    /// The spelling statistics of an entity under one of its names: the
    /// spellings joined to `key` by spelling, not by an alias.
    pub fn name_stats(&self, id: &EntityId, key: &str) -> Option<SpellingStats> {
        let component = self.component(&id.key)?;
        let name = component.names.get(key)?;
        let mut stats = SpellingStats::default();
        for k in component.keys.iter().filter(|k| component.names.get(*k) == Some(name)) {
            let Some(bucket) = self.buckets.get(k) else { continue };
            for (g, s) in &bucket.groups {
                if component.person(k, g) == id.given {
                    stats.merge(s);
                }
            }
        }
        Some(stats)
    }

    /// What [`Corpus::name_stats`] and [`Corpus::preferred_for`] give for
    /// one of an entity's names, worked out once for all the articles that
    /// name it (until the corpus changes).
    pub fn name_spellings(&self, id: &EntityId, key: &str) -> Option<Arc<NameSpellings>> {
        self.heads.get_or(name_key(id, key).as_str(), || {
            let stats = self.name_stats(id, key)?;
            let preferred = self.preferred_for(id, &stats)?;
            Some(Arc::new(NameSpellings { preferred, spellings: stats.spellings() }))
        })
    }

    /// Forget what was worked out from the buckets and components.
    fn forget_totals(&mut self) {
        self.totals.clear();
        self.heads.clear();
    }

    /// The slot of a local entity.
    pub fn slot(&self, path: &Path, local: usize) -> Option<&Slot> {
        self.articles.get(path)?.slots.get(local)
    }

    /// The given names of a person as written, with their counts.
    pub fn given_stats(&self, id: &EntityId) -> Option<SpellingStats> {
        let component = self.component(&id.key)?;
        Some(entity::group_stats(self, component, &id.given, |b| {
            &b.givens
        }))
    }

    /// The entity a local entity of an article belongs to.
    pub fn entity_id(&self, path: &Path, local: usize) -> Option<EntityId> {
        let entry = self.articles.get(path)?;
        let slot = entry.slots.get(local)?;
        let component = self.component(&slot.key)?;
        Some(EntityId {
            key: component.id().to_string(),
            given: component.person(&slot.key, &slot.given),
        })
    }

    /// The entity mentioned at a byte offset of an article, if any.
    pub fn entity_at(&self, path: &Path, offset: usize) -> Option<EntityId> {
        let entry = self.articles.get(path)?;
        let mention = entry.facts.mentions.iter().find(|m| {
            m.span.start <= offset && offset <= m.span.end + possessive_len(&entry.text, m)
        })?;
        self.entity_id(path, mention.entity)
    }

    /// Every mention of an entity across the corpus, sorted by path and
    /// offset.
    pub fn references(&self, id: &EntityId) -> Vec<MentionRef> {
        entity::references(self, id)
    }

    /// [`Corpus::references`], borrowed from the corpus.
    pub fn mentioned<'a>(&'a self, id: &'a EntityId) -> Vec<Mentioned<'a>> {
        entity::mentioned(self, id)
    }

    /// What the corpus knows of an entity, for hover cards and `entities`.
    pub fn card(&self, id: &EntityId) -> Option<EntityCard> {
        entity::card(self, id)
    }

    /// Every entity in the corpus.
    pub fn entity_ids(&self) -> Vec<EntityId> {
        let mut ids = BTreeSet::new();
        for (key, bucket) in &self.buckets {
            let Some(component) = self.component(key) else {
                continue;
            };
            for given in bucket.groups.keys() {
                ids.insert(EntityId {
                    key: component.id().to_string(),
                    given: component.person(key, given),
                });
            }
        }
        ids.into_iter().collect()
    }

    /// The preferred spelling among `stats`: the configured one, else the
    /// one used in most articles, then most mentions, then the modern name
    /// of a renamed place.
    pub fn preferred(&self, stats: &SpellingStats) -> Option<String> {
        stats::preferred(stats, &self.config.names.prefer, &self.lexicon)
    }

    /// The preferred spelling of an entity's head: among its own spellings,
    /// the first in the order of the whole component (every person who
    /// shares the name), so that no two entities advise opposite ways
    /// between the same two spellings.
    pub fn preferred_for(&self, id: &EntityId, stats: &SpellingStats) -> Option<String> {
        let component = self.component(&id.key)?;
        let all = self.totals.get_or(component.id(), || {
            let mut all = SpellingStats::default();
            for k in &component.keys {
                if let Some(b) = self.buckets.get(k) {
                    b.groups.values().for_each(|s| all.merge(s));
                }
            }
            Arc::new(all)
        });
        stats::best(
            stats.names(),
            &all,
            None,
            &self.config.names.prefer,
            &self.lexicon,
        )
    }

    /// The preferred spelling among given names that are one name, in the
    /// order of the whole corpus's given names.
    pub fn preferred_given<'a>(&self, spellings: impl Iterator<Item = &'a str>) -> Option<String> {
        stats::best(
            spellings,
            &self.given_totals,
            Some(&self.given_forms),
            &self.config.names.prefer,
            &self.lexicon,
        )
    }

    /// Whether some article writes a name (a head) exactly so.
    pub fn has_spelling(&self, spelling: &str) -> bool {
        let key = self.lexicon.key(spelling);
        self.buckets.get(&key).is_some_and(|b| b.groups.values().any(|s| s.get(spelling).is_some()))
    }

    /// Why two keys are one name, when the resolver linked them.
    pub fn link(&self, a: &str, b: &str) -> Option<&resolve::Link> {
        self.graph.link(a, b)
    }
}

/// The key of a given name: its spelling key with the spaces and hyphens
/// inside it dropped ("Suk Yeol", "Suk-yeol" and "Sukyeol" are one).
pub fn given_key(lexicon: &Lexicon, given: &str) -> String {
    lexicon.key(given).replace(' ', "")
}

/// What one article gives one slot.
#[derive(Default)]
struct Contribution<'a> {
    locals: Vec<usize>,
    spellings: Vec<&'a str>,
    givens: Vec<&'a str>,
}

/// The state of the touched buckets and components before an update.
struct Snapshot {
    components: Vec<Arc<resolve::Component>>,
    buckets: BTreeMap<String, BucketState>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct BucketState {
    key: String,
    groups: BTreeMap<String, SpellingStats>,
    givens: BTreeMap<String, SpellingStats>,
    component: Option<resolve::Component>,
}

#[cfg(test)]
mod tests;
