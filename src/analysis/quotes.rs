//! Quotations in every mark style real articles use: `"…"`, `“…”`, `‘…’`,
//! `'…'`, `«…»` (with or without inner spaces), `„…“`, `‹…›`. Apostrophes
//! (Kyiv’s, don’t, O’Brien, the workers’ union) are told from quote marks by
//! the letters around them. A quotation left open at the end of a paragraph
//! continues when the next paragraph opens with a mark of the same kind, as
//! news style has it; otherwise the mark never closes.

use super::segment::Segments;
use super::{MarkProblem, Quote, Span, StrayMark};

#[derive(Clone, Debug, Default)]
pub struct QuoteScan {
    pub quotes: Vec<Quote>,
    pub stray_marks: Vec<StrayMark>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Clone, Debug)]
struct Open {
    mark: char,
    /// Byte offset of the mark.
    at: usize,
    family: Family,
    /// Opened at the top level: becomes a [`Quote`].
    top: bool,
}

fn closers_of(open: char) -> &'static [char] {
    match open {
        '"' => &['"', '”', '“'],
        '“' => &['”', '“', '"'],
        '„' => &['“', '”'],
        '”' => &['”'],
        '«' => &['»'],
        '»' => &['«'],
        '‘' => &['’', '\''],
        '\'' => &['\'', '’'],
        '‚' => &['‘', '’'],
        '‹' => &['›'],
        _ => &[],
    }
}

fn family_of(mark: char) -> Family {
    match mark {
        '‘' | '’' | '\'' | '‚' | '‹' | '›' => Family::Single,
        _ => Family::Double,
    }
}

fn is_opening_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '‘' | '\'' | '‹' | '‚')
}

fn is_closing_mark(c: char) -> bool {
    matches!(c, '"' | '”' | '“' | '»' | '’' | '\'' | '›')
}

/// Before an opening mark: the start, a space, a bracket, a dash or another
/// opening mark.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/:".contains(c) || is_opening_mark(c),
    }
}

/// After a closing mark: the end, a space, punctuation or another closing mark.
fn closes_before(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => c.is_whitespace() || ".,;:!?)]}—–-/…".contains(c) || is_closing_mark(c),
    }
}

