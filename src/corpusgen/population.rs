//! The invented people, organisations and places of a generated corpus, and
//! the spellings each may appear under.
//!
//! Surnames are built from syllables so that the corpus can hold thousands
//! of distinct people, each in one class of spelling variation that the
//! transliteration keys must join: ev/yev (Dorniev, Dorniyev), sky/skiy/ski,
//! kh/h (Khalutin, Halutin), y/i (Tymarchuk, Timarchuk), accents
//! (Dorová, Dorova), or none. Places
//! are invented, plus a few real renamed places (Kiev/Kyiv) whose variant is
//! the old name.

use std::collections::HashSet;

use super::rng::Rng;
use crate::analysis::EntityKind;

/// One entity of the population.
#[derive(Clone, Debug)]
pub struct GenEntity {
    pub kind: EntityKind,
    /// A person's given name.
    pub given: Option<&'static str>,
    pub female: bool,
    /// Spellings of the part that varies (surname, or the whole name of an
    /// organisation or place). The first is the canonical one; the others
    /// are its variants.
    pub spellings: Vec<String>,
    /// A person's title ("Deputy Minister"), an organisation's suffix is part
    /// of its spellings.
    pub title: &'static str,
    /// What the person does, for appositives ("the head of the grain council").
    pub role: String,
}

impl GenEntity {
    pub fn has_variants(&self) -> bool {
        self.spellings.len() > 1
    }
}

#[derive(Clone, Debug, Default)]
pub struct Population {
    pub people: Vec<GenEntity>,
    pub organizations: Vec<GenEntity>,
    pub places: Vec<GenEntity>,
}

impl Population {
    /// Every entity, people first, then organisations, then places: the
    /// index used by [`super::Planted::entity`].
    pub fn entity(&self, index: usize) -> &GenEntity {
        let p = self.people.len();
        let o = self.organizations.len();
        if index < p {
            &self.people[index]
        } else if index < p + o {
            &self.organizations[index - p]
        } else {
            &self.places[index - p - o]
        }
    }

