//! Suppressions: findings a person accepted, with the reason, who and when.
//!
//! Two places hold them: inline directives in the article
//! ([`directive`], markdownlint's forms with a reason), and the corpus's
//! review file ([`review`], for articles that must stay as published), whose
//! entries match a finding by its anchor text. [`apply`] takes an article's
//! findings and returns those still standing, those accepted, and findings of
//! its own: a directive that names an unknown rule or gives no reason
//! (`invalid-suppression`), one that suppresses nothing and a review entry
//! that matches nothing (`unused-suppression`).

pub mod directive;
pub mod review;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analysis::Span;
use crate::codes::{INVALID_SUPPRESSION, UNUSED_SUPPRESSION};
use crate::config::Severity;
use crate::index::Corpus;
use crate::rules::{Finding, FindingData};
use crate::text::{Encoding, LineIndex};
use directive::{Directive, Kind, PLACEHOLDER_REASON};

/// A finding someone accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    #[serde(flatten)]
    pub finding: Finding,
    pub reason: String,
    pub by: String,
    pub date: String,
    pub how: How,
}

/// Where the acceptance is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum How {
    /// An inline directive, on this 1-based line of the article.
    Directive { line: usize },
    /// An entry of the review file, at this 1-based line.
    Review { path: PathBuf, line: usize },
}

/// An article's findings after its suppressions.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
}

/// What a review entry or a directive matches a finding by: the flagged
/// text without its quotation marks, spaces collapsed, apostrophes and
/// marks straightened, so that a re-scrape that changes only those still
/// matches.
pub fn anchor(finding: &Finding, text: &str) -> String {
    let raw = match &finding.data {
        FindingData::Quote { quote, .. } | FindingData::AnonymousSource { quote, .. } => quote.as_str(),
        FindingData::NameVariant { spelling, .. } | FindingData::MixedScript { spelling, .. } => spelling.as_str(),
        _ => text.get(finding.span.clone()).unwrap_or(""),
    };
    normalise(raw)
}

fn normalise(s: &str) -> String {
    let marks = |c: char| c.is_whitespace() || "\"'“”„‟‘’‚«»‹›「」『』".contains(c);
    let words: Vec<String> = s
        .trim_matches(marks)
        .split_whitespace()
        .map(|w| w.chars().map(|c| match c { '’' | '‘' | 'ʼ' => '\'', '“' | '”' | '„' => '"', c => c }).collect())
        .collect();
    words.join(" ")
}

/// Apply the article's directives and the corpus's review file to its
/// findings.
pub fn apply(corpus: &Corpus, path: &Path, text: &str, findings: Vec<Finding>) -> Checked {
    let directives = directive::parse(text);
    let review = corpus.review();
    let entries: Vec<&review::Entry> = review.entries_for(path).collect();
    if directives.is_empty() && entries.is_empty() {
        return Checked { findings, suppressed: Vec::new() };
    }
    let severity = |code: &str, default| corpus.config().severity(code, default);
    let lines = LineIndex::new(text);
    let line_of = |offset: usize| lines.line_col(text, offset, Encoding::Utf8).line as usize;
    let mut own = Vec::new();
    let valid: Vec<bool> = directives.iter().map(|d| validate(d, &severity, &mut own)).collect();
    let blanked = directive::blank(text).unwrap_or_else(|| text.to_string());
    let targets: Vec<Option<usize>> = directives.iter().map(|d| target_line(d, &blanked)).collect();
    let mut used: Vec<Vec<bool>> = directives.iter().map(|d| vec![false; d.rules.len()]).collect();
    let mut entry_used = vec![false; entries.len()];
    let mut out = Checked::default();
    for finding in findings {
        let line = line_of(finding.span.start);
        let by_directive = directives.iter().enumerate().find_map(|(i, d)| {
            if !valid[i] || d.kind == Kind::Enable {
                return None;
            }
            let r = d.rules.iter().position(|(code, _)| code == finding.code)?;
            let covers = match d.kind {
                Kind::File => true,
                Kind::Line | Kind::NextLine => targets[i] == Some(line),
                Kind::Disable => d.span.end <= finding.span.start && region_end(&directives, i, finding.code, text.len()) > finding.span.start,
                Kind::Enable => false,
            };
            covers.then_some((i, r))
        });
        if let Some((i, r)) = by_directive {
            used[i][r] = true;
            let d = &directives[i];
            let reason = d.reason.clone().unwrap_or_default();
            out.suppressed.push(Suppressed { finding, reason, by: String::new(), date: String::new(), how: How::Directive { line: d.line + 1 } });
            continue;
        }
        let key = anchor(&finding, text);
        let by_entry = entries.iter().position(|e| e.rule == finding.code && normalise(&e.anchor) == key);
        if let Some(i) = by_entry {
            entry_used[i] = true;
            let e = entries[i];
            if e.reason.trim() == PLACEHOLDER_REASON {
                if let Some(s) = severity(INVALID_SUPPRESSION, Severity::Hint) {
                    let message = format!("accepted in {}:{} with the placeholder reason; write why", review::FILE_NAME, e.line);
                    own.push(Finding { code: INVALID_SUPPRESSION, severity: s, span: finding.span.clone(), message, data: FindingData::None });
                }
            }
            let how = How::Review { path: review.path.clone(), line: e.line };
            out.suppressed.push(Suppressed { finding, reason: e.reason.clone(), by: e.by.clone(), date: e.date.clone(), how });
            continue;
        }
        out.findings.push(finding);
    }
    if let Some(s) = severity(UNUSED_SUPPRESSION, Severity::Hint) {
        for (i, d) in directives.iter().enumerate() {
            if !valid[i] || d.kind == Kind::Enable {
                continue;
            }
            for (r, (code, span)) in d.rules.iter().enumerate() {
                // A rule that is off finds nothing to suppress; that is no news.
                let on = severity(code, Severity::Warning).is_some();
                if !used[i][r] && on {
                    let message = format!("newslint-{} {code} suppresses nothing here; remove it", d.kind.as_str());
                    own.push(Finding { code: UNUSED_SUPPRESSION, severity: s, span: span.clone(), message, data: FindingData::None });
                }
            }
        }
        let top = first_line(&blanked);
        for (e, used) in entries.iter().zip(&entry_used) {
            if !used && severity(&e.rule, Severity::Warning).is_some() {
                let message = format!(
                    "{}:{} accepts {} on “{}”, which this article no longer has; remove the entry or update its anchor",
                    review::FILE_NAME,
                    e.line,
                    e.rule,
                    short(&e.anchor)
                );
                own.push(Finding { code: UNUSED_SUPPRESSION, severity: s, span: top.clone(), message, data: FindingData::None });
            }
        }
    }
    out.findings.extend(own);
    out.findings.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.code.cmp(b.code)));
    out
}

