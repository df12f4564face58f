//! Hostile and outsized single articles: runs of stray quotation marks,
//! paragraphs full of quotations, endless sentences and lines, and a 4 MiB
//! article of ordinary text. Each case runs in a child process (this binary,
//! `newslint-bench pathological-case NAME`) so that a case that takes minutes
//! is killed at the time limit instead of holding the machine.
//!
//! Targets: each hostile input of about 12 KB under 20 ms, the 4 MiB article
//! under 1.5 s (analysis and rules, median of the runs).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use newslint::analysis::{attribution, descriptors, names, quotes, segment, source};
use newslint::corpusgen::{Generator, Params};
use newslint::index::Corpus;
use newslint::lexicon::Lexicon;
use newslint::rules;

use crate::measure::{ms, Table};

/// A case: its name, what it is, its text and the time it must beat.
pub struct Case {
    pub name: &'static str,
    pub what: &'static str,
    pub target: Duration,
    pub make: fn(u64) -> String,
}

const HOSTILE: Duration = Duration::from_millis(20);
const BIG: Duration = Duration::from_millis(1500);
/// About 12 KB: the size of a long article.
const SMALL_BYTES: usize = 12 * 1024;
const BIG_BYTES: usize = 4 * 1024 * 1024;

pub const CASES: &[Case] = &[
    Case { name: "stray-closers", what: "`a” ` × 3000 (every mark closes a quotation that never opened)", target: HOSTILE, make: |_| "a\u{201d} ".repeat(3000) },
    Case { name: "stray-openers", what: "`“` × 4096, no other text", target: HOSTILE, make: |_| "\u{201c}".repeat(4096) },
    Case { name: "mixed-marks", what: "every mark style in turn between short words, never balanced", target: HOSTILE, make: |_| mixed_marks() },
    Case { name: "quote-paragraph", what: "one paragraph of 300 attributed quotations, no line break", target: HOSTILE, make: |_| quote_paragraph() },
    Case { name: "long-sentence", what: "one 12 KB sentence of clauses and names, no full stop", target: HOSTILE, make: |_| long_sentence() },
    Case { name: "capital-run", what: "12 KB of capitalised words, no punctuation", target: HOSTILE, make: |_| capital_run() },
    Case { name: "no-spaces", what: "one 12 KB line without a space", target: HOSTILE, make: |_| fill("Harbour’s\u{201c}Board", SMALL_BYTES, "") },
    Case { name: "names-one-sentence", what: "8,000 named people in one sentence (`the harbour master Anna Berg{x} met …`)", target: PER_BYTE, make: |_| copies("the harbour master Anna Berg{} met ") },
    Case { name: "descriptions-one-sentence", what: "8,000 names, each with a description after it, in one sentence", target: PER_BYTE, make: |_| copies("Anna Berg{} thanked the Polish goalkeeper, ") },
    Case { name: "descriptions-many-sentences", what: "8,000 short sentences, each a name and a description that may stand for it", target: PER_BYTE, make: |_| copies("Anna Berg{} spoke. Later the Polish goalkeeper left. ") },
    Case { name: "ordinary-1mib", what: "1 MiB of the generator's articles as one article", target: Duration::from_millis(BIG.as_millis() as u64 / 4), make: |seed| ordinary(seed, BIG_BYTES / 4) },
    Case { name: "ordinary-4mib", what: "4 MiB of the generator's articles as one article", target: BIG, make: |seed| ordinary(seed, BIG_BYTES) },
];

/// The cases of [`copies`] (about 300 KB) must go as fast per byte as the
/// 4 MiB article of ordinary text: work linear in the names, not in names
/// times sentence length.
const PER_BYTE: Duration = Duration::from_millis(BIG.as_millis() as u64 * 320 / 4096);

/// 8,000 copies of `template`, "{}" a letter (so that the names differ),
/// then a pronoun to end on.
fn copies(template: &str) -> String {
    (0..8000).map(|i| template.replace("{}", &((b'a' + (i % 26) as u8) as char).to_string())).collect::<String>() + "her.\n"
}

/// `piece` repeated (joined by `sep`) up to `bytes`, cut at a character.
fn fill(piece: &str, bytes: usize, sep: &str) -> String {
    let mut s = String::with_capacity(bytes + piece.len());
    while s.len() < bytes {
        s.push_str(piece);
        s.push_str(sep);
    }
    cut(s, bytes)
}

