use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::index::Corpus;
use crate::lexicon::Lexicon;

fn corpus(n: usize, seed: u64) -> Vec<GenArticle> {
    Generator::new(Params::new(n, seed)).articles().collect()
}

#[test]
fn the_same_seed_gives_the_same_corpus() {
    let a = corpus(40, 7);
    let b = corpus(40, 7);
    assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text && x.mentions == y.mentions));
    let c = corpus(40, 8);
    assert!(a.iter().zip(&c).filter(|(x, y)| x.text == y.text).count() == 0);
}

#[test]
fn an_article_does_not_depend_on_the_order_of_generation() {
    let g = Generator::new(Params::new(30, 3));
    let forward: Vec<String> = g.articles().map(|a| a.text).collect();
    for i in (0..30).rev() {
        assert_eq!(g.article(i).text, forward[i]);
    }
}

#[test]
fn articles_have_realistic_lengths() {
    let articles = corpus(300, 1);
    for a in &articles {
        assert!((300..=1500).contains(&a.words()), "article {} has {} words", a.index, a.words());
    }
    let mean = articles.iter().map(|a| a.text.len()).sum::<usize>() as f64 / articles.len() as f64;
    assert!((4000.0..6500.0).contains(&mean), "mean size {mean} bytes");
    let words: Vec<usize> = articles.iter().map(GenArticle::words).collect();
    assert!(words.iter().any(|&w| w < 500) && words.iter().any(|&w| w > 1200), "lengths spread over the range");
}

#[test]
fn articles_mix_sources_marks_and_non_ascii() {
    let articles = corpus(300, 2);
    let unsourced = articles.iter().filter(|a| !a.sourced).count() as f64 / 300.0;
    assert!((0.17..0.33).contains(&unsourced), "unsourced share {unsourced}");
    for marks in Marks::ALL {
        assert!(articles.iter().any(|a| a.marks == marks && !a.quotes.is_empty()), "{marks:?}");
    }
    let speakers: HashSet<_> = articles.iter().flat_map(|a| &a.quotes).map(|q| std::mem::discriminant(&q.speaker)).collect();
    assert_eq!(speakers.len(), 3, "named, anonymous and unattributed quotations");
    assert!(articles.iter().all(|a| !a.text.is_ascii()));
    assert!(articles.iter().any(|a| a.text.contains("’s")));
}

#[test]
fn planted_ranges_hold_the_names_and_quotations() {
    let g = Generator::new(Params::new(100, 5));
    for a in g.articles() {
        assert!(!a.mentions.is_empty());
        for m in &a.mentions {
            assert_eq!(&a.text[m.span.clone()], g.population.entity(m.entity).spellings[m.spelling]);
        }
        for q in &a.quotes {
            let quoted = &a.text[q.span.clone()];
            assert!(quoted.starts_with(a.marks.open()) && quoted.ends_with(a.marks.close()), "{quoted}");
        }
    }
}

#[test]
fn names_are_spelled_as_variants_at_the_configured_rate() {
    let mut params = Params::new(600, 11);
    params.variant_rate = 0.2;
    let g = Generator::new(params);
    // One choice per article and entity: an article keeps to one spelling.
    let mut choices: HashMap<(usize, usize), HashSet<usize>> = HashMap::new();
    for a in g.articles() {
        for m in &a.mentions {
            if g.population.entity(m.entity).has_variants() {
                choices.entry((a.index, m.entity)).or_default().insert(m.spelling);
            }
        }
    }
    assert!(choices.values().all(|s| s.len() == 1), "one spelling per article");
    let variants = choices.values().filter(|s| !s.contains(&0)).count() as f64;
    let rate = variants / choices.len() as f64;
    assert!(choices.len() > 1000 && (0.17..0.23).contains(&rate), "{rate} over {} choices", choices.len());
}

#[test]
fn variants_share_a_key_and_entities_do_not() {
    let g = Generator::new(Params::new(50_000, 9));
    let lexicon = Lexicon::builtin();
    let mut owner: HashMap<String, usize> = HashMap::new();
    for i in 0..g.population.len() {
        let e = g.population.entity(i);
        let keys: HashSet<String> = e.spellings.iter().map(|s| lexicon.key(s)).collect();
        assert_eq!(keys.len(), 1, "{:?} should share one key, got {keys:?}", e.spellings);
        let key = keys.into_iter().next().expect("one key");
        if let Some(other) = owner.insert(key.clone(), i) {
            panic!("{:?} and {:?} share the key {key}", g.population.entity(other).spellings, e.spellings);
        }
    }
}

/// The spelling the corpus uses in most articles, for each entity with more
/// than one spelling in use; `None` on a tie.
fn majority(articles: &[GenArticle]) -> HashMap<usize, Option<usize>> {
    let mut counts: HashMap<usize, BTreeMap<usize, HashSet<usize>>> = HashMap::new();
    for a in articles {
        for m in &a.mentions {
            counts.entry(m.entity).or_default().entry(m.spelling).or_default().insert(a.index);
        }
    }
    counts
        .into_iter()
        .filter(|(_, by)| by.len() > 1)
        .map(|(e, by)| {
            let mut sorted: Vec<(usize, usize)> = by.iter().map(|(s, arts)| (arts.len(), *s)).collect();
            sorted.sort_unstable_by(|a, b| b.cmp(a));
            (e, (sorted[0].0 > sorted[1].0).then_some(sorted[0].1))
        })
        .collect()
}

