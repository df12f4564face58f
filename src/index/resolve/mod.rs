//! Entity resolution: which distinct spellings are one name, and which
//! given names are one person. The index stores articles and counts; this
//! module decides, and keeps the reasons.
//!
//! - `candidates`: blocking over the distinct keys (a deletion index and a
//!   consonant skeleton), so no pair of keys is ever enumerated.
//! - `score`: the cost of the edits between two keys against a budget that
//!   grows with the length.
//! - `guards`: what keeps look-alikes apart before scoring.
//! - `cluster`: which linked keys are one name (links do not chain), and
//!   which names one entity (declared aliases).
//!
//! The graph's nodes are distinct keys, its edges accepted links. The keys
//! linked together, directly or through others, are grouped into names
//! around their most used spellings (see `cluster`); names an article
//! declares one person's ("X, also known as Y") join into one entity. Inside
//! it, people are told apart by their given names, compared with the same
//! machinery. Updates touch only the linked keys of those an article adds
//! or removes.

mod candidates;
pub mod cluster;
mod guards;
mod score;

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

pub use score::{compare, Link};

/// The graph of distinct keys and their accepted links.
#[derive(Clone, Debug, Default)]
pub struct KeyGraph {
    index: candidates::CandidateIndex,
    links: HashMap<String, BTreeMap<String, Link>>,
    /// Keys of words that are never another spelling of a name: demonyms
    /// and adjectives ("French" is not "France").
    fixed: rustc_hash::FxHashSet<String>,
}

impl KeyGraph {
    pub fn new(fixed: rustc_hash::FxHashSet<String>) -> KeyGraph {
        KeyGraph {
            fixed,
            ..KeyGraph::default()
        }
    }

    /// Add a key, linking it to the near keys already present.
    pub fn add(&mut self, key: &str) {
        if self.links.contains_key(key) {
            return;
        }
        let mut mine = BTreeMap::new();
        let candidates = if self.fixed.contains(key) {
            BTreeSet::new()
        } else {
            self.index.candidates(key)
        };
        for other in candidates.into_iter().filter(|o| !self.fixed.contains(o)) {
            if let Some(link) = compare(key, &other) {
                self.links
                    .entry(other.clone())
                    .or_default()
                    .insert(key.to_string(), link.clone());
                mine.insert(other, link);
            }
        }
        self.links.insert(key.to_string(), mine);
        self.index.insert(key);
    }

    pub fn remove(&mut self, key: &str) {
        let Some(mine) = self.links.remove(key) else {
            return;
        };
        self.index.remove(key);
        for other in mine.keys() {
            if let Some(theirs) = self.links.get_mut(other) {
                theirs.remove(key);
            }
        }
    }

    /// The keys linked to `key`.
    pub fn neighbours(&self, key: &str) -> impl Iterator<Item = &String> {
        self.links.get(key).into_iter().flat_map(|l| l.keys())
    }

    /// The link between two keys, if the graph holds one.
    pub fn link(&self, a: &str, b: &str) -> Option<&Link> {
        self.links.get(a)?.get(b)
    }
}

/// One resolved name: the keys of its spellings and the people in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Component {
    /// Sorted; the first is the component's identity.
    pub keys: Vec<String>,
    /// Every key linked to these, directly or through others, theirs
    /// included, sorted: what is resolved again together, since a change of
    /// counts among them can move a key from one name to another.
    pub linked: std::sync::Arc<[String]>,
    /// Given-name key → the person it belongs to (the smallest given key
    /// of that person).
    pub persons: BTreeMap<String, String>,
    /// The person a surname alone refers to: the one in most articles
    /// ("" when no mention gives a first name).
    pub dominant: String,
    /// The same for each key: a surname alone goes first to the person
    /// who is written that way ("Khaltananov" to Sophie Khaltananov, not to
    /// Svetlana Khaltanenov).
    pub dominant_by_key: BTreeMap<String, String>,
    /// Each key → the first key of its spellings: the keys joined by
    /// spelling, not by an alias ("al-Sharaa" and "al-Golani" are one
    /// person, never one spelling).
    pub names: BTreeMap<String, String>,
}

impl Component {
    pub fn id(&self) -> &str {
        &self.keys[0]
    }

    /// The person a local entity of bucket `key` with given-name key
    /// `given` belongs to.
    pub fn person(&self, key: &str, given: &str) -> String {
        self.person_str(key, given).to_string()
    }

    /// [`Component::person`], borrowed.
    pub fn person_str<'a>(&'a self, key: &str, given: &'a str) -> &'a str {
        if given.is_empty() {
            return self.dominant_by_key.get(key).unwrap_or(&self.dominant);
        }
        self.persons.get(given).map_or(given, String::as_str)
    }
}

