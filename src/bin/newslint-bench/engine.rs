//! Engine benchmarks, in process: analysis throughput on one and two
//! threads, loading a corpus, one article's update, cards and references.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use newslint::analysis::{self, Article};
use newslint::corpusgen::{GenArticle, Generator, Params};
use newslint::index::Corpus;
use newslint::rules;

use crate::measure::{mb, proc_status_bytes, reset_peak, Samples, Table};

pub struct EngineFigures {
    pub articles: usize,
    pub bytes: u64,
    pub generate: Duration,
    pub analyze_1: Duration,
    pub index_1: Duration,
    pub index_quiet: Duration,
    pub load_2: Duration,
    pub check_1: Duration,
    pub check_2: Duration,
    pub findings: usize,
    pub index_bytes: u64,
    pub edit: Samples,
    pub rename: Samples,
    pub rename_affected: f64,
    pub card: Samples,
    pub references: Samples,
    pub references_len: f64,
    /// Allocations per article: analysis, indexing (`upsert_quiet`), rules.
    pub allocs: [f64; 3],
    /// The bare tokenizer's pass over the same texts (see [`bare_tokenizer`]).
    pub bare: Duration,
}

pub fn run(n: usize, seed: u64, samples: usize) -> EngineFigures {
    let t = Instant::now();
    let generator = Generator::new(Params::new(n, seed));
    let generated: Vec<GenArticle> = generator.articles().collect();
    let generate = t.elapsed();
    let texts: Vec<(PathBuf, Arc<str>)> = generated.iter().map(|a| (PathBuf::from(a.file_name()), Arc::from(a.text.as_str()))).collect();
    let bytes: u64 = texts.iter().map(|(_, t)| t.len() as u64).sum();
    let lexicon = newslint::lexicon::Lexicon::builtin();

    // Analysis alone, on one thread, then indexing those facts alone.
    let t = Instant::now();
    let (facts, analysis_allocs) =
        crate::counting::counted(|| texts.iter().map(|(_, text)| analysis::analyze(text, &lexicon)).collect::<Vec<Article>>());
    let analyze_1 = t.elapsed();
    let t = Instant::now();
    std::hint::black_box(texts.iter().map(|(_, text)| bare_tokenizer(text)).fold(0, |a, h| a ^ h));
    let bare = t.elapsed();
    // Indexing as the server does while it indexes (`upsert_analyzed`
    // works out which other articles each insertion affects), then as
    // `check` does (`upsert_quiet` does not).
    let t = Instant::now();
    let mut serial = Corpus::default();
    for ((path, text), article) in texts.iter().zip(facts.iter().cloned()) {
        serial.upsert_analyzed(path.clone(), text.clone(), article);
    }
    let index_1 = t.elapsed();
    drop(serial);
    let t = Instant::now();
    let mut serial = Corpus::default();
    let ((), index_allocs) = crate::counting::counted(|| {
        for ((path, text), article) in texts.iter().zip(facts) {
            serial.upsert_quiet(path.clone(), text.clone(), article);
        }
        serial.settle();
    });
    let index_quiet = t.elapsed();
    drop(serial);

    // Loading as `check` does: analyse on two threads, insert on one.
    let rss_before = proc_status_bytes("self", "VmRSS").unwrap_or(0);
    reset_peak();
    let t = Instant::now();
    let mut corpus = Corpus::default();
    for ((path, text), article) in texts.iter().zip(analyze_parallel(&texts, corpus.lexicon(), 2)) {
        corpus.upsert_quiet(path.clone(), text.clone(), article);
    }
    corpus.settle();
    let load_2 = t.elapsed();
    let index_bytes = proc_status_bytes("self", "VmRSS").unwrap_or(0).saturating_sub(rss_before);

    let t = Instant::now();
    let (findings, rules_allocs) = crate::counting::counted(|| texts.iter().map(|(p, _)| rules::check(&corpus, p).len()).sum::<usize>());
    let check_1 = t.elapsed();
    let t = Instant::now();
    let half = texts.len() / 2;
    std::thread::scope(|s| {
        let (corpus, texts) = (&corpus, &texts);
        let a = s.spawn(move || texts[..half].iter().map(|(p, _)| rules::check(corpus, p).len()).sum::<usize>());
        let b: usize = texts[half..].iter().map(|(p, _)| rules::check(corpus, p).len()).sum();
        std::hint::black_box(a.join().expect("thread") + b);
    });
    let check_2 = t.elapsed();

    let (edit, rename, rename_affected) = updates(&mut corpus, &generator, &generated, samples);
    let (card, references, references_len) = queries(&corpus, &generated, seed, samples);

    EngineFigures {
        articles: n,
        bytes,
        generate,
        analyze_1,
        index_1,
        index_quiet,
        load_2,
        check_1,
        check_2,
        findings,
        index_bytes,
        edit,
        rename,
        rename_affected,
        card,
        references,
        references_len,
        allocs: [analysis_allocs, index_allocs, rules_allocs].map(|a| a as f64 / n.max(1) as f64),
        bare,
    }
}

