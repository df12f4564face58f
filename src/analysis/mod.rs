//! Article analysis: a pure function from an article's text to facts with
//! byte ranges. Nothing here knows about files, the corpus or LSP.

pub mod attribution;
pub mod descriptors;
pub mod names;
pub mod quotes;
pub mod segment;
pub mod short;
pub mod source;

use serde::Serialize;

use crate::lexicon::Lexicon;

/// A byte range into the article's text.
pub type Span = std::ops::Range<usize>;

/// Everything newslint learns from one article on its own.
#[derive(Clone, Debug, Default)]
pub struct Article {
    /// The first non-empty line, unless it is a source line or a date.
    pub headline: Option<Span>,
    pub quotes: Vec<Quote>,
    /// Quotation marks that never close or never open.
    pub stray_marks: Vec<StrayMark>,
    pub mentions: Vec<Mention>,
    /// The names of this article, each with its mentions (a surname alone is
    /// linked to the full name seen earlier).
    pub entities: Vec<LocalEntity>,
    pub source: source::SourceEvidence,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Unknown,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Unknown => "name",
        }
    }
}

/// One place the text names an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The name as written, without a possessive ending ("Putin" in "Putin's").
    pub span: Span,
    /// The part of the name whose spelling varies across outlets: the surname
    /// of a person, the whole name otherwise. Inside `span`.
    pub head: Span,
    /// Index into [`Article::entities`].
    pub entity: usize,
    pub possessive: Possessive,
    /// Inside a quotation.
    pub in_quote: bool,
}

