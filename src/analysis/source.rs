//! Evidence of where an article came from: wire datelines, labelled credit
//! lines, an agency alone in brackets, an outlet-and-date header, URL lines,
//! Markdown front matter; and, as weaker evidence, outlets the text names.
//!
//! Strong evidence is a *line* whose shape says "this is a credit", not a
//! word that happens to be an outlet's name: an article that quotes Reuters
//! once has not said it comes from Reuters. Outlets named in passing are
//! collected separately, so a `missing-source` message can say where to look.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::segment::Segments;
use super::{LocalEntity, Mention, Span};
use crate::lexicon::Lexicon;
use crate::translit::data_lines;

/// What the article says of its own origin.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceEvidence {
    /// Lines that credit the article to an outlet, a date or a URL.
    pub lines: Vec<SourceLine>,
    /// Outlets the text names in passing ("according to Reuters"): weak
    /// evidence, useful to someone fixing a missing source line.
    pub named: Vec<NamedOutlet>,
}

impl SourceEvidence {
    /// Whether the article says where it came from.
    pub fn is_sufficient(&self) -> bool {
        !self.lines.is_empty()
    }

    /// The outlets the text names, each once, in order of first mention.
    pub fn outlets_named(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in &self.named {
            if !out.contains(&n.name) {
                out.push(n.name.clone());
            }
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceLine {
    #[serde(skip)]
    pub span: Span,
    pub kind: SourceKind,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// `MOSCOW, April 3 (Reuters) -`.
    Dateline,
    /// `Source: …`, `Originally published by …`; a credit for the whole
    /// article (`(With inputs from PTI)`, `(… contributed to this report)`).
    Label,
    /// `(RT.com)` alone on a line at the start or end; a syndication tag
    /// opening the body (`(MENAFN- Asia Times) …`).
    BracketedAgency,
    /// An outlet's name and a date at the top; an outlet's name alone on a
    /// line near the top, perhaps with its section (`The Gazette - News`).
    Header,
    /// A URL alone on a line.
    Url,
    /// `source:`, `url:` in Markdown front matter.
    FrontMatter,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedOutlet {
    pub name: String,
    pub span: Span,
}

/// How many non-empty lines at the top (after front matter) may hold a
/// dateline or an outlet-and-date header.
const TOP_LINES: usize = 8;
/// How many non-empty lines at the bottom may hold a bracketed agency or a
/// credit.
const BOTTOM_LINES: usize = 4;

pub fn find_source(
    text: &str,
    segments: &Segments,
    mentions: &[Mention],
    entities: &[LocalEntity],
    lexicon: &Lexicon,
) -> SourceEvidence {
    let lines = &segments.lines;
    let (front, body_start) = front_matter(text, &lines);
    let mut evidence = SourceEvidence::default();
    evidence.lines.extend(front);

    // Non-empty lines of the body, as indexes into `lines`.
    let content: Vec<usize> = (body_start..lines.len()).filter(|&i| !text[lines[i].clone()].trim().is_empty()).collect();
    let top = &content[..content.len().min(TOP_LINES)];
    let bottom = &content[content.len().saturating_sub(BOTTOM_LINES)..];

    for (pos, &i) in content.iter().enumerate() {
        let span = lines[i].clone();
        let line = strip_markup(&text[span.clone()]);
        let near_top = pos < TOP_LINES;
        let near_end = pos + BOTTOM_LINES >= content.len();
        let found = label_line(line, lexicon)
            .or_else(|| url_line(line))
            .or_else(|| near_top.then(|| dateline(line, lexicon)).flatten())
            .or_else(|| (pos < 3 || near_end).then(|| bracketed_agency(line, lexicon)).flatten())
            .or_else(|| (near_top || near_end).then(|| byline(line, lexicon)).flatten())
            .or_else(|| {
                let window = if near_top { top } else { bottom };
                (near_top || near_end).then(|| header(text, &lines, window, i, lexicon)).flatten()
            })
            .or_else(|| (pos + 1 == content.len()).then(|| trailing_agency(line, lexicon)).flatten())
            .or_else(|| near_top.then(|| wire_service(line)).flatten())
            .or_else(|| near_end.then(|| release_source(line)).flatten())
            .or_else(|| dash_credit(line, lexicon))
            .or_else(|| (near_top || near_end).then(|| credit_line(line, lexicon)).flatten())
            .or_else(|| (pos < 3).then(|| syndication_tag(line, lexicon)).flatten())
            .or_else(|| (pos < 3).then(|| masthead(line, pos, lexicon)).flatten())
            .or_else(|| (near_top && line.len() <= 160).then(|| piped_header(line)).flatten());
        if let Some(mut found) = found {
            found.span = span;
            evidence.lines.push(found);
        }
    }

    evidence.named = named_outlets(text, &evidence.lines, mentions, entities, lexicon);
    evidence
}

// ---------------------------------------------------------------------------
// Lines and front matter


/// Markdown decoration around a line: quote markers, headings, emphasis,
/// list bullets.
fn strip_markup(line: &str) -> &str {
    let mut s = line.trim();
    loop {
        let before = s;
        s = s.trim_start_matches(['>', '#', '*', '_', '-', '•']).trim_start();
        s = s.trim_end_matches(['*', '_']).trim_end();
        if s == before {
            return s;
        }
    }
}

const FRONT_SOURCE_KEYS: &[&str] = &[
    "source", "source_url", "sourceurl", "url", "link", "canonical", "canonical_url", "original_url", "outlet",
    "publisher", "publication", "site", "site_name", "origin", "agency", "feed",
];
const FRONT_DATE_KEYS: &[&str] = &["date", "published", "published_at", "publishdate", "pubdate", "created"];

/// `---` front matter at the very top: evidence when it names a source, a
/// URL or a publisher (a date alone is not). Returns the evidence and the
/// line the body starts at.
fn front_matter(text: &str, lines: &[Span]) -> (Option<SourceLine>, usize) {
    if lines.first().is_none_or(|l| text[l.clone()].trim_end() != "---") {
        return (None, 0);
    }
    let Some(close) = lines.iter().skip(1).position(|l| matches!(text[l.clone()].trim_end(), "---" | "...")) else {
        return (None, 0);
    };
    let close = close + 1;
    let (mut outlet, mut date, mut url) = (None, None, None);
    let mut has_source = false;
    for l in &lines[1..close] {
        let Some((key, value)) = text[l.clone()].split_once(':') else { continue };
        let key = key.trim().to_ascii_lowercase().replace('-', "_");
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        if FRONT_SOURCE_KEYS.contains(&key.as_str()) {
            has_source = true;
            if is_url(value) {
                url.get_or_insert_with(|| value.to_string());
            } else {
                outlet.get_or_insert_with(|| value.to_string());
            }
        } else if FRONT_DATE_KEYS.contains(&key.as_str()) {
            date.get_or_insert_with(|| value.to_string());
        }
    }
    let evidence = has_source.then(|| SourceLine {
        span: lines[0].start..lines[close].end,
        kind: SourceKind::FrontMatter,
        outlet,
        date,
        url,
    });
    (evidence, close + 1)
}

// ---------------------------------------------------------------------------
// Patterns

/// A pattern compiled the first time a line asks for it: building the
/// datelines' patterns (long Unicode classes under bounded repetitions)
/// costs more than reading a hundred articles, and a line the cheap tests
/// turn away never needs them.
struct Lazy {
    pattern: String,
    re: OnceLock<Regex>,
}

impl Lazy {
    fn new(pattern: impl AsRef<str>) -> Lazy {
        Lazy { pattern: pattern.as_ref().to_string(), re: OnceLock::new() }
    }
}

impl std::ops::Deref for Lazy {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.re.get_or_init(|| Regex::new(&self.pattern).expect("a valid source pattern"))
    }
}

struct Patterns {
    /// A date in any of the usual forms.
    date: Lazy,
    /// A month and a day without a year ("April 3"), as in datelines.
    month_day: Lazy,
    /// `PLACE[, date] (Agency) -`.
    dateline: Lazy,
    /// `PLACE, April 3 -` with the place in capitals and no agency.
    dateline_no_agency: Lazy,
    /// `MOSCOW, April 3. /TASS/.`: the agency between slashes.
    dateline_slashes: Lazy,
    /// `RIYADH: …`: a place in capitals and a colon.
    dateline_colon: Lazy,
    label: Lazy,
    url: Lazy,
    domain: Lazy,
    byline: Lazy,
    /// Words before an outlet that say the text cites it.
    cue_before: Lazy,
    /// Words after an outlet that say the text cites it.
    cue_after: Lazy,
    /// Unknown names that call themselves outlets ("the Baltic Times").
    outlet_shaped: Lazy,
}

const TLDS: &str = "com|net|org|info|news|io|tv|fm|media|online|press|ro|ru|ua|uk|de|fr|pl|cz|sk|hu|bg|rs|hr|si|md|kz|ge|az|lt|lv|ee|fi|se|dk|nl|ch|es|pt|gr|tr|il|ae|qa|eg|za|ng|ke|au|nz|ca|jp|cn|kr|tw|hk|sg|ph|vn|th|br|ar|mx|cl|eu|gov|edu|int|mil|by|su";

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let mut months: Vec<&str> = data_lines(include_str!("../../data/months.txt")).collect();
        months.sort_by_key(|m| std::cmp::Reverse(m.chars().count()));
        let month = format!("(?:{})", months.join("|"));
        let date = format!(
            r"(?i:(?-u:\b)\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?(?-u:\b)|(?-u:\b)\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}(?-u:\b)|(?-u:\b)\d{{1,2}}\.?\s+(?:de\s+)?{month}\.?,?\s+(?:de\s+)?\d{{4}}(?-u:\b)|(?-u:\b){month}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?-u:\b)|(?-u:\b){month}\s+\d{{4}}(?-u:\b))"
        );
        let month_day = format!(r"(?i:(?-u:\b){month}\.?\s+\d{{1,2}}(?-u:\b)|(?-u:\b)\d{{1,2}}\s+{month}(?-u:\b))");
        let dash = r"[-–—:]";
        Patterns {
            date: Lazy::new(&date),
            month_day: Lazy::new(&month_day),
            dateline: Lazy::new(&format!(
                r"^(?P<place>\p{{Lu}}[\p{{L}}.'’ /-]{{1,40}}?)\s*(?:\[[^\[\]\n]{{1,30}}\])?\s*(?:,\s*(?P<rest>[^()\n]{{1,40}}?))?\s*\((?P<agency>[^()\n]{{2,40}})\)\s*(?P<dash>\.?\s*(?:{dash}|•))?"
            )),
            dateline_no_agency: Lazy::new(&format!(
                r"^(?P<place>\p{{Lu}}[\p{{Lu}}.'’ -]{{2,40}}?),\s*(?P<date>{month_day}(?:,?\s+\d{{4}})?)\s*[-–—]\s"
            )),
            dateline_slashes: Lazy::new(&format!(
                r"^(?P<place>\p{{Lu}}[\p{{L}}.'’ -]{{1,40}}?),\s*(?P<date>{month_day})\.?\s*/\s*(?P<agency>[^/
]{{2,30}}?)\s*/"
            )),
            dateline_colon: Lazy::new(r"^(?P<place>\p{Lu}{3,}(?:[ -]\p{Lu}{2,}){0,2}):\s+\p{Lu}"),
            label: Lazy::new(
                r"(?ix)^(?P<label>
                    (?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:by|in|on|at)
                  | this\s+(?:article|story|report)\s+(?:was\s+|first\s+|originally\s+)*(?:published|appeared|posted)\s+(?:by|in|on|at)
                  | (?:re)?published\s+(?:by|in|with\s+permission\s+(?:of|from))
                  | republished\s+from | reprinted\s+(?:from|with\s+permission\s+(?:of|from))
                  | source\s*(?:url|link)?\s*: | sources\s*:
                  | original\s+(?:article|source|story|url|link)\s*:
                  | credits?\s*: | courtesy(?:\s+of)?\s*:? | via\s*:?
                  | copyright(?-u:\b)\s*(?:\(c\)|©)? | © | \(c\)
                  | url\s*: | link\s*:
                )\s*(?P<rest>.*)$",
            ),
            url: Lazy::new(r"(?i)(?-u:\b)(?:https?://|www\.)[^\s<>()\[\]]+"),
            domain: Lazy::new(&format!(r"(?-u:\b)[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:{TLDS})(?-u:\b)")),
            byline: Lazy::new(r"^(?i:by)\s+\p{Lu}[^,|–—]{1,60}?(?:\s*[,|–—-]\s*|\s+(?i:for)\s+)(?P<rest>.+)$"),
            cue_before: Lazy::new(
                r"(?i)(?:according\s+to|told|tells|telling|cited\s+by|quoted\s+by|reported\s+by|published\s+by|broadcast\s+by|aired\s+by|interview\s+(?:with|on|to|for)|speaking\s+(?:to|with|on)|spoke\s+(?:to|with|on)|appeared\s+on|said\s+(?:to|on|in)|wrote\s+(?:in|for|on)|writing\s+(?:in|for|on)|citing|quoting|via|reports?\s+(?:by|in|from|on)|report\s+(?:by|in|from)|news\s+agency|agency|newspaper|broadcaster|outlet|channel|website|portal)\s+(?:the\s+|a\s+)?$",
            ),
            cue_after: Lazy::new(
                r"^(?:['’]s?)?\s+(?:reported|reports|report|reporting|said|says|wrote|writes|quoted|cited|learned|has\s+learned|understands|news\s+agency|agency|newspaper|daily|broadcaster|channel|correspondent|reporter|journalist|interview|article|story)(?-u:\b)",
            ),
            outlet_shaped: Lazy::new(
                r"(?-u:\b)(?:The\s+)?(?:\p{Lu}[\p{L}.&-]+\s+){0,3}(?:News|Times|Post|Press|Agency|Daily|Herald|Journal|Gazette|Tribune|Telegraph|Observer|Chronicle|Today|Pravda|Radio|Television|TV|Wire|Insider|Monitor|Courier|Dispatch|Bulletin|Review|Magazine|Broadcasting|Sentinel|Examiner|Standard|Mirror|Express|Star)(?-u:\b)",
            ),
        }
    })
}