/// The floor the analysis is compared with: split the text on everything
/// that is not a letter and hash every capitalised word, as the cheapest
/// pass that could find names would.
fn bare_tokenizer(text: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut acc = 0u64;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.chars().next().is_some_and(char::is_uppercase) {
            let mut h = rustc_hash::FxBuildHasher.build_hasher();
            h.write(word.as_bytes());
            acc ^= h.finish();
        }
    }
    acc
}

fn analyze_parallel(texts: &[(PathBuf, Arc<str>)], lexicon: &newslint::lexicon::Lexicon, threads: usize) -> Vec<Article> {
    let chunk = texts.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|(_, t)| analysis::analyze(t, lexicon)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("analysis thread")).collect()
    })
}

/// The article nearest 5 KB among the first hundred.
pub fn typical(generated: &[GenArticle]) -> &GenArticle {
    generated.iter().take(100).min_by_key(|a| a.text.len().abs_diff(5000)).expect("articles")
}

/// A byte offset in the middle of `text` at the end of a word outside any
/// name: where the benchmark types.
pub fn typing_offset(article: &GenArticle) -> usize {
    let text = &article.text;
    let mut at = text.len() / 2;
    loop {
        let b = text.as_bytes();
        if b[at] == b' ' && b[at - 1].is_ascii_lowercase() && !article.mentions.iter().any(|m| m.span.start <= at && at <= m.span.end + 3) {
            return at;
        }
        at += 1;
    }
}

/// The mention whose spelling the rename benchmark flips: a person with
/// variants mentioned in many articles.
pub fn rename_target<'a>(generator: &Generator, generated: &'a [GenArticle]) -> Option<(&'a GenArticle, usize)> {
    let mut count = vec![0usize; generator.population.len()];
    for a in generated {
        let mut seen: Vec<usize> = a.mentions.iter().map(|m| m.entity).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.into_iter().for_each(|e| count[e] += 1);
    }
    generated.iter().take(200).flat_map(|a| a.mentions.iter().enumerate().map(move |(i, m)| (a, i, m))).filter(|(_, _, m)| generator.population.entity(m.entity).has_variants() && generator.population.entity(m.entity).kind == analysis::EntityKind::Person).max_by_key(|(_, _, m)| count[m.entity]).map(|(a, i, _)| (a, i))
}

fn updates(corpus: &mut Corpus, generator: &Generator, generated: &[GenArticle], samples: usize) -> (Samples, Samples, f64) {
    let article = typical(generated);
    let path = PathBuf::from(article.file_name());
    let at = typing_offset(article);
    let mut edit = Samples::default();
    for k in 0..samples {
        let text = if k % 2 == 0 { format!("{}x{}", &article.text[..at], &article.text[at..]) } else { article.text.clone() };
        let text: Arc<str> = Arc::from(text);
        let t = Instant::now();
        corpus.upsert(path.clone(), text);
        std::hint::black_box(rules::check(corpus, &path));
        edit.push(t.elapsed());
    }
    let mut rename = Samples::default();
    let mut affected = 0;
    if let Some((article, i)) = rename_target(generator, generated) {
        let path = PathBuf::from(article.file_name());
        let m = &article.mentions[i];
        let entity = generator.population.entity(m.entity);
        let other = &entity.spellings[usize::from(m.spelling == 0)];
        let renamed = format!("{}{}{}", &article.text[..m.span.start], other, &article.text[m.span.end..]);
        for k in 0..samples {
            let text: Arc<str> = Arc::from(if k % 2 == 0 { renamed.as_str() } else { article.text.as_str() });
            let t = Instant::now();
            let changed = corpus.upsert(path.clone(), text);
            std::hint::black_box(rules::check(corpus, &path));
            for p in &changed.articles {
                std::hint::black_box(rules::check(corpus, p));
            }
            rename.push(t.elapsed());
            affected += changed.articles.len();
        }
    }
    (edit, rename, affected as f64 / samples.max(1) as f64)
}

