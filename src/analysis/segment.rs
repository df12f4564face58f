//! Lines, paragraphs and sentences.
//!
//! Scraped articles come in two shapes: one paragraph per line (with or
//! without blank lines between), or hard-wrapped text where a paragraph is a
//! run of lines. A file is taken as hard-wrapped when most of its prose lines
//! are short and continue on the next line; otherwise every line is a
//! paragraph of its own.

use super::Span;
use crate::lexicon::Lexicon;

#[derive(Clone, Debug, Default)]
pub struct Segments {
    /// Lines without their line breaks.
    pub lines: Vec<Span>,
    /// Paragraphs, in order; Markdown front matter is not one.
    pub paragraphs: Vec<Span>,
    /// Sentences, in order, each inside one paragraph.
    pub sentences: Vec<Span>,
    pub headline: Option<Span>,
    /// Markdown front matter (between `---` lines at the top), if any.
    pub front_matter: Option<Span>,
}

impl Segments {
    /// The index of the sentence holding byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }

    /// The index of the paragraph holding byte `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].start <= offset).then_some(i)
    }

    /// The index of the line holding byte `offset`.
    pub fn line_at(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.end < offset).min(self.lines.len().saturating_sub(1))
    }
}

/// Whether a paragraph is a photo caption: it ends with a credit in
/// brackets ("(Jane Doe/Agency)", "(AP Photo/…)", "( PA Wire )", "(AFP)")
/// or opens with "Photo:". A quotation runs on past a caption, and the
/// speaker of the quotation before it carries over it.
pub fn is_caption(paragraph: &str) -> bool {
    let p = paragraph.trim();
    let lower_start = p.get(..p.len().min(10)).unwrap_or("").to_lowercase();
    if ["photo:", "photos:", "image:", "picture:", "caption:"].iter().any(|l| lower_start.starts_with(l)) {
        return true;
    }
    let Some(body) = p.strip_suffix(')') else { return false };
    let Some(open) = body.rfind('(') else { return false };
    let credit = body[open + 1..].trim();
    let lower = credit.to_lowercase();
    let acronym = (2..=6).contains(&credit.chars().count()) && credit.chars().all(|c| c.is_ascii_uppercase());
    acronym || credit.contains('/') || ["photo", "pool", "via ", "file", "getty", "wire", "credit", "image"].iter().any(|w| lower.contains(w))
}

pub fn segment(text: &str, lexicon: &Lexicon) -> Segments {
    let lines = split_lines(text);
    let front_matter = front_matter(text, &lines);
    let body_start = front_matter.as_ref().map_or(0, |f| f.end);
    let paragraphs = paragraphs(text, &lines, body_start);
    let mut sentences = Vec::new();
    for p in &paragraphs {
        split_sentences(text, p.clone(), lexicon, &mut sentences);
    }
    let headline = headline(text, &lines, body_start);
    Segments { lines, paragraphs, sentences, headline, front_matter }
}

fn split_lines(text: &str) -> Vec<Span> {
    let mut lines = Vec::new();
    let mut start = 0;
    // "\n", "\r\n" and a lone "\r" (old Mac files, some scrapers) each end a
    // line, as they do for LSP positions (`text::LineIndex`).
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            let end = if i > start && bytes[i - 1] == b'\r' { i - 1 } else { i };
            lines.push(start..end);
            start = i + 1;
        } else if b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            lines.push(start..i);
            start = i + 1;
        }
    }
    if start < text.len() || lines.is_empty() {
        lines.push(start..text.len());
    }
    lines
}

fn front_matter(text: &str, lines: &[Span]) -> Option<Span> {
    let first = lines.first()?;
    if text[first.clone()].trim_end() != "---" {
        return None;
    }
    let close = lines.iter().skip(1).take(60).find(|l| matches!(text[(*l).clone()].trim_end(), "---" | "..."))?;
    Some(0..close.end)
}

fn is_blank(text: &str, line: &Span) -> bool {
    text[line.clone()].trim().is_empty()
}

/// Whether the prose of a file is hard-wrapped: most lines in runs of two
/// or more are short, and few of them end a sentence.
fn hard_wrapped(text: &str, lines: &[Span]) -> bool {
    let mut in_runs = 0;
    let mut short_open = 0;
    for w in lines.windows(2) {
        if is_blank(text, &w[0]) || is_blank(text, &w[1]) {
            continue;
        }
        in_runs += 1;
        let l = text[w[0].clone()].trim_end();
        let ends_sentence = l.ends_with(['.', '!', '?', '"', '”', '»', ':']);
        if l.chars().count() <= 100 && !ends_sentence {
            short_open += 1;
        }
    }
    in_runs >= 2 && short_open * 2 >= in_runs
}