fn is_url(s: &str) -> bool {
    let s = s.trim().trim_matches(['<', '>']);
    (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")) && !s.contains(char::is_whitespace)
}

fn find_date(s: &str) -> Option<String> {
    patterns().date.find(s).map(|m| m.as_str().to_string())
}

/// Whether a line is a date and little else ("03 Apr 2025", "Updated:
/// Thursday, April 3, 2025 10:15 GMT").
fn is_date_line(line: &str) -> bool {
    let p = patterns();
    let Some(m) = p.date.find(line) else { return false };
    let rest = format!("{} {}", &line[..m.start()], &line[m.end()..]);
    let filler = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        w.is_empty()
            || w.chars().all(|c| c.is_ascii_digit() || c == ':')
            || matches!(
                w.as_str(),
                "updated" | "published" | "posted" | "on" | "at" | "am" | "pm" | "gmt" | "utc" | "cet" | "cest" | "est" | "edt"
                    | "msk" | "eet" | "eest" | "bst" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday"
                    | "sunday" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun" | "last" | "modified" | "date"
            )
    };
    rest.split_whitespace().filter(|w| !filler(w)).count() <= 1
}

// ---------------------------------------------------------------------------
// Outlet names

/// Whether a bracketed or labelled name looks like an agency's or outlet's:
/// a known outlet, a domain, an acronym that is not an English word, or a
/// name built on an outlet word ("Baltic News"). Several may be joined by
/// `/` or `,` ("AFP/Reuters").
fn agency_like(name: &str, lexicon: &Lexicon) -> bool {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return false;
    }
    if lexicon.is_outlet(name) || is_domain(name) {
        return true;
    }
    let parts: Vec<&str> = name.split(['/', ',', ';']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() > 1 {
        return parts.iter().all(|p| agency_like(p, lexicon));
    }
    if is_acronym(name, lexicon) {
        return true;
    }
    patterns().outlet_shaped.find(name).is_some_and(|m| m.as_str().len() == name.len())
}

