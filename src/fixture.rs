//! Annotated text fixtures for tests, in the manner of rust-analyzer's.
//!
//! A fixture is one string holding one or more articles, each after a
//! `//- /path` header line (a fixture without a header is one article,
//! `/a.txt`). A line of carets under a text line marks where a finding is
//! expected, with the rule's code and, optionally, words its message must
//! contain:
//!
//! ```text
//! //- /a.txt
//! "We will not stop until every road is repaired," she added.
//! ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote
//! ```
//!
//! Annotation lines are removed before analysis. [`check`] builds a corpus
//! from the articles, runs every rule and compares the findings of the given
//! codes with the annotations, in both directions.

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::index::Corpus;
use crate::rules::{self, Finding};
use crate::text::{Encoding, LineIndex};

/// One parsed fixture file.
#[derive(Debug)]
pub struct FixtureFile {
    pub path: PathBuf,
    pub text: String,
    /// (line, start column, end column, annotation text), columns in chars.
    pub expected: Vec<(usize, usize, usize, String)>,
}

pub fn parse(fixture: &str) -> Vec<FixtureFile> {
    let mut files: Vec<FixtureFile> = Vec::new();
    let fixture = fixture.strip_prefix('\n').unwrap_or(fixture);
    for raw in fixture.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if let Some(path) = line.strip_prefix("//- ") {
            files.push(FixtureFile { path: PathBuf::from(path.trim()), text: String::new(), expected: Vec::new() });
            continue;
        }
        if files.is_empty() {
            files.push(FixtureFile { path: PathBuf::from("/a.txt"), text: String::new(), expected: Vec::new() });
        }
        let file = files.last_mut().expect("a file");
        let trimmed = line.trim_start();
        if trimmed.starts_with('^') {
            let start = line.chars().count() - trimmed.chars().count();
            let carets = trimmed.chars().take_while(|&c| c == '^').count();
            let note = trimmed[carets..].trim().to_string();
            let text_line = file.text.matches('\n').count().saturating_sub(1);
            file.expected.push((text_line, start, start + carets, note));
            continue;
        }
        file.text.push_str(raw);
    }
    files
}

/// A corpus built from a fixture's articles.
pub fn corpus(files: &[FixtureFile], config: Config) -> Corpus {
    let mut corpus = Corpus::new(config);
    for f in files {
        corpus.upsert(f.path.clone(), Arc::from(f.text.as_str()));
    }
    corpus
}

/// Where a finding lands, as (line, start column, end column) in chars; a
/// finding over several lines is cut at the end of its first line.
pub fn finding_columns(text: &str, finding: &Finding) -> (usize, usize, usize) {
    let idx = LineIndex::new(text);
    let start = idx.line_col(text, finding.span.start, Encoding::Utf32);
    let end = idx.line_col(text, finding.span.end, Encoding::Utf32);
    let end_col = if end.line == start.line {
        end.col as usize
    } else {
        let range = idx.line_range(text, start.line as usize);
        text[range].chars().count()
    };
    (start.line as usize, start.col as usize, end_col)
}

/// Run every rule on the fixture and compare the findings whose code is in
/// `codes` with its annotations. Each annotation reads `code` or
/// `code: words the message contains`.
#[track_caller]
pub fn check(codes: &[&str], fixture: &str) {
    check_with_config(codes, fixture, Config::default())
}

#[track_caller]
pub fn check_with_config(codes: &[&str], fixture: &str, config: Config) {
    let files = parse(fixture);
    let corpus = corpus(&files, config);
    let mut problems = Vec::new();
    for f in &files {
        let findings: Vec<Finding> =
            rules::check(&corpus, &f.path).into_iter().filter(|x| codes.contains(&x.code)).collect();
        let mut unmatched: Vec<&(usize, usize, usize, String)> = f.expected.iter().collect();
        for finding in &findings {
            let (line, start, end) = finding_columns(&f.text, finding);
            let pos = unmatched.iter().position(|(l, s, e, note)| {
                let (code, words) = note.split_once(':').unwrap_or((note.as_str(), ""));
                *l == line
                    && *s == start
                    && *e == end
                    && code.trim() == finding.code
                    && finding.message.contains(words.trim())
            });
            match pos {
                Some(p) => {
                    unmatched.remove(p);
                }
                None => problems.push(format!(
                    "{}:{}:{}-{}: unexpected {} `{}`",
                    f.path.display(),
                    line + 1,
                    start + 1,
                    end + 1,
                    finding.code,
                    finding.message
                )),
            }
        }
        for (l, s, e, note) in unmatched {
            problems.push(format!("{}:{}:{}-{}: expected `{}`, not found", f.path.display(), l + 1, s + 1, e + 1, note));
        }
    }
    assert!(problems.is_empty(), "fixture mismatch:\n{}", problems.join("\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_point_at_the_line_above() {
        let files = parse(
            "
//- /one.txt
first line
  ^^^^ code-a: words
second
//- /two.md
# Title
",
        );
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].text, "first line\nsecond\n");
        assert_eq!(files[0].expected, vec![(0, 2, 6, "code-a: words".to_string())]);
        assert_eq!(files[1].path, PathBuf::from("/two.md"));
    }
}
