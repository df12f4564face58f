//! The index after any sequence of updates equals the index built afresh
//! from the final articles.

use std::path::PathBuf;
use std::sync::Arc;

use super::*;

const TEXTS: &[&str] = &[
    "Envoy visits capital\n\nSource: Reuters\n\nKirill Dmitriev, the head of a wealth fund, arrived in Kyiv. \"We have made real progress on every single issue,\" Dmitriev said.\n",
    "Talks go on\n\nKirill Dmitriyev met Steve Witkoff in Kiev on Monday. Dmitriyev said the talks were useful.\n",
    "Minister speaks\n\nUkrainian Foreign Minister Andrii Sibiha said on Tuesday that the talks would go on. Sibiha met Dmitriev.\n",
    "Short note\n\nVolodymyr Zelenskiy spoke. Zelensky and Olena Zelenska travelled to Kyiv.\n",
    "Port opens\n\nYusuf Haddadin spoke on Monday. Haddadin left early, and Ahmad Rashidi stayed.\n",
    "Port talks\n\nYusuf Hadadeen met Ahmed Rashidi. Omar Basri, also known as Abu Layth, spoke.\n",
    "Port closes\n\nThe commander Abu Layth spoke again. Kim Min-jae and Kim Hyun-woo left.\n",
    "",
];

fn rebuilt(state: &BTreeMap<PathBuf, &'static str>) -> Corpus {
    let mut c = Corpus::default();
    for (p, t) in state {
        c.upsert(p.clone(), Arc::from(*t));
    }
    c
}

fn assert_same(a: &Corpus, b: &Corpus) {
    assert_eq!(a.buckets, b.buckets);
    assert_eq!(a.quotations, b.quotations);
    // The resolved components, fuzzy links and aliases included.
    let components = |c: &Corpus| -> BTreeMap<String, resolve::Component> { c.components.iter().map(|(k, v)| (k.clone(), (**v).clone())).collect() };
    assert_eq!(components(a), components(b));
    let mut pa: Vec<_> = a.paths().cloned().collect();
    let mut pb: Vec<_> = b.paths().cloned().collect();
    pa.sort();
    pb.sort();
    assert_eq!(pa, pb);
    assert_eq!(a.entity_ids(), b.entity_ids());
    for id in a.entity_ids() {
        assert_eq!(a.references(&id), b.references(&id));
    }
    assert_eq!(names(a), names(b));
}

/// Every name of every local entity with its spellings and the preferred
/// one, as the memo gives them; each checked against the same worked out
/// afresh, so that no update leaves a stale answer in the memo.
fn names(c: &Corpus) -> BTreeMap<(EntityId, String), Option<NameSpellings>> {
    let mut out = BTreeMap::new();
    for path in c.paths() {
        for (local, slot) in c.articles[path].slots.iter().enumerate() {
            let Some(id) = c.entity_id(path, local) else { continue };
            let memo = c.name_spellings(&id, &slot.key).map(|n| (*n).clone());
            let afresh = c.name_stats(&id, &slot.key).and_then(|stats| {
                Some(NameSpellings { preferred: c.preferred_for(&id, &stats)?, spellings: stats.spellings() })
            });
            assert_eq!(memo, afresh, "{path:?} {id:?} {}", slot.key);
            out.insert((id, slot.key.clone()), memo);
        }
    }
    out
}

