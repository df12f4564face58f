//! `newslint-bench`: generates corpora and measures newslint on them.
//!
//! ```text
//! cargo run --release --bin newslint-bench -- all
//! ```
//!
//! See `docs/benchmarks.md` for the method and the figures.

mod counting;
mod engine;
mod lsp;
mod measure;
mod pathological;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newslint::corpusgen::{write_corpus, GenArticle, Generator, Params};

use measure::{mb, wait_with_usage, Table};

const USAGE: &str = "usage: newslint-bench <command> [options]

commands:
  gen N DIR        write a corpus of N articles to DIR
  engine           in-process engine benchmarks (analysis, index, queries)
  analysis         the engine's analysis cost table alone (time and allocations per article)
  index            indexing alone at each size: index time per article, flat or not
  drift            quote-drift's recall and precision against the planted drift, at each size
  facts DIR…       a hash of the analysis of every .txt/.md file under DIR (compare two builds)
  check            `newslint check` on each corpus: throughput, CPU use, peak memory
  lsp              `newslint lsp` over stdio: first diagnostics, typing, respelling, hover, references, memory
  pathological     hostile and outsized single articles against their time targets
  all              engine, index, drift, check and lsp

options:
  --sizes 1000,10000,50000   corpus sizes (articles)
  --seed S                   generator seed (default 1)
  --samples K                edits and queries per measurement (default 200)
  --corpora DIR              where generated corpora are kept (default /tmp/newslint-bench)
  --server PATH              the newslint binary (default: next to this one)
  --limit S                  pathological: stop a case after S seconds (default 30)
  --rounds R                 index: rounds over the sizes, alternating (default 3)
";

struct Options {
    sizes: Vec<usize>,
    seed: u64,
    samples: usize,
    corpora: PathBuf,
    server: PathBuf,
    limit: Duration,
    rounds: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match run(&args) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("newslint-bench: {e}\n\n{USAGE}");
            2
        }
    };
    std::process::exit(code);
}

fn run(args: &[String]) -> Result<(), String> {
    let mut opts = Options { sizes: vec![1000, 10_000, 50_000], seed: 1, samples: 200, corpora: PathBuf::from("/tmp/newslint-bench"), server: lsp::default_server(), limit: Duration::from_secs(30), rounds: 3 };
    let mut samples_given = false;
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--sizes" => opts.sizes = value()?.split(',').map(|s| s.trim().replace('_', "").parse().map_err(|_| format!("bad size '{s}'"))).collect::<Result<_, _>>()?,
            "--seed" => opts.seed = value()?.parse().map_err(|_| "bad seed")?,
            "--samples" => {
                opts.samples = value()?.parse().map_err(|_| "bad sample count")?;
                samples_given = true;
            }
            "--limit" => opts.limit = Duration::from_secs(value()?.parse().map_err(|_| "bad limit")?),
            "--rounds" => opts.rounds = value()?.parse().ok().filter(|r| *r > 0).ok_or("bad round count")?,
            "--corpora" => opts.corpora = PathBuf::from(value()?),
            "--server" => opts.server = PathBuf::from(value()?),
            "-h" | "--help" => {
                eprint!("{USAGE}");
                return Ok(());
            }
            _ => positional.push(arg.clone()),
        }
    }
    match positional.first().map(String::as_str) {
        Some("gen") => {
            let n: usize = positional.get(1).and_then(|s| s.replace('_', "").parse().ok()).ok_or("gen needs N")?;
            let dir = PathBuf::from(positional.get(2).ok_or("gen needs DIR")?);
            let t = Instant::now();
            let bytes = write_corpus(&Generator::new(Params::new(n, opts.seed)), &dir, 2).map_err(|e| e.to_string())?;
            eprintln!("wrote {n} articles, {:.1} MB, to {} in {:.2} s", mb(bytes), dir.display(), t.elapsed().as_secs_f64());
            Ok(())
        }
        Some("engine") => print(engine_tables(&opts)),
        Some("analysis") => print(engine::analysis_table(&opts.sizes, opts.seed)),
        Some("index") => print(engine::index_table(&opts.sizes, opts.seed, opts.rounds)),
        Some("drift") => print(engine::drift_table(&opts.sizes, opts.seed)),
        Some("facts") => {
            let dirs: Vec<PathBuf> = positional[1..].iter().map(PathBuf::from).collect();
            for line in engine::facts_digest(&dirs)? {
                println!("{line}");
            }
            Ok(())
        }
        Some("pathological") => {
            machine();
            let runs = if samples_given { opts.samples } else { 5 };
            print(pathological::tables(opts.seed, runs, opts.limit)?)?;
            println!("after the run: {}", load());
            Ok(())
        }
        // One case, in the child process `pathological` starts.
        Some("pathological-case") => {
            pathological::run_case(positional.get(1).ok_or("which case?")?, opts.seed, if samples_given { opts.samples } else { 5 })
        }
        Some("check") => print(vec![check_table(&opts)?]),
        Some("lsp") => print(lsp_tables(&opts)?),
        Some("all") => {
            machine();
            print(engine_tables(&opts))?;
            print(engine::index_table(&opts.sizes, opts.seed, opts.rounds))?;
            print(engine::drift_table(&opts.sizes, opts.seed))?;
            print(vec![check_table(&opts)?])?;
            print(lsp_tables(&opts)?)?;
            println!("after the run: {}", load());
            Ok(())
        }
        _ => Err("which benchmark?".into()),
    }
}

fn print(tables: Vec<Table>) -> Result<(), String> {
    for t in tables {
        println!("{}", t.render());
    }
    Ok(())
}