/// The length of a mention's possessive ending ("'s", "’s", "'", "s").
pub fn possessive_len(text: &str, m: &Mention) -> usize {
    let rest = &text[m.span.end..];
    match m.possessive {
        Possessive::No => 0,
        Possessive::LostApostrophe => 1,
        Possessive::Marked => {
            for ending in ["'s", "’s", "'", "’"] {
                if rest.starts_with(ending) {
                    return ending.len();
                }
            }
            0
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Possessive {
    #[default]
    No,
    /// "Putin's", "Putin’s", "Reuters'".
    Marked,
    /// "Putins economic envoy": the apostrophe was lost. `span` covers
    /// "Putin"; the stray "s" follows it.
    LostApostrophe,
}

/// A name as one article uses it: all its mentions, and what the article
/// says the entity is.
#[derive(Clone, Debug, Default)]
pub struct LocalEntity {
    /// The fullest form in the article ("Kirill Dmitriev").
    pub name: String,
    /// The spelling-carrying part: surname of a person, else the whole name.
    pub head: String,
    /// The key that groups spellings of `head` (see [`crate::translit`]);
    /// empty when not computed.
    pub key: String,
    /// A person's given name, if the article gives one.
    pub given: Option<String>,
    pub kind: Option<EntityKind>,
    /// Indexes into [`Article::mentions`], in text order.
    pub mentions: Vec<usize>,
    pub descriptors: Vec<Descriptor>,
    /// The name is a news outlet's ("The Kyiv Independent"): never a
    /// misspelling of anything.
    pub is_outlet: bool,
    /// Other local entities the article says are this one under another
    /// name ("X, also known as Y"), by index.
    pub aliases: Vec<usize>,
}

impl LocalEntity {
    pub fn kind(&self) -> EntityKind {
        self.kind.unwrap_or(EntityKind::Unknown)
    }
}

/// What an article says someone is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Descriptor {
    pub text: String,
    #[serde(skip)]
    pub span: Span,
    pub how: DescriptorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DescriptorKind {
    /// "Ukrainian Foreign Minister Andrii Sibieha".
    Title,
    /// "Kirill Dmitriev, Russia's special envoy …," or "Putin's envoy, Kirill Dmitriev,".
    Appositive,
    /// "Dmitriev, who heads …,".
    RelativeClause,
    /// "Dmitriev is the CEO of …".
    Predicate,
    /// "The same envoy said …" after a sentence that names Dmitriev.
    Reference,
}

/// A direct quotation.
#[derive(Clone, Debug)]
pub struct Quote {
    /// The quotation with its marks.
    pub span: Span,
    /// The quoted words, without marks or the spaces inside «  ».
    pub inner: Span,
    pub open: Option<char>,
    pub close: Option<char>,
    pub words: usize,
    /// Starts with a capital and ends with . ! or ? inside the marks.
    pub full_sentence: bool,
    /// Mostly capitalised words and no closing full stop: the title of a
    /// work or a programme ("Black Sea Grain Initiative"), not speech.
    pub is_title: bool,
    pub speaker: Option<Speaker>,
}

impl Quote {
    /// Quotations editors expect attributed: five words or more. Shorter
    /// quoted phrases are terms, scare quotes or slogans, even when they end
    /// with a stop or an exclamation mark ("Go home!"), whoever is credited.
    pub fn needs_speaker(&self) -> bool {
        !self.is_title && self.words >= 5
    }
}

/// Who the text says spoke a quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// As the text names the speaker: "Dmitriev", "he", "Putin's envoy".
    pub text: String,
    pub span: Option<Span>,
    /// The local entity the speaker resolves to.
    pub entity: Option<usize>,
    pub kind: SpeakerKind,
    pub how: Attribution,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerKind {
    /// A name.
    Named,
    /// A pronoun resolved to a person named earlier.
    Pronoun,
    /// A description of a person ("Putin's envoy").
    Descriptor,
    /// An organisation ("the Treasury Department wrote").
    Institution,
    /// Someone the text does not name ("an American official said").
    Anonymous,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attribution {
    /// `"…," Dmitriev said` or `"…," said Dmitriev`.
    VerbAfter,
    /// `Dmitriev said: "…"`, `Dmitriev confirmed that "…"`.
    VerbBefore,
    /// A verb of saying elsewhere in the sentence.
    SentenceVerb,
    /// `according to X`.
    AccordingTo,
    /// The previous sentence leads in with a colon.
    ColonLeadIn,
    /// A paragraph of quotation only, continuing the previous speaker.
    Continuation,
}

impl Attribution {
    pub fn describe(self) -> &'static str {
        match self {
            Attribution::VerbAfter => "a verb of saying after the quotation",
            Attribution::VerbBefore => "a verb of saying before the quotation",
            Attribution::SentenceVerb => "a verb of saying in the same sentence",
            Attribution::AccordingTo => "“according to”",
            Attribution::ColonLeadIn => "a lead-in ending in a colon",
            Attribution::Continuation => "it continues the previous speaker's quotation",
        }
    }
}

/// A quotation mark without its partner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrayMark {
    pub span: Span,
    pub mark: char,
    pub problem: MarkProblem,
    /// The words the mark opens or closes, the mark included: to the end of
    /// its paragraph (trailing space left out) for a mark that never
    /// closes, from the start of its sentence for one that never opens.
    /// Worked out with the article's segments, which the facts do not keep.
    pub reach: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkProblem {
    NeverCloses,
    NeverOpens,
}

/// Analyse one article.
pub fn analyze(text: &str, lexicon: &Lexicon) -> Article {
    // Suppression directives are not article text: no names, quotations or
    // sentences come from them (they are blanked, so offsets stay).
    match crate::suppress::directive::blank(text) {
        Some(blanked) => analyze_text(&blanked, lexicon),
        None => analyze_text(text, lexicon),
    }
}

fn analyze_text(text: &str, lexicon: &Lexicon) -> Article {
    let segments = segment::segment(text, lexicon);
    let quoted = quotes::find_quotes(text, &segments);
    let (mentions, mut entities) = names::find_names(text, &segments, &quoted.quotes, lexicon);
    descriptors::attach(text, &segments, &quoted.quotes, &mentions, &mut entities, lexicon);
    let mut quotes = quoted.quotes;
    attribution::attribute(text, &segments, &mut quotes, &mentions, &entities, lexicon);
    let source = source::find_source(text, &segments, &mentions, &entities, lexicon);
    let mut article = Article {
        headline: segments.headline,
        quotes,
        stray_marks: quoted.stray_marks,
        mentions,
        entities,
        source,
    };
    article.shrink();
    article
}

impl Article {
    /// Give back the spare capacity of every list: a corpus holds tens of
    /// thousands of these.
    fn shrink(&mut self) {
        self.quotes.shrink_to_fit();
        self.stray_marks.shrink_to_fit();
        self.mentions.shrink_to_fit();
        self.entities.shrink_to_fit();
        for e in &mut self.entities {
            e.mentions.shrink_to_fit();
            e.descriptors.shrink_to_fit();
            e.name.shrink_to_fit();
            e.head.shrink_to_fit();
            e.key.shrink_to_fit();
        }
        self.source.lines.shrink_to_fit();
        self.source.named.shrink_to_fit();
    }
}

/// The words of `s` as byte ranges: letters and digits, with apostrophes,
/// hyphens and full stops inside a word ("O’Brien", "Ivano-Frankivsk",
/// "U.S") but not at its ends.
pub fn word_spans(s: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = s.as_bytes();
    let char_at = move |i: usize| char_at(s, i);
    let mut i = 0;
    std::iter::from_fn(move || {
        // Skip to a letter or digit; ASCII bytes are told without decoding.
        let start = loop {
            let b = *bytes.get(i)?;
            if b.is_ascii_alphanumeric() {
                break i;
            }
            if b.is_ascii() {
                i += 1;
                continue;
            }
            let (c, n) = char_at(i);
            if c.is_alphanumeric() {
                break i;
            }
            i += n;
        };
        i = start + if bytes[start].is_ascii() { 1 } else { char_at(start).1 };
        let mut end = i;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                i += 1;
                end = i;
                continue;
            }
            if b.is_ascii() {
                if !matches!(b, b'\'' | b'-' | b'.') {
                    break;
                }
                i += 1;
                continue;
            }
            let (c, n) = char_at(i);
            if c.is_alphanumeric() {
                end = i + n;
            } else if !matches!(c, '\'' | '’' | '-' | '.') {
                break;
            }
            i += n;
        }
        Some(start..end)
    })
}

/// The character at byte offset `i` of `s` (a character boundary below
/// `s.len()`) and its length, read straight from the byte when it is ASCII,
/// as nearly every character of an article is.
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    match s.as_bytes()[i] {
        b if b.is_ascii() => (b as char, 1),
        _ => s[i..].chars().next().map_or(('\0', 1), |c| (c, c.len_utf8())),
    }
}