/// Group the given names of one component into people: given names that
/// are spellings of one name join ("ahmad" / "ahmed"), and so does a
/// familiar form with the one full name it shortens ("Eddy" / "Edward");
/// two given names used side by side in one article for different people
/// never join directly. `givens` maps each given key to its article count.
pub fn persons(
    givens: &BTreeMap<String, usize>,
    side_by_side: &BTreeSet<(String, String)>,
    aliases: &BTreeSet<(String, String)>,
    female: impl Fn(&str) -> bool,
) -> (BTreeMap<String, String>, String) {
    let keys: Vec<&String> = givens.keys().collect();
    let mut joins = cluster::Joins::new(keys.len());
    let apart = |a: &str, b: &str| {
        side_by_side.contains(&(a.to_string(), b.to_string()))
            || side_by_side.contains(&(b.to_string(), a.to_string()))
            || female(a) != female(b)
    };
    // Pairwise inside one surname: the given names of one name are few. A
    // name shared by very many people (a common surname in a large corpus)
    // only joins identical given names.
    if keys.len() <= 64 {
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                if apart(keys[i], keys[j]) {
                    continue;
                }
                if compare(keys[i], keys[j]).is_some() {
                    joins.join(i, j);
                }
            }
        }
        // A familiar form joins the one full name it shortens.
        for i in 0..keys.len() {
            let full: Vec<usize> = (0..keys.len())
                .filter(|&j| j != i && shortens(keys[i], keys[j]) && !apart(keys[i], keys[j]))
                .collect();
            let roots: BTreeSet<usize> = full.iter().map(|&j| joins.root(j)).collect();
            if roots.len() == 1 {
                joins.join(i, full[0]);
            }
        }
    }
    // Names the text declares one person's ("X, also known as Y").
    for (a, b) in aliases {
        if let (Some(i), Some(j)) = (keys.iter().position(|k| *k == a), keys.iter().position(|k| *k == b)) {
            joins.join(i, j);
        }
    }
    let mut persons = BTreeMap::new();
    let mut articles: BTreeMap<String, usize> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        let root = keys[joins.root(i)].clone();
        *articles.entry(root.clone()).or_default() += givens[*k];
        persons.insert((*k).clone(), root);
    }
    let dominant = articles
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.clone())
        .unwrap_or_default();
    (persons, dominant)
}

/// Whether given-name key `short` is a familiar form of `full`: its first
/// syllable, a doubled consonant perhaps, and -y / -ie ("edi" for Eddy /
/// Eddie against "edvard"; "dani" against "daniel").
pub fn shortens(short: &str, full: &str) -> bool {
    let short = &score::plain(short);
    let stem = short.strip_suffix("ie").or_else(|| short.strip_suffix('i'));
    let Some(stem) = stem else { return false };
    stem.chars().count() >= 2
        && full.chars().count() >= stem.chars().count() + 3
        && full.starts_with(stem)
        && full.chars().count() > short.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_graph_links_near_keys_and_forgets_removed_ones() {
        let mut g = KeyGraph::default();
        for k in ["golani", "iolani", "iulani", "ialali", "damascus"] {
            g.add(k);
        }
        let near = |g: &KeyGraph, k: &str| -> Vec<String> {
            let mut n: Vec<String> = g.neighbours(k).cloned().collect();
            n.sort();
            n
        };
        // golani - iolani - iulani, each near the next; ialali near none.
        assert_eq!(near(&g, "golani"), vec!["iolani"]);
        assert_eq!(near(&g, "iolani"), vec!["golani", "iulani"]);
        assert!(near(&g, "ialali").is_empty());
        g.remove("iolani");
        assert!(near(&g, "golani").is_empty() && near(&g, "iulani").is_empty());
        g.add("damacus");
        assert!(g
            .link("damascus", "damacus")
            .is_some_and(|l| l.explain().contains("1 letter edit")));
    }

    #[test]
    fn given_names_make_people() {
        let givens: BTreeMap<String, usize> = [
            ("edvard", 2),
            ("edi", 1),
            ("edie", 3),
            ("kilian", 8),
            ("vilfried", 2),
            ("vilfied", 1),
        ]
        .iter()
        .map(|(k, n)| (k.to_string(), *n))
        .collect();
        let (persons, dominant) = persons(&givens, &BTreeSet::new(), &BTreeSet::new(), |_| false);
        assert_eq!(persons["edi"], persons["edvard"]);
        assert_eq!(persons["edie"], persons["edvard"]);
        assert_eq!(persons["vilfied"], persons["vilfried"]);
        assert_ne!(persons["kilian"], persons["vilfried"]);
        assert_eq!(dominant, "kilian");
        // Two people side by side in one article stay two.
        let apart: BTreeSet<(String, String)> = [("vilfried".to_string(), "vilfied".to_string())]
            .into_iter()
            .collect();
        let (persons, _) = super::persons(&givens, &apart, &BTreeSet::new(), |_| false);
        assert_ne!(persons["vilfied"], persons["vilfried"]);
    }
}