#[test]
fn any_sequence_of_updates_equals_a_rebuild() {
    // A small deterministic generator: no dependency needed.
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _round in 0..40 {
        let mut corpus = Corpus::default();
        // The same updates, the insertions quiet: components are worked out
        // when a removal or a settle comes, for every key touched since.
        let mut deferred = Corpus::default();
        let mut state: BTreeMap<PathBuf, &'static str> = BTreeMap::new();
        for _step in 0..25 {
            let path = PathBuf::from(format!("a{}.txt", next(4)));
            if next(5) == 0 {
                corpus.remove(&path);
                deferred.remove(&path);
                state.remove(&path);
            } else {
                let text = TEXTS[next(TEXTS.len())];
                corpus.upsert(path.clone(), Arc::from(text));
                let facts = deferred.analyze(text);
                deferred.upsert_quiet(path.clone(), Arc::from(text), facts);
                state.insert(path, text);
            }
            if next(7) == 0 {
                deferred.settle();
            }
            // Asked between updates, as the rules ask: the memo fills.
            names(&corpus);
        }
        assert_same(&corpus, &rebuilt(&state));
        deferred.settle();
        assert_same(&deferred, &corpus);
        // Loading quietly builds the same index.
        let mut quiet = Corpus::default();
        for (p, t) in &state {
            let facts = quiet.analyze(t);
            quiet.upsert_quiet(p.clone(), Arc::from(*t), facts);
        }
        quiet.settle();
        assert_same(&quiet, &corpus);
    }
}

#[test]
fn an_update_reports_the_articles_whose_variants_change() {
    let mut c = Corpus::default();
    c.upsert("a.txt".into(), Arc::from(TEXTS[0]));
    c.upsert("c.txt".into(), Arc::from(TEXTS[2]));
    // b introduces a second spelling of Dmitriev: a and c must be re-checked.
    let affected = c.upsert("b.txt".into(), Arc::from(TEXTS[1]));
    assert!(affected.articles.contains(&PathBuf::from("a.txt")), "{affected:?}");
    assert!(affected.articles.contains(&PathBuf::from("c.txt")), "{affected:?}");
    // The same text again changes no count: nothing else to re-check.
    let affected = c.upsert("b.txt".into(), Arc::from(TEXTS[1]));
    assert!(affected.articles.is_empty(), "{affected:?}");
    // Removing b takes the variant away again.
    let affected = c.remove(Path::new("b.txt"));
    assert!(affected.articles.contains(&PathBuf::from("a.txt")), "{affected:?}");
}

fn at(c: &Corpus, path: &str, needle: &str) -> EntityId {
    let text = c.article(Path::new(path)).expect("article").text.clone();
    let offset = text.find(needle).expect("needle");
    c.entity_at(Path::new(path), offset).expect("an entity")
}

#[test]
fn near_spellings_and_given_name_variants_are_one_person_and_the_link_says_why() {
    let mut c = Corpus::default();
    for (p, t) in [("a.txt", TEXTS[4]), ("b.txt", TEXTS[5])] {
        c.upsert(p.into(), Arc::from(t));
    }
    assert_eq!(at(&c, "a.txt", "Haddadin"), at(&c, "b.txt", "Hadadeen"));
    assert_eq!(at(&c, "a.txt", "Ahmad"), at(&c, "b.txt", "Ahmed"));
    let why = c.link("hadadin", "hadaden").expect("a link").explain();
    assert!(why.contains("1 letter edit (1 of vowels)"), "{why}");
}

#[test]
fn an_alias_makes_one_entity_whose_card_and_references_hold_both_names() {
    let mut c = Corpus::default();
    for (p, t) in [("b.txt", TEXTS[5]), ("c.txt", TEXTS[6])] {
        c.upsert(p.into(), Arc::from(t));
    }
    let id = at(&c, "c.txt", "Layth");
    assert_eq!(id, at(&c, "b.txt", "Omar Basri"));
    let refs: Vec<String> = c.references(&id).into_iter().map(|r| r.text).collect();
    assert!(refs.contains(&"Omar Basri".to_string()) && refs.contains(&"Abu Layth".to_string()), "{refs:?}");
    let card = c.card(&id).expect("a card");
    let spellings: Vec<&str> = card.spellings.iter().map(|s| s.spelling.as_str()).collect();
    assert!(spellings.contains(&"Basri") && spellings.contains(&"Layth"), "{spellings:?}");
}

