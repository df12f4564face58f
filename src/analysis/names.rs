//! Name mentions: people, organisations and places, found from
//! capitalisation and context, and grouped into the article's entities.
//!
//! A name is a run of capitalised words inside a sentence. Titles before a
//! name ("Ukrainian Foreign Minister") are not part of it; a possessive
//! ending is cut off; the capital of a sentence's first word is no evidence
//! unless the article uses the word capitalised elsewhere too. A surname
//! alone is linked to the full name the article gives.

use std::cell::RefCell;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::segment::Segments;
use super::{possessive_len, EntityKind, LocalEntity, Mention, Possessive, Quote, Span};
use crate::lexicon::Lexicon;

/// A word of the text.
#[derive(Clone, Debug)]
pub struct Token {
    /// The word, possessive ending cut off.
    pub span: Span,
    pub possessive: Possessive,
    /// First word of its sentence (or of a quotation).
    pub sentence_start: bool,
    /// Punctuation (other than a possessive) between this word and the next.
    pub break_after: bool,
}

/// Articles that open the name of an organisation or a newspaper ("The
/// Times", "Der Spiegel", "Le Monde").
const ARTICLES: &[&str] = &["The", "Der", "Die", "Das", "Le", "La", "Les", "El", "Il", "Los", "Las"];

/// The given name of a Chinese or Korean name written family name first
/// ("Xi Jinping" → "Jinping", "Kim Jong Un" and "Kim Jong-un" → "Jongun",
/// "Hui Ka Yan" → "Kayan"), or `None` for any other name ("Kim
/// Kardashian", "Lee Smith"). The family names are data
/// (`data/chinese_family_names.txt`, `data/korean_family_names.txt`).
fn family_name_first(words: &[&str], lexicon: &Lexicon) -> Option<String> {
    let (family, rest) = words.split_first()?;
    let plain = |w: &str| !lexicon.given_names.contains(w) && !super::with_lower(w, |l| lexicon.common_words.contains(l)) && !lexicon.places.contains(w);
    // Korean and Cantonese given names are two syllables: "Jong-un", "Jong
    // Un", "Ka Yan".
    let syllable = |w: &str| (1..=4).contains(&w.chars().count()) && w.chars().all(char::is_alphabetic);
    let two_syllables = match rest {
        [one] => one.split_once('-').is_some_and(|(a, b)| syllable(a) && syllable(b)),
        [a, b] => syllable(a) && syllable(b) && plain(a),
        _ => false,
    };
    let chinese = lexicon.chinese_family_names.contains(*family)
        && rest.len() == 1
        && rest[0].chars().count() <= 8
        && rest[0].chars().filter(|c| *c == '-').count() <= 1
        && plain(rest[0]);
    let two_syllable_name = two_syllables && (lexicon.korean_family_names.contains(*family) || lexicon.chinese_family_names_any.contains(*family));
    (chinese || two_syllable_name).then(|| rest.concat().replace('-', "").to_lowercase())
}

/// Last words that make a name a place.
const PLACE_WORDS: &[&str] = &["City", "County", "Province", "Region", "District", "Oblast", "Island", "Islands", "Street", "Square", "Avenue", "Valley", "Mountains", "River", "Sea", "Bay", "Gulf", "Strait", "Peninsula", "Airport", "Port", "Harbour", "Harbor", "Park", "Bridge"];

/// Particles that may stand inside a person's name (Charles de Gaulle).
const PARTICLES: &[&str] = &["de", "da", "van", "von", "bin", "al", "del", "la", "le", "di", "du", "dos", "der", "ibn"];


/// The given name that identifies a person: the first word of the given
/// names, or the word after a kunya.
fn identity_given(words: &[&str]) -> String {
    let skip = words.len() > 2 && crate::lexicon::is_kunya(words[0]);
    words[usize::from(skip)].to_string()
}

/// The given names of a mention as written: each word before the surname
/// ("Ahmad", "Maria Corina"), or the given name after a family name that
/// comes first, as one part ("Suk-yeol", "Suk Yeol"). Empty for a surname
/// alone.
pub fn given_parts(text: &str, m: &Mention) -> Vec<Span> {
    if m.head == m.span {
        return Vec::new();
    }
    if m.head.start == m.span.start {
        let rest = &text[m.head.end..m.span.end];
        let start = m.head.end + (rest.len() - rest.trim_start().len());
        return if start < m.span.end { vec![start..m.span.end] } else { Vec::new() };
    }
    let region = &text[m.span.start..m.head.start];
    super::word_spans(region)
        .filter(|w| super::is_capitalized(&region[w.clone()]))
        .map(|w| m.span.start + w.start..m.span.start + w.end)
        .collect()
}

/// Split a sentence into word tokens.
pub fn tokens(text: &str, span: Span, lexicon: &Lexicon) -> Vec<Token> {
    let mut out = Vec::new();
    tokens_into(text, span, lexicon, &mut out);
    out
}

