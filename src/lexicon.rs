//! Word lists the analysis reads: speech verbs, titles, outlets, places,
//! given names. They live as data files under `data/`, and a corpus's
//! `newslint.toml` can add to them.

/// Sets and maps of words, with a fast hash: they are looked up for every
/// word of every article.
pub type WordSet = std::collections::HashSet<String, rustc_hash::FxBuildHasher>;
pub type WordMap = std::collections::HashMap<String, String, rustc_hash::FxBuildHasher>;

use crate::config::Config;
use crate::translit::{data_lines, fold, KeyRules};

#[derive(Clone, Debug)]
pub struct Lexicon {
    pub speech_verbs: WordSet,
    /// Every form of the verbs of communication (VerbNet's classes of
    /// saying, complaining, manner of speaking, advising …), with the
    /// speech verbs: what may attribute a quotation.
    pub communication_verbs: WordSet,
    /// Lower-case titles and role nouns ("minister", "envoy", "ceo").
    pub titles: WordSet,
    /// Lower-case nouns of unnamed speakers ("official", "source").
    pub anonymous_nouns: WordSet,
    /// Outlet names as written.
    pub outlets: Vec<String>,
    /// Folded outlet names.
    pub outlet_keys: WordSet,
    /// Finds every outlet name in a text at once.
    outlet_finder: aho_corasick::AhoCorasick,
    pub places: WordSet,
    pub given_names: WordSet,
    /// Given names that are mostly women's.
    pub female_names: WordSet,
    pub demonyms: WordSet,
    pub organization_words: WordSet,
    /// Words (case as written) that end in "." without ending a sentence.
    pub abbreviations: WordSet,
    /// Frequent lower-case English words: a capitalised one at the start of a
    /// sentence is not a name without other evidence.
    pub common_words: WordSet,
    /// Capitalised words that are never names (months, days, "I").
    pub non_names: WordSet,
    /// Every word of every title ("foreign" from "foreign minister").
    pub title_words: WordSet,
    /// Occupation, rank and relation nouns that head a descriptor
    /// ("laureate", "footballer", "predecessor"), beside the titles.
    pub roles: WordSet,
    /// Lower-case modifiers a capitalised title takes ("former", "acting").
    pub title_modifiers: WordSet,
    /// Past forms of irregular verbs ("underwent", "took").
    pub irregular_past: WordSet,
    /// Chinese family names in Pinyin (case as written): they open a name.
    pub chinese_family_names: WordSet,
    /// Chinese family names in any romanisation, Cantonese and Wade-Giles
    /// included: they open a name before a two-syllable given name.
    pub chinese_family_names_any: WordSet,
    /// Korean family names (case as written).
    pub korean_family_names: WordSet,
    /// Folded old spelling → folded preferred spelling (Kiev → kyiv). Read
    /// by [`Lexicon::key`], whose memo assumes it is set once, when the
    /// lexicon is built.
    pub renamed: WordMap,
    /// Folded preferred spellings of renamed places (kyiv, kharkiv).
    pub renamed_targets: WordSet,
    key_rules: KeyRules,
    /// Keys already worked out, by the name as written: the same few
    /// thousand names recur across a corpus, and a key costs a pass of
    /// every transliteration rule over each word.
    keys: crate::memo::Memo<String, String>,
}

/// How many keys the lexicon's memo holds before it starts again.
const KEY_MEMO_CAP: usize = 1 << 16;

fn set(data: &str) -> WordSet {
    data_lines(data).map(str::to_string).collect()
}

fn lower_set(data: &str) -> WordSet {
    data_lines(data).map(str::to_lowercase).collect()
}

/// The Arabic definite article as it is transliterated before a name.
pub const ARABIC_ARTICLES: &[&str] = &["al-", "Al-", "el-", "El-", "ad-", "Ad-", "ar-", "Ar-", "as-", "As-", "ash-", "Ash-", "at-", "At-", "az-", "Az-", "an-", "An-"];