/// Whether a directive can suppress anything; reports why not.
fn validate(d: &Directive, severity: &dyn Fn(&str, Severity) -> Option<Severity>, own: &mut Vec<Finding>) -> bool {
    let Some(s) = severity(INVALID_SUPPRESSION, Severity::Warning) else {
        return !d.rules.is_empty() && (d.reason.is_some() || d.kind == Kind::Enable);
    };
    let mut push = |span: Span, message: String, s: Severity| {
        own.push(Finding { code: INVALID_SUPPRESSION, severity: s, span, message, data: FindingData::None });
    };
    let mut ok = true;
    if d.rules.is_empty() {
        push(d.span.clone(), format!("newslint-{} names no rule; write `newslint-{} RULE: reason`", d.kind.as_str(), d.kind.as_str()), s);
        ok = false;
    }
    for (code, span) in &d.rules {
        if !crate::codes::ALL.contains(&code.as_str()) {
            push(span.clone(), format!("unknown rule '{code}'; the rules are {}", crate::codes::ALL.join(", ")), s);
            ok = false;
        }
    }
    if d.kind != Kind::Enable {
        match d.reason.as_deref() {
            None => {
                let codes = d.rules.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(", ");
                push(d.span.clone(), format!("a suppression needs a reason: write `newslint-{} {codes}: why`; until then it suppresses nothing", d.kind.as_str()), s);
                ok = false;
            }
            Some(r) if r == PLACEHOLDER_REASON => {
                if let Some(h) = severity(INVALID_SUPPRESSION, Severity::Hint).map(|_| Severity::Hint) {
                    push(d.span.clone(), "the reason is still the placeholder; write why".into(), h);
                }
            }
            Some(_) => {}
        }
    }
    ok
}

/// The line a `disable-line` or `disable-next-line` directive covers: its
/// own, or the next line with text on it that is not itself a directive
/// (`blanked` is the text with its directives blanked).
fn target_line(d: &Directive, blanked: &str) -> Option<usize> {
    match d.kind {
        Kind::Line => Some(d.line),
        Kind::NextLine => {
            blanked.split('\n').enumerate().skip(d.line + 1).find(|(_, l)| !l.trim().is_empty()).map(|(i, _)| i)
        }
        _ => None,
    }
}

/// Where the region a `disable` directive opens ends for `code`: at the
/// next `enable` naming it, or at the end of the text.
fn region_end(directives: &[Directive], i: usize, code: &str, len: usize) -> usize {
    directives[i + 1..]
        .iter()
        .find(|d| d.kind == Kind::Enable && d.rules.iter().any(|(c, _)| c == code))
        .map_or(len, |d| d.span.start)
}

/// The first line with text, where findings about the whole article go.
fn first_line(t: &str) -> Span {
    let start = t.len() - t.trim_start().len();
    let end = t[start..].find(['\n', '\r']).map_or(t.len(), |e| start + e);
    start..end
}

fn short(anchor: &str) -> String {
    let words: Vec<&str> = anchor.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{} …", words[..8].join(" "))
    }
}

#[cfg(test)]
mod tests;