/// An acronym of 2–6 capitals that is not an English word in capitals
/// ("CTK", "AFP", "TASS", but not "UPDATE" or "VIDEO").
fn is_acronym(s: &str, lexicon: &Lexicon) -> bool {
    let n = s.chars().count();
    (2..=6).contains(&n)
        && s.chars().all(|c| c.is_uppercase())
        && !lexicon.common_words.contains(&s.to_lowercase())
        && !NOT_AGENCIES.contains(&s)
}

/// Capitalised bracket words that are labels, not agencies.
const NOT_AGENCIES: &[&str] =
    &["VIDEO", "PHOTO", "PHOTOS", "AUDIO", "LIVE", "UPDATE", "UPDATED", "FILE", "END", "ENDS", "OPINION", "EXCLUSIVE", "AD", "PR"];

fn is_domain(s: &str) -> bool {
    patterns().domain.find(s).is_some_and(|m| m.start() == 0 && m.end() == s.len())
}

/// The first known outlet or domain named in `s`, longest name first.
fn outlet_in(s: &str, lexicon: &Lexicon) -> Option<String> {
    if let Some((_, name)) = lexicon.find_outlets(s).first() {
        return Some(name.to_string());
    }
    // "The Herald, 11 June 2025": a name shaped like an outlet's opening
    // the line.
    if let Some(m) = patterns().outlet_shaped.find(s) {
        if s[..m.start()].trim().is_empty() && m.as_str().split_whitespace().count() >= 2 {
            return Some(m.as_str().trim().to_string());
        }
    }
    patterns().domain.find_iter(s).find(|m| !s[..m.start()].ends_with(['@', '/', '.'])).map(|m| m.as_str().to_string())
}


