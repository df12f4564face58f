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

/// The output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Text,
    Json,
    Sarif,
}

/// Findings counted by severity, from hint to error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts([usize; 4]);

impl Counts {
    pub fn add(&mut self, severity: Severity) {
        self.0[severity as usize] += 1;
    }

    fn merge(&mut self, other: Counts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }

    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    fn of(&self, severity: Severity) -> usize {
        self.0[severity as usize]
    }

    /// Whether any finding is at `threshold` or above.
    pub fn any_at_least(&self, threshold: Severity) -> bool {
        [Severity::Hint, Severity::Information, Severity::Warning, Severity::Error]
            .into_iter()
            .any(|s| s >= threshold && self.of(s) > 0)
    }
}

/// One article's findings in the output format, ready to be written in
/// their turn (rendered on a worker thread, written in path order).
#[derive(Debug, Default)]
pub struct Rendered {
    /// Text lines; JSON or SARIF array items, indented, joined by `,\n`.
    body: String,
    pub counts: Counts,
}

pub fn render(style: Style, findings: &[Located]) -> Rendered {
    let mut counts = Counts::default();
    findings.iter().for_each(|f| counts.add(f.severity));
    let body = match style {
        Style::Text => findings.iter().map(text_line).collect(),
        Style::Json => json_items(findings),
        Style::Sarif => {
            let pad = &sarif_frame().pad;
            items(findings.iter().map(|f| serde_json::to_string_pretty(&sarif_result(f)).unwrap_or_default()), pad)
        }
    };
    Rendered { body, counts }
}

fn text_line(f: &Located) -> String {
    format!("{}:{}:{}: {}[{}]: {}\n", f.path, f.line, f.column, f.severity.as_str(), f.code, f.message)
}

/// The findings as the items of `check`'s top-level JSON array: the array
/// pretty-printed whole, without its brackets: each item indented once, as
/// the whole output nests it, without copying each item to indent it.
fn json_items(findings: &[Located]) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let mut array = serde_json::to_string_pretty(findings).unwrap_or_default();
    if !(array.starts_with("[\n") && array.ends_with("\n]")) {
        return String::new();
    }
    array.truncate(array.len() - 2);
    array.replace_range(..2, "");
    array
}

/// Pretty-printed JSON values as the items of an array nested at `pad`:
/// each line indented, items joined by `,\n`, exactly as serde_json's
/// pretty printer writes the whole array (JSON strings hold no newline).
fn items(values: impl Iterator<Item = String>, pad: &str) -> String {
    let mut out = String::new();
    for (i, value) in values.enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(pad);
        out.push_str(&value.replace('\n', &format!("\n{pad}")));
    }
    out
}

/// Writes `check`'s output as articles come: byte for byte what rendering
/// every finding at once would give, without holding them.
pub struct Writer<W: std::io::Write> {
    out: W,
    style: Style,
    counts: Counts,
    /// The first write error (a closed pipe): nothing more is written.
    failed: bool,
}

impl<W: std::io::Write> Writer<W> {
    pub fn new(out: W, style: Style) -> Writer<W> {
        Writer { out, style, counts: Counts::default(), failed: false }
    }

    fn write(&mut self, s: &str) {
        if !self.failed && self.out.write_all(s.as_bytes()).is_err() {
            self.failed = true;
        }
    }

    /// The next article's findings.
    pub fn article(&mut self, rendered: Rendered) {
        if rendered.body.is_empty() {
            return;
        }
        let first = self.counts.total() == 0;
        self.counts.merge(rendered.counts);
        match (self.style, first) {
            (Style::Text, _) => {}
            (Style::Json, true) => self.write("[\n"),
            (Style::Sarif, true) => {
                let frame = sarif_frame();
                self.write(&frame.before);
                self.write("[\n");
            }
            (_, false) => self.write(",\n"),
        }
        self.write(&rendered.body);
    }

    /// The end of the output, after `articles` articles; what was found.
    pub fn finish(mut self, articles: usize) -> Counts {
        let none = self.counts.total() == 0;
        match self.style {
            Style::Text => {
                let summary = summary(&self.counts, articles);
                self.write(&format!("{summary}\n"));
            }
            Style::Json => self.write(if none { "[]\n" } else { "\n]\n" }),
            Style::Sarif => {
                let frame = sarif_frame();
                if none {
                    self.write(&frame.before);
                    self.write("[]");
                } else {
                    self.write(&format!("\n{}]", frame.indent));
                }
                self.write(&frame.after);
                self.write("\n");
            }
        }
        if !self.failed && self.out.flush().is_err() {
            self.failed = true;
        }
        self.counts
    }
}

/// Every finding at once, as `check` writes them.
#[cfg(test)]
fn all_at_once(style: Style, findings: &[Located], articles: usize) -> String {
    let mut out = Vec::new();
    let mut writer = Writer::new(&mut out, style);
    writer.article(render(style, findings));
    writer.finish(articles);
    String::from_utf8(out).unwrap()
}

