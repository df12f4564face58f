//! Whom the versions of a quotation credit: for each wording (see
//! [`super::quotations`]), the people its copies' texts name as the speaker,
//! resolved to the corpus's entities. Worked out once per wording and kept
//! until the corpus changes, so that a statement reprinted by hundreds of
//! articles costs each of them its few speakers, not its hundreds of copies.

use std::collections::hash_map::Entry;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

use crate::lock::{inner, locked};
use super::quotations::{Member, QuotationIndex};
use super::{Corpus, EntityId, Slot};
use crate::analysis::short::lower;
use crate::analysis::{Article, EntityKind, LocalEntity, Quote, SpeakerKind};

/// One person a wording is credited to, under one of their names.
#[derive(Clone, Debug)]
pub struct Credit {
    pub entity: EntityId,
    /// The article's entity's fullest name, as the copies write it.
    pub name: Arc<str>,
    /// The part of that name whose spelling varies (a person's surname).
    pub head: Arc<str>,
    /// The copies that credit it so, in path order.
    pub members: Vec<Member>,
}

/// The people one wording is credited to (see [`Corpus::credits`]), read as
/// a slice of [`Credit`]s, with two ways in that a statement reprinted by
/// hundreds of articles under hundreds of names needs: every copy in path
/// order, and the credits by the words of their names. Each is built the
/// first time it is asked for.
#[derive(Debug, Default)]
pub struct Credits {
    list: Vec<Credit>,
    copies: OnceLock<Vec<(Member, u32)>>,
    words: OnceLock<NameWords>,
}

/// The credits by their entity's key, by their head (a person's surname)
/// in lower case, and by each word of their name (split at spaces and
/// hyphens) in lower case, as hashes sorted with each credit's place: a
/// lookup finds every credit that has the word, and may find one more
/// whose hash is the same, which the caller's own test turns away.
#[derive(Debug, Default)]
struct NameWords(Vec<(u64, u32)>);

const KEY: u8 = 0;
const HEAD: u8 = 1;
const WORD: u8 = 2;

fn hashed(kind: u8, word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write_u8(kind);
    h.write(word.as_bytes());
    h.finish()
}

impl std::ops::Deref for Credits {
    type Target = [Credit];

    fn deref(&self) -> &[Credit] {
        &self.list
    }
}

impl Credits {
    /// Every copy credited to someone, in path order, with the place of
    /// its credit in the list.
    pub fn copies(&self, index: &QuotationIndex) -> &[(Member, u32)] {
        self.copies.get_or_init(|| {
            let mut all: Vec<(Member, u32)> =
                (0u32..).zip(&self.list).flat_map(|(i, c)| c.members.iter().map(move |&m| (m, i))).collect();
            all.sort_by(|a, b| index.member_order(a.0).cmp(&index.member_order(b.0)));
            all
        })
    }

    /// The credits whose entity's key may be `key`.
    pub fn with_key(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        self.lookup(KEY, key)
    }

    /// The credits whose head may be `word` in lower case.
    pub fn with_head(&self, word: &str) -> impl Iterator<Item = u32> + '_ {
        self.lookup(HEAD, lower(word).as_str())
    }

    /// The credits that may have `word` (in lower case) among the words of
    /// their names, split at spaces and hyphens.
    pub fn naming(&self, word: &str) -> impl Iterator<Item = u32> + '_ {
        self.lookup(WORD, lower(word).as_str())
    }

    fn lookup(&self, kind: u8, word: &str) -> impl Iterator<Item = u32> + '_ {
        let all = &self.words().0;
        let h = hashed(kind, word);
        let from = all.partition_point(|(x, _)| *x < h);
        all[from..].iter().take_while(move |(x, _)| *x == h).map(|(_, i)| *i)
    }

    fn words(&self) -> &NameWords {
        self.words.get_or_init(|| {
            let mut all = Vec::new();
            for (i, c) in (0u32..).zip(&self.list) {
                all.push((hashed(KEY, &c.entity.key), i));
                all.push((hashed(HEAD, lower(&c.head).as_str()), i));
                all.extend(c.name.split([' ', '-']).map(|w| (hashed(WORD, lower(w).as_str()), i)));
            }
            all.sort_unstable();
            all.dedup();
            NameWords(all)
        })
    }
}

/// The person a quotation's speaker is, when the text names a person in
/// full: the article's entity and its index. A capitalised word taken for a
/// name ("Critics say …") has no given name to go with it, and a pronoun or
/// a description names nobody.
pub fn credited_person<'a>(article: &'a Article, q: &Quote) -> Option<(usize, &'a LocalEntity)> {
    let speaker = q.speaker.as_ref()?;
    if speaker.kind != SpeakerKind::Named {
        return None;
    }
    let local = speaker.entity?;
    let entity = article.entities.get(local)?;
    if entity.kind() != EntityKind::Person || entity.given.is_none() {
        return None;
    }
    Some((local, entity))
}