/// [`tokens`], appended to `out` (the tokens of the sentences before, left
/// as they are), so that one list holds the tokens of every sentence.
fn tokens_into(text: &str, span: Span, lexicon: &Lexicon, out: &mut Vec<Token>) {
    let s = &text[span.clone()];
    let base = out.len();
    let bytes = s.as_bytes();
    let char_at = |i: usize| super::char_at(s, i);
    let mut p = 0;
    let mut after_opening = true;
    while p < bytes.len() {
        let (i, (c, n)) = (p, char_at(p));
        p += n;
        // A space breaks nothing and opens nothing.
        if c == ' ' {
            continue;
        }
        if !c.is_alphanumeric() {
            if let Some(last) = out[base..].last_mut() {
                if !c.is_whitespace() && c != '\u{a0}' {
                    last.break_after = true;
                }
            }
            // After an opening mark, or a dash between spaces (the end of a
            // dateline: "LISBON (Reuters) - Flood barriers …").
            let spaced_dash = "-—–".contains(c) && s[..i].ends_with(' ') && s[i + n..].starts_with(' ');
            if "\"“«„‘(".contains(c) || spaced_dash {
                after_opening = true;
            }
            continue;
        }
        // A word: letters and digits, with inner apostrophes, hyphens and
        // full stops (O’Brien, Ivano-Frankivsk, U.S., News.ro).
        let mut end = i + n;
        while p < bytes.len() {
            // A run of ASCII letters and digits in one go.
            if bytes[p].is_ascii_alphanumeric() {
                p += 1;
                end = p;
                continue;
            }
            let (j, (d, dn)) = (p, char_at(p));
            if d.is_alphanumeric() {
                end = j + dn;
                p += dn;
                continue;
            }
            if matches!(d, '\'' | '’' | '-' | '.' | '‐') {
                let mut look = s[j + dn..].chars();
                let following = look.next();
                // "Ukraine.He": a full stop before a capital after a word of
                // lower-case letters is a missing space, not "News.ro".
                let run_together = d == '.'
                    && following.is_some_and(char::is_uppercase)
                    && s[i..j].chars().filter(|c| c.is_lowercase()).count() >= 2;
                if following.is_some_and(char::is_alphanumeric) && !run_together {
                    end = j + dn;
                    p += dn;
                    continue;
                }
                // "U.S." keeps its last full stop.
                if d == '.' && s[i..j].contains('.') && s[i..j].chars().all(|x| x.is_uppercase() || x == '.') {
                    end = j + 1;
                    p += 1;
                }
            }
            break;
        }
        let word = &s[i..end];
        let sentence_start = out.len() == base || after_opening;
        after_opening = false;
        // "Russia-US talks": two names joined by a hyphen are two names,
        // unless the whole is one ("Ivano-Frankivsk").
        if word.contains('-') && !lexicon.places.contains(word) {
            let parts: Vec<&str> = word.split('-').collect();
            // "Al-Golani", "Waker-Uz-Zaman": an article or a particle of two
            // letters inside keeps the name whole.
            let particle = |p: &&str| p.chars().count() <= 2 && !is_acronym(p);
            if parts.len() >= 2 && parts.iter().all(|p| is_cap(p)) && !parts.iter().any(particle) {
                let mut at = i;
                for (k, part) in parts.iter().enumerate() {
                    let start = span.start + at;
                    let last = k + 1 == parts.len();
                    let (len, possessive) = if last { strip_possessive(part, &s[end..]) } else { (part.len(), Possessive::No) };
                    out.push(Token { span: start..start + len, possessive, sentence_start: sentence_start && k == 0, break_after: !last });
                    at += part.len() + 1;
                }
                continue;
            }
        }
        let (word_len, possessive) = strip_possessive(word, &s[end..]);
        let start = span.start + i;
        out.push(Token { span: start..start + word_len, possessive, sentence_start, break_after: false });
        if possessive == Possessive::Marked {
            if let Some(last) = out[base..].last_mut() {
                last.break_after = true;
            }
        }
    }
}

/// The length of a word without its possessive ending.
fn strip_possessive(word: &str, rest: &str) -> (usize, Possessive) {
    for ending in ["'s", "’s"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return (stem.len(), Possessive::Marked);
        }
    }
    // "Reuters'" / "Reuters’": the apostrophe follows the word.
    if word.ends_with('s') && (rest.starts_with('\'') || rest.starts_with('’')) {
        let after = rest[rest.chars().next().map_or(0, char::len_utf8)..].chars().next();
        if after.is_none_or(|c| c.is_whitespace()) {
            return (word.len(), Possessive::Marked);
        }
    }
    (word.len(), Possessive::No)
}

fn is_cap(word: &str) -> bool {
    let bytes = word.as_bytes();
    match bytes.first() {
        None => return false,
        Some(b) if b.is_ascii_uppercase() => return true,
        Some(b) if b.is_ascii() => {}
        Some(_) => {
            if word.chars().next().is_some_and(char::is_uppercase) {
                return true;
            }
        }
    }
    // Every particle below ends in a hyphen at its third or fourth byte:
    // nearly every lower-case word has none there and needs no comparison.
    if bytes.get(2) != Some(&b'-') && bytes.get(3) != Some(&b'-') {
        return false;
    }
    // "al-Sadr", "el-Sisi", "bin-Laden": an Arabic particle before a name.
    ["al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "bin-", "ibn-"]
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
}

fn is_acronym(word: &str) -> bool {
    let mut letters = 0;
    word.chars().filter(|c| c.is_alphabetic()).all(|c| {
        letters += 1;
        c.is_uppercase()
    }) && letters >= 2
}

/// Words the article uses with a capital away from a sentence's start, and
/// words it uses in lower case.
struct Evidence<'t> {
    capitalized_inside: HashSet<&'t str>,
    lowercase: HashSet<&'t str>,
}