// ---------------------------------------------------------------------------
// Kinds of source line

fn evidence(kind: SourceKind, outlet: Option<String>, date: Option<String>, url: Option<String>) -> SourceLine {
    SourceLine { span: 0..0, kind, outlet, date, url }
}

/// `Source: …`, `Originally published by …`, `© 2025 Reuters`, `URL: …`.
fn label_line(line: &str, lexicon: &Lexicon) -> Option<SourceLine> {
    // Every label opens with one of a dozen letters (in either case), "©"
    // or "(": most lines need no regex at all. (Any other non-ASCII first
    // letter is left to the pattern, which folds case by Unicode's rules.)
    let opens_label = line.bytes().next().is_some_and(|b| !b.is_ascii() || b"oftrpscvulOFTRPSCVUL(".contains(&b));
    if !opens_label {
        return None;
    }
    let caps = patterns().label.captures(line)?;
    let label = caps.name("label")?.as_str().to_lowercase();
    let rest = caps.name("rest")?.as_str().trim().trim_start_matches([':', '-', '–', '—', '*', '_']).trim();
    let words = rest.split_whitespace().count();
    let url = patterns().url.find(rest).map(|m| m.as_str().trim_end_matches(['.', ',']).to_string());
    let date = find_date(rest);
    // What is left once dates and URLs are taken out must name someone.
    let mut named = rest.to_string();
    if let Some(d) = &date {
        named = named.replacen(d.as_str(), " ", 1);
    }
    if let Some(u) = &url {
        named = named.replacen(u.as_str(), " ", 1);
    }
    let names_someone = named.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_some_and(char::is_uppercase) || is_domain(w)
    });
    let outlet = outlet_in(rest, lexicon);
    let short = label.starts_with("via") || label.starts_with("courtesy") || label.starts_with("credit");
    let max_words = if short { 6 } else { 16 };
    // A sentence of prose that happens to start like a label.
    let prose = words > 8 && rest.ends_with('.');
    if words == 0 || words > max_words || prose {
        return None;
    }
    if label.starts_with("url") || label.starts_with("link") {
        return url.map(|u| evidence(SourceKind::Url, None, None, Some(u)));
    }
    if short && outlet.is_none() && !agency_like(rest, lexicon) {
        return None;
    }
    if !names_someone && url.is_none() {
        return None;
    }
    let outlet = outlet.or_else(|| plain_name(&named));
    Some(evidence(SourceKind::Label, outlet, date, url))
}

/// The name a label credits, from what is left of it once its date and URL
/// are out: the first piece before a comma or bar, without a leading year
/// or trailing little words ("2025 Harbour Weekly on" → "Harbour Weekly").
fn plain_name(rest: &str) -> Option<String> {
    let piece = rest.split([',', '|', ';']).map(str::trim).find(|p| !p.is_empty())?;
    let mut words: Vec<&str> = piece.split_whitespace().collect();
    let little = |w: &&str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty() || w.chars().all(|c| c.is_ascii_digit()) || matches!(w, "on" | "in" | "at" | "by" | "the" | "of" | "c")
    };
    while words.first().is_some_and(|w| little(w) && !w.starts_with("The")) {
        words.remove(0);
    }
    while words.last().is_some_and(little) {
        words.pop();
    }
    let name = words.join(" ").trim_end_matches(['.', ':']).to_string();
    (!name.is_empty()).then_some(name)
}