/// What one wording's copies say of who spoke: the credited local entity's
/// place in the index (its bucket and given name) and its names, with the
/// copies that say so, in path order. It depends on those copies' texts
/// only: a change of who an entity is (a respelling elsewhere joining two
/// names, say) leaves it as it was.
#[derive(Clone, Debug)]
struct Said {
    slot: Slot,
    name: Arc<str>,
    head: Arc<str>,
    members: Vec<Member>,
}

/// Each wording's credits, in two layers: what its copies say (kept until
/// an article holding the wording changes) and whom that resolves to (kept
/// until any component changes).
#[derive(Default)]
pub(super) struct Cache {
    credits: Mutex<FxHashMap<u64, Arc<Credits>>>,
    said: Mutex<FxHashMap<u64, Arc<[Said]>>>,
}

impl Cache {
    /// Forget everything.
    pub(super) fn clear(&mut self) {
        self.forget_entities();
        let said = inner(&mut self.said);
        if !said.is_empty() {
            said.clear();
        }
    }

    /// Forget whom the wordings resolve to, keeping what their copies say:
    /// after an update that may change who an entity is.
    pub(super) fn forget_entities(&mut self) {
        let credits = inner(&mut self.credits);
        if !credits.is_empty() {
            credits.clear();
        }
    }

    /// Forget these wordings altogether: an article holding them changed.
    pub(super) fn forget_wordings(&mut self, fingerprints: &[u64]) {
        for fp in fingerprints {
            inner(&mut self.said).remove(fp);
            inner(&mut self.credits).remove(fp);
        }
    }
}

impl Clone for Cache {
    fn clone(&self) -> Self {
        Cache::default()
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("credits::Cache")
    }
}

impl Corpus {
    /// The people the copies of the wording with fingerprint `fp` credit,
    /// each with its copies, in the order their first copies come in.
    pub fn credits(&self, fp: u64) -> Arc<Credits> {
        let cache = || locked(&self.credits.credits);
        if let Some(hit) = cache().get(&fp) {
            return hit.clone();
        }
        let index = self.quotations();
        let mut out: Vec<Credit> = Vec::new();
        let mut places: FxHashMap<(EntityId, &str, &str), usize> = FxHashMap::default();
        let said = self.said(fp);
        let mut merged = false;
        // Each group of copies in the order of its first copy: a credit's
        // first group holds its first copy, so the credits come in that
        // order too.
        for said in said.iter() {
            let Some(component) = self.component(&said.slot.key) else { continue };
            let id = EntityId { key: component.id().to_string(), given: component.person(&said.slot.key, &said.slot.given) };
            match places.entry((id, &*said.name, &*said.head)) {
                Entry::Occupied(at) => {
                    out[*at.get()].members.extend_from_slice(&said.members);
                    merged = true;
                }
                Entry::Vacant(at) => {
                    out.push(Credit { entity: at.key().0.clone(), name: said.name.clone(), head: said.head.clone(), members: said.members.clone() });
                    at.insert(out.len() - 1);
                }
            }
        }
        if merged {
            for c in &mut out {
                index.sort_members(&mut c.members);
            }
        }
        let out = Arc::new(Credits { list: out, ..Credits::default() });
        cache().insert(fp, out.clone());
        out
    }

    /// What the copies of the wording with fingerprint `fp` say of who
    /// spoke, from the cache or worked out and cached.
    fn said(&self, fp: u64) -> Arc<[Said]> {
        let cache = || locked(&self.credits.said);
        if let Some(hit) = cache().get(&fp) {
            return hit.clone();
        }
        let index = self.quotations();
        let mut out: Vec<Said> = Vec::new();
        let mut places: FxHashMap<(&Slot, &str, &str), usize> = FxHashMap::default();
        for &m in index.members(fp).0 {
            let (_, facts) = index.article(m.0);
            let Some(q) = facts.quotes.get(index.quote(m)) else { continue };
            let Some((local, entity)) = credited_person(facts, q) else { continue };
            let Some(slot) = self.article(index.path(m.0)).and_then(|e| e.slots.get(local)) else { continue };
            match places.entry((slot, &entity.name, &entity.head)) {
                Entry::Occupied(at) => out[*at.get()].members.push(m),
                Entry::Vacant(at) => {
                    at.insert(out.len());
                    out.push(Said { slot: slot.clone(), name: entity.name.as_str().into(), head: entity.head.as_str().into(), members: vec![m] });
                }
            }
        }
        let out: Arc<[Said]> = out.into();
        cache().insert(fp, out.clone());
        out
    }
}