fn paragraphs(text: &str, lines: &[Span], body_start: usize) -> Vec<Span> {
    let wrapped = hard_wrapped(text, lines);
    let mut out: Vec<Span> = Vec::new();
    let mut current: Option<Span> = None;
    for line in lines.iter().filter(|l| l.start >= body_start) {
        let trimmed = trim_span(text, line.clone());
        if trimmed.is_empty() {
            out.extend(current.take());
            continue;
        }
        let starts_block = text[trimmed.clone()].starts_with(['#', '>', '-', '*']);
        match current.as_mut() {
            Some(p) if wrapped && !starts_block => p.end = trimmed.end,
            _ => {
                out.extend(current.take());
                current = Some(trimmed);
            }
        }
    }
    out.extend(current);
    out
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    if start >= end {
        start..start
    } else {
        start..end
    }
}

/// Marks that close a quotation or an aside when they follow a full stop
/// directly; “ and ‘ close the German and Polish „…“ and ‚…‘.
const CLOSERS: &[char] = &['"', '”', '’', '\'', '»', ')', ']', '“', '‘'];

/// Split a paragraph into sentences at `.`, `!` or `?` (and any closing
/// quotes or brackets after them) followed by a space and a capital, digit
/// or opening mark — but not after an abbreviation ("Mr.", "Jan.") or an
/// initial ("J.", "U.S."). Two words run together by a scraper
/// ("Ukraine.He") are split too.
fn split_sentences(text: &str, para: Span, lexicon: &Lexicon, out: &mut Vec<Span>) {
    let p = &text[para.clone()];
    let mut start = 0;
    let mut chars = p.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if !matches!(ch, '.' | '!' | '?') {
            continue;
        }
        // Extend over repeated terminators and closing marks, a French
        // closing guillemet after its space too ("… l'hiver. »").
        let mut end = i + ch.len_utf8();
        while let Some(&(j, c)) = chars.peek() {
            if matches!(c, '.' | '!' | '?') || CLOSERS.contains(&c) {
                end = j + c.len_utf8();
                chars.next();
            } else if matches!(c, ' ' | '\u{a0}' | '\u{202f}') && p[j + c.len_utf8()..].starts_with(['»', '›']) {
                chars.next();
                let (k, g) = chars.next().expect("the guillemet just seen");
                end = k + g.len_utf8();
            } else {
                break;
            }
        }
        let rest = &p[end..];
        let after_space = rest.trim_start_matches([' ', '\t', '\u{a0}', '\r', '\n']);
        let had_space = after_space.len() < rest.len();
        let Some(next) = after_space.chars().next() else { break };
        let word_before = word_before(p, i);
        if had_space {
            if !(next.is_uppercase() || next.is_ascii_digit() || "\"“‘«„'(".contains(next)) {
                continue;
            }
            if ch == '.' && is_abbreviation(word_before, lexicon) {
                continue;
            }
        } else {
            // "Ukraine.He": a lower-case word of two letters or more, a full
            // stop, then a capital and a lower-case letter.
            let mut nx = after_space.chars();
            let (c1, c2) = (nx.next(), nx.next());
            let run_together = ch == '.'
                && word_before.chars().count() >= 2
                && word_before.chars().all(|c| c.is_lowercase())
                && c1.is_some_and(char::is_uppercase)
                && c2.is_some_and(|c| c.is_lowercase() || c == ' ');
            if !run_together {
                continue;
            }
        }
        let sentence_end = end;
        if sentence_end > start {
            out.push(para.start + start..para.start + sentence_end);
        }
        start = p.len() - after_space.len();
    }
    let tail = trim_span(text, para.start + start..para.end);
    if !tail.is_empty() {
        out.push(tail);
    }
}

/// The word that ends right before byte `i` of `p`.
fn word_before(p: &str, i: usize) -> &str {
    let before = &p[..i];
    let start = before.rfind(|c: char| c.is_whitespace() || "(\"“‘«[".contains(c)).map_or(0, |s| s + before[s..].chars().next().map_or(1, char::len_utf8));
    &before[start..]
}

fn is_abbreviation(word: &str, lexicon: &Lexicon) -> bool {
    if word.is_empty() {
        return false;
    }
    // A single letter: an initial ("J." in "Donald J. Trump").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    // Dotted letters: U.S, e.g, a.m.
    if word.contains('.') && word.split('.').all(|part| part.chars().count() <= 2) {
        return true;
    }
    lexicon.abbreviations.contains(word)
}