fn queries(corpus: &Corpus, generated: &[GenArticle], seed: u64, samples: usize) -> (Samples, Samples, f64) {
    let mut rng = newslint::corpusgen::Rng::new(seed ^ 0x5eed);
    let (mut card, mut references, mut total) = (Samples::default(), Samples::default(), 0);
    for _ in 0..samples {
        let a = &generated[rng.below(generated.len().min(1000))];
        let Some(m) = a.mentions.get(rng.below(a.mentions.len())) else { continue };
        let path = PathBuf::from(a.file_name());
        let t = Instant::now();
        let id = corpus.entity_at(&path, m.span.start + 1);
        if let Some(id) = &id {
            std::hint::black_box(corpus.card(id));
        }
        card.push(t.elapsed());
        let t = Instant::now();
        if let Some(id) = &id {
            total += corpus.references(id).len();
        }
        references.push(t.elapsed());
    }
    (card, references, total as f64 / samples.max(1) as f64)
}

pub fn tables(figures: &[EngineFigures]) -> Vec<Table> {
    let mut through = Table::new(
        "Engine throughput (in process)",
        &["articles", "corpus MB", "generate", "analyze, 1 thread", "index those facts: upsert_analyzed / upsert_quiet", "load as check does: analyze on 2 threads + upsert_quiet", "rules for every article, 1 / 2 threads", "findings"],
    );
    let mut live = Table::new(
        "Engine updates and queries (in process)",
        &["articles", "edit: upsert + rules p50/p99", "name respelt: upsert + rules of affected p50/p99", "affected articles", "entity_at + card p50/p99", "references p50/p99", "mentions returned", "index MB per corpus MB"],
    );
    for f in figures {
        let rate = |d: Duration| format!("{} s ({:.1} MB/s)", ms_s(d), mb(f.bytes) / d.as_secs_f64());
        through.row(vec![
            f.articles.to_string(),
            format!("{:.1}", mb(f.bytes)),
            rate(f.generate),
            rate(f.analyze_1),
            format!("{} / {}", rate(f.index_1), rate(f.index_quiet)),
            rate(f.load_2),
            format!("{} / {} s", ms_s(f.check_1), ms_s(f.check_2)),
            f.findings.to_string(),
        ]);
        live.row(vec![
            f.articles.to_string(),
            f.edit.summary(),
            f.rename.summary(),
            format!("{:.0}", f.rename_affected),
            f.card.summary(),
            f.references.summary(),
            format!("{:.0}", f.references_len),
            format!("{:.2}", f.index_bytes as f64 / f.bytes as f64),
        ]);
    }
    let mut cost = Table::new(
        "Analysis cost per article (in process, 1 thread)",
        &["articles", "analysis µs per article", "bare tokenizer µs per article", "analysis / bare tokenizer", "allocations per article: analysis / indexing / rules"],
    );
    for f in figures {
        let per = |d: Duration| d.as_secs_f64() * 1e6 / f.articles.max(1) as f64;
        cost.row(vec![
            f.articles.to_string(),
            format!("{:.0}", per(f.analyze_1)),
            format!("{:.1}", per(f.bare)),
            format!("{:.1}×", f.analyze_1.as_secs_f64() / f.bare.as_secs_f64().max(1e-9)),
            format!("{:.0} / {:.0} / {:.0}", f.allocs[0], f.allocs[1], f.allocs[2]),
        ]);
    }
    vec![through, live, cost]
}

/// The analysis alone, as the engine's cost table measures it, without the
/// index, rules, updates and queries: the quick figure to compare two builds
/// while working on `src/analysis`.
pub fn analysis_table(sizes: &[usize], seed: u64) -> Vec<Table> {
    let mut passes_table = Table::new("Analysis passes per article (in process, 1 thread, after a first run)", &["articles", "pass", "CPU µs per article", "allocations per article"]);
    let mut cost = Table::new(
        "Analysis cost per article (in process, 1 thread)",
        &["articles", "analysis µs per article", "analysis CPU µs per article (this thread)", "bare tokenizer µs per article", "analysis / bare tokenizer", "allocations per article: analysis"],
    );
    let lexicon = newslint::lexicon::Lexicon::builtin();
    for &n in sizes {
        let texts: Vec<String> = Generator::new(Params::new(n, seed)).articles().map(|a| a.text).collect();
        let (t, cpu) = (Instant::now(), crate::measure::thread_cpu());
        let (facts, allocs) = crate::counting::counted(|| texts.iter().map(|text| analysis::analyze(text, &lexicon)).collect::<Vec<Article>>());
        let (analyze, analyze_cpu) = (t.elapsed(), crate::measure::thread_cpu().saturating_sub(cpu));
        drop(facts);
        let t = Instant::now();
        std::hint::black_box(texts.iter().map(|text| bare_tokenizer(text)).fold(0, |a, h| a ^ h));
        let bare = t.elapsed();
        let per = |d: Duration| d.as_secs_f64() * 1e6 / n.max(1) as f64;
        let passes = passes(&texts, &lexicon);
        cost.row(vec![
            n.to_string(),
            format!("{:.0}", per(analyze)),
            format!("{:.0}", per(analyze_cpu)),
            format!("{:.1}", per(bare)),
            format!("{:.1}×", analyze.as_secs_f64() / bare.as_secs_f64().max(1e-9)),
            format!("{:.0}", allocs as f64 / n.max(1) as f64),
        ]);
        for (name, (cpu, allocs)) in PASSES.iter().zip(passes) {
            passes_table.row(vec![n.to_string(), name.to_string(), format!("{:.0}", per(cpu)), format!("{:.0}", allocs as f64 / n.max(1) as f64)]);
        }
    }
    vec![cost, passes_table]
}

