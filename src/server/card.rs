//! The hover card of an entity, laid out to fit one screen (15 lines at
//! most): who it is and how it is spelled on top, then at most four
//! descriptors with near-duplicates merged, then at most three quotations,
//! the current article's first, cut at a word boundary. Counts and places
//! link to the references where the client renders links
//! ([`Links`](super::reading::Links)).

use std::path::Path;

use tower_lsp_server::ls_types::{Position, Uri};

use super::reading::Links;
use super::state::State;
use crate::index::{EntityCard, EntityId, Mentioned};
use crate::analysis::EntityKind;

/// How many descriptors and quotations a card lists. Four descriptors,
/// not five, and lines short enough not to wrap: VS Code caps a hover at
/// about 250 pixels (eleven lines and two paragraph gaps), and scrolls past
/// that.
const CARD_DESCRIPTORS: usize = 4;
const CARD_QUOTES: usize = 3;
/// The longest descriptor and quotation shown, in characters.
const DESCRIPTOR_CHARS: usize = 70;
const QUOTE_CHARS: usize = 75;
/// A quotation of this many words or fewer is a scare quote, not a
/// statement (the annotation conventions: quotes have five words or more).
const SCARE_QUOTE_WORDS: usize = 4;
/// The spellings listed on the second line.
const CARD_SPELLINGS: usize = 4;
/// The command the VS Code extension registers to show references.
pub const SHOW_REFERENCES: &str = "newslint.showReferences";

/// Where the card is asked for: the article and the position of the hover.
pub struct Here<'a> {
    pub path: &'a Path,
    pub pos: Position,
}

pub fn entity_card(st: &State, id: &EntityId, here: &Here) -> Option<String> {
    let card = st.corpus.card(id)?;
    let refs = st.corpus.mentioned(id);
    Some(render(st, &card, &refs, here))
}

fn render(st: &State, card: &EntityCard, refs: &[Mentioned], here: &Here) -> String {
    let links = st.session.reading.links;
    let link = Linker { st, links };
    // Line 1: identity and the whole count, which opens the references.
    let total = plural(card.mentions, "mention");
    let total = match links {
        Links::Command => link.command(&total, here),
        Links::File => match refs.iter().find(|r| r.path != here.path).or(refs.first()) {
            Some(r) => link.place(&total, r.path, r.span.start),
            None => total,
        },
        Links::None => total,
    };
    // Each section is one paragraph of lines joined by hard breaks (no
    // list): VS Code caps a hover at about 250 pixels, and every list or
    // paragraph adds a margin.
    let mut head = vec![format!("**{}** · {} · {total} in {}", escape(&card.name), card.kind.as_str(), plural(card.articles, "article"))];
    // Line 2: the spellings, the preferred one first, each count opening
    // its first mention (outside this article where there is one).
    let mut spellings: Vec<_> = card.spellings.iter().collect();
    spellings.sort_by_key(|s| card.preferred.as_deref() != Some(s.spelling.as_str()));
    let shown: Vec<String> = spellings
        .iter()
        .take(CARD_SPELLINGS)
        .map(|s| {
            let count = format!("{}× in {}", s.mentions, plural(s.articles, "article"));
            // The first mention elsewhere, else the first here, in one pass.
            let (mut elsewhere, mut first_here) = (None, None);
            for r in refs.iter().filter(|r| written_with(r.text, &s.spelling)) {
                if r.path != here.path {
                    elsewhere = Some(r);
                    break;
                }
                first_here.get_or_insert(r);
            }
            let first = elsewhere.or(first_here);
            let count = match (links, first) {
                (Links::None, _) | (_, None) => count,
                (_, Some(r)) => link.place(&count, r.path, r.span.start),
            };
            if card.preferred.as_deref() == Some(s.spelling.as_str()) && card.spellings.len() > 1 {
                format!("**{}** (preferred) {count}", escape(&s.spelling))
            } else {
                format!("{} {count}", escape(&s.spelling))
            }
        })
        .collect();
    let more = spellings.len().saturating_sub(CARD_SPELLINGS);
    head.push(format!("Spellings: {}{}", shown.join(" · "), if more > 0 { format!(" · {more} more") } else { String::new() }));
    let mut sections = vec![head];

    let descriptors = merged_descriptors(card, here.path);
    if !descriptors.is_empty() {
        let of = if descriptors.len() > CARD_DESCRIPTORS { format!(" · {} of {}", CARD_DESCRIPTORS, descriptors.len()) } else { String::new() };
        let mut lines = vec![format!("**Described as**{of}")];
        for d in descriptors.iter().take(CARD_DESCRIPTORS) {
            let place = link.place(&st.display_name(d.path), d.path, d.start);
            let also = if d.articles > 1 { format!(" and {} more", d.articles - 1) } else { String::new() };
            lines.push(format!("{BULLET}{} — {place}{also}", escape(&shorten(d.text, DESCRIPTOR_CHARS))));
        }
        sections.push(lines);
    }

    let quotes = card_quotes(card, here.path);
    if !quotes.is_empty() {
        let of = if quotes.len() > CARD_QUOTES { format!(" · {} of {}", CARD_QUOTES, quotes.len()) } else { String::new() };
        let mut lines = vec![format!("**Quoted**{of}")];
        for q in quotes.iter().take(CARD_QUOTES) {
            let line = st.lines(&q.path).map(|lines| lines.line_number(q.span.start)).unwrap_or(0);
            let name = format!("{}:{line}", st.display_name(&q.path));
            let place = link.place(&name, &q.path, q.span.start);
            lines.push(format!("{BULLET}“{}” — {place}", escape(&shorten(&q.text, QUOTE_CHARS))));
        }
        sections.push(lines);
    }
    let mut md = sections.iter().map(|lines| lines.join("  \n")).collect::<Vec<_>>().join("\n\n");
    md.push('\n');
    md
}

