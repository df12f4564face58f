//! `newslint check`, `newslint entities` and the dispatch to `newslint lsp`.
//!
//! Exit status: 0 when nothing at or above `--fail-on` was found, 1 when
//! something was, 2 on a usage or I/O error (a bad flag, a missing path, a
//! bad `newslint.toml`), and 2 when nothing could be checked (every file
//! given was skipped, or there was none), so that a CI gate never passes
//! having checked nothing. Files that cannot be read, and files whose
//! analysis failed with an internal error, are reported on stderr and
//! skipped; otherwise they do not change the status.

pub mod entities;
pub mod load;
pub mod output;
pub mod panics;
pub mod pipeline;
pub mod quotes;
pub mod review;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::Severity;
use crate::index::Corpus;
use crate::rules::{self, Finding};
use crate::text::LineIndex;

const USAGE: &str = "usage: newslint <command> [options]

commands:
  check [PATH...]      lint the articles under PATH (default: .)
  entities [PATH...]   list the people, organisations and places of the corpus
  quotes [PATH...]     list the quotations, each with its versions in other articles
  review [PATH...]     list the findings accepted, with reason, who and when
  lsp                  run the language server on standard input and output

Run `newslint <command> --help` for a command's options.
";

const CHECK_USAGE: &str = "usage: newslint check [PATH...] [--format text|json|sarif] [--fail-on LEVEL] [--show-suppressed]

Lint the .txt and .md articles under each PATH (default: .), respecting
.gitignore and the [files] globs of newslint.toml (found by walking up from
the first PATH).

options:
  --format text|json|sarif   output format (default: text)
  --fail-on LEVEL            exit 1 when a finding at or above LEVEL is found:
                             error, warning, information, hint or none
                             (default: warning)
  --show-suppressed          then list the findings accepted (inline or in
                             newslint-review.toml), with the reason (text)
  -h, --help                 print this help

exit status: 0 nothing at or above --fail-on, 1 something was found,
2 usage or I/O error (bad flag, missing path, bad newslint.toml) or
nothing checked (every file skipped)
";

const ENTITIES_USAGE: &str = "usage: newslint entities [PATH...] [--format text|json|csv]

List every entity of the corpus under PATH (default: .), most mentioned first:
preferred name, kind, spellings with counts, mention and article counts,
descriptors with the article they come from, and the quotes attributed to it.

options:
  --format text|json|csv     output format (default: text)
  -h, --help                 print this help
";

const QUOTES_USAGE: &str = "usage: newslint quotes [PATH...] [--format text|json|csv]

The quotation ledger of the corpus under PATH (default: .): every quotation of
five words or more, grouped with its versions in other articles (copies,
excerpts, changed wordings), by speaker, with each version's file, line,
relation to the fullest version, and the speaker it names.

options:
  --format text|json|csv     output format (default: text)
  -h, --help                 print this help
";

const REVIEW_USAGE: &str = "usage: newslint review [PATH...] [--format text|json|csv]

The ledger of accepted findings of the corpus under PATH (default: .): every
finding accepted by an inline directive or by newslint-review.toml, with where
it is, the rule, what it matches, the reason, who and when, and the review
entries that match nothing any more (unused).

options:
  --format text|json|csv     output format (default: text)
  -h, --help                 print this help
";

/// Run the command line; returns the exit status.
pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => {
            panics::install_quiet_hook();
            check(&args[1..])
        }
        Some("entities") => {
            panics::install_quiet_hook();
            entities(&args[1..])
        }
        Some("quotes") => {
            panics::install_quiet_hook();
            quotes(&args[1..])
        }
        Some("review") => {
            panics::install_quiet_hook();
            review(&args[1..])
        }
        Some("lsp") => crate::server::run(),
        Some("-h" | "--help" | "help") => {
            print_out(USAGE);
            0
        }
        Some("-V" | "--version") => {
            print_out(&format!("newslint {}\n", env!("CARGO_PKG_VERSION")));
            0
        }
        Some(other) => usage_error(&format!("unknown command '{other}'"), USAGE),
        None => {
            eprint!("{USAGE}");
            2
        }
    }
}