const PASSES: [&str; 6] = ["segment", "quotes", "names", "descriptors", "attribution", "source"];

/// Each pass of the analysis on its own, in the order `analyze` runs them:
/// CPU time (this thread) and allocations, summed over the texts.
fn passes(texts: &[String], lexicon: &newslint::lexicon::Lexicon) -> [(Duration, u64); 6] {
    use newslint::analysis::{attribution, descriptors, names, quotes, segment, source};
    let mut out = [(Duration::ZERO, 0u64); 6];
    let mut timed = |k: usize, f: &mut dyn FnMut()| {
        let (cpu, before) = (crate::measure::thread_cpu(), crate::counting::allocations());
        f();
        out[k].0 += crate::measure::thread_cpu().saturating_sub(cpu);
        out[k].1 += crate::counting::allocations() - before;
    };
    for text in texts {
        let mut segments = None;
        timed(0, &mut || segments = Some(segment::segment(text, lexicon)));
        let segments = segments.expect("segmented");
        let mut quoted = None;
        timed(1, &mut || quoted = Some(quotes::find_quotes(text, &segments)));
        let mut quotes = quoted.expect("quoted").quotes;
        let mut found = None;
        timed(2, &mut || found = Some(names::find_names(text, &segments, &quotes, lexicon)));
        let (mentions, mut entities) = found.expect("names");
        timed(3, &mut || descriptors::attach(text, &segments, &quotes, &mentions, &mut entities, lexicon));
        timed(4, &mut || attribution::attribute(text, &segments, &mut quotes, &mentions, &entities, lexicon));
        timed(5, &mut || {
            std::hint::black_box(source::find_source(text, &segments, &mentions, &entities, lexicon));
        });
    }
    out
}

/// One line per text file under `dirs`: its path and a hash of everything
/// the analysis found in it (`Debug` of the [`Article`]), so that two builds
/// can be checked to find exactly the same facts before and after a speed
/// change.
pub fn facts_digest(dirs: &[PathBuf]) -> Result<Vec<String>, String> {
    use std::hash::{BuildHasher, Hasher};
    let lexicon = newslint::lexicon::Lexicon::builtin();
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.to_vec();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).map_err(|e| format!("{}: {e}", p.display()))? {
                stack.push(e.map_err(|e| e.to_string())?.path());
            }
        } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
            files.push(p);
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else { continue };
        let mut h = rustc_hash::FxBuildHasher.build_hasher();
        h.write(format!("{:?}", analysis::analyze(&text, &lexicon)).as_bytes());
        out.push(format!("{:016x} {}", h.finish(), f.display()));
    }
    Ok(out)
}