/// A line that is a URL, `<URL>`, a Markdown link alone, or a short label
/// and a URL ("Original: https://…"), but not "Read more: …" or an image.
fn url_line(line: &str) -> Option<SourceLine> {
    // A URL holds "://" or "www." (in any case): a line with neither needs
    // no pattern.
    if !line.contains("://") && !line.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"www.")) {
        return None;
    }
    let m = patterns().url.find(line)?;
    let url = m.as_str().trim_end_matches(['.', ',', ')']);
    let lower = url.to_lowercase();
    if [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"].iter().any(|e| lower.ends_with(e)) {
        return None;
    }
    let before = line[..m.start()].trim();
    let after = line[m.end()..].trim();
    let bare = before.trim_start_matches('<').is_empty() && after.trim_matches(['>', '.']).is_empty();
    let md_link = before.starts_with('[') && before.ends_with("](") && after.trim_start_matches(')').trim().is_empty();
    let labelled = before.ends_with(':')
        && before.split_whitespace().count() <= 4
        && after.is_empty()
        && !["read", "see", "related", "also", "more", "watch", "follow", "subscribe", "image", "photo"]
            .iter()
            .any(|w| before.to_lowercase().contains(w));
    (bare || md_link || labelled).then(|| evidence(SourceKind::Url, None, None, Some(url.to_string())))
}

