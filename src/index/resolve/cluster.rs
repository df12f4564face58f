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
}
