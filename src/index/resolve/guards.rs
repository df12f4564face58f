//! What keeps look-alikes apart before any distance is computed: digits,
//! short words, a different first sound, derived words and gender forms.
//! The guards that need the corpus (people side by side in one article,
//! spellings the user declared distinct) live with the resolver.

/// Endings that make another word of a name rather than another spelling:
/// demonyms and adjectives (Russia / Russian), plurals and patronymic -s
/// (Adam / Adams), feminine forms (Ivanov / Ivanova). Data, with its
/// sources: `data/derived_endings.txt`.
fn derived_endings() -> &'static [String] {
    static ENDINGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ENDINGS.get_or_init(|| crate::translit::data_lines(include_str!("../../../data/derived_endings.txt")).map(str::to_string).collect())
}

/// First letters that one name may start with in different
/// transliterations (Arabic ج as g or j, Ukrainian г as h …). Data, with
/// its sources: `data/first_letter_pairs.csv`.
fn first_letter_pairs() -> &'static [(char, char)] {
    static PAIRS: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        crate::translit::data_lines(include_str!("../../../data/first_letter_pairs.csv"))
            .filter_map(|l| {
                let (p, q) = l.split_once(',')?;
                Some((p.trim().chars().next()?, q.trim().chars().next()?))
            })
            .collect()
    })
}

/// Whether two keys may be compared fuzzily at all.
pub fn may_compare(a: &str, b: &str) -> bool {
    let plain = |k: &str| {
        !k.starts_with("outlet:") && !k.contains('#') && !k.chars().any(|c| c.is_ascii_digit())
    };
    if !plain(a) || !plain(b) {
        return false;
    }
    if a.chars().count() < 3 || b.chars().count() < 3 {
        return false;
    }
    if a.split(' ').count() != b.split(' ').count() {
        return false;
    }
    same_first_sound(a, b)
        && a.split(' ')
            .zip(b.split(' '))
            .all(|(x, y)| x == y || !derived(x, y))
}

fn same_first_sound(a: &str, b: &str) -> bool {
    let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) else {
        return false;
    };
    if x == y || (super::score::is_vowel(x) && super::score::is_vowel(y)) {
        return true;
    }
    // "Han-soo" / "An-soo": an h before the first vowel.
    if (x == 'h' && a[1..].starts_with(y)) || (y == 'h' && b[1..].starts_with(x)) {
        return true;
    }
    first_letter_pairs()
        .iter()
        .any(|&(p, q)| (p, q) == (x, y) || (q, p) == (x, y))
}

/// Whether one key is the other with a derivational or gender ending in
/// place of its own last letters.
fn derived(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let ta: String = a.chars().skip(common).collect();
    let tb: String = b.chars().skip(common).collect();
    if common < 3 || ta.chars().count() > 4 || tb.chars().count() > 4 {
        return false;
    }
    let ending = |t: &str| derived_endings().iter().any(|e| e == t);
    // "ukrain|e" / "ukrain|ian", "ivanov|" / "ivanov|a", "zelensk|i" / "zelensk|a".
    (ending(&ta) && (tb.is_empty() || ending(&tb) || tb.chars().count() == 1))
        || (ending(&tb) && (ta.is_empty() || ta.chars().count() == 1))
}

#[cfg(test)]
mod tests {
    use super::may_compare;

    #[test]
    fn the_guard_lists_are_read_from_their_data_files() {
        assert_eq!(super::derived_endings().len(), 22);
        assert!(super::derived_endings().iter().any(|e| e == "ova"));
        assert_eq!(super::first_letter_pairs().len(), 11);
        assert!(super::first_letter_pairs().contains(&('g', 'i')));
        assert!(crate::lexicon::is_kunya("Abu") && !crate::lexicon::is_kunya("Ahmad"));
    }

    #[test]
    fn guards() {
        assert!(!may_compare("rusia", "rusian"));
        assert!(!may_compare("ivanov", "ivanova"));
        assert!(!may_compare("kim", "ki"));
        assert!(!may_compare("unit 731", "unit 732"));
        assert!(!may_compare("outlet:bbc", "bbcc"));
        assert!(may_compare("golani", "iolani"));
        assert!(may_compare("anso", "hanso"));
        assert!(!may_compare("bangabhaban", "ganabhaban"));
    }
}