/// A name without its Arabic article ("al-Sadr" → "Sadr"); a Korean given
/// name such as "An-soo" keeps its first syllable (what follows the hyphen
/// is not capitalised).
pub fn strip_article(w: &str) -> &str {
    ARABIC_ARTICLES
        .iter()
        .find_map(|p| w.strip_prefix(p))
        .filter(|rest| rest.chars().next().is_some_and(char::is_uppercase))
        .unwrap_or(w)
}

/// Whether a word opens an Arabic kunya ("Abu Mohammed": father of
/// Mohammed): part of the given name, but the name after it tells the
/// person. Data: `data/kunya.txt`.
pub fn is_kunya(word: &str) -> bool {
    static KUNYA: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    KUNYA.get_or_init(|| set(include_str!("../data/kunya.txt"))).contains(word)
}

impl Lexicon {
    /// The lists shipped with newslint.
    pub fn builtin() -> Lexicon {
        let families: Vec<Vec<String>> = data_lines(include_str!("../data/name_families.csv"))
            .map(|l| l.split(',').map(|s| s.trim().to_string()).collect())
            .collect();
        let renamed: WordMap = data_lines(include_str!("../data/renamed_places.csv"))
            .filter_map(|l| l.split_once(','))
            .map(|(old, new)| (fold(old), fold(new)))
            .collect();
        let titles = lower_set(include_str!("../data/titles.txt"));
        let title_words = titles.iter().flat_map(|t| t.split_whitespace().map(str::to_string)).collect();
        let outlets: Vec<String> = data_lines(include_str!("../data/outlets.txt")).map(str::to_string).collect();
        let mut places = set(include_str!("../data/places.txt"));
        for line in data_lines(include_str!("../data/renamed_places.csv")) {
            places.extend(line.split(',').map(|p| p.trim().to_string()));
        }
        let speech_verbs = lower_set(include_str!("../data/speech_verbs.txt"));
        let mut communication_verbs: WordSet = data_lines(include_str!("../data/communication_verbs.txt")).flat_map(str::split_whitespace).map(str::to_lowercase).collect();
        communication_verbs.extend(speech_verbs.iter().cloned());
        Lexicon {
            communication_verbs,
            speech_verbs,
            titles,
            title_words,
            roles: lower_set(include_str!("../data/roles.txt")),
            title_modifiers: lower_set(include_str!("../data/title_modifiers.txt")),
            irregular_past: lower_set(include_str!("../data/irregular_verbs.txt")),
            chinese_family_names: data_lines(include_str!("../data/chinese_family_names.txt")).filter_map(|l| l.split(',').next()).map(|w| w.trim().to_string()).collect(),
            chinese_family_names_any: data_lines(include_str!("../data/chinese_family_names.txt")).flat_map(|l| l.split(',')).map(|w| w.trim().to_string()).collect(),
            korean_family_names: set(include_str!("../data/korean_family_names.txt")),
            non_names: set(include_str!("../data/non_names.txt")),
            anonymous_nouns: lower_set(include_str!("../data/anonymous_speakers.txt")),
            outlet_keys: outlets.iter().map(|o| fold(o)).collect(),
            outlet_finder: outlet_finder(&outlets),
            outlets,
            places,
            given_names: set(include_str!("../data/given_names.txt")),
            female_names: set(include_str!("../data/female_given_names.txt")),
            demonyms: set(include_str!("../data/demonyms.txt")),
            organization_words: set(include_str!("../data/organization_words.txt")),
            abbreviations: set(include_str!("../data/abbreviations.txt")),
            common_words: lower_set(include_str!("../data/common_words.txt")),
            renamed_targets: renamed.values().cloned().collect(),
            renamed,
            key_rules: KeyRules::from_data(include_str!("../data/transliteration.csv"), &families),
            keys: crate::memo::Memo::new(KEY_MEMO_CAP),
        }
    }