/// "3 findings (2 warnings, 1 information) in 5 articles".
pub fn summary(counts: &Counts, articles: usize) -> String {
    let mut parts = Vec::new();
    for (s, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Information, "information", "information"),
        (Severity::Hint, "hint", "hints"),
    ] {
        match counts.of(s) {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        }
    }
    let n = counts.total();
    let findings_word = if n == 1 { "finding" } else { "findings" };
    let articles_word = if articles == 1 { "article" } else { "articles" };
    if parts.is_empty() {
        format!("{n} {findings_word} in {articles} {articles_word}")
    } else {
        format!("{n} {findings_word} ({}) in {articles} {articles_word}", parts.join(", "))
    }
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

/// SARIF 2.1.0 as code-scanning tools read it, cut where its results go:
/// one run, the rule table in `tool.driver.rules`, then the results (see
/// [`sarif_result`]), with relative artifact URIs.
struct SarifFrame {
    /// The log up to `"results": `.
    before: String,
    /// The rest after the results array.
    after: String,
    /// The indent of the `"results"` key, and that of its items.
    indent: String,
    pad: String,
}

fn sarif_frame() -> &'static SarifFrame {
    static FRAME: std::sync::OnceLock<SarifFrame> = std::sync::OnceLock::new();
    FRAME.get_or_init(|| {
        const HOLE: &str = "newslint-results-go-here";
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
                "results": HOLE
            }]
        });
        let whole = serde_json::to_string_pretty(&log).unwrap_or_default();
        let hole = format!("\"{HOLE}\"");
        let at = whole.find(&hole).expect("the results' place");
        let line_start = whole[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent: String = whole[line_start..at].chars().take_while(|c| *c == ' ').collect();
        SarifFrame {
            before: whole[..at].to_string(),
            after: whole[at + hole.len()..].to_string(),
            pad: format!("{indent}  "),
            indent,
        }
    })
}

/// One SARIF result.
fn sarif_result(f: &Located) -> Value {
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
            data: FindingData::Quote { quote: "Ça va".into(), speaker: None, speaker_in: Vec::new(), speaker_in_total: 0 },
        };
        let l = Located::new("a.txt".into(), text, &idx, f);
        assert_eq!((l.line, l.column, l.end_line, l.end_column), (1, 11, 1, 15));
        let v: Value = serde_json::from_str(&all_at_once(Style::Json, &[l], 1)).unwrap();
        assert_eq!(v[0]["data"]["quote"], "Ça va");
        assert_eq!(v[0]["severity"], "warning");
    }

    fn located(path: &str, text: &str, word: &str, severity: Severity) -> Located {
        let at = text.find(word).unwrap();
        let f = Finding {
            code: "anonymous-source",
            severity,
            span: at..at + word.len(),
            message: format!("“{word}”\tsaid"),
            data: FindingData::AnonymousSource { quote: "Ça va\n".into(), speaker: "an official".into() },
        };
        Located::new(path.into(), text, &LineIndex::new(text), f)
    }

    /// Articles written one after another give what serde_json's pretty
    /// printer gives for the whole output at once, in every format.
    #[test]
    fn streamed_output_is_the_whole_output_pretty_printed() {
        let text = "Port reopens\n\n“Ça va,” an official said.\n";
        let a = [located("a.txt", text, "official", Severity::Information), located("a.txt", text, "said", Severity::Warning)];
        let b = [located("b c.txt", text, "Port", Severity::Warning)];
        for style in [Style::Json, Style::Sarif] {
            for articles in [&[&a[..], &[], &b[..]][..], &[&[]], &[&b[..]]] {
                let mut out = Vec::new();
                let mut writer = Writer::new(&mut out, style);
                for found in articles {
                    writer.article(render(style, found));
                }
                writer.finish(articles.len());
                let out = String::from_utf8(out).unwrap();
                let found: Vec<&Located> = articles.iter().flat_map(|f| f.iter()).collect();
                if style == Style::Json {
                    assert_eq!(out, format!("{}\n", serde_json::to_string_pretty(&found).unwrap()));
                    continue;
                }
                // SARIF is built of `Value`s, whose keys serde_json sorts.
                let whole: Value = serde_json::from_str(&out).unwrap();
                assert_eq!(out, format!("{}\n", serde_json::to_string_pretty(&whole).unwrap()));
                assert_eq!(whole["runs"][0]["results"].as_array().unwrap().len(), found.len());
            }
        }
        let all: Vec<Located> = a.iter().chain(&b).cloned().collect();
        let text = all_at_once(Style::Text, &all, 2);
        assert!(text.starts_with("a.txt:3:13: information[anonymous-source]: “official”\tsaid\n"), "{text}");
        assert!(text.ends_with("\n3 findings (2 warnings, 1 information) in 2 articles\n"), "{text}");
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("corpus/a b/Été.txt"), "corpus/a%20b/%C3%89t%C3%A9.txt");
    }

    #[test]
    fn the_summary_counts_by_severity() {
        assert_eq!(summary(&Counts::default(), 1), "0 findings in 1 article");
        let mut counts = Counts::default();
        counts.add(Severity::Warning);
        counts.add(Severity::Warning);
        counts.add(Severity::Information);
        assert_eq!(summary(&counts, 5), "3 findings (2 warnings, 1 information) in 5 articles");
        assert!(counts.any_at_least(Severity::Warning) && !counts.any_at_least(Severity::Error));
    }
}
