//! Inline suppression directives, the way markdownlint users know them, with
//! a reason after the rule (as jarl and Biome ask):
//!
//! ```text
//! <!-- newslint-disable-next-line unattributed-quote: wire copy, checked with the desk -->
//! <!-- newslint-disable-line name-variant: the outlet's own spelling -->
//! <!-- newslint-disable anonymous-source: the standards desk accepted these -->
//! <!-- newslint-enable anonymous-source -->
//! <!-- newslint-disable-file missing-source: a press release, credited in the index -->
//! ```
//!
//! The comment works in Markdown and plain text alike; in plain text the
//! directive may also stand bare on a line of its own
//! (`newslint-disable-next-line RULE: reason`). Directives are text only:
//! they know nothing of findings or the corpus.

use crate::analysis::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    NextLine,
    Line,
    /// From here to the matching `enable`, or to the end.
    Disable,
    Enable,
    File,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::NextLine => "disable-next-line",
            Kind::Line => "disable-line",
            Kind::Disable => "disable",
            Kind::Enable => "enable",
            Kind::File => "disable-file",
        }
    }
}

/// One directive as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    /// The whole directive: the comment with its `<!--` and `-->`, or the
    /// bare line's text.
    pub span: Span,
    /// The rule codes as written, each with its byte range.
    pub rules: Vec<(String, Span)>,
    /// The words after the colon; `None` when there are none.
    pub reason: Option<String>,
    /// 0-based line the directive is on.
    pub line: usize,
}

/// What introduces every directive.
pub const PREFIX: &str = "newslint-";

/// The reason a new directive or review entry carries until its author
/// writes one.
pub const PLACEHOLDER_REASON: &str = "TODO: why";

/// Every directive in `text`, in text order.
pub fn parse(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    if !text.contains(PREFIX) {
        return out;
    }
    let mut line_start = 0;
    for (line_no, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let mut from = 0;
        while let Some(i) = line[from..].find("<!--") {
            let open = from + i;
            let Some(close) = line[open..].find("-->").map(|c| open + c + 3) else { break };
            let body_start = open + 4;
            let body = &line[body_start..close - 3];
            let lead = body.len() - body.trim_start().len();
            if let Some(d) = directive(body.trim_start(), line_start + body_start + lead, line_start + open..line_start + close, line_no) {
                out.push(d);
            }
            from = close;
        }
        // Bare, on a line of its own.
        let trimmed = line.trim();
        if trimmed.starts_with(PREFIX) {
            let lead = line.len() - line.trim_start().len();
            let at = line_start + lead;
            if let Some(d) = directive(trimmed, at, at..at + trimmed.len(), line_no) {
                out.push(d);
            }
        }
        line_start += raw.len();
    }
    out
}

/// One directive from `body`, which starts at byte `at` of the text.
fn directive(body: &str, at: usize, span: Span, line: usize) -> Option<Directive> {
    let rest = body.strip_prefix(PREFIX)?;
    let kinds = [Kind::NextLine, Kind::Line, Kind::File, Kind::Disable, Kind::Enable];
    let kind = kinds.into_iter().find(|k| {
        rest.strip_prefix(k.as_str()).is_some_and(|after| after.is_empty() || after.starts_with(char::is_whitespace))
    })?;
    let args_at = PREFIX.len() + kind.as_str().len();
    let args = body[args_at..].trim_end();
    let (codes, reason) = match args.split_once(':') {
        Some((codes, reason)) => (codes, Some(reason.trim()).filter(|r| !r.is_empty()).map(str::to_string)),
        None => (args, None),
    };
    let codes_at = at + args_at;
    let mut rules = Vec::new();
    let mut pos = 0;
    for piece in codes.split(|c: char| c == ',' || c.is_whitespace()) {
        if !piece.is_empty() {
            let start = codes_at + pos;
            rules.push((piece.to_string(), start..start + piece.len()));
        }
        pos += piece.len() + 1;
    }
    Some(Directive { kind, span, rules, reason, line })
}

/// `text` with every directive replaced by spaces of the same length in
/// bytes, so that the analysis finds no words, names or quotations in them
/// and every offset stays the same. `None` when there are no directives.
pub fn blank(text: &str) -> Option<String> {
    let directives = parse(text);
    if directives.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for d in &directives {
        bytes[d.span.clone()].fill(b' ');
    }
    // Whole UTF-8 characters were replaced by ASCII spaces.
    Some(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

/// The inline directive that accepts `code` on the line after it, as a
/// line of its own.
pub fn next_line(code: &str) -> String {
    format!("<!-- newslint-disable-next-line {code}: {PLACEHOLDER_REASON} -->\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_parses_with_its_rules_and_reason() {
        let text = "<!-- newslint-disable-next-line unattributed-quote: checked with the desk -->\n\
                    A line. <!-- newslint-disable-line name-variant, mixed-script: the outlet's spelling -->\n\
                    newslint-disable anonymous-source: accepted\n\
                    <!--newslint-enable anonymous-source-->\n\
                    <!-- newslint-disable-file missing-source -->\n";
        let ds = parse(text);
        let kinds: Vec<Kind> = ds.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, [Kind::NextLine, Kind::Line, Kind::Disable, Kind::Enable, Kind::File]);
        assert_eq!(ds[0].reason.as_deref(), Some("checked with the desk"));
        let codes: Vec<&str> = ds[1].rules.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["name-variant", "mixed-script"]);
        for (code, span) in ds.iter().flat_map(|d| &d.rules) {
            assert_eq!(&text[span.clone()], code);
        }
        assert_eq!(ds[1].line, 1);
        assert_eq!(ds[3].reason, None);
        assert_eq!(ds[4].reason, None);
        assert!(text[ds[1].span.clone()].starts_with("<!--") && text[ds[1].span.clone()].ends_with("-->"));
    }

    #[test]
    fn prose_that_mentions_the_tool_is_no_directive() {
        assert!(parse("The newslint-disable-line syntax is described below.\nnewslint-disabled: yes\n").is_empty());
        assert!(parse("<!-- a comment about newslint-disable -->\n").is_empty());
    }

    #[test]
    fn blanking_keeps_every_offset() {
        let text = "Title\n<!-- newslint-disable-file missing-source: a release, «quoted» -->\nBody.\n";
        let blanked = blank(text).expect("a directive");
        assert_eq!(blanked.len(), text.len());
        assert_eq!(blanked.lines().nth(1).map(str::trim), Some(""));
        assert!(blanked.ends_with("\nBody.\n"));
        assert_eq!(blank("No directive here.\n"), None);
    }
}
