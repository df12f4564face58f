//! After any update of the corpus, every other article whose findings
//! changed is among the articles the update reports as affected: those are
//! the ones the server checks and publishes again, so one missing here is a
//! stale warning (or a missing one) in the editor. Checked on generated
//! corpora under random replacements and removals, and on the case of a
//! given name whose preferred spelling is decided by the whole corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use newslint::corpusgen::{Generator, Params, Rng};
use newslint::index::Corpus;
use newslint::rules;

type Findings = BTreeMap<PathBuf, Vec<(String, usize, usize, String)>>;

fn findings(corpus: &Corpus) -> Findings {
    corpus
        .paths()
        .map(|p| {
            let all = rules::check(corpus, p).into_iter().map(|f| (f.code.to_string(), f.span.start, f.span.end, f.message)).collect();
            (p.clone(), all)
        })
        .collect()
}

/// The articles other than `updated` whose findings differ.
fn changed(before: &Findings, after: &Findings, updated: &Path) -> BTreeSet<PathBuf> {
    let paths: BTreeSet<&PathBuf> = before.keys().chain(after.keys()).collect();
    paths
        .into_iter()
        .filter(|p| p.as_path() != updated && before.contains_key(*p) && after.contains_key(*p) && before[*p] != after[*p])
        .cloned()
        .collect()
}

#[test]
fn every_article_whose_findings_change_is_reported_affected() {
    let mut changes = 0;
    for seed in [3, 11, 42] {
        let pool: Vec<String> = Generator::new(Params::new(40, seed)).articles().map(|a| a.text).collect();
        let mut corpus = Corpus::default();
        let path = |i: usize| PathBuf::from(format!("/c/a{i:02}.txt"));
        for (i, text) in pool.iter().enumerate().take(30) {
            corpus.upsert(path(i), Arc::from(text.as_str()));
        }
        let mut rng = Rng::new(seed);
        for step in 0..20 {
            let target = path(rng.below(30));
            let before = findings(&corpus);
            let (affected, what) = if rng.chance(0.15) {
                (corpus.remove(&target), "removal".to_string())
            } else {
                let j = rng.below(pool.len());
                (corpus.upsert(target.clone(), Arc::from(pool[j].as_str())), format!("text {j}"))
            };
            let after = findings(&corpus);
            let changed = changed(&before, &after, &target);
            let missed: Vec<&PathBuf> = changed.iter().filter(|p| !affected.articles.contains(*p)).collect();
            changes += changed.len();
            assert!(missed.is_empty(), "seed {seed}, step {step}: {} ({what}) changed the findings of {missed:?}, not reported", target.display());
        }
    }
    assert!(changes > 0, "the updates changed other articles' findings");
}

fn article(person: &str, times: usize) -> Arc<str> {
    let mut s = format!("Harbour talks\nSource: Harbour Gazette\n\n{person} spoke at the port.");
    for _ in 1..times {
        s.push_str(&format!(" {person} came back later."));
    }
    s.push('\n');
    Arc::from(s.as_str())
}

#[test]
fn a_given_name_counted_across_the_corpus_affects_every_person_who_bears_it() {
    // One person written under two spellings of one given name, once each:
    // which is preferred is decided by the given names of the whole corpus.
    let mut corpus = Corpus::default();
    corpus.upsert("/c/a.txt".into(), article("Ahmad Qasimov", 1));
    corpus.upsert("/c/b.txt".into(), article("Ahmed Qasimov", 1));
    // Other people: "Ahmad" in two articles (three times), "Ahmed" in one.
    corpus.upsert("/c/c.txt".into(), article("Ahmad Tarrow", 2));
    corpus.upsert("/c/d.txt".into(), article("Ahmed Velmore", 1));
    let before = findings(&corpus);
    // One more article about Velmore tips the corpus to "Ahmed", and with
    // it the advice for Qasimov, who shares no name with Velmore but this.
    let target = PathBuf::from("/c/e.txt");
    let affected = corpus.upsert(target.clone(), article("Ahmed Velmore", 1));
    let after = findings(&corpus);
    let changed = changed(&before, &after, &target);
    assert!(changed.contains(Path::new("/c/a.txt")) && changed.contains(Path::new("/c/b.txt")), "the advice for Qasimov flips: {changed:?}\n{before:#?}\n{after:#?}");
    for p in &changed {
        assert!(affected.articles.contains(p), "{} changed, but the update reported only {:?}", p.display(), affected.articles);
    }
}