/// The words of `s` as [`word_spans`] gives them, last first: a word is a
/// run of letters, digits and inner marks between other characters, with
/// marks at its ends cut, so reading from either end finds the same words.
/// For a walk back from a name, which reads only the words next to it.
pub fn word_spans_back(s: &str) -> impl Iterator<Item = Span> + '_ {
    let mut i = s.len();
    let joiner = |c: char| matches!(c, '\'' | '’' | '-' | '.');
    std::iter::from_fn(move || {
        // Back to a letter or digit.
        let end = loop {
            let c = s[..i].chars().next_back()?;
            if c.is_alphanumeric() {
                break i;
            }
            i -= c.len_utf8();
        };
        let mut start = end;
        while let Some(c) = s[..i].chars().next_back() {
            if c.is_alphanumeric() {
                start = i - c.len_utf8();
            } else if !joiner(c) {
                break;
            }
            i -= c.len_utf8();
        }
        Some(start..end)
    })
}

/// `word` without its possessive endings, as
/// `word.trim_end_matches("'s").trim_end_matches("’s")` gives it, but
/// without building a string searcher for every word.
pub(crate) fn trim_possessive(word: &str) -> &str {
    let mut w = word;
    while let Some(stem) = w.strip_suffix("'s") {
        w = stem;
    }
    while let Some(stem) = w.strip_suffix("’s") {
        w = stem;
    }
    w
}