fn print_out(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

fn usage_error(message: &str, usage: &str) -> i32 {
    eprintln!("newslint: {message}\n\n{usage}");
    2
}

/// Parsed options of a command.
#[derive(Debug, Default, PartialEq, Eq)]
struct Options {
    paths: Vec<PathBuf>,
    format: Option<String>,
    fail_on: Option<String>,
    help: bool,
    show_suppressed: bool,
}

/// Parse `[PATH...]` and the flags in `flags` (each takes a value, as
/// `--flag value` or `--flag=value`). `--` ends the flags.
fn parse(args: &[String], flags: &[&str]) -> Result<Options, String> {
    let mut opts = Options::default();
    let mut iter = args.iter();
    let mut only_paths = false;
    while let Some(arg) = iter.next() {
        if only_paths || !arg.starts_with('-') || arg == "-" {
            opts.paths.push(PathBuf::from(arg));
            continue;
        }
        if arg == "--" {
            only_paths = true;
            continue;
        }
        if arg == "-h" || arg == "--help" {
            opts.help = true;
            continue;
        }
        if arg == "--show-suppressed" && flags.contains(&"--show-suppressed") {
            opts.show_suppressed = true;
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (arg.as_str(), None),
        };
        if !flags.contains(&name) {
            return Err(format!("unknown option '{name}'"));
        }
        let value = match inline {
            Some(v) => v,
            None => iter.next().cloned().ok_or_else(|| format!("option '{name}' needs a value"))?,
        };
        match name {
            "--format" => opts.format = Some(value),
            "--fail-on" => opts.fail_on = Some(value),
            _ => unreachable!("flags are checked above"),
        }
    }
    if opts.paths.is_empty() {
        opts.paths.push(PathBuf::from("."));
    }
    Ok(opts)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Sarif,
    Csv,
}

fn format(value: Option<&str>, allowed: &[&str]) -> Result<Format, String> {
    let value = value.unwrap_or("text");
    if !allowed.contains(&value) {
        return Err(format!("unknown format '{value}'; use {}", allowed.join(", ")));
    }
    Ok(match value {
        "json" => Format::Json,
        "sarif" => Format::Sarif,
        "csv" => Format::Csv,
        _ => Format::Text,
    })
}

/// `--fail-on`: the least severity that fails the run, or `None` for never.
fn fail_on(value: Option<&str>) -> Result<Option<Severity>, String> {
    match value {
        None => Ok(Some(Severity::Warning)),
        Some("none" | "never") => Ok(None),
        Some(v) => Severity::parse(v)
            .map(Some)
            .ok_or_else(|| format!("unknown level '{v}' for --fail-on; use error, warning, information, hint or none")),
    }
}

fn check(args: &[String]) -> i32 {
    let opts = match parse(args, &["--format", "--fail-on", "--show-suppressed"]) {
        Ok(o) => o,
        Err(e) => return usage_error(&e, CHECK_USAGE),
    };
    if opts.help {
        print_out(CHECK_USAGE);
        return 0;
    }
    let (format, threshold) = match (format(opts.format.as_deref(), &["text", "json", "sarif"]), fail_on(opts.fail_on.as_deref())) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(e), _) | (_, Err(e)) => return usage_error(&e, CHECK_USAGE),
    };
    let loaded = match load_reporting(&opts.paths) {
        Some(l) => l,
        None => return 2,
    };
    let style = match format {
        Format::Json => output::Style::Json,
        Format::Sarif => output::Style::Sarif,
        _ => output::Style::Text,
    };
    // Each article's findings are rendered on the worker that found them and
    // written in path order as soon as those before them are out.
    let mut writer = output::Writer::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()), style);
    let render = |found: Vec<output::Located>| output::render(style, &found);
    let (checked, failed) = check_articles(&loaded.corpus, &rules::check, &render, |rendered| writer.article(rendered));
    for problem in &failed {
        eprintln!("newslint: {problem}");
    }
    if checked == 0 {
        // Nothing has been written: only checked articles write.
        let why = if loaded.problems.is_empty() { "no articles (.txt or .md files) found" } else { "every file was skipped" };
        eprintln!("newslint: nothing checked: {why}");
        return 2;
    }
    let counts = writer.finish(checked);
    if opts.show_suppressed && format == Format::Text {
        print_out(&review::shown_by_check(&review::rows(&loaded.corpus)));
    }
    // The process ends now: freeing every article's facts one by one would
    // only keep the user waiting.
    std::mem::forget(loaded);
    i32::from(threshold.is_some_and(|t| counts.any_at_least(t)))
}

/// The rules over every article of `corpus` on every core, in path order:
/// each article's findings, located and then passed through `render` on the
/// worker, go to `each` on this thread in path order. Returns how many
/// articles were checked, and the articles skipped because the rules
/// panicked on them (such an article gets no findings rather than some of
/// them).
fn check_articles<R: Send>(
    corpus: &Corpus,
    rules: &(dyn Fn(&Corpus, &Path) -> Vec<Finding> + Sync),
    render: &(dyn Fn(Vec<output::Located>) -> R + Sync),
    mut each: impl FnMut(R),
) -> (usize, Vec<String>) {
    let mut files: Vec<&PathBuf> = corpus.paths().collect();
    files.sort_unstable();
    let one = |path: &&PathBuf| {
        let entry = corpus.article(path).expect("a listed article");
        let shown = load::display_path(path);
        match panics::catch(|| rules(corpus, path)) {
            Ok(findings) => {
                let index = LineIndex::new(&entry.text);
                Ok(render(findings.into_iter().map(|f| output::Located::new(shown.clone(), &entry.text, &index, f)).collect()))
            }
            Err(e) => Err(format!("{shown}: skipped: {}: {e}", load::INTERNAL_ERROR)),
        }
    };
    let mut checked = 0;
    let mut failed = Vec::new();
    pipeline::ordered(&files, &one, |result| match result {
        Ok(rendered) => {
            checked += 1;
            each(rendered);
        }
        Err(problem) => failed.push(problem),
    });
    (checked, failed)
}

