//! Findings as text, JSON and SARIF 2.1.0. Byte ranges become 1-based lines
//! and columns here, columns counted in Unicode scalar values.

use serde::Serialize;
use serde_json::{json, Value};

use crate::config::Severity;
use crate::rules::{self, Finding, FindingData};
use crate::text::{Encoding, LineIndex};

/// One finding placed in its file.
#[derive(Clone, Debug, Serialize)]
pub struct Located {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub data: FindingData,
}

impl Located {
    pub fn new(path: String, text: &str, index: &LineIndex, finding: Finding) -> Located {
        let start = index.line_col(text, finding.span.start, Encoding::Utf32);
        let end = index.line_col(text, finding.span.end, Encoding::Utf32);
        Located {
            path,
            line: start.line + 1,
            column: start.col + 1,
            end_line: end.line + 1,
            end_column: end.col + 1,
            severity: finding.severity,
            code: finding.code,
            message: finding.message,
            data: finding.data,
        }
    }
}

pub fn text(findings: &[Located], articles: usize) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {}\n",
            f.path,
            f.line,
            f.column,
            f.severity.as_str(),
            f.code,
            f.message
        ));
    }
    out.push_str(&summary(findings, articles));
    out.push('\n');
    out
}

/// "3 findings (2 warnings, 1 information) in 5 articles".
pub fn summary(findings: &[Located], articles: usize) -> String {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let mut parts = Vec::new();
    for (s, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Information, "information", "information"),
        (Severity::Hint, "hint", "hints"),
    ] {
        match count(s) {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        }
    }
    let n = findings.len();
    let findings_word = if n == 1 { "finding" } else { "findings" };
    let articles_word = if articles == 1 { "article" } else { "articles" };
    if parts.is_empty() {
        format!("{n} {findings_word} in {articles} {articles_word}")
    } else {
        format!("{n} {findings_word} ({}) in {articles} {articles_word}", parts.join(", "))
    }
}

pub fn json(findings: &[Located]) -> String {
    let mut s = serde_json::to_string_pretty(findings).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// What each rule looks for, for SARIF's rule table.
fn describe(code: &str) -> (&'static str, &'static str, Severity) {
    match code {
        "missing-source" => (
            "MissingSource",
            "The article does not say where it came from: no dateline, credit line, source label, URL or front matter.",
            Severity::Warning,
        ),
        "unattributed-quote" => (
            "UnattributedQuote",
            "A direct quotation of five words or more, or a full sentence, with no speaker.",
            Severity::Warning,
        ),
        "anonymous-source" => (
            "AnonymousSource",
            "A quotation whose speaker the text does not name (\"an official said\").",
            Severity::Information,
        ),
        "unbalanced-quote" => (
            "UnbalancedQuote",
            "A quotation mark that never closes or never opens.",
            Severity::Warning,
        ),
        "name-variant" => (
            "NameVariant",
            "A spelling of a name that differs from the one the corpus prefers, or a possessive that lost its apostrophe.",
            Severity::Warning,
        ),
        "mixed-script" => (
            "MixedScript",
            "A word that mixes Latin letters with look-alikes from another script (UTS #39).",
            Severity::Warning,
        ),
        _ => ("Rule", "A newslint rule.", Severity::Warning),
    }
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// SARIF 2.1.0, as code-scanning tools read it: one run, the rule table in
/// `tool.driver.rules`, results with relative artifact URIs.
pub fn sarif(findings: &[Located]) -> String {
    let rules: Vec<Value> = rules::CODES
        .iter()
        .map(|code| {
            let (name, text, level) = describe(code);
            json!({
                "id": code,
                "name": name,
                "shortDescription": { "text": text },
                "fullDescription": { "text": text },
                "defaultConfiguration": { "level": sarif_level(level) },
                "help": { "text": format!("{text} Configure or turn it off under [rules] in newslint.toml as `{code} = \"off\"`.") }
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let rule_index = rules::CODES.iter().position(|c| *c == f.code);
            let mut result = json!({
                "ruleId": f.code,
                "level": sarif_level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(&f.path),
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column
                        }
                    }
                }],
                "properties": { "data": f.data }
            });
            if let Some(i) = rule_index {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "newslint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/newslint/newslint",
                    "rules": rules
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

/// Where a finding's file is: relative to the source root when the path is
/// relative (as code scanning wants), else an absolute `file://` URI.
fn artifact(path: &str) -> Value {
    if path.starts_with('/') {
        json!({ "uri": format!("file://{}", uri(path)) })
    } else {
        json!({ "uri": uri(path), "uriBaseId": "%SRCROOT%" })
    }
}

/// A path as a relative URI reference: forward slashes, and percent-encoded
/// bytes outside the unreserved set.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_end_is_exclusive() {
        let text = "«Ça va» 😀 said\n";
        let idx = LineIndex::new(text);
        let said = text.find("said").unwrap();
        let f = Finding {
            code: "unattributed-quote",
            severity: Severity::Warning,
            span: said..said + 4,
            message: "m".into(),
            data: FindingData::Quote { quote: "Ça va".into(), speaker: None, speaker_in: Vec::new() },
        };
        let l = Located::new("a.txt".into(), text, &idx, f);
        assert_eq!((l.line, l.column, l.end_line, l.end_column), (1, 11, 1, 15));
        let v: Value = serde_json::from_str(&json(&[l])).unwrap();
        assert_eq!(v[0]["data"]["quote"], "Ça va");
        assert_eq!(v[0]["severity"], "warning");
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("corpus/a b/Été.txt"), "corpus/a%20b/%C3%89t%C3%A9.txt");
    }

    #[test]
    fn the_summary_counts_by_severity() {
        assert_eq!(summary(&[], 1), "0 findings in 1 article");
    }
}