/// `f` of `word` in lower case, lowered into a buffer on the stack when the
/// word is short and ASCII (as nearly every word of an English article is),
/// so that a word test against a lexicon allocates nothing.
pub(crate) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    match buf.get_mut(..word.len()) {
        Some(b) if word.is_ascii() => {
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            f(std::str::from_utf8(b).unwrap_or_default())
        }
        _ => f(&word.to_lowercase()),
    }
}

/// `f` of `a` followed by `b`, joined on the stack when short.
pub(crate) fn with_joined<R>(a: &str, b: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    match buf.get_mut(..a.len() + b.len()) {
        Some(out) => {
            out[..a.len()].copy_from_slice(a.as_bytes());
            out[a.len()..].copy_from_slice(b.as_bytes());
            f(std::str::from_utf8(out).unwrap_or_default())
        }
        None => f(&format!("{a}{b}")),
    }
}

/// Whether a word is capitalised (its first letter is upper case).
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod word_tests {
    #[test]
    fn words_lowered_and_joined_on_the_stack_are_those_on_the_heap() {
        for w in ["Said", "ÉLYSÉE", "Straße", "İstanbul", "", &"Long".repeat(40)] {
            assert_eq!(super::with_lower(w, str::to_string), w.to_lowercase());
            assert_eq!(super::with_joined(w, "e", str::to_string), format!("{w}e"));
        }
        for w in ["Putin's", "Reuters’s's", "’s", "'s’s", "boss", "Jones'"] {
            assert_eq!(super::trim_possessive(w), w.trim_end_matches("'s").trim_end_matches("’s"));
        }
    }

    #[test]
    fn words_read_back_are_the_words_read_forward() {
        let alphabet: Vec<char> = "aZ9é’'-. ,—(Ki)\n".chars().collect();
        let mut seed = 12345u64;
        for len in 0..400 {
            let s: String = (0..len % 40)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            let forward: Vec<_> = super::word_spans(&s).collect();
            let mut back: Vec<_> = super::word_spans_back(&s).collect();
            back.reverse();
            assert_eq!(forward, back, "{s:?}");
        }
    }

    proptest::proptest! {
        /// The byte tests give the words a reading character by character
        /// gives: letters and digits, joined by inner apostrophes,
        /// hyphens and full stops.
        #[test]
        fn words_read_by_bytes_are_the_words_read_by_characters(s in "[a-zA-Z0-9 ,.'’\\-ł😀é—\u{a0}Ж]{0,40}") {
            let mut plain = Vec::new();
            let chars: Vec<(usize, char)> = s.char_indices().collect();
            let mut k = 0;
            while k < chars.len() {
                if !chars[k].1.is_alphanumeric() {
                    k += 1;
                    continue;
                }
                let start = chars[k].0;
                let mut end = start + chars[k].1.len_utf8();
                k += 1;
                while k < chars.len() {
                    let (at, c) = chars[k];
                    if c.is_alphanumeric() {
                        end = at + c.len_utf8();
                    } else if !matches!(c, '\'' | '’' | '-' | '.') {
                        break;
                    }
                    k += 1;
                }
                plain.push(start..end);
            }
            let read: Vec<_> = super::word_spans(&s).collect();
            proptest::prop_assert_eq!(read, plain);
        }
    }

    #[test]
    fn word_spans_split_like_the_text_reads() {
        let s = "O’Brien's U.S.-based firm, “Ivano-Frankivsk”… said: 'no'. 😀x";
        let words: Vec<&str> = super::word_spans(s).map(|r| &s[r]).collect();
        assert_eq!(words, vec!["O’Brien's", "U.S.-based", "firm", "Ivano-Frankivsk", "said", "no", "x"]);
        let s = "Zelensky’s—Łódź-born 3.5 ünïcödé-- word' .x ’s Київ";
        let words: Vec<&str> = super::word_spans(s).map(|r| &s[r]).collect();
        assert_eq!(words, vec!["Zelensky’s", "Łódź-born", "3.5", "ünïcödé", "word", "x", "s", "Київ"]);
    }
}