/// Load the corpus under `paths`, telling the user on stderr about files
/// skipped; `None` (exit status 2) when it cannot be loaded at all.
fn load_reporting(paths: &[PathBuf]) -> Option<load::Loaded> {
    let loaded = load::load(paths).map_err(|e| eprintln!("newslint: {e}")).ok()?;
    for problem in &loaded.problems {
        eprintln!("newslint: {problem}");
    }
    Some(loaded)
}

fn entities(args: &[String]) -> i32 {
    listing(args, ENTITIES_USAGE, |corpus, format| {
        let rows = entities::rows(corpus);
        match format {
            Format::Json => entities::json(&rows),
            Format::Csv => entities::csv(&rows),
            _ => entities::text(&rows),
        }
    })
}

fn quotes(args: &[String]) -> i32 {
    listing(args, QUOTES_USAGE, |corpus, format| {
        let rows = quotes::rows(corpus);
        match format {
            Format::Json => quotes::json(&rows),
            Format::Csv => quotes::csv(&rows),
            _ => quotes::text(&rows),
        }
    })
}

fn review(args: &[String]) -> i32 {
    listing(args, REVIEW_USAGE, |corpus, format| {
        let rows = review::rows(corpus);
        match format {
            Format::Json => review::json(&rows),
            Format::Csv => review::csv(&rows),
            _ => review::text(&rows),
        }
    })
}

/// A command that lists what the corpus under its paths holds, as text,
/// JSON or CSV: `entities` and `quotes`.
fn listing(args: &[String], usage: &str, render: impl Fn(&Corpus, Format) -> String) -> i32 {
    let opts = match parse(args, &["--format"]) {
        Ok(o) => o,
        Err(e) => return usage_error(&e, usage),
    };
    if opts.help {
        print_out(usage);
        return 0;
    }
    let format = match format(opts.format.as_deref(), &["text", "json", "csv"]) {
        Ok(f) => f,
        Err(e) => return usage_error(&e, usage),
    };
    let Some(loaded) = load_reporting(&opts.paths) else { return 2 };
    print_out(&render(&loaded.corpus, format));
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn options_in_both_spellings_and_paths_anywhere() {
        let o = parse(&args(&["a", "--format=json", "b", "--fail-on", "error"]), &["--format", "--fail-on"]).unwrap();
        assert_eq!(o.paths, vec![PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!((o.format.as_deref(), o.fail_on.as_deref()), (Some("json"), Some("error")));
        assert_eq!(parse(&[], &[]).unwrap().paths, vec![PathBuf::from(".")]);
        assert_eq!(parse(&args(&["--", "--odd"]), &[]).unwrap().paths, vec![PathBuf::from("--odd")]);
    }

    #[test]
    fn rules_that_panic_on_an_article_skip_it_without_findings() {
        panics::install_quiet_hook();
        let mut corpus = Corpus::default();
        corpus.upsert(PathBuf::from("a.txt"), "Harbour stays shut\n\nThe harbour stayed shut.\n".into());
        corpus.upsert(PathBuf::from("b.txt"), "Harbour stays shut\n\nThe harbour stayed shut.\n".into());
        let keep = |found: Vec<output::Located>| found;
        let mut found = Vec::new();
        let (checked, failed) = check_articles(&corpus, &rules::check, &keep, |f| found.extend(f));
        assert_eq!((found.len(), checked, failed.len()), (2, 2, 0), "missing-source in each");
        let panicking = |corpus: &Corpus, path: &Path| {
            let findings = rules::check(corpus, path);
            assert!(path != Path::new("b.txt"), "index out of bounds:\nthe len is 0");
            findings
        };
        let mut found = Vec::new();
        let (checked, failed) = check_articles(&corpus, &panicking, &keep, |f| found.extend(f));
        assert_eq!(checked, 1);
        assert!(found.iter().all(|f| f.path == "a.txt") && found.len() == 1);
        assert_eq!(failed.len(), 1);
        assert!(failed[0].starts_with("b.txt: skipped: internal error: index out of bounds: the len is 0 (at src/cli/mod.rs:"), "{}", failed[0]);
    }

    #[test]
    fn bad_options_are_usage_errors() {
        assert!(parse(&args(&["--colour"]), &["--format"]).unwrap_err().contains("unknown option"));
        assert!(parse(&args(&["--format"]), &["--format"]).unwrap_err().contains("needs a value"));
        assert!(format(Some("xml"), &["text", "json"]).is_err());
        assert_eq!(fail_on(Some("none")), Ok(None));
        assert_eq!(fail_on(Some("info")), Ok(Some(Severity::Information)));
        assert!(fail_on(Some("loud")).is_err());
    }
}