/// `MOSCOW, April 3 (Reuters) -`, `KYIV (AP) —`, or a capitals dateline
/// with a date and no agency (`BRUSSELS, March 3 —`).
fn dateline(line: &str, lexicon: &Lexicon) -> Option<SourceLine> {
    let p = patterns();
    // Every dateline opens with a capital (`\p{Lu}`, which `is_uppercase`
    // includes) and holds the punctuation its pattern needs: a line without
    // them is no dateline, and none of the patterns runs on it.
    if !line.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if let Some(c) = line.contains('(').then(|| p.dateline.captures(line)).flatten() {
        let place = c.name("place").map_or("", |m| m.as_str()).trim();
        let agency = c.name("agency").map_or("", |m| m.as_str()).trim();
        let rest = c.name("rest").map_or("", |m| m.as_str());
        let place_ok = place.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
            || place.split_whitespace().count() <= 3 && place.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let rest_ok = rest.is_empty() || p.month_day.is_match(rest) || p.date.is_match(rest) || rest.split_whitespace().count() <= 3;
        // "New Delhi, Mar 3 (PTI) The …": a known agency needs no dash.
        let dash_ok = c.name("dash").is_some() || lexicon.is_outlet(agency);
        if place_ok && rest_ok && dash_ok && agency_like(agency, lexicon) {
            let date = p.date.find(rest).or_else(|| p.month_day.find(rest)).map(|m| m.as_str().to_string());
            return Some(evidence(SourceKind::Dateline, Some(agency.to_string()), date, None));
        }
    }
    if let Some(c) = (line.contains(',') && line.contains('/')).then(|| p.dateline_slashes.captures(line)).flatten() {
        let agency = c.name("agency").map_or("", |m| m.as_str()).trim();
        if agency_like(agency, lexicon) {
            return Some(evidence(SourceKind::Dateline, Some(agency.to_string()), c.name("date").map(|m| m.as_str().to_string()), None));
        }
    }
    // Three capitals open it.
    let caps_colon = line.contains(':') && line.chars().take(3).filter(|c| c.is_uppercase()).count() == 3;
    if let Some(c) = caps_colon.then(|| p.dateline_colon.captures(line)).flatten() {
        // Only a known place: "UPDATE:" is a label and "PRESIDENT:" a
        // transcript's speaker.
        let place = c.name("place").map_or("", |m| m.as_str());
        let known = lexicon.places.iter().any(|pl| pl.eq_ignore_ascii_case(place));
        return known.then(|| evidence(SourceKind::Dateline, None, None, None));
    }
    // A place in capitals: its second character is a capital too, or one
    // of the marks a place's name may hold.
    let second_fits = line.chars().nth(1).is_some_and(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’' | ' ' | '-'));
    if !second_fits || !line.contains(',') || !line.contains(['-', '–', '—']) {
        return None;
    }
    let c = p.dateline_no_agency.captures(line)?;
    Some(evidence(SourceKind::Dateline, None, c.name("date").map(|m| m.as_str().to_string()), None))
}

/// `(RT.com)`, `(CTK)`, `(AFP/Reuters)` alone on a line.
fn bracketed_agency(line: &str, lexicon: &Lexicon) -> Option<SourceLine> {
    let inner = line.strip_prefix('(')?.trim_end_matches('.').strip_suffix(')')?.trim();
    agency_like(inner, lexicon).then(|| evidence(SourceKind::BracketedAgency, Some(inner.to_string()), None, None))
}

/// `… the ministry said. (CTK)`: a known outlet in brackets closing the
/// last paragraph, as agencies sign their copy. Only known outlets and
/// domains, so "(NATO)" or "(RDIF)" never count.
fn trailing_agency(line: &str, lexicon: &Lexicon) -> Option<SourceLine> {
    let body = line.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let inner = body[open + 1..].trim();
    let before = body[..open].trim_end();
    if !before.ends_with(['.', '!', '?', '"', '”', '»']) {
        return None;
    }
    (lexicon.is_outlet(inner) || is_domain(inner))
        .then(|| evidence(SourceKind::BracketedAgency, Some(inner.to_string()), None, None))
}

/// `JOLIET, Ill., June 3, 2025 /PRNewswire/ --`: a press-release wire.
fn wire_service(line: &str) -> Option<SourceLine> {
    const WIRES: &[&str] = &["PRNewswire", "PR Newswire", "Business Wire", "BusinessWire", "GlobeNewswire", "Globe Newswire", "EINPresswire", "Cision", "Newsfile", "ACCESSWIRE", "ACCESS Newswire"];
    let (_, rest) = line.split_once('/')?;
    let (inner, _) = rest.split_once('/')?;
    let wire = WIRES.iter().find(|w| inner.trim().starts_with(**w))?;
    Some(evidence(SourceKind::Dateline, Some(wire.to_string()), find_date(line), None))
}

/// `SOURCE Acme Robotics Corp.` closing a press release.
fn release_source(line: &str) -> Option<SourceLine> {
    let name = line.strip_prefix("SOURCE ")?.trim();
    (name.chars().next().is_some_and(char::is_uppercase) && name.split_whitespace().count() <= 6)
        .then(|| evidence(SourceKind::Label, Some(name.to_string()), None, None))
}

/// A credit for the whole article, in brackets or not: "With inputs from
/// PTI", "With inputs from agencies.", "Additional reporting by …",
/// "(Jane Doe in Lisbon contributed to this report.)", "Reporting by …;
/// Editing by …", "This article was written by …, a reporter for OUTLET.",
/// "OUTLET reports citing AGENCY." The credited outlet, when one is named.
fn credit_line(line: &str, lexicon: &Lexicon) -> Option<SourceLine> {
    static CREDIT: OnceLock<Regex> = OnceLock::new();
    let re = CREDIT.get_or_init(|| {
        Regex::new(
            r"(?ix)^\(?\s*(?:
                with\s+(?:additional\s+)?(?:inputs?|reporting|contributions?)\s+(?:from|by)\s+(?P<inputs>[^()]+?)
              | (?:additional\s+)?reporting\s+by\s+(?P<reporting>[^()]+?)
              | (?P<contrib>[^()]+?)\s+contributed\s+(?:to\s+this\s+(?:report|story|article)|(?:additional\s+)?reporting)[^()]*?
              | this\s+(?:article|story|report)\s+was\s+(?:written|reported|produced|compiled)\s+by\s+[^.()]+?\s(?:for|of|at|with)\s+(?P<for>[^.,;()]+?)
              | (?P<reports>[^,.;()]+?)\s+reports?,?\s+citing\s+(?P<citing>[^,.;()]+?)
            )\s*[.)]*\s*(?:$|(?-u:\b)(?:For|Follow|Email|Contact|Write|Reach|Stay|You)(?-u:\b))",
        )
        .expect("credit pattern")
    });
    // The pattern is costly; most lines have none of its words.
    let lower = line.get(..line.len().min(400)).unwrap_or(line).to_ascii_lowercase();
    if !["input", "reporting", "contribut", "written by", "reported by", "produced by", "compiled by", "citing"].iter().any(|w| lower.contains(w)) {
        return None;
    }
    let c = re.captures(line.trim())?;
    // "OUTLET reports citing AGENCY" credits the article only when both
    // look like outlets.
    if let (Some(r), Some(a)) = (c.name("reports"), c.name("citing")) {
        let (r, a) = (r.as_str().trim(), a.as_str().trim());
        if !(agency_like(r, lexicon) && agency_like(a, lexicon)) {
            return None;
        }
        return Some(evidence(SourceKind::Label, Some(r.to_string()), None, None));
    }
    let who = ["inputs", "reporting", "contrib", "for"].iter().find_map(|n| c.name(n))?.as_str().trim();
    if who.chars().count() > 120 {
        return None;
    }
    // A credit names someone or something: capitals, or "agencies".
    let names = who.split_whitespace().any(|w| w.chars().next().is_some_and(char::is_uppercase)) || who.to_lowercase().contains("agenc");
    if !names {
        return None;
    }
    let outlet = outlet_in(who, lexicon).or_else(|| agency_like(who, lexicon).then(|| who.to_string()));
    Some(evidence(SourceKind::Label, outlet, None, None))
}

