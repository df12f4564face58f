//! Which near spellings are one name: links do not chain without end.
//!
//! Links join two spellings a few edits apart. Followed transitively they
//! chain: in a large corpus "Halmatov" is near "Halmatich", which is near
//! "Halmatelak", and so on, until hundreds of different surnames are one
//! "name" and a finding tells the user that the corpus writes "Hrymovchuk"
//! where the article wrote "Ryrenashko". An editor would say instead that a
//! spelling belongs to a name when it is near the name's main (most used)
//! spelling, or near a spelling that is: "al-Julani" is near "al-Jolani",
//! which is near "al-Golani". A spelling near only a spelling of that second
//! kind is too far.
//!
//! So the keys linked together are grouped around centres (the "center"
//! clustering of duplicate detection, Hassanzadeh et al., "Framework for
//! evaluating clustering algorithms in duplicate detection", VLDB 2009,
//! with a second ring): taken from the most used down, each key joins the
//! first centre it is linked to; failing that, the first name with a
//! spelling it is linked to that is itself linked to the centre; failing
//! that, it becomes a centre. Every spelling of a name is then at most two
//! links from its main spelling, and the grouping depends only on the keys,
//! their use and their links, never on the order of updates.

use std::collections::BTreeMap;

/// Group `keys` into names. `keys` come most used first (ties in a fixed
/// order); `linked` says whether two keys are near spellings. Each group is
/// sorted, and the groups are in the order of their centres.
pub fn names<'a>(keys: &[&'a str], linked: impl Fn(&str, &str) -> bool) -> Vec<Vec<&'a str>> {
    struct Name<'a> {
        centre: &'a str,
        /// Linked to the centre: a second ring may join through them.
        near: Vec<&'a str>,
        /// Linked to one of `near` only.
        far: Vec<&'a str>,
    }
    let mut names: Vec<Name<'a>> = Vec::new();
    for &key in keys {
        if let Some(n) = names.iter_mut().find(|n| linked(n.centre, key)) {
            n.near.push(key);
        } else if let Some(n) = names.iter_mut().find(|n| n.near.iter().any(|m| linked(m, key))) {
            n.far.push(key);
        } else {
            names.push(Name { centre: key, near: Vec::new(), far: Vec::new() });
        }
    }
    names
        .into_iter()
        .map(|n| {
            let mut g: Vec<&'a str> = std::iter::once(n.centre).chain(n.near).chain(n.far).collect();
            g.sort_unstable();
            g
        })
        .collect()
}

/// Sets of items joined two at a time (union-find over their indices):
/// each set is known by its smallest index.
pub struct Joins(Vec<usize>);

impl Joins {
    pub fn new(n: usize) -> Joins {
        Joins((0..n).collect())
    }

    /// The smallest index of `i`'s set.
    pub fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        self.0[a.max(b)] = a.min(b);
    }
}

/// The entities among `names` (see [`names`]): names an article declares
/// one person's ("X, also known as Y", as pairs of keys) are one entity.
/// Each entity comes with its keys, sorted, and each key's name (the
/// name's first key), in the order of its first name.
pub fn entities<'a>(names: &[Vec<&'a str>], aliased: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<(Vec<String>, BTreeMap<String, String>)> {
    let name_of: BTreeMap<&str, usize> = names.iter().enumerate().flat_map(|(i, g)| g.iter().map(move |k| (*k, i))).collect();
    let mut joins = Joins::new(names.len());
    for (a, b) in aliased {
        if let (Some(&x), Some(&y)) = (name_of.get(a), name_of.get(b)) {
            joins.join(x, y);
        }
    }
    let mut entities: BTreeMap<usize, (Vec<String>, BTreeMap<String, String>)> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let (keys, of) = entities.entry(joins.root(i)).or_default();
        keys.extend(name.iter().map(|k| k.to_string()));
        of.extend(name.iter().map(|k| (k.to_string(), name[0].to_string())));
    }
    entities
        .into_values()
        .map(|(mut keys, of)| {
            keys.sort_unstable();
            (keys, of)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Links between letters standing for keys: each pair written "ab".
    fn linked(pairs: &'static [&'static str]) -> impl Fn(&str, &str) -> bool {
        move |a, b| pairs.iter().any(|p| (p[..1] == *a && p[1..] == *b) || (p[..1] == *b && p[1..] == *a))
    }

    #[test]
    fn spellings_near_the_main_one_are_one_name() {
        // b, c and d are each near a, the most used.
        assert_eq!(names(&["a", "b", "c", "d"], linked(&["ab", "ac", "ad", "bc"])), vec![vec!["a", "b", "c", "d"]]);
    }

    #[test]
    fn a_spelling_near_a_near_spelling_is_of_the_name() {
        // c is near b only, b near a, the most used.
        assert_eq!(names(&["a", "b", "c"], linked(&["ab", "bc"])), vec![vec!["a", "b", "c"]]);
    }

    #[test]
    fn a_chain_of_near_spellings_is_not_one_name() {
        // a - b - c - d - e - f - g: each near the next only.
        let groups = names(&["a", "b", "c", "d", "e", "f", "g"], linked(&["ab", "bc", "cd", "de", "ef", "fg"]));
        assert_eq!(groups, vec![vec!["a", "b", "c"], vec!["d", "e", "f"], vec!["g"]]);
    }

    #[test]
    fn a_key_joins_the_most_used_of_the_centres_it_is_near() {
        // c is near both a and b, which are not near each other.
        assert_eq!(names(&["a", "b", "c"], linked(&["ac", "bc"])), vec![vec!["a", "c"], vec!["b"]]);
        assert_eq!(names(&["b", "a", "c"], linked(&["ac", "bc"])), vec![vec!["b", "c"], vec!["a"]]);
        // Near a centre before near a spelling of another name.
        assert_eq!(names(&["a", "b", "x", "c"], linked(&["ax", "xc", "bc"])), vec![vec!["a", "x"], vec!["b", "c"]]);
    }

    #[test]
    fn names_declared_one_persons_are_one_entity() {
        let names = vec![vec!["a", "b"], vec!["c"], vec!["d"]];
        let found = entities(&names, [("d", "a"), ("x", "c")]);
        let keys: Vec<Vec<String>> = found.iter().map(|e| e.0.clone()).collect();
        assert_eq!(keys, vec![vec!["a", "b", "d"], vec!["c"]]);
        // Each key keeps its own name's first key: "d" is an alias of "a", not a spelling.
        assert_eq!(found[0].1.get("d").map(String::as_str), Some("d"));
        assert_eq!(found[0].1.get("b").map(String::as_str), Some("a"));
    }
}