fn ms_s(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

/// Indexing alone, as `check` loads a corpus (`upsert_quiet` of facts
/// analysed beforehand), at each size: whether index time per article stays
/// flat as the corpus grows. Each size's row is printed to stderr as soon
/// as it is measured, so a long run shows its figures as it goes.
pub fn index_table(sizes: &[usize], seed: u64, rounds: usize) -> Vec<Table> {
    let mut table = Table::new(
        &format!("Indexing per article as `check` loads (in process, 1 thread, `upsert_quiet` of analysed facts; {rounds} rounds, the sizes alternating, each from a trimmed heap)"),
        &["articles", "corpus MB", "µs per article: median (min–max)", "µs per article, last tenth: median", "median / smallest size's median", "min / smallest size's min", "allocations per article"],
    );
    let lexicon = newslint::lexicon::Lexicon::builtin();
    // Every size's facts first, so that the rounds can alternate between
    // the sizes: a host that slows down for a while then slows every size,
    // not the one being measured.
    // Per size: the texts, their bytes, and their facts.
    type Prepared = (Vec<(PathBuf, Arc<str>)>, u64, Vec<Article>);
    let prepared: Vec<Prepared> = sizes
        .iter()
        .map(|&n| {
            let texts: Vec<(PathBuf, Arc<str>)> =
                Generator::new(Params::new(n, seed)).articles().map(|a| (PathBuf::from(a.file_name()), Arc::from(a.text.as_str()))).collect();
            let bytes: u64 = texts.iter().map(|(_, t)| t.len() as u64).sum();
            let facts = analyze_parallel(&texts, &lexicon, 2);
            (texts, bytes, facts)
        })
        .collect();
    // Per size: µs per article of each round, of its last tenth, and allocations.
    let mut per: Vec<(Vec<f64>, Vec<f64>, f64)> = vec![(Vec::new(), Vec::new(), 0.0); sizes.len()];
    for round in 0..rounds.max(1) {
        for (k, (texts, _, facts)) in prepared.iter().enumerate() {
            let n = texts.len();
            let tenth = n - n / 10;
            // The copy is made before the clock starts.
            let facts = facts.clone();
            let mut corpus = Corpus::default();
            let mut last_tenth = Duration::ZERO;
            // Every size starts from a cold heap (see [`trim_heap`]).
            crate::measure::trim_heap();
            let t = Instant::now();
            let ((), allocs) = crate::counting::counted(|| {
                for (i, ((path, text), article)) in texts.iter().zip(facts).enumerate() {
                    let at = (i >= tenth).then(Instant::now);
                    corpus.upsert_quiet(path.clone(), text.clone(), article);
                    if let Some(at) = at {
                        last_tenth += at.elapsed();
                    }
                }
                corpus.settle();
            });
            let all = t.elapsed();
            per[k].0.push(all.as_secs_f64() * 1e6 / n.max(1) as f64);
            per[k].1.push(last_tenth.as_secs_f64() * 1e6 / (n - tenth).max(1) as f64);
            per[k].2 = allocs as f64 / n.max(1) as f64;
            eprintln!("index: round {} of {rounds}, {n} articles: {:.0} µs per article", round + 1, per[k].0.last().unwrap());
            // Freed outside the clock; the next round starts from the same heap.
            drop(corpus);
        }
    }
    // With an even number of rounds, the mean of the two middle ones.
    let median = |v: &[f64]| -> f64 {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        let mid = v.len() / 2;
        if v.len() % 2 == 0 { (v[mid - 1] + v[mid]) / 2.0 } else { v[mid] }
    };
    let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    for (k, &n) in sizes.iter().enumerate() {
        let (all, last, allocs) = &per[k];
        table.row(vec![
            n.to_string(),
            format!("{:.1}", crate::measure::mb(prepared[k].1)),
            format!("{:.0} ({:.0}–{:.0})", median(all), min(all), max(all)),
            format!("{:.0}", median(last)),
            format!("{:.2}", median(all) / median(&per[0].0)),
            format!("{:.2}", min(all) / min(&per[0].0)),
            format!("{allocs:.0}"),
        ]);
    }
    vec![table]
}

/// `quote-drift` against what the generator planted, at each size: the
/// rule's recall and precision as the corpus grows (its lookups read a
/// bounded number of posting lists, so a larger corpus with the same
/// phrase bank may find fewer of the versions).
pub fn drift_table(sizes: &[usize], seed: u64) -> Vec<Table> {
    let mut table = Table::new(
        "`quote-drift` against the planted drift (in process, every article checked)",
        &["articles", "planted (should be flagged)", "flagged", "planted and flagged", "recall", "precision"],
    );
    for &n in sizes {
        let generated: Vec<GenArticle> = Generator::new(Params::new(n, seed)).articles().collect();
        // On both cores, as the other tables are measured.
        let flagged = newslint::corpusgen::flagged_drift(&generated, 2);
        let expected = newslint::corpusgen::expected_drift(&generated);
        let found = flagged.intersection(&expected).count();
        let ratio = |a: usize, b: usize| if b == 0 { "–".to_string() } else { format!("{:.2}", a as f64 / b as f64) };
        table.row(vec![n.to_string(), expected.len().to_string(), flagged.len().to_string(), found.to_string(), ratio(found, expected.len()), ratio(found, flagged.len())]);
        eprintln!("{}", table.render());
    }
    vec![table]
}