fn evidence<'t>(text: &'t str, sentences: &[&[Token]]) -> Evidence<'t> {
    // Room for every word at once: the sets are never grown word by word.
    let words: usize = sentences.iter().map(|s| s.len()).sum();
    let mut capitalized_inside = HashSet::with_capacity_and_hasher(words / 4, Default::default());
    let mut lowercase = HashSet::with_capacity_and_hasher(words, Default::default());
    for toks in sentences {
        for t in toks.iter() {
            let w = &text[t.span.clone()];
            if is_cap(w) {
                if !t.sentence_start {
                    capitalized_inside.insert(w);
                }
            } else {
                // Words not capitalised are taken as written: "iPhone" aside,
                // they are lower case already.
                lowercase.insert(w);
            }
        }
    }
    Evidence { capitalized_inside, lowercase }
}

/// A candidate name: a run of tokens.
#[derive(Clone, Debug)]
struct Candidate {
    tokens: Vec<usize>,
    title_before: bool,
}

pub fn find_names(text: &str, segments: &Segments, quotes: &[Quote], lexicon: &Lexicon) -> (Vec<Mention>, Vec<LocalEntity>) {
    // The tokens of every sentence in one list (about one word in six bytes
    // of English), each sentence's as a range of it.
    let mut all_tokens: Vec<Token> = Vec::with_capacity(text.len() / 6 + 1);
    let mut ranges: Vec<Span> = Vec::with_capacity(segments.sentences.len());
    for s in &segments.sentences {
        let start = all_tokens.len();
        tokens_into(text, s.clone(), lexicon, &mut all_tokens);
        ranges.push(start..all_tokens.len());
    }
    let sentence_tokens: Vec<&[Token]> = ranges.into_iter().map(|r| &all_tokens[r]).collect();
    let ev = evidence(text, &sentence_tokens);
    let title_case_headline = segments.headline.as_ref().is_some_and(|h| is_title_case(&text[h.clone()]));
    let mut found: Vec<(Span, Span, Possessive, EntityKind, Option<String>, bool)> = Vec::new();
    for (si, toks) in sentence_tokens.iter().enumerate() {
        let sentence = &segments.sentences[si];
        if title_case_headline && segments.headline.as_ref().is_some_and(|h| h.start <= sentence.start && sentence.end <= h.end) {
            continue;
        }
        for cand in candidates(text, toks, &ev, lexicon) {
            if let Some(m) = classify(text, toks, &cand, lexicon) {
                found.push(m);
            }
        }
    }
    let (mentions, mut entities) = group(text, found, quotes, lexicon);
    find_aliases(text, &mentions, &mut entities);
    (mentions, entities)
}

/// What joins a name to another name of the same entity: "X, also known as
/// Y", "X, formerly known as Y", "X, better known as Y", "X (born Y)", "Y,
/// whose real name is X", "X, aka Y".
const ALIAS_LINKS: &[&str] = &["also known as", "formerly known as", "better known as", "previously known as", "known as", "aka", "a.k.a.", "born", "whose real name is", "real name", "née", "nee"];

/// Mark two names of one entity as aliases where the text joins them with
/// one of [`ALIAS_LINKS`] (after a comma or an opening parenthesis, or
/// straight after the name).
fn find_aliases(text: &str, mentions: &[Mention], entities: &mut [LocalEntity]) {
    for pair in mentions.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.entity == b.entity || a.span.end > b.span.start {
            continue;
        }
        let between = text[a.span.end + possessive_len(text, a)..b.span.start].trim();
        let between = between.trim_start_matches([',', '(', '[', '—', '–']).trim();
        let between = between.trim_end_matches(['"', '“', '‘', '\'']).trim();
        if between.len() > 24 || between.contains(['.', ';', '\n']) {
            continue;
        }
        let lower = between.to_lowercase();
        if ALIAS_LINKS.iter().any(|l| lower == *l || lower.strip_prefix("who is ").is_some_and(|r| r == *l) || lower.strip_prefix("also ").is_some_and(|r| r == *l)) {
            let kinds = (entities[a.entity].kind(), entities[b.entity].kind());
            if matches!(kinds.0, EntityKind::Place) || matches!(kinds.1, EntityKind::Place) || entities[a.entity].is_outlet || entities[b.entity].is_outlet {
                continue;
            }
            let (x, y) = (a.entity, b.entity);
            if !entities[x].aliases.contains(&y) {
                entities[x].aliases.push(y);
                entities[y].aliases.push(x);
            }
        }
    }
}

fn is_title_case(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
    words.len() >= 4 && words.iter().filter(|w| is_cap(w)).count() * 10 >= words.len() * 8
}

/// Runs of capitalised words that may be names.
fn candidates(text: &str, toks: &[Token], ev: &Evidence, lexicon: &Lexicon) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_name_word(text, &toks[i], ev, lexicon, toks.get(i + 1)) {
            i += 1;
            continue;
        }
        run.clear();
        run.push(i);
        let mut j = i;
        while !toks[j].break_after && toks[j].possessive == Possessive::No && j + 1 < toks.len() {
            let next = &text[toks[j + 1].span.clone()];
            if is_cap(next) && !lexicon.non_names.contains(next) && !next.chars().any(|c| c.is_ascii_digit()) {
                j += 1;
                run.push(j);
                continue;
            }
            // "Bank of England", "Charles de Gaulle".
            let joins = (next == "of" && lexicon.organization_words.contains(&text[toks[j].span.clone()]))
                || PARTICLES.contains(&next);
            if joins && !toks[j + 1].break_after && j + 2 < toks.len() && is_cap(&text[toks[j + 2].span.clone()]) {
                j += 2;
                run.push(j - 1);
                run.push(j);
                continue;
            }
            break;
        }
        // No name, title and organisation together runs to more than a
        // couple of dozen words; a longer run is a title-case line or
        // shouting, cut into pieces so that splitting it stays linear.
        for piece in run.chunks(MAX_RUN) {
            out.extend(split_titles(text, toks, piece, lexicon));
        }
        i = j + 1;
    }
    out
}

