//! What keeps look-alikes apart before any distance is computed: digits,
//! short words, a different first sound, derived words and gender forms.
//! The guards that need the corpus (people side by side in one article,
//! spellings the user declared distinct) live with the resolver.

/// Endings that make another word of a name rather than another spelling:
/// demonyms and adjectives (Russia / Russian, China / Chinese, Iraq /
/// Iraqi), plurals and patronymic -s (Adam / Adams), and the feminine forms
/// of Slavic, Baltic and Romance names (Ivanov / Ivanova, Zelensky /
/// Zelenska, Daniel / Daniela, Mario / Maria).
const DERIVED_ENDINGS: &[&str] = &[
    "n", "an", "ian", "ians", "ans", "ese", "ish", "i", "is", "s", "es", "ic", "a", "ia", "ova",
    "eva", "ina", "aia", "ska", "ka", "na", "o",
];

/// First letters that one name may start with in different
/// transliterations: Arabic ج as g or j, Ukrainian г as h where Russian has
/// g, k / c / q, s / x / z (Chinese x, Spanish z), b / v / p, d / t and any
/// vowel for any other (keys write j and y as i).
const FIRST_LETTER_PAIRS: &[(char, char)] = &[
    ('g', 'i'),
    ('g', 'h'),
    ('g', 'k'),
    ('k', 'c'),
    ('c', 's'),
    ('s', 'x'),
    ('s', 'z'),
    ('b', 'v'),
    ('b', 'p'),
    ('d', 't'),
    ('f', 'p'),
];

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
    FIRST_LETTER_PAIRS
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
    let ending = |t: &str| DERIVED_ENDINGS.contains(&t);
    // "ukrain|e" / "ukrain|ian", "ivanov|" / "ivanov|a", "zelensk|i" / "zelensk|a".
    (ending(&ta) && (tb.is_empty() || ending(&tb) || tb.chars().count() == 1))
        || (ending(&tb) && (ta.is_empty() || ta.chars().count() == 1))
}

#[cfg(test)]
mod tests {
    use super::may_compare;

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