    pub fn len(&self) -> usize {
        self.people.len() + self.organizations.len() + self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

const MALE: &[&str] = &[
    "Pavel", "Oleg", "Viktor", "Yuri", "Roman", "Ilya", "Boris", "Artem", "Anton", "Denis", "Gleb", "Igor", "Ivan",
    "Kirill", "Leonid", "Maxim", "Nikita", "Ruslan", "Taras", "Yaroslav", "Martin", "Jan", "Karl", "Erik", "Daniel",
    "Samuel", "Julian", "Marco", "Pedro", "Omar", "Hans", "Franz",
];
const FEMALE: &[&str] = &[
    "Anna", "Irina", "Elena", "Nadia", "Daria", "Karin", "Olga", "Marina", "Svetlana", "Tatiana", "Yulia", "Alina",
    "Diana", "Laura", "Claire", "Sophie", "Julia", "Maria", "Sarah", "Emma", "Fatima", "Olena",
];
const ONSETS: &[&str] = &[
    "Dor", "Mal", "Ver", "Kaz", "Tol", "Bel", "Sar", "Nov", "Gor", "Lub", "Ras", "Zem", "Pol", "Kur", "Ted", "Vol",
    "Bran", "Stal", "Mir", "Tarn", "Gral", "Dub", "Los", "Prem", "Sob", "Vard", "Zar", "Kost", "Ruz", "Fed", "Nem",
    "Lav", "Pest", "Grom", "Tver", "Bor", "Sev", "Chern", "Oz", "Rad",
];
const MIDDLES: &[&str] = &["a", "e", "o", "u", "i", "ar", "en", "or", "us", "el", "an", "ov", "im"];
/// Stems for ev/yev: the surname is stem + "ev" or stem + "yev".
const EV_TAILS: &[&str] = &["ni", "ti", "ri", "di", "li", "bi", "vi", "si", "mi", "gi"];
const SKY_TAILS: &[&str] = &["ov", "in", "ev", "an", "ol"];
/// Kh-initial surnames: "Kh" + vowel start.
const KH_STARTS: &[&str] = &["lut", "rem", "mar", "lav", "rest", "vron", "lmat", "rsan", "ltan", "mur", "dar", "zen"];
const KH_ENDS: &[&str] = &["in", "ov", "enko", "ak", "uk", "ich"];
/// Accented endings that outlets often write without the accent.
const ACCENTED_ENDS: &[(&str, &str)] = &[("ák", "ak"), ("ová", "ova"), ("ényi", "enyi"), ("ič", "ic"), ("ász", "asz"), ("öll", "oll")];
const FIXED_ENDS: &[&str] = &["berg", "stad", "ford", "mann", "ley", "wick", "ton", "holm", "rud", "ssen"];
const TITLES: &[&str] = &[
    "Deputy Minister",
    "Foreign Minister",
    "Governor",
    "Mayor",
    "Ambassador",
    "Senator",
    "special envoy",
    "spokesperson",
    "economist",
    "chief executive",
    "General",
    "Professor",
];
const ROLE_NOUNS: &[&str] = &["head", "chair", "director", "deputy head", "chief economist", "spokesperson", "founder"];
const ORG_WORDS: &[&str] = &["Bank", "Institute", "Council", "Agency", "Foundation", "Fund", "Group", "Union", "Commission", "University"];
const PLACE_NAMES: &[&str] = &[
    "Vostrana", "Mirgorodets", "Lessavik", "Ostrožany", "Bélavar", "Kärnsund", "Třebovo", "Dalmoor", "Sarvenna", "Nordhaven",
    "Pelagrad", "Tirsova", "Ulmerby", "Zavolsk", "Corvenne", "Hallstrand", "Brezhany", "Marenport", "Oskova", "Veldrun",
    "Ravenmoor", "Ishtara", "Kolbenau", "Sundervik", "Tamsova", "Ardenza", "Lyskovo", "Pernhall", "Gavrilets", "Solvang",
];
/// Real renamed places, from `data/renamed_places.csv`: (preferred, old).
const RENAMED: &[(&str, &str)] = &[("Kyiv", "Kiev"), ("Kharkiv", "Kharkov"), ("Odesa", "Odessa"), ("Lviv", "Lvov")];

/// How many of each kind a corpus of `articles` articles draws on.
pub fn sizes(articles: usize) -> (usize, usize, usize) {
    (60 + articles / 20, 20 + articles / 100, PLACE_NAMES.len().min(10 + articles / 200))
}

/// The population of a corpus of `articles` articles, from `seed`.
pub fn population(seed: u64, articles: usize) -> Population {
    let mut rng = Rng::derive(seed, u64::MAX);
    let (people_n, orgs_n, places_n) = sizes(articles);
    let mut seen = HashSet::new();
    let mut people = Vec::with_capacity(people_n);
    let mut attempts = 0;
    while people.len() < people_n {
        attempts += 1;
        assert!(attempts < 100 * people_n + 1000, "too few distinct surnames for {people_n} people");
        let spellings = surname(&mut rng, people.len());
        // Two people must never share a spelling, nor a loose form of one.
        if !distinct(&mut seen, &spellings) {
            continue;
        }
        let female = rng.chance(0.4);
        let given = *rng.pick(if female { FEMALE } else { MALE });
        let title = *rng.pick(TITLES);
        let role = format!("{} of the {}", rng.pick(ROLE_NOUNS), rng.pick(&["grain council", "port authority", "energy regulator", "national bank", "trade mission", "rail company", "election commission", "water board"]));
        people.push(GenEntity { kind: EntityKind::Person, given: Some(given), female, spellings, title, role });
    }
    let mut organizations = Vec::with_capacity(orgs_n);
    let mut attempts = 0;
    while organizations.len() < orgs_n {
        attempts += 1;
        assert!(attempts < 100 * orgs_n + 1000, "too few distinct names for {orgs_n} organisations");
        let word = *rng.pick(ORG_WORDS);
        let (a, b) = (rng.pick(ONSETS).to_string(), *rng.pick(&["phim", "khar", "tova", "sk", "ron", "mark", "ven"]));
        let stem = format!("{a}{b}");
        let mut spellings = vec![format!("{stem} {word}")];
        if b == "phim" {
            spellings.push(format!("{a}fim {word}"));
        } else if b == "khar" {
            spellings.push(format!("{a}har {word}"));
        }
        if !distinct(&mut seen, &spellings) {
            continue;
        }
        organizations.push(GenEntity { kind: EntityKind::Organization, given: None, female: false, spellings, title: "", role: String::new() });
    }
    let mut places: Vec<GenEntity> = PLACE_NAMES[..places_n]
        .iter()
        .map(|p| GenEntity { kind: EntityKind::Place, given: None, female: false, spellings: vec![p.to_string()], title: "", role: String::new() })
        .collect();
    for (new, old) in RENAMED {
        places.push(GenEntity { kind: EntityKind::Place, given: None, female: false, spellings: vec![new.to_string(), old.to_string()], title: "", role: String::new() });
    }
    Population { people, organizations, places }
}

/// A surname and its variants; `n` spreads people over the classes.
fn surname(rng: &mut Rng, n: usize) -> Vec<String> {
    let onset = *rng.pick(ONSETS);
    let middle = *rng.pick(MIDDLES);
    match n % 6 {
        0 => {
            let stem = format!("{onset}{middle}{}", rng.pick(EV_TAILS));
            vec![format!("{stem}ev"), format!("{stem}yev")]
        }
        1 => {
            let stem = format!("{onset}{middle}{}", rng.pick(SKY_TAILS));
            vec![format!("{stem}sky"), format!("{stem}skiy"), format!("{stem}ski")]
        }
        2 => {
            let rest = format!("{}{}{middle}{}", rng.pick(&["a", "o", "u", "e", "i"]), rng.pick(KH_STARTS), rng.pick(KH_ENDS));
            vec![format!("Kh{rest}"), format!("H{rest}")]
        }
        3 => {
            // y/i: "Tymarchuk" and "Timarchuk".
            let first = *rng.pick(&["T", "K", "R", "M", "S", "V", "Hr", "Z"]);
            let rest = format!("{}{middle}{}", rng.pick(&["m", "l", "r", "sh", "v", "b"]), rng.pick(&["chuk", "enko", "ashko", "uk", "in", "ets"]));
            vec![format!("{first}y{rest}"), format!("{first}i{rest}")]
        }
        4 => {
            let (accented, plain) = *rng.pick(ACCENTED_ENDS);
            vec![format!("{onset}{middle}{accented}"), format!("{onset}{middle}{plain}")]
        }
        _ => vec![format!("{onset}{middle}{}", rng.pick(FIXED_ENDS))],
    }
}

/// Records the loose forms of `spellings`; false if another entity has one.
fn distinct(seen: &mut HashSet<String>, spellings: &[String]) -> bool {
    let forms: HashSet<String> = spellings.iter().map(|s| loose(s)).collect();
    if forms.iter().any(|f| seen.contains(f)) {
        return false;
    }
    seen.extend(forms);
    true
}

/// A loose form of a spelling, the same for all the variants the generator
/// makes, so two people never end up as one.
fn loose(s: &str) -> String {
    let folded = crate::translit::fold(s);
    let mut w = folded.replace("kh", "h").replace("yev", "ev").replace('y', "i").replace("ph", "f");
    for end in ["skii", "ski"] {
        if let Some(stem) = w.strip_suffix(end) {
            w = format!("{stem}ski");
            break;
        }
    }
    let mut out = String::new();
    for ch in w.chars() {
        if !out.ends_with(ch) {
            out.push(ch);
        }
    }
    out
}
