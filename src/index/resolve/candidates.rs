//! Blocking: which distinct keys are worth comparing with a new one, found
//! without comparing it with every other. Two indexes, as record-linkage
//! tools block (Splink's blocking rules, SymSpell's deletion index):
//!
//! - a deletion index: every key under itself and under each form with one
//!   letter deleted, so that two keys within one edit (or one substitution,
//!   or a transposition) share an entry;
//! - a skeleton index: keys under their consonant skeleton of four
//!   consonants or more (vowels and digraph h dropped), so that vowel drift
//!   of any length ("Suk-yeol" /
//!   "Seok-yeol", "Golani" / "Julani" through "Jolani") meets, and for
//!   skeletons of five consonants or more under each with one consonant
//!   deleted ("Madridistas" / "Madristas").
//!
//! Each key adds at most `2 * len + 2` entries, so the cost grows with the number of
//! distinct keys, never with pairs of them.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use super::score::skeleton;

#[derive(Clone, Debug, Default)]
pub struct CandidateIndex {
    entries: HashMap<String, BTreeSet<String>>,
}

/// Entries of a key; empty for keys that are never compared fuzzily.
fn entries(key: &str) -> Vec<String> {
    if !super::guards::may_compare(key, key) {
        return Vec::new();
    }
    let chars: Vec<char> = key.chars().collect();
    let mut out = Vec::with_capacity(chars.len() + 2);
    out.push(format!("={key}"));
    for i in 0..chars.len() {
        let del: String = chars
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, c)| c)
            .collect();
        out.push(format!("={del}"));
    }
    // The skeleton, and for long ones each with one consonant deleted
    // ("Madridistas" / "Madristas").
    let skel: Vec<char> = skeleton(key).chars().collect();
    // Skeletons of fewer than four consonants say too little: in a large
    // corpus each would gather hundreds of keys.
    if skel.len() >= 4 {
        out.push(format!("~{}", skel.iter().collect::<String>()));
    }
    if skel.len() >= 5 {
        for i in 0..skel.len() {
            out.push(format!("~{}", skel.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, c)| c).collect::<String>()));
        }
    }
    out
}

impl CandidateIndex {
    pub fn insert(&mut self, key: &str) {
        for e in entries(key) {
            self.entries.entry(e).or_default().insert(key.to_string());
        }
    }

    pub fn remove(&mut self, key: &str) {
        for e in entries(key) {
            if let Some(set) = self.entries.get_mut(&e) {
                set.remove(key);
                if set.is_empty() {
                    self.entries.remove(&e);
                }
            }
        }
    }

    /// Keys sharing an entry with `key` (itself excluded).
    pub fn candidates(&self, key: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for e in entries(key) {
            if let Some(set) = self.entries.get(&e) {
                out.extend(set.iter().filter(|k| k.as_str() != key).cloned());
            }
        }
        out
    }
}