/// What starts a descriptor or a quotation line: not Markdown's "- ",
/// which would make a list.
const BULLET: &str = "• ";

/// A descriptor standing for its near-duplicates, with the number of
/// articles that say it.
struct Merged<'a> {
    text: &'a str,
    path: &'a Path,
    start: usize,
    articles: usize,
    key: Vec<String>,
    paths: Vec<&'a Path>,
}

/// The card's descriptors with near-duplicates merged (one contains the
/// other, or they differ only in case, articles or punctuation), the most
/// widely said first, then the current article's.
fn merged_descriptors<'a>(card: &'a EntityCard, here: &Path) -> Vec<Merged<'a>> {
    let mut groups: Vec<Merged<'a>> = Vec::new();
    for d in &card.descriptors {
        let key = descriptor_key(&d.descriptor.text);
        if key.is_empty() {
            continue;
        }
        let text = d.descriptor.text.as_str();
        match groups.iter_mut().find(|g| contains(&g.key, &key) || contains(&key, &g.key)) {
            Some(g) => {
                if !g.paths.contains(&d.path.as_path()) {
                    g.paths.push(&d.path);
                    g.articles += 1;
                }
                // The fuller wording stands for the group while it fits;
                // the current article's place is the one linked.
                if key.len() > g.key.len() && text.chars().count() <= DESCRIPTOR_CHARS {
                    g.text = text;
                    g.key = key;
                }
                if d.path == here && g.path != here {
                    g.path = &d.path;
                    g.start = d.descriptor.span.start;
                }
            }
            None => groups.push(Merged { text, path: &d.path, start: d.descriptor.span.start, articles: 1, key, paths: vec![&d.path] }),
        }
    }
    // A stable sort keeps the corpus order among equals.
    groups.sort_by_key(|g| (std::cmp::Reverse(g.articles), !g.paths.contains(&here)));
    groups
}

/// A descriptor's words, lowercased, without articles and punctuation:
/// "The Kremlin's envoy," and "Kremlin’s envoy" have one key.
fn descriptor_key(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).replace('’', "'").to_lowercase())
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "the" | "a" | "an"))
        .collect()
}

/// Whether `outer` holds `inner` as a run of whole words.
fn contains(outer: &[String], inner: &[String]) -> bool {
    !inner.is_empty() && inner.len() <= outer.len() && outer.windows(inner.len()).any(|w| w == inner)
}

/// The card's quotations worth listing, the current article's first: no
/// scare quotes, and none at all for a place (a quotation "by" a place is
/// a misreading of the sentence).
fn card_quotes<'a>(card: &'a EntityCard, here: &Path) -> Vec<&'a crate::index::QuoteRef> {
    if card.kind == EntityKind::Place {
        return Vec::new();
    }
    let mut quotes: Vec<_> = card.quotes.iter().filter(|q| q.text.split_whitespace().count() > SCARE_QUOTE_WORDS).collect();
    quotes.sort_by_key(|q| q.path != here);
    quotes
}

struct Linker<'a> {
    st: &'a State,
    links: Links,
}

/// Whether a mention is written with `spelling`: the whole of it, or a
/// whole word at its start or end ("Dmitriev" in "Kirill Dmitriev").
fn written_with(mention: &str, spelling: &str) -> bool {
    mention == spelling
        || mention.strip_prefix(spelling).is_some_and(|rest| rest.starts_with(' '))
        || mention.strip_suffix(spelling).is_some_and(|rest| rest.ends_with(' '))
}