fn cut(mut s: String, bytes: usize) -> String {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

fn mixed_marks() -> String {
    const MARKS: &[&str] = &["\"", "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", "« ", " »"];
    const WORDS: &[&str] = &["port", "Berg", "said", "the", "board", "Ferry", "closed"];
    let mut s = String::new();
    let mut i = 0;
    while s.len() < SMALL_BYTES {
        s.push_str(MARKS[i % MARKS.len()]);
        s.push_str(WORDS[(i * 7 + i / 3) % WORDS.len()]);
        s.push(if i % 11 == 10 { '.' } else { ' ' });
        i += 1;
    }
    cut(s, SMALL_BYTES)
}

fn quote_paragraph() -> String {
    let names = ["Anna Berg", "Carl Dahl", "the harbour master", "a spokeswoman", "she"];
    let mut s = String::from("Ferries resume\n\n");
    let mut i = 0;
    while s.len() < SMALL_BYTES {
        let who = names[i % names.len()];
        s.push_str(&format!("“The ferries will sail again on day {i},” {who} said. "));
        i += 1;
    }
    cut(s, SMALL_BYTES)
}

fn long_sentence() -> String {
    fill("the minister of ports, Anna Berg, who met the Harbour Board and the union of Nordhaven", SMALL_BYTES, " and ")
}

fn capital_run() -> String {
    fill("Anna Berg Carl Dahl Nordhaven Harbour Board Ministry", SMALL_BYTES, " ")
}

/// Articles of the corpus generator, joined as the paragraphs of one, up
/// to `bytes`.
fn ordinary(seed: u64, bytes: usize) -> String {
    let generator = Generator::new(Params::new(2000, seed));
    let mut s = String::with_capacity(bytes + 16 * 1024);
    for a in generator.articles() {
        if s.len() >= bytes {
            break;
        }
        s.push_str(&a.text);
        s.push_str("\n\n");
    }
    cut(s, bytes)
}

/// What the child reports, one line each: `step NAME SECONDS` for the
/// breakdown pass, then `run SECONDS` per run of analysis and rules.
pub fn run_case(name: &str, seed: u64, runs: usize) -> Result<(), String> {
    let case = CASES.iter().find(|c| c.name == name).ok_or(format!("no case '{name}'"))?;
    let text = (case.make)(seed);
    let lexicon = Lexicon::builtin();
    let mut out = std::io::stdout().lock();
    let mut say = |line: String| {
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    };
    say(format!("bytes {}", text.len()));
    // Warm up: the word lists' automata and the source patterns are built
    // on first use, which is not what this measures.
    let _ = newslint::analysis::analyze("Harbour reopens\n\nNORDHAVEN (Reuters) - “Yes,” Anna Berg said.\n", &lexicon);
    // The analysis step by step, as `analysis::analyze` runs them, so that
    // a case that times out still shows which step it was in.
    let step = |say: &mut dyn FnMut(String), name: &str, t: Instant| say(format!("step {name} {}", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    let segments = segment::segment(&text, &lexicon);
    step(&mut say, "segment", t);
    let t = Instant::now();
    let scan = quotes::find_quotes(&text, &segments);
    step(&mut say, "quotes", t);
    let t = Instant::now();
    let (mentions, mut entities) = names::find_names(&text, &segments, &scan.quotes, &lexicon);
    step(&mut say, "names", t);
    let t = Instant::now();
    descriptors::attach(&text, &segments, &scan.quotes, &mentions, &mut entities, &lexicon);
    step(&mut say, "descriptors", t);
    let mut found = scan.quotes;
    let t = Instant::now();
    attribution::attribute(&text, &segments, &mut found, &mentions, &entities, &lexicon);
    step(&mut say, "attribution", t);
    let t = Instant::now();
    let _ = source::find_source(&text, &segments, &mentions, &entities, &lexicon);
    step(&mut say, "source", t);
    let text: Arc<str> = Arc::from(text);
    let path = PathBuf::from("case.txt");
    // The corpus (its word lists) is built once, as in `check` and the server.
    let mut corpus = Corpus::default();
    for _ in 0..runs {
        let t = Instant::now();
        let facts = corpus.analyze(&text);
        corpus.upsert_analyzed(path.clone(), text.clone(), facts);
        let findings = rules::check(&corpus, &path);
        let took = t.elapsed();
        say(format!("run {} {}", took.as_secs_f64(), findings.len()));
        // A case far over its target needs no median to show it.
        if took > 10 * case.target.max(Duration::from_millis(200)) {
            break;
        }
    }
    Ok(())
}

/// One case's figures, as the parent read them from the child.
#[derive(Default)]
struct Figures {
    bytes: usize,
    steps: Vec<(String, f64)>,
    runs: Vec<f64>,
    findings: String,
    timed_out: bool,
}

fn run_child(bench: &Path, case: &Case, seed: u64, runs: usize, limit: Duration) -> Result<Figures, String> {
    let mut child = Command::new(bench)
        .args(["pathological-case", case.name, "--seed", &seed.to_string(), "--samples", &runs.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{}: {e}", bench.display()))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let started = Instant::now();
    let mut f = Figures::default();
    loop {
        let left = limit.saturating_sub(started.elapsed());
        match rx.recv_timeout(left.max(Duration::from_millis(1))) {
            Ok(line) => {
                let parts: Vec<&str> = line.split_whitespace().collect();
                match parts.as_slice() {
                    ["bytes", b] => f.bytes = b.parse().unwrap_or(0),
                    ["step", name, secs] => f.steps.push((name.to_string(), secs.parse().unwrap_or(f64::NAN))),
                    ["run", secs, findings] => {
                        f.runs.push(secs.parse().unwrap_or(f64::NAN));
                        f.findings = findings.to_string();
                    }
                    _ => {}
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                f.timed_out = true;
                let _ = child.kill();
                break;
            }
        }
    }
    let _ = child.wait();
    let _ = reader.join();
    Ok(f)
}

/// The step that was running when a case timed out: the first of the
/// breakdown not reported.
fn unfinished_step(steps: &[(String, f64)]) -> &'static str {
    STEPS.get(steps.len()).copied().unwrap_or("analysis and rules")
}

/// The steps of the analysis, in the order `analysis::analyze` runs them.
const STEPS: &[&str] = &["segment", "quotes", "names", "descriptors", "attribution", "source"];

pub fn tables(seed: u64, runs: usize, limit: Duration) -> Result<Vec<Table>, String> {
    let bench = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut table = Table::new(
        &format!("Pathological articles: analysis and rules (median of up to {runs} runs; a case is stopped after {} s)", limit.as_secs()),
        &["case", "input", "bytes", "analysis + rules", "target", "result", "slowest step (one pass)", "findings"],
    );
    let mut header = vec!["case"];
    header.extend(STEPS);
    let mut steps = Table::new("Pathological articles: each step of the analysis (ms, one pass after a warm-up)", &header);
    for case in CASES {
        eprintln!("pathological: {}…", case.name);
        let f = run_child(&bench, case, seed, runs, limit)?;
        let mut runs_sorted = f.runs.clone();
        runs_sorted.sort_by(f64::total_cmp);
        let median = runs_sorted.get(runs_sorted.len() / 2).copied();
        let slowest = f.steps.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        let (time, pass, step) = match (median, f.timed_out) {
            (Some(m), _) => {
                let d = Duration::from_secs_f64(m);
                let step = slowest.map_or("-".into(), |(n, s)| format!("{n} {} ms", ms(Duration::from_secs_f64(*s))));
                (format!("{} ms", ms(d)), if d <= case.target { "pass" } else { "FAIL" }, step)
            }
            (None, _) => (format!("over {} s", limit.as_secs()), "FAIL", format!("{} (did not finish)", unfinished_step(&f.steps))),
        };
        table.row(vec![
            format!("`{}`", case.name),
            case.what.to_string(),
            f.bytes.to_string(),
            time,
            format!("{} ms", case.target.as_millis()),
            pass.to_string(),
            step,
            if f.findings.is_empty() { "-".into() } else { f.findings.clone() },
        ]);
        let mut row = vec![format!("`{}`", case.name)];
        for (i, _) in STEPS.iter().enumerate() {
            row.push(match f.steps.get(i) {
                Some((_, secs)) => ms(Duration::from_secs_f64(*secs)),
                None if i == f.steps.len() => format!("over {} s", limit.as_secs()),
                None => "-".into(),
            });
        }
        steps.row(row);
    }
    Ok(vec![table, steps])
}