    /// The shipped lists plus what the corpus's configuration adds.
    pub fn with_config(config: &Config) -> Lexicon {
        let mut lex = Lexicon::builtin();
        lex.speech_verbs.extend(config.lexicon.speech_verbs.iter().map(|s| s.to_lowercase()));
        lex.communication_verbs.extend(config.lexicon.speech_verbs.iter().map(|s| s.to_lowercase()));
        for t in &config.lexicon.titles {
            let t = t.to_lowercase();
            lex.title_words.extend(t.split_whitespace().map(str::to_string));
            lex.titles.insert(t);
        }
        for outlet in &config.lexicon.outlets {
            lex.outlet_keys.insert(fold(outlet));
            lex.outlets.push(outlet.clone());
        }
        lex.outlet_finder = outlet_finder(&lex.outlets);
        lex
    }

    /// The key under which spellings of one name are grouped.
    ///
    /// The Arabic article in its assimilated forms (al-, el-, ad-, ar-, as-,
    /// ash-, at-, az-, an-) is left out: "al-Sadr" and "Sadr" are one name.
    pub fn key(&self, name: &str) -> String {
        self.keys.get_or(name, || self.key_uncached(name))
    }

    /// [`Lexicon::key`], worked out.
    fn key_uncached(&self, name: &str) -> String {
        // "al-Sadr" and "Sadr" are one name.
        let stripped: String;
        let name = if name.contains('-') {
            stripped = name
                .split(' ')
                .map(strip_article)
                .collect::<Vec<_>>()
                .join(" ");
            stripped.as_str()
        } else {
            name
        };
        let folded = fold(name);
        match self.renamed.get(&folded) {
            Some(new) => self.key_rules.key(new),
            None => self.key_rules.key(&folded),
        }
    }

    pub fn is_outlet(&self, name: &str) -> bool {
        crate::translit::with_folded(name, |key| self.outlet_keys.contains(key))
    }

    /// Every outlet named in `s` as a whole word (case as written), the
    /// longest name where names overlap ("NBC News" over "NBC"), in order.
    pub fn find_outlets<'a>(&'a self, s: &str) -> Vec<(std::ops::Range<usize>, &'a str)> {
        let bounded = |start: usize, end: usize| {
            s[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                && s[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        };
        let mut found: Vec<(std::ops::Range<usize>, &str)> = self
            .outlet_finder
            .find_overlapping_iter(s)
            .filter(|m| bounded(m.start(), m.end()))
            .map(|m| (m.range(), self.outlets[m.pattern().as_usize()].as_str()))
            .collect();
        found.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        let mut out: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
        for f in found {
            if out.last().is_none_or(|l| l.0.end <= f.0.start) {
                out.push(f);
            }
        }
        out
    }

    pub fn is_speech_verb(&self, word: &str) -> bool {
        crate::analysis::with_lower(word, |lower| self.speech_verbs.contains(lower))
    }

    /// Whether a lower-case word is a form of a verb of communication.
    pub fn is_communication_verb(&self, lower: &str) -> bool {
        self.communication_verbs.contains(lower)
    }

    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(&word.to_lowercase())
    }
}

fn outlet_finder(outlets: &[String]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(outlets)
        .expect("outlet names build an automaton")
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::builtin()
    }
}

#[cfg(test)]
mod tests {
    use super::Lexicon;

    #[test]
    fn a_remembered_key_is_the_key_worked_out_and_the_memo_stays_bounded() {
        let lex = Lexicon::builtin();
        let names = ["al-Sadr", "Dmitriyev", "Kiev", "Jolani", "González", "Kim Jong-un", "Mbappе"];
        for name in names {
            let first = lex.key(name);
            assert_eq!(first, lex.key_uncached(name), "{name}");
            assert_eq!(lex.key(name), first, "{name}, remembered");
        }
        assert_eq!(lex.key("Kiev"), lex.key("Kyiv"));
        for i in 0..super::KEY_MEMO_CAP + 10 {
            lex.key(&format!("Name{i}"));
        }
        assert!(lex.keys.len() <= super::KEY_MEMO_CAP);
        assert!(lex.clone().keys.is_empty());
    }
}