/// The characters a quotation may open or close with.
fn is_mark(ch: char) -> bool {
    if ch.is_ascii() {
        return matches!(ch, '"' | '\'');
    }
    matches!(ch, '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '‹' | '›' | '‚')
}

pub fn find_quotes(text: &str, segments: &Segments) -> QuoteScan {
    let mut scan = QuoteScan::default();
    // A quotation carried from the previous paragraph, waiting for the next
    // paragraph to open with a mark of its kind.
    let mut carried: Option<Open> = None;
    // The characters of the paragraph at hand, one buffer for them all.
    let mut chars: Vec<(usize, char)> = Vec::new();
    for (pi, para) in segments.paragraphs.iter().enumerate() {
        let mut stack: Vec<Open> = Vec::new();
        let mut skip_first_mark = false;
        // A photo caption between the paragraphs of a quotation does not
        // end it.
        if carried.is_some() && super::segment::is_caption(&text[para.clone()]) && pi + 1 < segments.paragraphs.len() {
            continue;
        }
        if let Some(open) = carried.take() {
            let first = text[para.clone()].chars().next();
            let continues = first.is_some_and(|c| is_opening_mark(c) && family_of(c) == open.family);
            if continues {
                stack.push(open);
                skip_first_mark = true;
            } else {
                stray(&mut scan, text, &open, MarkProblem::NeverCloses);
            }
        }
        let p = &text[para.clone()];
        // A paragraph without a quotation mark, with nothing carried into
        // it, holds no quotation and no stray mark: its characters need no
        // list.
        if stack.is_empty() && !p.contains(is_mark) {
            continue;
        }
        chars.clear();
        chars.extend(p.char_indices());
        // The last straight or curly single mark that can close a quotation
        // opened before it: computed once, so no mark rescans the paragraph.
        let last_single_closer = last_single_closer(&chars);
        let has_single_closer = |from: usize| last_single_closer.is_some_and(|j| j > from);
        // Where an unopened closing mark's quotation starts: after the last
        // closed quotation, else the paragraph start.
        let mut last_close_end = para.start;
        for (ci, &(i, ch)) in chars.iter().enumerate() {
            if !is_mark(ch) {
                continue;
            }
            if skip_first_mark && ci == 0 {
                continue;
            }
            let at = para.start + i;
            let prev = ci.checked_sub(1).map(|k| chars[k].1);
            let next = chars.get(ci + 1).map(|c| c.1);
            let letter_before = prev.is_some_and(char::is_alphanumeric);
            let letter_after = next.is_some_and(char::is_alphanumeric);

            // Feet and inches: 6'1", 7'0".
            if matches!(ch, '\'' | '"' | '′' | '″') && prev.is_some_and(|c| c.is_ascii_digit()) {
                let before_digit = ci.checked_sub(2).map(|k| chars[k].1);
                let inch = ch == '"' && before_digit.is_some_and(|c| c.is_ascii_digit() || c == '\'');
                let foot = ch == '\'' && next.is_some_and(|c| c.is_ascii_digit());
                if inch || foot {
                    continue;
                }
            }
            // Apostrophes: inside a word, or a possessive after s.
            if matches!(ch, '’' | '\'' | '‘') && letter_before && letter_after {
                continue;
            }
            // Does it close something open?
            let closes = stack.iter().rposition(|o| closers_of(o.mark).contains(&ch));
            let single = family_of(ch) == Family::Single;
            // "the nurses’ pay": a plural possessive inside a single-quoted
            // quotation, when a later mark can still close it.
            let plural_possessive = matches!(ch, '’' | '\'')
                && prev == Some('s')
                && next.is_some_and(char::is_whitespace)
                && chars.get(ci + 2).is_some_and(|c| c.1.is_lowercase())
                && has_single_closer(ci + 1);
            if plural_possessive {
                continue;
            }
            if let Some(pos) = closes {
                let looks_closing = closes_before(next) || !opens_after(prev);
                // A second “ or " inside an open quotation opens a nested one
                // only when it clearly opens.
                let nested_open = is_opening_mark(ch) && opens_after(prev) && !closes_before(next) && !single;
                if looks_closing && !nested_open {
                    // Marks opened after `pos` and still open never close.
                    for o in stack.drain(pos + 1..) {
                        stray(&mut scan, text, &o, MarkProblem::NeverCloses);
                    }
                    let open = stack.pop().expect("found above");
                    if open.top {
                        scan.quotes.push(make_quote(text, Some(open.mark), open.at, Some(ch), at));
                    }
                    last_close_end = at + ch.len_utf8();
                    continue;
                }
            }
            if single {
                // An apostrophe at the end of a word ("workers’ union") or
                // before digits ("’90s"), unless it opens a quotation that
                // closes later in the paragraph.
                let can_open = matches!(ch, '‘' | '\'' | '‹' | '‚') && opens_after(prev) && !closes_before(next);
                if can_open && (ch != '\'' || has_single_closer(ci + 1)) {
                    let top = stack.is_empty();
                    push(&mut scan, &mut stack, Open { mark: ch, at, family: Family::Single, top });
                }
                continue;
            }
            let can_open = is_opening_mark(ch) && (opens_after(prev) || !closes_before(next));
            // ” or » opening a quotation (Swedish, Danish style).
            let reversed_open = matches!(ch, '”' | '»') && opens_after(prev) && letter_after;
            if can_open || reversed_open {
                let top = stack.is_empty();
                push(&mut scan, &mut stack, Open { mark: ch, at, family: Family::Double, top });
                continue;
            }
            // "Home » World » Europe": a guillemet between spaces with
            // nothing open is a breadcrumb separator, not a quotation mark.
            if ch == '»' && prev.is_some_and(char::is_whitespace) && next.is_none_or(char::is_whitespace) {
                continue;
            }
            // A closing mark with nothing to close.
            scan.stray_marks.push(StrayMark { span: at..at + ch.len_utf8(), mark: ch, problem: MarkProblem::NeverOpens, reach: Span::default() });
            if stack.is_empty() {
                scan.quotes.push(make_quote(text, None, last_close_end, Some(ch), at));
            }
            last_close_end = at + ch.len_utf8();
        }
        // Quotations still open at the paragraph's end.
        while let Some(open) = stack.pop() {
            let next_para = segments.paragraphs.get(pi + 1);
            if stack.is_empty() && open.family == Family::Double && next_para.is_some() {
                carried = Some(open);
            } else if open.family == Family::Double || open.mark != '\'' {
                stray(&mut scan, text, &open, MarkProblem::NeverCloses);
            }
        }
    }
    if let Some(open) = carried {
        stray(&mut scan, text, &open, MarkProblem::NeverCloses);
    }
    scan.quotes.sort_by_key(|q| q.span.start);
    scan.stray_marks.sort_by_key(|m| m.span.start);
    // Each mark's reach, now that every mark is known.
    for m in &mut scan.stray_marks {
        m.reach = reach(text, segments, &m.span, m.problem);
    }
    scan
}

/// See [`StrayMark::reach`].
fn reach(text: &str, segments: &Segments, mark: &Span, problem: MarkProblem) -> Span {
    match problem {
        MarkProblem::NeverCloses => {
            let para = segments.paragraphs.iter().find(|p| p.start <= mark.start && mark.start < p.end);
            let end = para.map_or(text.len(), |p| p.end);
            mark.start..text[..end].trim_end().len().max(mark.end)
        }
        MarkProblem::NeverOpens => {
            let sentence = segments.sentences.iter().find(|s| s.start <= mark.start && mark.start < s.end);
            sentence.map_or(mark.start, |s| s.start.min(mark.start))..mark.end
        }
    }
}

/// The index of the last single mark in the paragraph that can close a
/// quotation opened before it: after a letter or other non-space, before a
/// space, punctuation or the end. A mark opened at `i` can close when this
/// is more than `i + 1`.
fn last_single_closer(chars: &[(usize, char)]) -> Option<usize> {
    (1..chars.len()).rev().find(|&j| {
        matches!(chars[j].1, '\'' | '’') && !chars[j - 1].1.is_whitespace() && closes_before(chars.get(j + 1).map(|x| x.1))
    })
}

/// Quotations nest a few levels deep at most; a mark opened deeper than
/// this is reported as never closing at once, so a run of opening marks
/// keeps the stack (and each search of it) short.
const MAX_NESTING: usize = 8;

fn push(scan: &mut QuoteScan, stack: &mut Vec<Open>, open: Open) {
    if stack.len() >= MAX_NESTING {
        stray(scan, "", &open, MarkProblem::NeverCloses);
    } else {
        stack.push(open);
    }
}

fn stray(scan: &mut QuoteScan, _text: &str, open: &Open, problem: MarkProblem) {
    scan.stray_marks.push(StrayMark { span: open.at..open.at + open.mark.len_utf8(), mark: open.mark, problem, reach: Span::default() });
}

fn make_quote(text: &str, open: Option<char>, start: usize, close: Option<char>, close_at: usize) -> Quote {
    let inner_start = start + open.map_or(0, char::len_utf8);
    let span_end = close_at + close.map_or(0, char::len_utf8);
    let inner = trim(text, inner_start..close_at);
    let quoted = &text[inner.clone()];
    // What the words are like, read in one pass: how many have a letter or
    // digit, how many start with a capital, whether one after the first
    // starts in lower case, and whether one that does is more than a
    // title's little word ("on the", "of").
    let little = |w: &str| matches!(w.trim_matches(|c: char| !c.is_alphanumeric()), "a" | "an" | "the" | "of" | "on" | "in" | "and" | "or" | "for" | "to" | "at" | "by" | "with" | "from" | "not" | "is" | "vs");
    let (mut words, mut capitalized, mut lower_word, mut lower_content) = (0, 0, false, false);
    for (i, w) in quoted.split_whitespace().enumerate() {
        words += usize::from(w.chars().any(char::is_alphanumeric));
        let first = w.chars().next();
        capitalized += usize::from(first.is_some_and(char::is_uppercase));
        if first.is_some_and(char::is_lowercase) {
            lower_word |= i > 0;
            lower_content = lower_content || !little(w);
        }
    }
    // "Go home." is a sentence; so is "We will win this war," before "he
    // said", but not a title in quotes ("Black Sea Grain Initiative,").
    let capital = quoted.chars().next().is_some_and(char::is_uppercase);
    let full_sentence = capital
        && (quoted.ends_with(['.', '!', '?']) || (quoted.ends_with(',') && words >= 3 && lower_word));
    let start = if open.is_some() { start } else { inner.start };
    // "All Quiet on the Western Front": a title in quotes, not speech. A
    // sign or slogan in capitals ("Books Not Buckets.") is a title too. A
    // title's lower-case words are little words ("on the", "of"); a slogan
    // with a verb ("Unified Syria to build Syria") is speech.
    let is_title = words >= 2 && capitalized * 10 >= words * 6 && (!quoted.ends_with(['.', '!', '?']) || words <= 6) && !lower_content;
    Quote { span: start..span_end, inner, open, close, words, full_sentence, is_title, speaker: None }
}

fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let ws = |c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}';
    let start = span.start + (s.len() - s.trim_start_matches(ws).len());
    let end = span.start + s.trim_end_matches(ws).len();
    if start > end {
        start..start
    } else {
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::segment;
    use crate::lexicon::Lexicon;

    fn scan(text: &str) -> (Vec<String>, Vec<(char, MarkProblem)>) {
        let seg = segment(text, &Lexicon::builtin());
        let s = find_quotes(text, &seg);
        (
            s.quotes.iter().map(|q| text[q.inner.clone()].to_string()).collect(),
            s.stray_marks.iter().map(|m| (m.mark, m.problem)).collect(),
        )
    }

    #[test]
    fn every_mark_style() {
        let text = "A said \"one two\" and “three four,” then ‘five six’ and « sept huit » and\u{a0}«\u{a0}neuf\u{a0}» and „zehn elf“ and 'twelve'.\n";
        let (quotes, stray) = scan(text);
        assert_eq!(quotes, vec!["one two", "three four,", "five six", "sept huit", "neuf", "zehn elf", "twelve"]);
        assert!(stray.is_empty(), "{stray:?}");
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        let text = "Kyiv’s mayor said they don’t know O’Brien or the workers’ union's plans from the ’90s. Get 'em all.\n";
        let (quotes, stray) = scan(text);
        assert!(quotes.is_empty(), "{quotes:?}");
        assert!(stray.is_empty(), "{stray:?}");
    }

    #[test]
    fn nested_quotes_give_one_quotation() {
        let text = "“He told me ‘never again’ and left,” she said.\n";
        let (quotes, stray) = scan(text);
        assert_eq!(quotes, vec!["He told me ‘never again’ and left,"]);
        assert!(stray.is_empty());
    }

    #[test]
    fn a_quotation_runs_on_over_a_paragraph_break() {
        let text = "“The first part goes on.\n\n“And the second part ends here,” she said.\n";
        let (quotes, stray) = scan(text);
        assert_eq!(quotes.len(), 1);
        assert!(quotes[0].starts_with("The first part") && quotes[0].ends_with("ends here,"));
        assert!(stray.is_empty(), "{stray:?}");
    }

    #[test]
    fn marks_that_never_close_or_never_open() {
        let (quotes, stray) = scan("The work goes on and on,” Sousa said.\n");
        assert_eq!(stray, vec![('”', MarkProblem::NeverOpens)]);
        assert_eq!(quotes, vec!["The work goes on and on,"]);
        let (_, stray) = scan("She said: “It goes on.\n\nThe port closed.\n");
        assert_eq!(stray, vec![('“', MarkProblem::NeverCloses)]);
        let (_, stray) = scan("Home » World » Europe\n");
        assert!(stray.is_empty(), "{stray:?}");
        let (_, stray) = scan("She said: \"It goes on.\n");
        assert_eq!(stray, vec![('"', MarkProblem::NeverCloses)]);
    }

    /// A paragraph of single marks and one of opening marks: no mark
    /// rescans the paragraph, and the stack stays short.
    #[test]
    fn runs_of_marks_scan_in_linear_time() {
        for unit in ["\u{2018}a \u{2019} ", "'a ' b", "\u{201c}a "] {
            let text = unit.repeat(100_000 / unit.len());
            let started = std::time::Instant::now();
            let _ = scan(&text);
            let took = started.elapsed();
            assert!(took < std::time::Duration::from_secs(2), "{unit:?}: {took:?}");
        }
        let (_, stray) = scan("\u{201c}a \u{201c}b \u{201c}c\n");
        assert_eq!(stray.len(), 3);
    }

    #[test]
    fn a_quotation_runs_on_past_a_photo_caption() {
        let text = "“The first part goes on.\n\nDockers at the gate on Monday. (Jane Roe/Harbour Gazette)\n\n“And the second part ends here,” she said.\n";
        let (quotes, stray) = scan(text);
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert!(quotes[0].starts_with("The first part") && quotes[0].ends_with("ends here,"));
        assert!(stray.is_empty(), "{stray:?}");
    }

    #[test]
    fn a_slogan_with_a_verb_is_not_a_title() {
        let text = "They chanted “Unified Harbour to build Harbour,” and left. She signed “The Harbour of the North Sea” once.\n";
        let seg = segment(text, &Lexicon::builtin());
        let s = find_quotes(text, &seg);
        let titles: Vec<bool> = s.quotes.iter().map(|q| q.is_title).collect();
        assert_eq!(titles, vec![false, true]);
    }

    #[test]
    fn word_counts_and_full_sentences() {
        let text = "He said “Go home.” and “stalling for time.” and \"We will win this war,\" he said.\n";
        let seg = segment(text, &Lexicon::builtin());
        let s = find_quotes(text, &seg);
        let facts: Vec<(usize, bool)> = s.quotes.iter().map(|q| (q.words, q.full_sentence)).collect();
        assert_eq!(facts, vec![(2, true), (3, false), (5, true)]);
        let text = "She starred in \"All Quiet on the Western Front\" last year.\n";
        let seg = segment(text, &Lexicon::builtin());
        let s = find_quotes(text, &seg);
        assert!(s.quotes[0].is_title && !s.quotes[0].needs_speaker());
    }
}