#[test]
fn the_engine_flags_the_planted_minority_spellings() {
    let g = Generator::new(Params::new(50, 21));
    let articles: Vec<GenArticle> = g.articles().collect();
    let mut corpus = Corpus::default();
    for a in &articles {
        corpus.upsert(PathBuf::from(a.file_name()), Arc::from(a.text.as_str()));
    }
    let majority = majority(&articles);
    let (mut expected, mut found, mut false_alarms) = (0, 0, 0);
    for a in &articles {
        let findings: Vec<_> = crate::rules::check(&corpus, &PathBuf::from(a.file_name())).into_iter().filter(|f| f.code == "name-variant").collect();
        for m in &a.mentions {
            let flagged = findings.iter().any(|f| f.span.start < m.span.end && m.span.start < f.span.end);
            match majority.get(&m.entity) {
                Some(Some(preferred)) if *preferred != m.spelling => {
                    expected += 1;
                    found += usize::from(flagged);
                }
                None => false_alarms += usize::from(flagged),
                _ => {}
            }
        }
    }
    assert!(expected >= 20, "the corpus plants minority spellings ({expected})");
    assert_eq!(found, expected, "flagged {found} of {expected} planted minority spellings");
    assert_eq!(false_alarms, 0, "names spelled one way only are never flagged");
}

#[test]
fn planted_drift_is_found_as_well_in_thousands_of_articles_as_in_hundreds() {
    // Statements reprinted by a hundred articles and more, whose shingles
    // are also common to other statements of the phrase bank: a lookup
    // that counted rarity in copies read only the changed copy's own
    // shingles there (recall 0.90 at 2,000 articles, 0.79 at 10,000).
    // The benchmark's corpus of 10,000 articles, scored as issue 13 asks.
    let articles = corpus(10_000, 1);
    let expected = expected_drift(&articles);
    let flagged = flagged_drift(&articles, 2);
    let found = flagged.intersection(&expected).count();
    let recall = found as f64 / expected.len() as f64;
    let precision = found as f64 / flagged.len() as f64;
    eprintln!("quote drift at 10,000 articles: {found} of {} planted found, {} flagged", expected.len(), flagged.len());
    assert!(expected.len() >= 5000, "{} drifted or outvoted copies planted", expected.len());
    assert!(recall >= 0.99, "recall {recall:.3}: {found} of {} planted", expected.len());
    assert!(precision >= 0.95, "precision {precision:.3}: {found} of {} flags planted", flagged.len());
}

#[test]
fn the_engine_flags_the_planted_drift_and_no_conflicts() {
    use crate::index::quotations::{compare, quote_words, Quoted, Relation};
    let articles = corpus(250, 4);
    let mut c = Corpus::default();
    for a in &articles {
        c.upsert(PathBuf::from(a.file_name()), Arc::from(a.text.as_str()));
    }
    let mut flagged = HashSet::new();
    let mut conflicts = 0;
    for a in &articles {
        for f in crate::rules::check(&c, &PathBuf::from(a.file_name())) {
            match f.code {
                "quote-drift" => {
                    flagged.insert((a.index, quote_at(a, &f.span).unwrap_or(usize::MAX)));
                }
                "speaker-conflict" => conflicts += 1,
                _ => {}
            }
        }
    }
    let expected = expected_drift(&articles);
    assert!(expected.len() >= 20, "{} drifted or outvoted copies planted", expected.len());
    let found = flagged.intersection(&expected).count();
    let recall = found as f64 / expected.len() as f64;
    assert!(recall >= 0.9, "recall {recall:.2}: {found} of {} planted", expected.len());
    // Random quotations are composed from many lists, so they seldom meet by
    // chance: nearly every flag is a planted one.
    let precision = found as f64 / flagged.len() as f64;
    eprintln!("quote drift: {found} of {} planted found, {} flagged", expected.len(), flagged.len());
    assert!(precision >= 0.95, "precision {precision:.2}: {found} of {} flags planted", flagged.len());
    // Any other flag must still be a real near version of a quotation in
    // another article (two random quotations that happen to differ in a few
    // words).
    let words = |a: &GenArticle, qi: usize| quote_words(&a.text, a.quotes[qi].span.clone());
    let stray: Vec<&(usize, usize)> = flagged
        .difference(&expected)
        .filter(|&&(ai, qi)| {
            let ours = words(&articles[ai], qi);
            !articles.iter().filter(|b| b.index != ai).any(|b| {
                (0..b.quotes.len()).any(|qj| compare(Quoted::new(&articles[ai].text, &ours), Quoted::new(&b.text, &words(b, qj))).is_some_and(|c| c.relation == Relation::Near))
            })
        })
        .collect();
    assert!(stray.is_empty(), "flags with no near version anywhere: {stray:?}");
    assert_eq!(conflicts, 0, "a statement is always its own speaker's");
}