/// The first non-blank line that reads as a title: not a date, a URL, a
/// source label or a breadcrumb's "Home »", and not a long sentence.
fn headline(text: &str, lines: &[Span], body_start: usize) -> Option<Span> {
    for line in lines.iter().filter(|l| l.start >= body_start).take(8) {
        let span = trim_span(text, line.clone());
        if span.is_empty() {
            continue;
        }
        let s = &text[span.clone()];
        let lower = s.to_lowercase();
        let looks_like_date = s.chars().filter(char::is_ascii_digit).count() >= 4 && s.split_whitespace().count() <= 4;
        if looks_like_date || lower.starts_with("http") || lower.starts_with("source:") || s.starts_with('(') {
            continue;
        }
        let s_clean = s.trim_start_matches('#').trim();
        if s_clean.chars().count() > 200 || (s_clean.ends_with('.') && s_clean.split_whitespace().count() > 20) {
            return None;
        }
        return Some(span);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let seg = segment(text, &Lexicon::builtin());
        seg.sentences.iter().map(|s| &text[s.clone()]).collect()
    }

    #[test]
    fn a_lone_cr_ends_a_line_as_lf_and_crlf_do() {
        let lf = "Harbour reopens\nBy a correspondent\n\nThe harbour reopened. Ships came.\n\nA second paragraph.\n";
        let lexicon = Lexicon::builtin();
        let want = segment(lf, &lexicon);
        let cr = lf.replace('\n', "\r");
        let got = segment(&cr, &lexicon);
        assert_eq!(got.lines, want.lines);
        assert_eq!(got.paragraphs, want.paragraphs);
        assert_eq!(got.sentences, want.sentences);
        assert_eq!(got.headline, want.headline);
        // CRLF: the same lines, each without its CR.
        let crlf = lf.replace('\n', "\r\n");
        let lines: Vec<&str> = segment(&crlf, &lexicon).lines.iter().map(|l| &crlf[l.clone()]).collect();
        let want_lines: Vec<&str> = want.lines.iter().map(|l| &lf[l.clone()]).collect();
        assert_eq!(lines, want_lines);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_a_sentence() {
        assert_eq!(
            sentences("Mr. Ivan J. Petrov met U.S. envoys on Jan. 5 in St. Louis. They talked. Then?\n"),
            vec!["Mr. Ivan J. Petrov met U.S. envoys on Jan. 5 in St. Louis.", "They talked.", "Then?"]
        );
    }

    #[test]
    fn a_spaced_closing_guillemet_stays_with_its_sentence() {
        assert_eq!(
            sentences("Ana said: « We will sail before the winter. » Rui left early."),
            vec!["Ana said: « We will sail before the winter. »", "Rui left early."]
        );
        assert_eq!(
            sentences("Ana sagte: „Wir fahren vor dem Winter.“ Rui ging früh."),
            vec!["Ana sagte: „Wir fahren vor dem Winter.“", "Rui ging früh."]
        );
    }

    #[test]
    fn a_sentence_ends_after_closing_quotes_and_words_run_together_are_split() {
        assert_eq!(
            sentences("He said “no.” She left.The port closed. News.ro reported it.\n"),
            vec!["He said “no.”", "She left.", "The port closed.", "News.ro reported it."]
        );
    }

    #[test]
    fn one_paragraph_per_line_or_hard_wrapped_runs() {
        let text = "Title\n\nFirst paragraph line.\nSecond paragraph line.\n";
        let seg = segment(text, &Lexicon::builtin());
        assert_eq!(seg.paragraphs.len(), 3);
        let wrapped = "Title\n\nThe port reopened on\nMonday after a long\nstrike by the workers\nof the city.\n\nNext one.\n";
        let seg = segment(wrapped, &Lexicon::builtin());
        let paras: Vec<&str> = seg.paragraphs.iter().map(|p| &wrapped[p.clone()]).collect();
        assert_eq!(paras[1], "The port reopened on\nMonday after a long\nstrike by the workers\nof the city.");
        assert_eq!(seg.sentences.len(), 3);
    }

    #[test]
    fn the_headline_skips_dates_and_front_matter() {
        let text = "---\nsource: Example Times\n---\n# Port reopens\n\nThe port reopened.\n";
        let seg = segment(text, &Lexicon::builtin());
        assert_eq!(&text[seg.headline.clone().unwrap()], "# Port reopens");
        assert!(seg.front_matter.is_some());
        let text = "avril 20, 2025\nPort reopens\n";
        let seg = segment(text, &Lexicon::builtin());
        assert_eq!(&text[seg.headline.unwrap()], "Port reopens");
    }

    #[test]
    fn photo_captions() {
        for caption in ["Dockers at the gate. (Jane Roe/Harbour Gazette)", "Crews return (AP Photo/John Doe)", "The port at dawn ( PA Wire )", "Photo: the port at dawn", "The port at dawn. (AFP)"] {
            assert!(is_caption(caption), "{caption}");
        }
        for prose in ["The union (which has 300 members) met.", "The port reopened on Monday.", "He met the mayor (and her aides)"] {
            assert!(!is_caption(prose), "{prose}");
        }
    }
}