#[test]
fn different_given_names_keep_people_of_one_surname_apart() {
    let mut c = Corpus::default();
    c.upsert("c.txt".into(), Arc::from(TEXTS[6]));
    c.upsert("d.txt".into(), Arc::from("Seoul\n\nPresident Park Ji-hoon spoke. Reporting by Daniel Park.\n"));
    assert_ne!(at(&c, "c.txt", "Kim Min-jae"), at(&c, "c.txt", "Kim Hyun-woo"));
    assert_ne!(at(&c, "d.txt", "Park Ji-hoon"), at(&c, "d.txt", "Daniel Park"));
}

#[test]
fn an_update_affects_only_the_names_whose_spellings_vary() {
    let mut c = Corpus::default();
    c.upsert("d.txt".into(), Arc::from("Minister speaks\n\nTariq Nassar spoke in Amman.\n"));
    c.upsert("e.txt".into(), Arc::from("Talks\n\nTariq Nassar met Yusuf Haddadin in Amman. Haddadin left.\n"));
    // f writes Haddadin another way, and names Amman as everyone does.
    let affected = c.upsert("f.txt".into(), Arc::from("Talks end\n\nYusuf Hadadeen spoke in Amman.\n"));
    assert_eq!(affected.articles, [PathBuf::from("e.txt")].into_iter().collect(), "{affected:?}");
}

#[test]
fn near_spellings_do_not_chain_different_names_into_one() {
    // Five made-up surnames, each one consonant from the next: a chain in
    // which the ends have nothing in common. The most used, Tolmark, is
    // the main spelling; Tolvark is near it and Tolvask near Tolvark, so
    // those three are one name. Tolvasp is near Tolvask only, two links from
    // Tolmark: another name, with Tolnasp beside it.
    let chain = ["Tolmark", "Tolvark", "Tolvask", "Tolvasp", "Tolnasp"];
    let lex = Lexicon::builtin();
    let near = |a: &str, b: &str| resolve::compare(&lex.key(a), &lex.key(b)).is_some();
    for w in chain.windows(2) {
        assert!(near(w[0], w[1]), "{} / {}", w[0], w[1]);
    }
    assert!(!near(chain[0], chain[2]) && !near(chain[1], chain[3]) && !near(chain[0], chain[3]));
    let mut c = Corpus::default();
    let uses = [4, 3, 2, 2, 1];
    let mut n = 0;
    for (name, times) in chain.iter().zip(uses) {
        for _ in 0..times {
            n += 1;
            c.upsert(PathBuf::from(format!("{n:02}.txt")), Arc::from(format!("Report\n\nThe mayor, Anna {name}, spoke on Monday. {name} left early.\n")));
        }
    }
    let entity = |name: &str| {
        let (path, entry) = c.articles.iter().find(|(_, e)| e.text.contains(name)).expect("an article");
        let offset = entry.text.find(name).expect("the name");
        c.entity_at(path, offset).expect("an entity")
    };
    assert_eq!(entity("Tolvark"), entity("Tolmark"));
    assert_eq!(entity("Tolvask"), entity("Tolmark"));
    assert_ne!(entity("Tolvasp"), entity("Tolmark"));
    assert_eq!(entity("Tolnasp"), entity("Tolvasp"));
}

#[test]
fn no_two_names_share_a_memo_key() {
    let id = |key: &str, given: &str| EntityId { key: key.to_string(), given: given.to_string() };
    let keys = [
        name_key(&id("ab", ""), "c"),
        name_key(&id("a", "b"), "c"),
        name_key(&id("a", ""), "bc"),
        name_key(&id("a\0", "b"), "c"),
        name_key(&id("a", "\0b"), "c"),
        name_key(&id("1:a", ""), "b"),
        name_key(&id("1", "a"), "b"),
    ];
    let distinct: BTreeSet<&String> = keys.iter().collect();
    assert_eq!(distinct.len(), keys.len(), "{keys:?}");
}