/// The machine, for the record.
fn machine() {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|s| s.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())).unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mem = measure::proc_status_bytes("self", "VmRSS").map(|_| ()).and(std::fs::read_to_string("/proc/meminfo").ok()).and_then(|m| m.lines().next().map(str::to_string)).unwrap_or_default();
    println!("machine: {cpu}, {cores} cores, {mem}, {}", load());
}

/// The load average: other work on the machine skews every figure.
fn load() -> String {
    let avg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    format!("load average {}", avg.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

fn engine_tables(opts: &Options) -> Vec<Table> {
    let mut figures = Vec::new();
    for &n in &opts.sizes {
        eprintln!("engine: {n} articles…");
        figures.push(engine::run(n, opts.seed, opts.samples));
        // The figures so far, on stderr: a long run shows each size as it
        // finishes, and a run stopped early still leaves them.
        for table in engine::tables(&figures) {
            eprintln!("{}", table.render());
        }
    }
    engine::tables(&figures)
}

/// The corpus of `n` articles on disk, written if missing.
fn corpus_dir(opts: &Options, n: usize) -> Result<(PathBuf, u64), String> {
    let dir = opts.corpora.join(format!("n{n}-s{}", opts.seed));
    let done = dir.with_extension("done");
    if let Some(bytes) = std::fs::read_to_string(&done).ok().and_then(|s| s.trim().parse().ok()) {
        return Ok((dir, bytes));
    }
    let _ = std::fs::remove_dir_all(&dir);
    let t = Instant::now();
    let bytes = write_corpus(&Generator::new(Params::new(n, opts.seed)), &dir, 2).map_err(|e| format!("{}: {e}", dir.display()))?;
    eprintln!("wrote {n} articles ({:.1} MB) in {:.2} s", mb(bytes), t.elapsed().as_secs_f64());
    std::fs::write(&done, bytes.to_string()).map_err(|e| e.to_string())?;
    Ok((dir, bytes))
}

fn check_table(opts: &Options) -> Result<Table, String> {
    let mut table = Table::new(
        "`newslint check` (a fresh process, files in the page cache)",
        &["articles", "corpus MB", "wall time (median of runs)", "throughput", "CPU time / wall (cores used)", "MB per CPU-second", "peak RSS MB", "peak RSS per corpus MB", "peak RSS / (3 × corpus + 50 MB)", "findings"],
    );
    for &n in &opts.sizes {
        let (dir, bytes) = corpus_dir(opts, n)?;
        let runs = if n <= 2_000 { 3 } else { 1 };
        let mut results = Vec::new();
        for _ in 0..runs {
            results.push(check_once(&opts.server, &dir)?);
        }
        results.sort_by_key(|r| r.0);
        let (wall, cpu, peak, findings) = results[results.len() / 2].clone();
        table.row(vec![
            n.to_string(),
            format!("{:.1}", mb(bytes)),
            format!("{:.2} s", wall.as_secs_f64()),
            format!("{:.1} MB/s", mb(bytes) / wall.as_secs_f64()),
            format!("{:.2}", cpu.as_secs_f64() / wall.as_secs_f64()),
            format!("{:.1}", mb(bytes) / cpu.as_secs_f64()),
            format!("{:.0}", mb(peak)),
            format!("{:.2}", peak as f64 / bytes as f64),
            format!("{:.2}", measure::over_budget(peak, bytes)),
            findings,
        ]);
    }
    Ok(table)
}

fn check_once(server: &Path, dir: &Path) -> Result<(Duration, Duration, u64, String), String> {
    let out = dir.with_extension("check.out");
    let t = Instant::now();
    let child = Command::new(server)
        .arg("check")
        .arg(dir)
        .stdout(std::fs::File::create(&out).map_err(|e| e.to_string())?)
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", server.display()))?;
    // The child's peak memory, read from /proc while it runs: `ru_maxrss`
    // would count the parent's memory the child had before exec.
    let pid = child.id().to_string();
    let peak = std::thread::scope(|s| {
        let watcher = s.spawn(|| {
            let mut peak = 0;
            while let Some(hwm) = measure::proc_status_bytes(&pid, "VmHWM") {
                peak = peak.max(hwm);
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        });
        let usage = wait_with_usage(&child);
        (usage, watcher.join().unwrap_or(0))
    });
    let (usage, peak) = (peak.0.map_err(|e| e.to_string())?, peak.1);
    let wall = t.elapsed();
    if usage.status > 1 {
        return Err(format!("newslint check exited with {}", usage.status));
    }
    let printed = std::fs::read_to_string(&out).unwrap_or_default();
    let summary = printed.lines().last().unwrap_or("").split(" findings").next().unwrap_or("").to_string();
    Ok((wall, usage.cpu, peak, summary))
}

fn lsp_tables(opts: &Options) -> Result<Vec<Table>, String> {
    let mut figures = Vec::new();
    for &n in &opts.sizes {
        let (dir, bytes) = corpus_dir(opts, n)?;
        let generator = Generator::new(Params::new(n, opts.seed));
        let generated: Vec<GenArticle> = generator.articles().collect();
        eprintln!("lsp: {n} articles…");
        let setup = lsp::Setup { server: &opts.server, dir: &dir, generator: &generator, generated: &generated, bytes, samples: opts.samples, patience: Duration::from_secs(3600) };
        let f = lsp::run(&setup);
        if !f.note.is_empty() {
            eprintln!("lsp at {n}: {}", f.note);
        }
        figures.push(f);
    }
    Ok(lsp::tables(&figures))
}
