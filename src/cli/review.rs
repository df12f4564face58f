//! `newslint review`: the ledger of accepted findings for a standards desk,
//! and the accepted findings `newslint check --show-suppressed` lists.
//! Every acceptance, inline or in `newslint-review.toml`, with its reason,
//! who and when, and the review entries that accept nothing any more.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::entities::csv_field;
use super::load::display_path;
use crate::index::Corpus;
use crate::suppress::{anchor, How, Suppressed};
use crate::text::{Encoding, LineIndex};

/// One line of the ledger.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Row {
    pub path: String,
    /// Where the finding is, 1-based; 0 for an entry that matches nothing.
    pub line: u32,
    pub column: u32,
    pub rule: String,
    /// What the acceptance matches: the quotation, the spelling.
    pub anchor: String,
    pub reason: String,
    pub by: String,
    pub date: String,
    /// Where it is written: `newslint-review.toml:12` or `inline:4`.
    pub recorded: String,
    /// `accepted`, or `unused` for an entry that matches nothing.
    pub status: &'static str,
    /// The message the finding would show.
    pub message: String,
}

/// Every acceptance in the corpus, in path and line order.
pub fn rows(corpus: &Corpus) -> Vec<Row> {
    let mut paths: Vec<&PathBuf> = corpus.paths().collect();
    paths.sort();
    let mut out = Vec::new();
    let mut used: BTreeSet<usize> = BTreeSet::new();
    for path in paths {
        let Some(entry) = corpus.article(path) else { continue };
        let checked = crate::rules::check_all(corpus, path);
        let index = LineIndex::new(&entry.text);
        for s in checked.suppressed {
            if let How::Review { line, .. } = &s.how {
                used.insert(*line);
            }
            out.push(row(path, &entry.text, &index, s));
        }
    }
    let review = corpus.review();
    for e in &review.entries {
        if !used.contains(&e.line) {
            let here = corpus.paths().any(|p| e.is_for(review.root(), p));
            let why = if here { "matches no finding of the article" } else { "no such article in the corpus" };
            out.push(Row {
                path: e.file.display().to_string(),
                line: 0,
                column: 0,
                rule: e.rule.clone(),
                anchor: e.anchor.clone(),
                reason: e.reason.clone(),
                by: e.by.clone(),
                date: e.date.clone(),
                recorded: format!("{}:{}", crate::suppress::review::FILE_NAME, e.line),
                status: "unused",
                message: why.to_string(),
            });
        }
    }
    out
}

fn row(path: &Path, text: &str, index: &LineIndex, s: Suppressed) -> Row {
    let at = index.line_col(text, s.finding.span.start, Encoding::Utf32);
    let recorded = match &s.how {
        How::Directive { line } => format!("inline:{line}"),
        How::Review { line, .. } => format!("{}:{line}", crate::suppress::review::FILE_NAME),
    };
    Row {
        path: display_path(path),
        line: at.line + 1,
        column: at.col + 1,
        rule: s.finding.code.to_string(),
        anchor: anchor(&s.finding, text),
        reason: s.reason,
        by: s.by,
        date: s.date,
        recorded,
        status: "accepted",
        message: s.finding.message,
    }
}

pub fn text(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        let who = match (r.by.is_empty(), r.date.is_empty()) {
            (true, true) => String::new(),
            (false, true) => format!(" ({})", r.by),
            (true, false) => format!(" ({})", r.date),
            (false, false) => format!(" ({}, {})", r.by, r.date),
        };
        let place = if r.line == 0 { r.path.clone() } else { format!("{}:{}:{}", r.path, r.line, r.column) };
        out.push_str(&format!("{place}: {}[{}]: {}\n", r.status, r.rule, r.message));
        out.push_str(&format!("    reason: {}{who}; {}\n", r.reason, r.recorded));
    }
    let accepted = rows.iter().filter(|r| r.status == "accepted").count();
    out.push_str(&format!("{accepted} accepted, {} unused\n", rows.len() - accepted));
    out
}

pub fn json(rows: &[Row]) -> String {
    let mut s = serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from("path,line,column,rule,anchor,reason,by,date,recorded,status,message\n");
    for r in rows {
        let fields = [
            csv_field(&r.path),
            r.line.to_string(),
            r.column.to_string(),
            csv_field(&r.rule),
            csv_field(&r.anchor),
            csv_field(&r.reason),
            csv_field(&r.by),
            csv_field(&r.date),
            csv_field(&r.recorded),
            r.status.to_string(),
            csv_field(&r.message),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// The accepted findings of `rows` as `check` lists them after its own.
pub fn shown_by_check(rows: &[Row]) -> String {
    let mut out = String::from("accepted:\n");
    let accepted: Vec<&Row> = rows.iter().filter(|r| r.status == "accepted").collect();
    for r in &accepted {
        let who = [r.by.as_str(), r.date.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
        let who = if who.is_empty() { String::new() } else { format!(" ({who})") };
        out.push_str(&format!("{}:{}:{}: accepted[{}]: {} — {}{who}; {}\n", r.path, r.line, r.column, r.rule, r.message, r.reason, r.recorded));
    }
    out.push_str(&format!("{} accepted\n", accepted.len()));
    out
}
