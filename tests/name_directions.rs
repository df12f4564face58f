//! No two findings of a corpus ever advise opposite directions between the
//! same two spellings: if one says write "Ahmed" for "Ahmad", none says
//! write "Ahmad" for "Ahmed". Checked on generated corpora (several seeds)
//! and on every shared story (skipped with a notice where `../shared` is
//! absent).

mod shared_corpus;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use newslint::cli::load::load;
use newslint::corpusgen::{Generator, Params};
use newslint::index::Corpus;
use newslint::rules::{self, FindingData};

/// Every (spelling, preferred) advice of a corpus, with where it was given.
fn advice(corpus: &Corpus) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    let mut paths: Vec<&PathBuf> = corpus.paths().collect();
    paths.sort();
    for p in paths {
        for f in rules::check(corpus, p) {
            let pair = match &f.data {
                FindingData::NameVariant { spelling, preferred, lost_apostrophe: false, .. } => (spelling.clone(), preferred.clone()),
                FindingData::MixedScript { spelling, preferred, .. } => (spelling.clone(), preferred.clone()),
                _ => continue,
            };
            out.entry(pair).or_insert_with(|| format!("{}: {}", p.display(), f.message));
        }
    }
    out
}

fn assert_one_direction(corpus: &Corpus, what: &str) -> usize {
    let all = advice(corpus);
    for ((a, b), at) in &all {
        if let Some(back) = all.get(&(b.clone(), a.clone())) {
            panic!("{what}: '{a}' → '{b}' ({at}) and '{b}' → '{a}' ({back})");
        }
    }
    all.len()
}

#[test]
fn generated_corpora_never_advise_both_ways() {
    let mut advised = 0;
    for seed in [1, 7, 21, 99] {
        let g = Generator::new(Params::new(120, seed));
        let mut corpus = Corpus::default();
        for a in g.articles() {
            corpus.upsert(PathBuf::from(a.file_name()), Arc::from(a.text.as_str()));
        }
        advised += assert_one_direction(&corpus, &format!("seed {seed}"));
    }
    assert!(advised > 0, "the generated corpora plant variants");
}

#[test]
fn the_shared_stories_never_advise_both_ways() {
    let Some(root) = shared_corpus::shared_corpus() else { return };
    let mut stories: Vec<PathBuf> = std::fs::read_dir(&root).expect("reads").filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("expected.json").exists()).collect();
    stories.sort();
    assert!(!stories.is_empty());
    for story in stories {
        let loaded = load(&[story.clone()]).expect("loads");
        assert_one_direction(&loaded.corpus, &story.display().to_string());
    }
}