/// A syndication tag opening the body, text following on the line:
/// `(MENAFN- Asia Times) Evergrande …`, `(Anadolu/AFP) …`, `(ANSA) -
/// ROME …`. The tag's parts (split at a hyphen or slash) must look like
/// agencies or outlets.
fn syndication_tag(line: &str, lexicon: &Lexicon) -> Option<SourceLine> {
    let inner = line.strip_prefix('(')?;
    let close = inner.find(')')?;
    let (tag, after) = (inner[..close].trim(), inner[close + 1..].trim());
    if after.is_empty() || tag.is_empty() || tag.chars().count() > 50 {
        return None;
    }
    let parts: Vec<&str> = tag.split(['-', '–', '/']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() || !parts.iter().all(|p| agency_like(p, lexicon)) {
        return None;
    }
    Some(evidence(SourceKind::BracketedAgency, parts.last().map(|p| p.to_string()), None, None))
}

/// An outlet's name alone on one of the first lines, perhaps with a
/// section after a dash or bar ("The Harbour Gazette - News", "Baltic Press
/// | World"): a known outlet or a name built on an outlet word; or, with a
/// section suffix or right below the headline, any short title-case name
/// with no verb.
fn masthead(line: &str, pos: usize, lexicon: &Lexicon) -> Option<SourceLine> {
    let line = line.trim();
    let (name, section) = match [" - ", " – ", " — ", " | "].iter().find_map(|sep| line.split_once(sep)) {
        Some((n, s)) => (n.trim(), Some(s.trim())),
        None => (line, None),
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || name.ends_with(['.', '!', '?', ':', ',']) || name.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let section_ok = section.is_none_or(|s| {
        let w: Vec<&str> = s.split_whitespace().collect();
        (1..=3).contains(&w.len()) && w.iter().all(|x| x.chars().next().is_some_and(char::is_uppercase))
    });
    let connector = |w: &str| matches!(w, "of" | "the" | "and" | "&" | "de" | "la" | "el" | "al" | "for" | "on");
    let title_case = words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) || connector(w));
    // No verb: no verb of saying, no past tense, no present in -s.
    let verb = words.iter().any(|w| {
        let l = w.to_lowercase();
        lexicon.is_communication_verb(&l) || l.ends_with("ed") || (lexicon.common_words.contains(&l) && l.ends_with('s') && !l.ends_with("ss"))
    });
    // "By Anna Kowalski" or "Anna Kowalski" is a byline naming a person.
    let person = matches!(words[0].to_lowercase().as_str(), "by" | "photo" | "photos" | "video" | "updated" | "published" | "posted")
        || lexicon.given_names.contains(words[0])
        || lexicon.female_names.contains(words[0]);
    if !section_ok || !title_case || verb || person {
        return None;
    }
    let known = lexicon.is_outlet(name) || patterns().outlet_shaped.find(name).is_some_and(|m| m.as_str().len() == name.len());
    let shaped = (section.is_some() || pos == 1) && (2..=4).contains(&words.len());
    (known || shaped).then(|| evidence(SourceKind::Header, Some(name.to_string()), None, None))
}

/// `… — Reuters` or `- AFP` ending a paragraph: a liveblog entry's credit.
fn dash_credit(line: &str, lexicon: &Lexicon) -> Option<SourceLine> {
    let at = line.rfind(['—', '–', '-'])?;
    let tail = line[at..].trim_start_matches(['—', '–', '-']).trim();
    let dash_spaced = line[..at].ends_with(' ') || at == 0;
    (dash_spaced && !tail.is_empty() && lexicon.find_outlets(tail).first().is_some_and(|(r, _)| r.start == 0 && r.end == tail.len()))
        .then(|| evidence(SourceKind::Label, Some(tail.to_string()), None, None))
}

/// `The Riverside Ledger | Opinion | June 12, 2025`: a masthead line, its
/// parts between pipes, one of them a date.
fn piped_header(line: &str) -> Option<SourceLine> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    if !(2..=4).contains(&parts.len()) {
        return None;
    }
    let date = parts.iter().find_map(|p| find_date(p))?;
    let first = parts[0];
    let words = first.split_whitespace().count();
    let capitalised = first.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
    ((1..=5).contains(&words) && capitalised && find_date(first).is_none())
        .then(|| evidence(SourceKind::Header, Some(first.to_string()), Some(date), None))
}

/// `By Jane Doe, Reuters` or `By Jane Doe | RT.com | 3 April 2025`.
fn byline(line: &str, lexicon: &Lexicon) -> Option<SourceLine> {
    let c = patterns().byline.captures(line)?;
    let rest = c.name("rest")?.as_str();
    // "By TOM HALE FOR MAILONLINE": what follows "for" is the outlet.
    let for_outlet = || {
        let whole = c.get(0)?.as_str();
        let before_rest = &whole[..whole.len() - rest.len()];
        let short = rest.split_whitespace().count() <= 4 && rest.chars().next().is_some_and(char::is_uppercase);
        (before_rest.trim_end().to_lowercase().ends_with(" for") && short).then(|| rest.trim().to_string())
    };
    let outlet = outlet_in(rest, lexicon).or_else(for_outlet)?;
    Some(evidence(SourceKind::Header, Some(outlet), find_date(rest), None))
}

