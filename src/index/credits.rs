//! Whom the versions of a quotation credit: for each wording (see
//! [`super::quotations`]), the people its copies' texts name as the speaker,
//! resolved to the corpus's entities. Worked out once per wording and kept
//! until the corpus changes, so that a statement reprinted by hundreds of
//! articles costs each of them its few speakers, not its hundreds of copies.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use crate::lock::{inner, locked};
use super::quotations::Member;
use super::{Corpus, EntityId, Slot};
use crate::analysis::{Article, EntityKind, LocalEntity, Quote, SpeakerKind};

/// One person a wording is credited to, under one of their names.
#[derive(Clone, Debug)]
pub struct Credit {
    pub entity: EntityId,
    /// The article's entity, as the copies name it.
    pub local: LocalEntity,
    /// The copies that credit it so, in path order.
    pub members: Vec<Member>,
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
    local: LocalEntity,
    members: Vec<Member>,
}

/// Each wording's credits, in two layers: what its copies say (kept until
/// an article holding the wording changes) and whom that resolves to (kept
/// until any component changes).
#[derive(Default)]
pub(super) struct Cache {
    credits: Mutex<FxHashMap<u64, Arc<[Credit]>>>,
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
    pub fn credits(&self, fp: u64) -> Arc<[Credit]> {
        let cache = || locked(&self.credits.credits);
        if let Some(hit) = cache().get(&fp) {
            return hit.clone();
        }
        let index = self.quotations();
        let mut out: Vec<Credit> = Vec::new();
        let mut merged = false;
        // Each group of copies in the order of its first copy: a credit's
        // first group holds its first copy, so the credits come in that
        // order too.
        for said in self.said(fp).iter() {
            let Some(component) = self.component(&said.slot.key) else { continue };
            let id = EntityId { key: component.id().to_string(), given: component.person(&said.slot.key, &said.slot.given) };
            match out.iter_mut().find(|c| c.entity == id && c.local.name == said.local.name && c.local.head == said.local.head) {
                Some(c) => {
                    c.members.extend_from_slice(&said.members);
                    merged = true;
                }
                None => out.push(Credit { entity: id, local: said.local.clone(), members: said.members.clone() }),
            }
        }
        if merged {
            for c in &mut out {
                index.sort_members(&mut c.members);
            }
        }
        let out: Arc<[Credit]> = out.into();
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
        for &m in index.members(fp).0 {
            let (_, facts) = index.article(m.0);
            let Some(q) = facts.quotes.get(index.quote(m)) else { continue };
            let Some((local, entity)) = credited_person(facts, q) else { continue };
            let Some(slot) = self.article(index.path(m.0)).and_then(|e| e.slots.get(local)) else { continue };
            match out.iter_mut().find(|s| s.slot == *slot && s.local.name == entity.name && s.local.head == entity.head) {
                Some(s) => s.members.push(m),
                None => out.push(Said { slot: slot.clone(), local: entity.clone(), members: vec![m] }),
            }
        }
        let out: Arc<[Said]> = out.into();
        cache().insert(fp, out.clone());
        out
    }
}
