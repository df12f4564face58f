//! `newslint check`, `newslint entities` and the dispatch to `newslint lsp`.

pub mod load;

use std::io::Write;
use std::path::PathBuf;

use crate::rules;
use crate::text::{Encoding, LineIndex};

const USAGE: &str = "usage: newslint <command> [options]

commands:
  check [PATH...]      lint the articles under PATH (default: .)
  entities [PATH...]   list the people, organisations and places of the corpus
  lsp                  run the language server on standard input and output
";

/// Run the command line; returns the exit status.
pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("lsp") => crate::server::run(),
        Some("-h" | "--help" | "help") => {
            print_out(USAGE);
            0
        }
        Some(other) => {
            eprintln!("newslint: unknown command '{other}'\n\n{USAGE}");
            2
        }
        None => {
            eprintln!("{USAGE}");
            2
        }
    }
}

fn print_out(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
}

fn check(args: &[String]) -> i32 {
    let paths: Vec<PathBuf> = if args.is_empty() { vec![PathBuf::from(".")] } else { args.iter().map(PathBuf::from).collect() };
    let loaded = match load::load(&paths) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("newslint: {e}");
            return 2;
        }
    };
    for problem in &loaded.problems {
        eprintln!("newslint: {problem}");
    }
    let mut out = String::new();
    let mut count = 0;
    let mut files: Vec<&PathBuf> = loaded.corpus.paths().collect();
    files.sort();
    for path in files {
        let entry = loaded.corpus.article(path).expect("listed");
        let idx = LineIndex::new(&entry.text);
        for f in rules::check(&loaded.corpus, path) {
            let lc = idx.line_col(&entry.text, f.span.start, Encoding::Utf32);
            out.push_str(&format!(
                "{}:{}:{}: {}[{}]: {}\n",
                path.display(),
                lc.line + 1,
                lc.col + 1,
                f.severity.as_str(),
                f.code,
                f.message
            ));
            count += 1;
        }
    }
    out.push_str(&format!("{count} findings in {} articles\n", loaded.corpus.len()));
    print_out(&out);
    i32::from(count > 0)
}