/// A line that is an outlet's name (with perhaps a date or separators) and a
/// date on it or on a line within three lines of it, among `window`.
fn header(text: &str, lines: &[Span], window: &[usize], i: usize, lexicon: &Lexicon) -> Option<SourceLine> {
    let line = strip_markup(&text[lines[i].clone()]);
    // A header names an outlet and little else: a long line is prose.
    if line.len() > 160 {
        return None;
    }
    let outlet = outlet_in(line, lexicon)?;
    let mut rest = line.replacen(outlet.as_str(), " ", 1);
    let same_line_date = find_date(&rest);
    if let Some(d) = &same_line_date {
        rest = rest.replacen(d.as_str(), " ", 1);
    }
    let leftover = rest
        .split(|c: char| c.is_whitespace() || "|,–—-•·/:".contains(c))
        .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "updated" | "published" | "posted" | "by" | "on"))
        .count();
    if leftover > 2 {
        return None;
    }
    let pos = window.iter().position(|&j| j == i)?;
    let date = same_line_date.or_else(|| {
        let lo = pos.saturating_sub(3);
        let hi = (pos + 4).min(window.len());
        window[lo..hi]
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| strip_markup(&text[lines[j].clone()]))
            .find(|l| is_date_line(l))
            .and_then(find_date)
    })?;
    Some(evidence(SourceKind::Header, Some(outlet), Some(date), None))
}

// ---------------------------------------------------------------------------
// Outlets named in passing

/// Outlets the text names outside its source lines: known outlets (those
/// whose name is also a common word or very short only where the text cites
/// them), domains ("News.ro"), names shaped like an outlet's where the text
/// cites them ("according to the Baltic Times"), and names the name finder
/// marked as outlets.
fn named_outlets(
    text: &str,
    source_lines: &[SourceLine],
    mentions: &[Mention],
    entities: &[LocalEntity],
    lexicon: &Lexicon,
) -> Vec<NamedOutlet> {
    let p = patterns();
    let in_source_line = |at: usize| source_lines.iter().any(|l| l.span.contains(&at));
    let mut found: Vec<NamedOutlet> = Vec::new();
    let claim = |found: &mut Vec<NamedOutlet>, name: &str, span: Span| {
        if in_source_line(span.start) || found.iter().any(|f| f.span.start < span.end && span.start < f.span.end) {
            return;
        }
        found.push(NamedOutlet { name: name.to_string(), span });
    };
    let cited = |span: &Span| {
        let before = &text[floor_boundary(text, span.start.saturating_sub(48))..span.start];
        let after = &text[span.end..floor_boundary(text, span.end + 40)];
        p.cue_before.is_match(before) || p.cue_after.is_match(after)
    };

    // One pass over the text for every outlet; "NBC News" wins over "NBC".
    for (span, outlet) in lexicon.find_outlets(text) {
        if follows_given_name(text, span.start, lexicon) {
            continue;
        }
        if !ambiguous_outlet(outlet, lexicon) || cited(&span) {
            claim(&mut found, outlet, span);
        }
    }
    // A domain ends in "." and a top-level domain in lower case, and holds
    // no space: only the lines with a full stop before a lower-case letter
    // can hold one, and the pattern runs on those lines alone.
    for line in lines_holding_domains(text) {
        for m in p.domain.find_iter(&text[line.clone()]) {
            let range = line.start + m.start()..line.start + m.end();
            let before = &text[..range.start];
            let after = &text[range.end..];
            if before.ends_with(['@', '/', '.']) || after.starts_with('/') || before.ends_with("://") {
                continue;
            }
            claim(&mut found, m.as_str(), range);
        }
    }
    for m in p.outlet_shaped.find_iter(text) {
        let name = m.as_str().trim_start_matches("The ").trim();
        let span = m.end() - name.len()..m.end();
        if name.split_whitespace().count() >= 2 && cited(&span) {
            claim(&mut found, name, span);
        }
    }
    for e in entities.iter().filter(|e| e.is_outlet) {
        for &mi in &e.mentions {
            if let Some(m) = mentions.get(mi) {
                claim(&mut found, &e.name, m.span.clone());
            }
        }
    }
    found.sort_by_key(|f| f.span.start);
    found
}

/// The lines of `text` (between newlines) with a full stop followed by a
/// lower-case ASCII letter: the only lines a domain can stand on.
fn lines_holding_domains(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        // Full stops found with `str::find`'s fast byte search.
        let mut k = from + text.get(from..)?.find('.')?;
        while !bytes.get(k + 1).is_some_and(u8::is_ascii_lowercase) {
            k += 1 + text.get(k + 1..)?.find('.')?;
        }
        let start = bytes[..k].iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
        let end = bytes[k..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |n| k + n);
        from = end;
        Some(start..end)
    })
}

/// The nearest char boundary at or before `i` (clamped to the text).
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An outlet whose name is also a word or is very short ("Time", "AP", "The
/// Hill"): counted only where the text cites it.
fn ambiguous_outlet(name: &str, lexicon: &Lexicon) -> bool {
    let words: Vec<&str> = name.split_whitespace().filter(|w| *w != "The").collect();
    match words.as_slice() {
        [one] => {
            one.chars().count() <= 2
                || (!one.chars().all(char::is_uppercase)
                    && (one.chars().count() <= 4 || lexicon.common_words.contains(&one.to_lowercase())))
        }
        _ => false,
    }
}

/// "Michael Bloomberg": an outlet's name right after a given name is a
/// person's surname.
fn follows_given_name(text: &str, at: usize, lexicon: &Lexicon) -> bool {
    let before = text[..at].trim_end_matches([' ', '\u{a0}']);
    if before.len() == text[..at].len() {
        return false;
    }
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    lexicon.given_names.contains(word)
}

#[cfg(test)]
mod tests;