/// Whether a token can start a name.
fn is_name_word(text: &str, t: &Token, ev: &Evidence, lexicon: &Lexicon, next: Option<&Token>) -> bool {
    let w = &text[t.span.clone()];
    // Most words are not capitalised: they need no word list.
    if !is_cap(w) {
        return false;
    }
    // "Jan" is a month and a given name: "Jan Lipavský".
    let given_before_name = || lexicon.given_names.contains(w) && !t.break_after && next.is_some_and(|n| is_cap(&text[n.span.clone()]));
    if (lexicon.non_names.contains(w) && !given_before_name()) || w.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // "the Americans": a demonym in the plural.
    if w.strip_suffix('s').is_some_and(|stem| lexicon.demonyms.contains(stem)) {
        return false;
    }
    if lexicon.demonyms.contains(w) {
        // "Russian" alone is an adjective, but it may lead a title
        // ("Russian President Vladimir Putin").
        return next.is_some_and(|n| is_cap(&text[n.span.clone()])) && !t.break_after;
    }
    // "READ MORE", "BREAKING": shouted ordinary words.
    if is_acronym(w) && w.chars().count() > 2 && super::with_lower(w, |l| lexicon.common_words.contains(l)) && !known(w, lexicon) {
        return false;
    }
    if !t.sentence_start {
        return true;
    }
    // "Separately, …", "Meanwhile, …": an adverb opening the sentence.
    if t.break_after && (w.ends_with("ly") || w.ends_with("while")) && !known(w, lexicon) {
        return false;
    }
    if known(w, lexicon) || ev.capitalized_inside.contains(w) {
        return true;
    }
    // The first word of a sentence: a name only without evidence that it is
    // an ordinary word, or when a capitalised word follows ("Kirill
    // Dmitriev said").
    super::with_lower(w, |lower| {
        let common = lexicon.common_words.contains(lower) || ev.lowercase.contains(lower) || inflects_common(lower, lexicon);
        if !common {
            return true;
        }
        let followed = next.is_some_and(|n| !t.break_after && is_cap(&text[n.span.clone()]));
        followed && (lexicon.title_words.contains(lower) || lexicon.given_names.contains(w))
    })
}

/// Whether a lower-case word is an inflection of an ordinary word ("calls",
/// "asked", "speaking", "studies") or a contraction of one ("don't",
/// "it's"): opening a sentence, such a word is no name.
fn inflects_common(lower: &str, lexicon: &Lexicon) -> bool {
    if let Some((stem, _)) = lower.split_once(['\'', '’']) {
        return lexicon.common_words.contains(stem);
    }
    let common = |stem: &str| stem.chars().count() >= 3 && (lexicon.common_words.contains(stem) || super::with_joined(stem, "e", |w| lexicon.common_words.contains(w)));
    ["ing", "ed", "es", "s", "d"].iter().any(|suffix| lower.strip_suffix(suffix).is_some_and(|stem| common(stem) || stem.strip_suffix('i').is_some_and(|st| super::with_joined(st, "y", common))))
        || lower.strip_suffix("ing").or_else(|| lower.strip_suffix("ed")).is_some_and(|stem| {
            // "Stopping", "Planned": a doubled consonant before the suffix.
            let mut c = stem.chars().rev();
            matches!((c.next(), c.next()), (Some(a), Some(b)) if a == b) && common(&stem[..stem.len() - 1])
        })
}

fn known(w: &str, lexicon: &Lexicon) -> bool {
    lexicon.places.contains(w) || lexicon.given_names.contains(w) || lexicon.is_outlet(w) || (is_acronym(w) && w.len() <= 6)
}

