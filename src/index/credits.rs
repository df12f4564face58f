//! Whom the versions of a quotation credit: for each wording (see
//! [`super::quotations`]), the people its copies' texts name as the speaker,
//! resolved to the corpus's entities. Worked out once per wording and kept
//! until the corpus changes, so that a statement reprinted by hundreds of
//! articles costs each of them its few speakers, not its hundreds of copies.

use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;

use super::quotations::Member;
use super::{Corpus, EntityId};
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

/// Each wording's credits, kept until the corpus changes.
#[derive(Default)]
pub(super) struct Cache(Mutex<FxHashMap<u64, Arc<[Credit]>>>);

impl Cache {
    /// Forget everything: any update may change who an entity is.
    pub(super) fn clear(&mut self) {
        let map = self.0.get_mut().unwrap_or_else(PoisonError::into_inner);
        if !map.is_empty() {
            map.clear();
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
        let cache = || self.credits.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(hit) = cache().get(&fp) {
            return hit.clone();
        }
        let index = self.quotations();
        let mut out: Vec<Credit> = Vec::new();
        for &m in index.members(fp).0 {
            let (_, facts) = index.article(m.0);
            let Some(q) = facts.quotes.get(index.quote(m)) else { continue };
            let Some((local, entity)) = credited_person(facts, q) else { continue };
            let Some(id) = self.entity_id(index.path(m.0), local) else { continue };
            match out.iter_mut().find(|c| c.entity == id && c.local.name == entity.name && c.local.head == entity.head) {
                Some(c) => c.members.push(m),
                None => out.push(Credit { entity: id, local: entity.clone(), members: vec![m] }),
            }
        }
        let out: Arc<[Credit]> = out.into();
        cache().insert(fp, out.clone());
        out
    }
}