impl Linker<'_> {
    /// `text` linking to a place in an article (a `file:` URI with a line
    /// anchor), or plain where the client shows no links.
    fn place(&self, text: &str, path: &Path, offset: usize) -> String {
        let text = escape(text);
        if self.links == Links::None {
            return text;
        }
        let Some(uri) = self.st.uri(path) else { return text };
        let line = self.st.lines(path).map(|lines| lines.line_number(offset)).unwrap_or(1);
        format!("[{text}]({}#L{line})", link_target(uri.as_str()))
    }

    /// `text` running the extension's references command at the hover.
    fn command(&self, text: &str, here: &Here) -> String {
        let Some(uri) = self.st.uri(here.path) else { return escape(text) };
        format!("[{}]({})", escape(text), show_references_uri(&uri, here.pos))
    }
}

/// `command:newslint.showReferences?[uri, line, character]`, the arguments
/// as URI-encoded JSON, as VS Code reads command links.
pub fn show_references_uri(uri: &Uri, pos: Position) -> String {
    let args = serde_json::json!([uri.as_str(), pos.line, pos.character]).to_string();
    format!("command:{SHOW_REFERENCES}?{}", percent_encode(&args))
}

/// A URI as a Markdown link target: the characters that would end or break
/// the link are percent-encoded.
fn link_target(uri: &str) -> String {
    uri.replace('(', "%28").replace(')', "%29").replace(' ', "%20")
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `s` on one line, cut at the last word boundary within `max` characters,
/// with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-')))
}

/// Escape the characters Markdown would take for formatting.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spelling_is_the_whole_mention_or_a_whole_word_at_either_end() {
        assert!(written_with("Dmitriev", "Dmitriev"));
        assert!(written_with("Kirill Dmitriev", "Dmitriev"));
        assert!(written_with("Kirill Dmitriev", "Kirill"));
        assert!(!written_with("Kirill Dmitrievich", "Dmitriev"));
        assert!(!written_with("Dmitrieva", "Dmitriev"));
        assert!(!written_with("Kirill XDmitriev", "Dmitriev"));
    }

    #[test]
    fn quotations_are_cut_at_a_word_boundary() {
        let long = "We have made three steps forward today and yesterday on a large number of issues that matter";
        let cut = shorten(long, 40);
        assert_eq!(cut, "We have made three steps forward today…");
        assert_eq!(shorten("short  and\nflat", 40), "short and flat");
    }

    #[test]
    fn near_duplicate_descriptors_share_a_key() {
        let a = descriptor_key("the highest-ranking Russian official");
        let b = descriptor_key("The highest-ranking Russian official to visit the capital");
        assert!(contains(&b, &a));
        assert_eq!(descriptor_key("Kremlin’s envoy,"), descriptor_key("the Kremlin's Envoy"));
        assert!(!contains(&descriptor_key("a close adviser"), &descriptor_key("the chief executive")));
    }

    fn card_with(kind: EntityKind, quotes: &[(&str, &str)]) -> EntityCard {
        use crate::analysis::{Attribution, SpeakerKind};
        EntityCard {
            id: EntityId { key: "oslo".into(), given: String::new() },
            name: "Oslo".into(),
            kind,
            spellings: Vec::new(),
            preferred: None,
            given_names: Vec::new(),
            mentions: 2,
            articles: 2,
            descriptors: Vec::new(),
            quotes: quotes
                .iter()
                .map(|(path, text)| crate::index::QuoteRef {
                    path: path.into(),
                    span: 0..text.len(),
                    text: text.to_string(),
                    speaker_as_written: "Oslo".into(),
                    speaker_kind: SpeakerKind::Named,
                    how: Attribution::VerbAfter,
                })
                .collect(),
        }
    }

    #[test]
    fn a_place_lists_no_quotations_and_scare_quotes_are_left_out() {
        let quotes = [("/c/a.txt", "a nuisance"), ("/c/b.txt", "the bridge will stay closed all week"), ("/c/a.txt", "every berth opens again on Friday")];
        assert!(card_quotes(&card_with(EntityKind::Place, &quotes), Path::new("/c/a.txt")).is_empty());
        let person = card_with(EntityKind::Person, &quotes);
        let listed: Vec<&str> = card_quotes(&person, Path::new("/c/a.txt")).iter().map(|q| q.text.as_str()).collect();
        assert_eq!(listed, ["every berth opens again on Friday", "the bridge will stay closed all week"]);
    }

    #[test]
    fn command_links_carry_the_position_as_encoded_json() {
        let uri: Uri = "file:///corpus/a%20b.txt".parse().unwrap();
        let link = show_references_uri(&uri, Position { line: 3, character: 7 });
        assert!(link.starts_with("command:newslint.showReferences?%5B%22file"), "{link}");
        assert!(link.ends_with("%2C3%2C7%5D"), "{link}");
        assert!(!link.contains(' ') && !link.contains(')'));
    }
}