/// The words of a run of tokens, in `buf` when the run fits (as every run
/// does: runs are cut to [`MAX_RUN`] tokens), so listing them allocates
/// nothing.
fn run_words<'t, 'b>(text: &'t str, toks: &[Token], run: &[usize], buf: &'b mut [&'t str; MAX_RUN]) -> std::borrow::Cow<'b, [&'t str]> {
    if run.len() > MAX_RUN {
        return run.iter().map(|&k| &text[toks[k].span.clone()]).collect::<Vec<_>>().into();
    }
    for (b, &k) in buf.iter_mut().zip(run) {
        *b = &text[toks[k].span.clone()];
    }
    std::borrow::Cow::Borrowed(&buf[..run.len()])
}

/// The words of a run joined by single spaces: the text itself where the
/// words stand one space apart (nearly always), a new string otherwise.
fn joined<'t>(text: &'t str, toks: &[Token], run: &[usize], words: &[&'t str]) -> std::borrow::Cow<'t, str> {
    let spaced = run.windows(2).all(|p| text.get(toks[p[0]].span.end..toks[p[1]].span.start) == Some(" "));
    match (run.first(), run.last()) {
        (Some(&a), Some(&b)) if spaced => std::borrow::Cow::Borrowed(&text[toks[a].span.start..toks[b].span.end]),
        _ => std::borrow::Cow::Owned(words.join(" ")),
    }
}

/// Cut titles and leading words off a run: "Ukrainian Foreign Minister
/// Andrii Sibieha" → "Andrii Sibieha" (after a title); "The Treasury
/// Department" → "Treasury Department".
/// The longest run of capitalised words split into names as one piece.
const MAX_RUN: usize = 24;

fn split_titles(text: &str, toks: &[Token], run: &[usize], lexicon: &Lexicon) -> Vec<Candidate> {
    let mut buf = [""; MAX_RUN];
    let words = run_words(text, toks, run, &mut buf);
    let whole = joined(text, toks, run, &words);
    // "Ukraine Russia online": known places side by side are separate names.
    if words.len() >= 2 && !lexicon.places.contains(&*whole) && words.iter().all(|w| lexicon.places.contains(*w)) {
        return run.iter().map(|&k| Candidate { tokens: vec![k], title_before: false }).collect();
    }
    if words.len() == 1 && matches!(words[0], "The" | "A" | "An" | "This" | "That" | "These" | "Those") {
        return Vec::new();
    }
    if lexicon.is_outlet(&whole) || lexicon.places.contains(&*whole) {
        return vec![Candidate { tokens: run.to_vec(), title_before: false }];
    }
    // An organisation keeps its words: "Foreign Ministry", "State Department".
    let last = *words.last().expect("a run has a word");
    let is_org = lexicon.organization_words.contains(last) && !lexicon.given_names.contains(words[0]);
    let mut start = 0;
    let mut title_before = false;
    if !is_org {
        // Everything up to the last title word that a name follows: "US
        // President Donald Trump", "Ukrainian Foreign Minister Andrii Sibiha".
        if let Some(t) = (0..words.len() - 1).rev().find(|&k| super::with_lower(words[k], |l| lexicon.title_words.contains(l))) {
            start = t + 1;
            title_before = true;
        }
        while start + 1 < words.len() && (ARTICLES.contains(&words[start]) || lexicon.demonyms.contains(words[start])) {
            start += 1;
        }
        // "State Marco Rubio" after "Secretary of": a given name inside the
        // run starts the person's name.
        if let Some(g) = (start + 1..words.len() - 1).find(|&k| lexicon.given_names.contains(words[k])) {
            if !lexicon.given_names.contains(words[start]) && !crate::lexicon::is_kunya(words[start]) {
                start = g;
            }
        }
    } else if words[0] == "The" && words.len() > 1 && !lexicon.is_outlet(&whole) {
        start = 1;
    }
    // "Deloitte China Derek Lai": an organisation and its country in front
    // of a name are not part of the person.
    if !is_org && words.len() >= 4 {
        if let Some(k) = (start + 1..words.len() - 2).rev().find(|&k| lexicon.places.contains(words[k]) && !lexicon.places.contains(words[k + 1])) {
            let mut out = split_titles(text, toks, &run[..=k], lexicon);
            out.extend(split_titles(text, toks, &run[k + 1..], lexicon));
            return out;
        }
    }
    // "Vladimir Putin Kirill Dmitriev": a second given name after a full
    // name starts another person.
    if let Some(k) = (start + 2..words.len().saturating_sub(1))
        .find(|&k| lexicon.given_names.contains(words[k]) && !lexicon.given_names.contains(words[k - 1]))
    {
        let mut out = split_titles(text, toks, &run[..k], lexicon);
        out.extend(split_titles(text, toks, &run[k..], lexicon));
        return out;
    }
    let rest: Vec<usize> = run[start..].to_vec();
    let first = &text[toks[rest[0]].span.clone()];
    if rest.len() == 1 && (lexicon.demonyms.contains(first) || super::with_lower(first, |l| lexicon.title_words.contains(l))) {
        return Vec::new();
    }
    // A title straight before the run: "envoy Kirill Dmitriev".
    if !title_before && run[0] > 0 {
        let prev = &text[toks[run[0] - 1].span.clone()];
        title_before = super::with_lower(prev, |l| lexicon.title_words.contains(l)) && !toks[run[0] - 1].break_after;
    }
    vec![Candidate { tokens: rest, title_before }]
}

type Found = (Span, Span, Possessive, EntityKind, Option<String>, bool);

/// Decide what a candidate names: (span, head, possessive, kind, given name,
/// is an outlet).
fn classify(text: &str, toks: &[Token], cand: &Candidate, lexicon: &Lexicon) -> Option<Found> {
    let first = &toks[cand.tokens[0]];
    let last = &toks[*cand.tokens.last()?];
    let span = first.span.start..last.span.end;
    let mut buf = [""; MAX_RUN];
    let words = run_words(text, toks, &cand.tokens, &mut buf);
    let name = joined(text, toks, &cand.tokens, &words);
    let possessive = last.possessive;
    if lexicon.is_outlet(&name) {
        return Some((span.clone(), span, possessive, EntityKind::Organization, None, true));
    }
    if lexicon.places.contains(&*name) || crate::translit::with_folded(&name, |key| lexicon.renamed.contains_key(key)) {
        return Some((span.clone(), span, possessive, EntityKind::Place, None, false));
    }
    let last_word = *words.last()?;
    // "Sadr City", "Cook County", "Kursk Oblast".
    if words.len() >= 2 && PLACE_WORDS.contains(&last_word) {
        return Some((span.clone(), span, possessive, EntityKind::Place, None, false));
    }
    // "BRATISLAVA, June 4": a dateline's city in capitals.
    if words.len() == 1 && is_acronym(last_word) && last_word.chars().count() >= 5 && first.sentence_start && first.break_after {
        return Some((span.clone(), span, possessive, EntityKind::Place, None, false));
    }
    if lexicon.organization_words.contains(last_word) || (words.len() == 1 && is_acronym(last_word)) {
        return Some((span.clone(), span, possessive, EntityKind::Organization, None, false));
    }
    let head = last.span.clone();
    if words.len() == 1 && last_word.chars().count() < 2 {
        return None;
    }
    if words.len() >= 2 {
        // "Xi Jinping", "Kim Jong Un", "Kim Jong-un": the family name comes
        // first, and the given name is one name however it is split.
        if let Some(given) = family_name_first(&words, lexicon) {
            let head = first.span.clone();
            return Some((span, head, possessive, EntityKind::Person, Some(given), false));
        }
        // "Chicago Bulls", "Indiana Pacers": a place and a plural is a team.
        if words.len() == 2 && lexicon.places.contains(words[0]) && last_word.ends_with('s') && !last_word.ends_with("ss") {
            return Some((span.clone(), span, possessive, EntityKind::Organization, None, false));
        }
        let given = lexicon.given_names.contains(words[0]);
        let ordinary = words.iter().any(|w| super::with_lower(w, |l| lexicon.common_words.contains(l)) && !lexicon.given_names.contains(*w));
        if given || cand.title_before || (!ordinary && words.len() <= 4) {
            return Some((span, head, possessive, EntityKind::Person, Some(identity_given(&words)), false));
        }
        return Some((span.clone(), span, possessive, EntityKind::Unknown, None, false));
    }
    // "the Treasury said", "Der Tagesspiegel": an institution, not a person.
    let k0 = cand.tokens[0];
    let after_article = k0 > 0 && {
        let prev = &text[toks[k0 - 1].span.clone()];
        matches!(prev, "the" | "The") || (ARTICLES.contains(&prev) && prev != "The" && !toks[k0 - 1].break_after)
    };
    if after_article && !cand.title_before {
        return Some((span.clone(), span, possessive, EntityKind::Organization, None, false));
    }
    let kind = if cand.title_before || followed_by_speech_verb(text, toks, cand, lexicon) {
        EntityKind::Person
    } else {
        EntityKind::Unknown
    };
    Some((span, head, possessive, kind, None, false))
}

fn followed_by_speech_verb(text: &str, toks: &[Token], cand: &Candidate, lexicon: &Lexicon) -> bool {
    let last = cand.tokens.last().copied().unwrap_or(0);
    if toks[last].break_after {
        return false;
    }
    // "Petrov said", "Petrov also said"; not "Whitehall source said".
    let word = |k: usize| toks.get(k).map(|t| &text[t.span.clone()]);
    match (word(last + 1), word(last + 2)) {
        (Some(v), _) if lexicon.is_speech_verb(v) => true,
        (Some(adv), Some(v)) => matches!(adv, "also" | "then" | "later" | "has" | "had" | "previously") && lexicon.is_speech_verb(v),
        _ => false,
    }
}

/// Group mentions into the article's entities: full names by their key,
/// then each surname alone (or a lost-apostrophe possessive) linked to a
/// full name with that surname.
fn group(text: &str, found: Vec<Found>, quotes: &[Quote], lexicon: &Lexicon) -> (Vec<Mention>, Vec<LocalEntity>) {
    let mut entities: Vec<LocalEntity> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    // Key of a multi-word person's surname → entity, for linking.
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::default();
    let mut by_key: HashMap<(String, bool), usize> = HashMap::default();
    let full_names: Vec<&Found> = found.iter().filter(|f| f.3 == EntityKind::Person && f.4.is_some()).collect();
    // People first, so that a surname alone seen before the full name still
    // links to it.
    // Keys are computed once per distinct spelling.
    let cache: RefCell<HashMap<String, String>> = RefCell::new(HashMap::default());
    let key_of = |s: &str| {
        // Looked up by `&str` first: a spelling seen before costs no new string for its lookup.
        if let Some(k) = cache.borrow().get(s) {
            return k.clone();
        }
        let k = lexicon.key(s);
        cache.borrow_mut().insert(s.to_string(), k.clone());
        k
    };
    // The key of each entity's given name, by entity index.
    let mut given_keys: Vec<Option<String>> = Vec::new();
    for f in &full_names {
        let given_key = key_of(f.4.as_deref().unwrap_or(""));
        let surname_key = key_of(&text[f.1.clone()]);
        let existing = by_surname
            .get(&surname_key)
            .and_then(|ids| ids.iter().copied().find(|&e| given_keys[e].as_ref() == Some(&given_key)));
        if existing.is_none() {
            given_keys.push(Some(given_key));
            let id = entities.len();
            entities.push(LocalEntity {
                name: squash(&text[f.0.clone()]),
                head: text[f.1.clone()].to_string(),
                key: surname_key.clone(),
                given: f.4.clone(),
                kind: Some(EntityKind::Person),
                ..LocalEntity::default()
            });
            by_surname.entry(surname_key).or_default().push(id);
        }
    }
    let heads: HashSet<&str> = found.iter().map(|f| &text[f.1.clone()]).collect();
    let inside_quote = quote_cover(quotes.iter().map(|q| &q.inner));
    for (span, head, possessive, kind, given, outlet) in found {
        let head_text = &text[head.clone()];
        let mut possessive = possessive;
        let mut span = span;
        let mut head = head;
        // "Putins economic envoy": a name plus "s" where the article knows
        // the name without it, and a lower-case word follows.
        if possessive == Possessive::No && given.is_none() && !outlet {
            if let Some(stem) = head_text.strip_suffix('s') {
                let next_word = text[span.end..].split_whitespace().next().unwrap_or("");
                let lower_next = next_word.chars().next().is_some_and(char::is_lowercase);
                // "Williams", "Roberts", "Peters" are surnames of their own.
                let patronymic = lexicon.given_names.contains(stem);
                if stem.chars().count() >= 3 && heads.contains(stem) && lower_next && !patronymic && !lexicon.is_speech_verb(next_word) {
                    possessive = Possessive::LostApostrophe;
                    span = span.start..span.end - 1;
                    head = head.start..head.end - 1;
                }
            }
        }
        let head_text = &text[head.clone()];
        let key = key_of(head_text);
        let entity = if given.is_some() && kind == EntityKind::Person {
            let gk = key_of(given.as_deref().unwrap_or(""));
            by_surname[&key].iter().copied().find(|&e| given_keys[e].as_ref() == Some(&gk))
        } else if kind != EntityKind::Place && kind != EntityKind::Organization && span == head {
            // A surname alone: the nearest full name before it, else the
            // first after it.
            by_surname.get(&key).and_then(|ids| {
                // "Mr Smith" is not Anna Smith; "Ms Smith" not John Smith.
                let honorific = text[..span.start].trim_end().rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").trim_end_matches('.');
                let female = |e: usize| entities[e].given.as_deref().is_some_and(|g| lexicon.female_names.contains(g));
                let fits = |e: usize| match honorific {
                    "Mr" => !female(e),
                    "Ms" | "Mrs" | "Miss" => female(e),
                    _ => true,
                };
                let ids: Vec<usize> = ids.iter().copied().filter(|&e| fits(e)).collect();
                let before = ids.iter().copied().filter(|&e| first_mention_before(&entities[e], &mentions, span.start)).last();
                before.or_else(|| ids.first().copied())
            })
            // "Zaman" after "Waker-uz-Zaman": the last part of a compound
            // surname joined by a particle.
            .or_else(|| {
                let one = |e: &LocalEntity| e.kind != Some(EntityKind::Place) && e.head.split('-').count() >= 2 && e.head.len() > head_text.len() && e.head.contains('-') && e.head.rsplit('-').next() == Some(head_text);
                let found: Vec<usize> = (0..entities.len()).filter(|&e| one(&entities[e])).collect();
                (found.len() == 1).then(|| found[0])
            })
        } else {
            None
        };
        let entity = match entity {
            Some(e) => e,
            None => *by_key.entry((key.clone(), outlet)).or_insert_with(|| {
                given_keys.push(None);
                entities.push(LocalEntity {
                    name: squash(&text[span.clone()]),
                    head: head_text.to_string(),
                    key: key.clone(),
                    given: None,
                    kind: Some(kind),
                    is_outlet: outlet,
                    ..LocalEntity::default()
                });
                entities.len() - 1
            }),
        };
        let e = &mut entities[entity];
        if e.kind == Some(EntityKind::Unknown) && kind != EntityKind::Unknown {
            e.kind = Some(kind);
        }
        let in_quote = inside_quote(&span);
        e.mentions.push(mentions.len());
        mentions.push(Mention { span, head, entity, possessive, in_quote });
    }
    // Entities made for full names that never got a mention cannot exist;
    // every entity here has at least one.
    (mentions, entities)
}

/// Whether a span lies inside the words of a quotation, in `log(quotes)`
/// time: quotations sorted by start, with the furthest end of any quotation
/// starting at or before each. (Asking every quotation for every name was
/// quadratic in a long article.)
fn quote_cover<'a>(quoted: impl Iterator<Item = &'a Span>) -> impl Fn(&Span) -> bool {
    let mut inner: Vec<(usize, usize)> = quoted.map(|q| (q.start, q.end)).collect();
    inner.sort_unstable();
    let mut furthest = 0;
    for q in &mut inner {
        furthest = furthest.max(q.1);
        q.1 = furthest;
    }
    move |span: &Span| {
        let n = inner.partition_point(|q| q.0 <= span.start);
        n > 0 && span.end <= inner[n - 1].1
    }
}

/// A name with its inner line breaks and spaces folded to one space.
fn squash(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_mention_before(e: &LocalEntity, mentions: &[Mention], offset: usize) -> bool {
    e.mentions.first().is_some_and(|&m| mentions[m].span.start < offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    proptest::proptest! {
        /// The byte tests in front of `is_cap` decide as its plain
        /// definition does: a capital first letter, or an Arabic particle
        /// and a hyphen before one.
        #[test]
        fn a_capitalised_word_is_told_as_its_first_letters_tell_it(word in "(al-|el-|ash-|ibn-|bin-|a-|ab-|)[aAéÉ-]{0,3}[A-Za-zÉé -]{0,6}") {
            let plain = word.chars().next().is_some_and(char::is_uppercase)
                || ["al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "bin-", "ibn-"]
                    .iter()
                    .find_map(|p| word.strip_prefix(p))
                    .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase));
            proptest::prop_assert_eq!(is_cap(&word), plain);
        }
    }

    fn names(text: &str) -> Vec<(String, String, EntityKind)> {
        let a = analyze(text, &Lexicon::builtin());
        a.mentions
            .iter()
            .map(|m| {
                let e = &a.entities[m.entity];
                (text[m.span.clone()].to_string(), e.name.clone(), e.kind())
            })
            .collect()
    }

    #[test]
    fn quote_cover_agrees_with_asking_every_quotation() {
        // Out of order, nested and overlapping, as a continued quotation may be.
        let quotes = [40..60, 0..10, 5..30, 8..12, 70..71];
        let inside = quote_cover(quotes.iter());
        for start in 0..80 {
            for end in start..80 {
                let naive = quotes.iter().any(|q| q.start <= start && end <= q.end);
                assert_eq!(inside(&(start..end)), naive, "{start}..{end}");
            }
        }
        assert!(!quote_cover([].iter())(&(0..0)));
    }

    #[test]
    fn titles_possessives_and_sentence_starts() {
        let got = names(
            "Ukrainian Foreign Minister Andrii Sibiha met Vladimir Putin's envoy in Kyiv. According to Sibiha, Putin’s aide agreed. Meanwhile the Treasury Department said no.\n",
        );
        let expect = [
            ("Andrii Sibiha", "Andrii Sibiha", EntityKind::Person),
            ("Vladimir Putin", "Vladimir Putin", EntityKind::Person),
            ("Kyiv", "Kyiv", EntityKind::Place),
            ("Sibiha", "Andrii Sibiha", EntityKind::Person),
            ("Putin", "Vladimir Putin", EntityKind::Person),
            ("Treasury Department", "Treasury Department", EntityKind::Organization),
        ];
        let got: Vec<(&str, &str, EntityKind)> = got.iter().map(|(a, b, k)| (a.as_str(), b.as_str(), *k)).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn demonyms_and_common_words_at_a_sentence_start_are_not_names() {
        let got = names("Russian officials met. Despite that, talks went on. Dialogue stalled. Former banker Ivan Petrov spoke.\n");
        let got: Vec<&str> = got.iter().map(|(a, _, _)| a.as_str()).collect();
        assert_eq!(got, vec!["Ivan Petrov"]);
    }

    #[test]
    fn sentence_initial_verbs_participles_and_contractions_are_not_names() {
        let got = names("Calls grew louder. Speaking on Monday, Rina Okoye agreed. Don't wait, she said. Planned talks stalled. Deloitte Kenya Amos Njoroge signed.\n");
        let got: Vec<&str> = got.iter().map(|(a, _, _)| a.as_str()).collect();
        assert_eq!(got, vec!["Rina Okoye", "Deloitte Kenya", "Amos Njoroge"]);
    }

    #[test]
    fn a_surname_seen_before_the_full_name_links_to_it() {
        let a = analyze("Petrov spoke first. Later, Ivan Petrov left.\n", &Lexicon::builtin());
        assert_eq!(a.entities.len(), 1);
        assert_eq!(a.entities[0].mentions.len(), 2);
    }

    #[test]
    fn outlets_keep_their_names_and_lost_apostrophes_are_marked() {
        let text = "Putins economic envoy spoke to The Kyiv Independent. Vladimir Putin agreed.\n";
        let a = analyze(text, &Lexicon::builtin());
        let m0 = &a.mentions[0];
        assert_eq!(&text[m0.span.clone()], "Putin");
        assert_eq!(m0.possessive, Possessive::LostApostrophe);
        let outlet = a.entities.iter().find(|e| e.is_outlet).expect("an outlet");
        assert_eq!(outlet.name, "The Kyiv Independent");
    }

    #[test]
    fn surnames_made_from_given_names_keep_their_s() {
        let a = analyze("Prince William met Serena Williams. Williams family members watched.\n", &Lexicon::builtin());
        assert!(a.mentions.iter().all(|m| m.possessive != Possessive::LostApostrophe));
    }

    #[test]
    fn family_names_first_and_teams() {
        let text = "Kim Jong Un met Xi Jinping. Later Kim Jong-un left, and Kim Kardashian arrived. The Chicago Bulls won.\n";
        let a = analyze(text, &Lexicon::builtin());
        let kim = a.entities.iter().find(|e| e.name == "Kim Jong Un").expect("Kim Jong Un");
        assert_eq!((kim.head.as_str(), kim.mentions.len()), ("Kim", 2));
        let xi = a.entities.iter().find(|e| e.name == "Xi Jinping").expect("Xi Jinping");
        assert_eq!(xi.head, "Xi");
        let kk = a.entities.iter().find(|e| e.name == "Kim Kardashian").expect("Kim Kardashian");
        assert_eq!(kk.head, "Kardashian");
        let bulls = a.entities.iter().find(|e| e.name == "Chicago Bulls").expect("Chicago Bulls");
        assert_eq!(bulls.kind(), EntityKind::Organization);
    }

    #[test]
    fn hyphenated_and_dotted_names() {
        let got = names("The U.S.-Russia talks, reported by News.ro, were held in Ivano-Frankivsk.\n");
        let got: Vec<&str> = got.iter().map(|(a, _, _)| a.as_str()).collect();
        assert!(got.contains(&"News.ro"), "{got:?}");
        assert!(got.contains(&"Ivano-Frankivsk"), "{got:?}");
    }
}
