//! Who said each quotation, and how the text says so.
//!
//! In order of trust: a verb of saying next to the quotation (`"…," Petrov
//! said`, `said Petrov`, `Petrov said: "…"`, `Petrov confirmed that "…"`),
//! any verb of saying in the quotation's sentence, `according to X`, a
//! lead-in ending in a colon in the previous sentence, and a paragraph of
//! quotation only that continues the previous speaker. The speaker is a
//! name, a pronoun resolved to the last person named, a description
//! ("Putin's envoy", resolved when the article gave someone that role), an
//! institution ("the Treasury Department wrote") or someone unnamed ("a port
//! official said").



use std::cell::OnceCell;
use std::collections::HashMap;

use super::segment::Segments;
use super::{Attribution, EntityKind, LocalEntity, Mention, Possessive, Quote, Span, Speaker, SpeakerKind};
use super::short::Short;
use crate::lexicon::Lexicon;


/// Words that start a noun phrase naming a speaker.
const DETERMINERS: &[&str] = &["a", "an", "the", "one", "two", "three", "several", "some", "many", "another", "his", "her", "their", "its", "my", "our", "your"];
/// Determiners that leave the speaker unnamed.
const INDEFINITE: &[&str] = &["a", "an", "one", "two", "three", "several", "some", "many", "another"];
/// Subjects that report speech rather than speak it.
const MEDIA: &[&str] = &["agency", "agencies", "media", "papers", "newspapers", "reports", "outlets", "press", "journalists", "reporters"];
/// Writings that carry words without saying whose they are.
const DOCUMENTS: &[&str] = &["report", "statement", "document", "study", "survey", "poll", "data", "letter", "article", "website", "post", "memo", "text"];
/// Writings that speak for whoever issued them, as subjects of "read",
/// "said", "stated": "A brief statement from the club read: …", "the
/// ministry's communiqué said".
const STATEMENTS: &[&str] = &["statement", "communiqué", "communique", "letter", "post", "message", "release", "announcement", "notice", "tweet", "caption", "decree", "ruling", "judgment", "judgement", "verdict", "order", "filing", "declaration", "proclamation", "editorial", "bulletin", "resolution", "memo", "note", "email", "e-mail"];
/// Auxiliaries between a subject and its verb: "Smith has said".
const AUXILIARIES: &[&str] = &["keeps", "kept", "keep", "has", "have", "had", "was", "is", "were", "will", "would", "could", "did", "does", "do", "had", "may", "might", "should", "must", "can"];
const PREPOSITIONS: &[&str] = &["with", "by", "from", "for", "to", "in", "on", "at", "about", "against", "among", "amid", "despite", "without", "under", "over", "during", "through", "also", "then", "meanwhile"];
const PRONOUNS: &[&str] = &["he", "she", "they", "we", "it", "i"];
/// Adjectives before a role noun: "a senior official", "a former aide".
const ADJECTIVES_OF_RANK: &[&str] = &["senior", "junior", "former", "top", "high-ranking", "local", "retired", "young", "second"];
/// Adverbs that may stand between a subject and its verb.
const ADVERBS: &[&str] = &["also", "then", "later", "further", "previously", "once", "again", "reportedly", "earlier", "repeatedly", "recently", "still", "only", "even", "now", "publicly", "privately", "simply"];

/// How many words on either side of a quotation its attribution may use.
/// Every step works inside this window (or the sentence, when shorter), so
/// the cost per quotation is bounded whatever the sentence's length.
const WINDOW: usize = 48;
/// How many earlier mentions a pronoun or description looks back through.
const LOOK_BACK: usize = 400;
/// How far back (bytes) someone introduced unnamed is remembered.
const UNNAMED_REACH: usize = 4000;

#[derive(Clone, Debug)]
struct Word {
    span: Span,
    lower: Short,
    /// Inside a quotation.
    quoted: bool,
    /// Inside a name of two words or more ("State" in "the State
    /// Department"): never a verb.
    in_name: bool,
    /// Punctuation between the previous word and this one (`,` `:` `"` …).
    gap_before: Short,
}

struct Ctx<'a> {
    text: &'a str,
    sentences: &'a [Span],
    mentions: &'a [Mention],
    entities: &'a [LocalEntity],
    lexicon: &'a Lexicon,
    /// Every word of the text, once, in order.
    words: Vec<Word>,
    /// Mention indexes by start and by end, sorted, for lookups by offset.
    by_start: Vec<usize>,
    by_end: Vec<usize>,
    /// What the article tells of each entity's gender.
    genders: Vec<OnceCell<Option<Gender>>>,
    /// Each word of a person's descriptors: (offset of the descriptor, entity), in text order.
    described: OnceCell<HashMap<String, Vec<(usize, usize)>>>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, segments: &'a Segments, quotes: &[Quote], mentions: &'a [Mention], entities: &'a [LocalEntity], lexicon: &'a Lexicon) -> Self {
        let mut by_start: Vec<usize> = (0..mentions.len()).collect();
        by_start.sort_by_key(|&i| (mentions[i].span.start, mentions[i].span.end));
        let mut by_end: Vec<usize> = (0..mentions.len()).collect();
        by_end.sort_by_key(|&i| (mentions[i].span.end, mentions[i].span.start));
        let words = all_words(text, segments, quotes, mentions, &by_start);
        let genders = entities.iter().map(|_| OnceCell::new()).collect();
        Ctx { text, sentences: &segments.sentences, mentions, entities, lexicon, words, by_start, by_end, genders, described: OnceCell::new() }
    }

    /// Built on first use: most articles never ask.
    fn gender_of(&self, entity: usize) -> Option<Gender> {
        *self.genders[entity].get_or_init(|| gender(self, &self.entities[entity]))
    }

    fn described(&self) -> &HashMap<String, Vec<(usize, usize)>> {
        self.described.get_or_init(|| {
            let mut described: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
            for (i, e) in self.entities.iter().enumerate().filter(|(_, e)| e.kind() == EntityKind::Person) {
                for d in &e.descriptors {
                    for w in d.text.to_lowercase().split_whitespace() {
                        described.entry(w.trim_end_matches([',', '.']).to_string()).or_default().push((d.span.start, i));
                    }
                }
            }
            for list in described.values_mut() {
                list.sort_by_key(|&(at, _)| at);
                list.dedup();
            }
            described
        })
    }



    /// The words inside `range`.
    fn words_in(&self, range: Span) -> &[Word] {
        let a = self.words.partition_point(|w| w.span.start < range.start);
        let b = self.words.partition_point(|w| w.span.end <= range.end);
        &self.words[a..b.max(a)]
    }

    /// Whether any letter or digit stands in `range`.
    fn has_word_in(&self, range: Span) -> bool {
        let k = self.words.partition_point(|w| w.span.end <= range.start);
        self.words.get(k).is_some_and(|w| w.span.start < range.end)
    }

    fn mentions_starting(&self, at: usize) -> impl Iterator<Item = &Mention> + '_ {
        let k = self.by_start.partition_point(|&i| self.mentions[i].span.start < at);
        self.by_start[k..].iter().map(|&i| &self.mentions[i]).take_while(move |m| m.span.start == at)
    }

    /// Mentions that end inside `span` (a name may end inside a hyphenated
    /// word: "Al" of "Al-Rafaia").
    fn mentions_ending_in(&self, span: Span) -> impl Iterator<Item = &Mention> + '_ {
        let k = self.by_end.partition_point(|&i| self.mentions[i].span.end <= span.start);
        self.by_end[k..].iter().map(|&i| &self.mentions[i]).take_while(move |m| m.span.end <= span.end)
    }

    fn mentions_ending(&self, at: usize) -> impl Iterator<Item = &Mention> + '_ {
        let k = self.by_end.partition_point(|&i| self.mentions[i].span.end < at);
        self.by_end[k..].iter().map(|&i| &self.mentions[i]).take_while(move |m| m.span.end == at)
    }

    fn is_verb(&self, w: &Word) -> bool {
        !w.quoted && !w.in_name && self.lexicon.is_communication_verb(&w.lower)
    }

    /// Whether `words[k]` is a verb of communication used as a verb: not a
    /// noun after a determiner ("the state news agency", "a report").
    fn verb_at(&self, words: &[Word], k: usize) -> bool {
        self.is_verb(&words[k]) && !(k > 0 && DETERMINERS.contains(&words[k - 1].lower.as_str()) && words[k].gap_before.is_empty())
    }
}

/// The words of the text, each marked quoted or not and inside a name or
/// not, in one pass over the quotations and the mentions.
fn all_words(text: &str, segments: &Segments, quotes: &[Quote], mentions: &[Mention], by_start: &[usize]) -> Vec<Word> {
    // The quotations' insides, merged where they overlap.
    let mut inside: Vec<Span> = Vec::new();
    let mut spans: Vec<Span> = quotes.iter().map(|q| q.inner.clone()).collect();
    spans.sort_by_key(|s| s.start);
    for s in spans {
        match inside.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => inside.push(s),
        }
    }
    let asides = asides(text);
    let (mut qi, mut mi, mut ai) = (0, 0, 0);
    // Only the part of the text attribution reads: each quotation's
    // paragraph and the paragraphs on either side, merged.
    let paras = &segments.paragraphs;
    let mut reach: Vec<Span> = Vec::new();
    for q in quotes {
        let first = paras.partition_point(|p| p.end <= q.span.start).saturating_sub(1);
        let last = (paras.partition_point(|p| p.end < q.span.end) + 1).min(paras.len().saturating_sub(1));
        let Some(r) = paras.get(first).zip(paras.get(last)).map(|(a, b)| a.start..b.end.max(q.span.end)) else { continue };
        match reach.last_mut() {
            Some(l) if r.start <= l.end => l.end = l.end.max(r.end),
            _ => reach.push(r),
        }
    }
    // About one word in six bytes of English.
    let mut out = Vec::with_capacity(reach.iter().map(|r| r.len()).sum::<usize>() / 6 + 1);
    let mut last_end = 0;
    let spans = reach.iter().flat_map(|r| super::word_spans(&text[r.clone()]).map(move |w| (r.start, r.start + w.start..r.start + w.end)));
    for (range_start, span) in spans {
        if last_end < range_start {
            last_end = range_start;
        }
        // "Judge Linda Chan (陳靜芬) said": a short aside in brackets stands
        // outside the clause; its words and brackets are left out.
        while ai < asides.len() && asides[ai].end <= span.start {
            ai += 1;
        }
        if asides.get(ai).is_some_and(|a| a.start < span.start) {
            continue;
        }
        while qi < inside.len() && inside[qi].end < span.end {
            qi += 1;
        }
        let quoted = inside.get(qi).is_some_and(|q| q.start <= span.start && span.end <= q.end);
        while mi < by_start.len() && mentions[by_start[mi]].span.end <= span.start {
            mi += 1;
        }
        // Mentions do not overlap, so the one at `mi` is the only one that can hold the word.
        let in_name = by_start.get(mi).map(|&i| &mentions[i].span).is_some_and(|m| m.start <= span.start && span.end <= m.end && (m.end - m.start) > (span.end - span.start));
        let word = &text[span.clone()];
        let mut gap_before = Short::new();
        let mut visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).for_each(|c| gap_before.push(c));
        match asides[..ai].last() {
            Some(a) if a.start >= last_end => {
                visible(&text[last_end..a.start]);
                visible(&text[a.end..span.start]);
            }
            _ => visible(&text[last_end..span.start]),
        }
        let lower = lower_word(super::trim_possessive(word));
        last_end = span.end;
        out.push(Word { span, lower, quoted, in_name, gap_before });
    }
    out
}

pub fn attribute(
    text: &str,
    segments: &Segments,
    quotes: &mut [Quote],
    mentions: &[Mention],
    entities: &[LocalEntity],
    lexicon: &Lexicon,
) {
    if quotes.is_empty() {
        return;
    }
    let ctx = Ctx::new(text, segments, quotes, mentions, entities, lexicon);
    let mut previous: Option<(usize, Speaker)> = None;
    let mut previous_end = 0;
    let mut previous_needed = false;
    for qi in 0..quotes.len() {
        let q = quotes[qi].clone();
        let speaker = in_sentence(&ctx, segments, &q)
            .or_else(|| colon_lead_in(&ctx, segments, &q))
            .or_else(|| continuation(&ctx, segments, &q, previous.as_ref()))
            .or_else(|| next_sentence(&ctx, segments, &q));
        let speaker = speaker.map(|s| unnamed_chain(&ctx, segments, s, previous.as_ref().filter(|_| previous_needed), previous_end));
        previous_end = q.span.end;
        previous_needed = q.needs_speaker();
        if let Some(s) = &speaker {
            if let Some(p) = segments.paragraph_at(q.span.start) {
                previous = Some((p, s.clone()));
            }
        }
        quotes[qi].speaker = speaker;
    }
}

/// "A port official said …. "…," he added": once a quotation is given to
/// someone unnamed, a pronoun or "the official" in the next sentences
/// stays with that speaker, when no one has been named in between.
fn unnamed_chain(ctx: &Ctx, segments: &Segments, s: Speaker, previous: Option<&(usize, Speaker)>, previous_end: usize) -> Speaker {
    let Some((prev_para, prev)) = previous else { return s };
    let pronoun = s.kind == SpeakerKind::Pronoun && matches!(s.text.to_lowercase().as_str(), "he" | "she" | "they");
    // "the source", "the official": a definite unnamed speaker points back;
    // "a source" is someone new.
    let back = s.kind == SpeakerKind::Anonymous && s.text.to_lowercase().starts_with("the ");
    if prev.kind != SpeakerKind::Anonymous || !(pronoun || back) {
        return s;
    }
    let Some(at) = s.span.as_ref().map(|sp| sp.start) else { return s };
    let near = segments.paragraph_at(at).is_some_and(|p| p <= prev_para + 1);
    let k = ctx.by_start.partition_point(|&i| ctx.mentions[i].span.start < previous_end);
    let named_between = ctx.by_start[k..]
        .iter()
        .map(|&i| &ctx.mentions[i])
        .take_while(|m| m.span.start < at)
        .any(|m| !m.in_quote && ctx.entities[m.entity].kind() == EntityKind::Person);
    if !near || named_between || at < previous_end {
        return s;
    }
    Speaker { text: prev.text.clone(), kind: SpeakerKind::Anonymous, entity: None, ..s }
}

/// A quotation that stands alone, its speaker opening the next sentence of
/// the paragraph: `"…" The mayor said so on Monday.` (the annotation
/// conventions count a speaker in the adjacent sentence).
fn next_sentence(ctx: &Ctx, segments: &Segments, q: &Quote) -> Option<Speaker> {
    let range = sentence_range(segments, &q.span)?;
    if ctx.has_word_in(range.start..q.span.start) || ctx.has_word_in(q.span.end..range.end) {
        return None;
    }
    let next = segments.sentences.get(segments.sentence_at(range.end.saturating_sub(1))? + 1)?.clone();
    if segments.paragraph_at(next.start) != segments.paragraph_at(q.span.start) {
        return None;
    }
    let ws = ctx.words_in(next);
    let ws = &ws[..ws.len().min(8)];
    if ws.iter().any(|w| w.quoted) {
        return None;
    }
    let k = (0..ws.len()).find(|&k| ctx.verb_at(ws, k))?;
    let mut s = subject_before(ctx, &ws[..k]).or_else(|| (k == 0).then(|| subject_after(ctx, &ws[1..])).flatten())?;
    s.how = Attribution::SentenceVerb;
    Some(s)
}

impl Ctx<'_> {
    fn sentence_of(&self, offset: usize) -> usize {
        self.sentences.partition_point(|s| s.end <= offset)
    }
}

/// Short asides in round brackets on one line: "(陳靜芬)", "(R)", "(pictured)".
fn asides(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'(' {
            let rest = &bytes[i + 1..bytes.len().min(i + 80)];
            if let Some(k) = rest.iter().position(|&b| matches!(b, b')' | b'(' | b'\n')) {
                if rest[k] == b')' {
                    out.push(i..i + k + 2);
                    i += k + 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Latin words typed with Cyrillic or Greek look-alike letters ("hе wrotе"
/// with a Cyrillic е) read as the Latin word.
/// A word in lower case with look-alike letters read as Latin, as
/// `fold_lookalikes(word.to_lowercase())`, inline when short and ASCII.
fn lower_word(word: &str) -> Short {
    if word.is_ascii() {
        return super::short::lower(word);
    }
    Short::from(fold_lookalikes(word.to_lowercase()).as_str())
}

fn fold_lookalikes(word: String) -> String {
    if word.is_ascii() || !word.chars().any(|c| c.is_ascii_alphabetic()) {
        return word;
    }
    word.chars()
        .map(|c| match c {
            'а' => 'a', 'е' => 'e', 'о' => 'o', 'р' => 'p', 'с' => 'c', 'у' => 'y', 'х' => 'x', 'і' => 'i', 'ј' => 'j', 'ѕ' => 's',
            'ο' => 'o', 'α' => 'a', 'ε' => 'e', 'ι' => 'i', 'ν' => 'v',
            c => c,
        })
        .collect()
}

/// The sentences a quotation touches, as one range.
fn sentence_range(segments: &Segments, span: &Span) -> Option<Span> {
    let first = segments.sentence_at(span.start)?;
    let last = segments.sentence_at(span.end.saturating_sub(1)).unwrap_or(first);
    Some(segments.sentences[first].start..segments.sentences[last].end)
}

fn in_sentence(ctx: &Ctx, segments: &Segments, q: &Quote) -> Option<Speaker> {
    let range = sentence_range(segments, &q.span)?;
    let ws = ctx.words_in(range);
    // The window around the quotation.
    let before_n = ws.partition_point(|w| w.span.end <= q.span.start);
    let after_n = ws.partition_point(|w| w.span.start < q.span.end);
    let ws = &ws[before_n.saturating_sub(WINDOW)..(after_n + WINDOW).min(ws.len())];
    let first_after = ws.partition_point(|w| w.span.start < q.span.end);
    let last_before = ws.partition_point(|w| w.span.end <= q.span.start).checked_sub(1);
    // 1. A verb right after the quotation: `," Petrov said` / `," said Petrov`.
    if let Some(s) = verb_after(ctx, &ws[first_after..]) {
        return Some(s);
    }
    // 1b. No verb at all, a speaker alone after a comma: `"…," the club.`
    let rest = &ws[first_after..];
    if ctx.text[q.inner.clone()].ends_with(',') && (1..=6).contains(&rest.len()) && rest.iter().all(|w| !w.quoted) && !rest.iter().any(|w| ctx.is_verb(w)) {
        if let Some(mut s) = classify(ctx, rest) {
            s.how = Attribution::VerbAfter;
            return Some(s);
        }
    }
    // 2. The nearest verb before it: `Petrov said: "…"`, `Petrov confirmed that "…"`.
    if let Some(lb) = last_before {
        if let Some(s) = verb_before(ctx, &ws[..=lb]) {
            return Some(s);
        }
    }
    // 2b. A lead-in ending in a colon, whatever its verb: `Mbappe echoed
    // Ronaldo's words: "…"`, `…, captioned: "…"`.
    if let Some(lb) = last_before {
        let lead = ctx.text[ws[lb].span.end..q.span.start].trim();
        if lead == ":" {
            if let Some(mut s) = main_subject(ctx, &ws[..=lb]) {
                s.how = Attribution::ColonLeadIn;
                return Some(s);
            }
        }
    }
    // 3. A verb further on in the sentence.
    for k in first_after..ws.len() {
        if ctx.verb_at(ws, k) {
            if let Some(mut s) = subject_before(ctx, &ws[..k]).or_else(|| subject_after(ctx, &ws[k + 1..])).filter(|s| reads(&ws[k], s)) {
                s.how = Attribution::SentenceVerb;
                return Some(s);
            }
        }
    }
    // 4. `according to X`.
    for k in 0..ws.len().saturating_sub(2) {
        if !ws[k].quoted && ws[k].lower == "according" && ws[k + 1].lower == "to" {
            if let Some(mut s) = subject_after(ctx, &ws[k + 2..]) {
                s.how = Attribution::AccordingTo;
                return Some(s);
            }
        }
    }
    None
}

fn verb_after(ctx: &Ctx, after: &[Word]) -> Option<Speaker> {
    // The verb must come within a few words, before any other punctuation.
    for (k, w) in after.iter().enumerate().take(10) {
        if w.quoted || (k > 0 && has_clause_break(&w.gap_before)) {
            return None;
        }
        if ctx.verb_at(after, k) {
            let found = if k == 0 { subject_after(ctx, &after[1..]) } else { subject_before(ctx, &after[..k]) };
            return found.filter(|s| reads(&after[k], s)).map(|mut s| {
                s.how = Attribution::VerbAfter;
                s
            });
        }
    }
    None
}

fn verb_before(ctx: &Ctx, before: &[Word]) -> Option<Speaker> {
    // Walk back over the verbs of saying; a verb whose subject is left out
    // ("…, adding: "…"", "but stressed that "…"") takes the subject of an
    // earlier one.
    for k in (0..before.len()).rev() {
        let w = &before[k];
        if !ctx.verb_at(before, k) {
            continue;
        }
        let inverted = || {
            // "said Petrov: "…"": the subject after the verb, then a break.
            let s = subject_after(ctx, &before[k + 1..])?;
            let end = s.span.clone()?.end;
            let next = before.iter().find(|w| w.span.start >= end);
            let gap = match next {
                Some(w) => &w.gap_before[..],
                None => ctx.text[end..].trim_start(),
            };
            gap.starts_with([':', ',']).then_some(s)
        };
        // "Yoon accused the opposition and vowed to “…”", "…, claiming,
        // “…”": a verb whose subject is left out takes the sentence's.
        let omitted = || {
            let joined = k > 0 && (matches!(before[k - 1].lower.as_str(), "and" | "but" | "also" | "then") || w.gap_before.contains(','));
            (joined || w.lower.ends_with("ing")).then(|| main_subject(ctx, &before[..k])).flatten()
        };
        if let Some(mut s) = subject_before(ctx, &before[..k]).or_else(inverted).or_else(omitted).filter(|s| reads(w, s)) {
            s.how = Attribution::VerbBefore;
            return Some(s);
        }
    }
    None
}

/// The subject of the sentence the words open: the first name or personal
/// pronoun that is not the object of a preposition and is followed by a
/// lower-case word (its verb), after any opening phrase ("Late on Tuesday,
/// in a televised address, Yoon declared …").
fn main_subject(ctx: &Ctx, words: &[Word]) -> Option<Speaker> {
    for (k, w) in words.iter().enumerate() {
        if w.quoted {
            return None;
        }
        let object = k > 0 && (PREPOSITIONS.contains(&words[k - 1].lower.as_str()) || matches!(words[k - 1].lower.as_str(), "of" | "that"));
        if object {
            continue;
        }
        if matches!(w.lower.as_str(), "he" | "she" | "they" | "it" | "we") {
            return classify(ctx, &words[k..=k]);
        }
        let Some(m) = ctx.mentions_starting(w.span.start).find(|m| !m.in_quote && m.possessive == Possessive::No) else { continue };
        let n = words[k..].iter().take_while(|x| x.span.start < m.span.end).count();
        let followed_by_verb = words.get(k + n).is_some_and(|v| !crate::analysis::is_capitalized(&ctx.text[v.span.clone()]) && !v.quoted);
        if followed_by_verb && matches!(ctx.entities[m.entity].kind(), EntityKind::Person | EntityKind::Organization) {
            return classify(ctx, &words[k..k + n]);
        }
    }
    None
}

/// "read" attributes only a statement ("the statement read"); a sign or a
/// banner that reads names no speaker.
fn reads(verb: &Word, s: &Speaker) -> bool {
    !matches!(verb.lower.as_str(), "read" | "reads") || s.kind == SpeakerKind::Institution
}

fn has_clause_break(gap: &str) -> bool {
    gap.chars().any(|c| ",;:()—–\"“”«»„".contains(c))
}

/// The subject that ends right before a verb: the words back to a clause
/// break, skipping an inserted clause ("Petrov, who heads the port, said",
/// "A diplomat, speaking on condition of anonymity, said").
fn subject_before(ctx: &Ctx, before: &[Word]) -> Option<Speaker> {
    let mut end = before.len();
    // Adverbs and auxiliaries: "Petrov also said", "Smith has said".
    while end > 0 && (ADVERBS.contains(&before[end - 1].lower.as_str()) || AUXILIARIES.contains(&before[end - 1].lower.as_str())) && !before[end - 1].quoted {
        end -= 1;
    }
    // The clause the verb is in starts after the last clause break.
    let mut clause = end;
    while clause > 0 && !before[clause - 1].quoted {
        clause -= 1;
        if has_clause_break(&before[clause].gap_before) {
            break;
        }
    }
    if clause == end {
        return None;
    }
    if let Some(s) = statement(ctx, &before[clause..end]) {
        return Some(s);
    }
    let first = before[clause].lower.as_str();
    let inserted = clause > 0 && has_clause_break(&before[clause].gap_before);
    let participle = first.ends_with("ing") || first.ends_with("ed");
    let skip_clause = inserted && (matches!(first, "who" | "which" | "whose") || participle);
    // "Kim Yo Jong, a senior official of the party, said": the name before
    // a description set off by commas is the speaker.
    if inserted && matches!(first, "a" | "an" | "the") {
        let named = ctx.mentions_ending(before[clause - 1].span.end).find(|m| {
            ctx.text[m.span.end..before[clause].span.start].trim() == "," && !m.in_quote && ctx.entities[m.entity].kind() == EntityKind::Person
        });
        if let Some(m) = named {
            let k = before[..clause].iter().rposition(|w| w.span.start <= m.span.start).unwrap_or(0);
            if let Some(s) = classify(ctx, &before[k..clause]) {
                return Some(s);
            }
        }
    }
    // "Ms Smith, who runs the programme at the Institute, told": "who" is
    // the clause's subject, so the speaker stands before the clause.
    if inserted && matches!(first, "who" | "whose") || (inserted && participle) {
        return subject_before(ctx, &before[..clause]);
    }
    let mut start = end;
    while start > clause && end - start < 8 {
        let w = &before[start - 1];
        if matches!(w.lower.as_str(), "that" | "and" | "but" | "while" | "as" | "because" | "so" | "when" | "after" | "before" | "than" | "which" | "who") {
            break;
        }
        start -= 1;
    }
    // "with Poland's minister calling": prepositions open no subject.
    while start < end && PREPOSITIONS.contains(&before[start].lower.as_str()) {
        start += 1;
    }
    // "…, which Mr Smith said": the subject is inside the clause; "Petrov,
    // who heads the port, said": it stands before it.
    // "the crowd gathered in the square chanted", "A senior official
    // involved in the talks said": a participle after the head noun opens a
    // clause that describes it; the subject ends there.
    let reduced = (start + 2..end).find(|&k| {
        let w = &before[k];
        w.lower.ends_with("ed") && !AUXILIARIES.contains(&w.lower.as_str()) && !crate::analysis::is_capitalized(&ctx.text[w.span.clone()]) && !DETERMINERS.contains(&before[k - 1].lower.as_str())
    });
    let found = match reduced {
        Some(k) => classify(ctx, &before[start..k]).or_else(|| classify(ctx, &before[start..end])),
        None if start < end => classify(ctx, &before[start..end]),
        None => None,
    };
    match found {
        Some(s) => Some(s),
        None if skip_clause => subject_before(ctx, &before[..clause]),
        None => None,
    }
}

/// A statement as the subject: "A brief statement from the club read",
/// "the statement reads", "Real Madrid's statement said". It speaks for its
/// issuer when the text names one or points back to it ("the statement",
/// "its letter"); "a statement said" alone names no one.
fn statement(ctx: &Ctx, clause: &[Word]) -> Option<Speaker> {
    let clause = &clause[clause.len().saturating_sub(12)..];
    let k = clause.iter().position(|w| STATEMENTS.contains(&w.lower.as_str()) && !w.quoted)?;
    // The noun phrase starts at its determiner, possessor or the clause.
    let start = clause[..k].iter().rposition(|w| DETERMINERS.contains(&w.lower.as_str()) || ctx.mentions_starting(w.span.start).next().is_some()).unwrap_or(0);
    // "said in a statement": the statement is not the subject.
    if start > 0 && (PREPOSITIONS.contains(&clause[start - 1].lower.as_str()) || clause[start - 1].lower == "of") {
        return None;
    }
    let phrase = &clause[start..];
    let issuer = phrase.iter().find_map(|w| ctx.mentions_starting(w.span.start).find(|m| !m.in_quote).map(|m| m.entity));
    let definite = matches!(phrase[0].lower.as_str(), "the" | "its" | "their" | "his" | "her" | "this" | "that");
    let named_source = phrase[..].windows(2).any(|p| matches!(p[0].lower.as_str(), "from" | "by" | "of") && (DETERMINERS.contains(&p[1].lower.as_str()) || crate::analysis::is_capitalized(&ctx.text[p[1].span.clone()])));
    if !(definite || issuer.is_some() || named_source) {
        return None;
    }
    let span = phrase[0].span.start..phrase[phrase.len() - 1].span.end;
    let text = ctx.text[span.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
    Some(Speaker { text, span: Some(span), entity: issuer, kind: SpeakerKind::Institution, how: Attribution::VerbBefore })
}

/// The subject right after a verb: "said Petrov", "said a port official".
fn subject_after(ctx: &Ctx, after: &[Word]) -> Option<Speaker> {
    let mut end = 0;
    while end < after.len()
        && end < 6
        && !after[end].quoted
        && (end == 0 || !has_clause_break(&after[end].gap_before))
        && !matches!(after[end].lower.as_str(), "who" | "which" | "that" | "whose")
    {
        end += 1;
    }
    if end == 0 {
        return None;
    }
    // The subject is the noun phrase at the start: a name, a pronoun, or a
    // determiner and its nouns.
    let phrase = &after[..end];
    // A name, perhaps after a lower-case role: "said Petrov", "warned
    // meteorologist Eva Novak of the weather service".
    for (k, w) in phrase.iter().enumerate() {
        if let Some(m) = ctx.mentions_starting(w.span.start).next() {
            let n = phrase.iter().take_while(|w| w.span.start < m.span.end).count().max(1);
            return classify(ctx, &phrase[..n]);
        }
        let lower_case = !crate::analysis::is_capitalized(&ctx.text[w.span.clone()]);
        let role = lower_case || ctx.lexicon.title_words.contains(w.lower.as_str());
        if !role || k >= 3 {
            break;
        }
    }
    if PRONOUNS.contains(&phrase[0].lower.as_str()) {
        return classify(ctx, &phrase[..1]);
    }
    classify(ctx, phrase)
}

/// What a subject phrase names.
fn classify(ctx: &Ctx, phrase: &[Word]) -> Option<Speaker> {
    let first = phrase.first()?;
    let last = phrase.last()?;
    let span = first.span.start..last.span.end;
    let text = ctx.text[span.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
    let speaker = |kind, entity| Some(Speaker { text: text.clone(), span: Some(span.clone()), entity, kind, how: Attribution::VerbAfter });
    // "Dr Anna Smith of the Institute for Fiscal Studies": the person, not
    // the institution after "of".
    for (k, w) in phrase.iter().enumerate().skip(1) {
        if !matches!(w.lower.as_str(), "of" | "at" | "from" | "for" | "with") {
            continue;
        }
        let person = ctx.mentions_ending(phrase[k - 1].span.end).find(|m| !m.in_quote && ctx.entities[m.entity].kind() == EntityKind::Person);
        if let Some(m) = person {
            return classify(ctx, &phrase[..k]).or(Some(Speaker {
                text: text.clone(),
                span: Some(span.clone()),
                entity: Some(m.entity),
                kind: SpeakerKind::Named,
                how: Attribution::VerbAfter,
            }));
        }
    }
    // A name that ends the phrase: "Petrov", "Ivan Petrov", "Mayor Ivan Petrov".
    // Only a name inside the phrase: "Department" alone is not "the State
    // Department", and the name's start must not come before the phrase's.
    if let Some(m) = ctx.mentions_ending_in(last.span.clone()).find(|m| m.span.start >= first.span.start && m.possessive == Possessive::No && !m.in_quote) {
        let e = &ctx.entities[m.entity];
        let lead = &ctx.text[first.span.start..m.span.start];
        // "a senior official Petrov …" is unnamed; "a goal Mr Smith said he
        // supported" is Mr Smith's clause.
        let role = |w: &Word| ctx.lexicon.title_words.contains(w.lower.as_str()) || ctx.lexicon.anonymous_nouns.contains(w.lower.as_str()) || ADJECTIVES_OF_RANK.contains(&w.lower.as_str());
        let lead_words = phrase.iter().skip(1).take_while(|w| w.span.end <= m.span.start);
        // "a volunteer in Yekaterinburg", "an aide to Petrov": the name
        // only places the unnamed speaker.
        let placed = lead_words.clone().any(|w| matches!(w.lower.as_str(), "in" | "at" | "from" | "of" | "to" | "with" | "for" | "close" | "near"));
        let indefinite = INDEFINITE.contains(&first.lower.as_str()) && !lead.is_empty() && (placed || lead_words.clone().all(role));
        return match e.kind() {
            _ if indefinite => speaker(SpeakerKind::Anonymous, None),
            EntityKind::Organization if e.is_outlet => speaker(SpeakerKind::Institution, Some(m.entity)),
            EntityKind::Organization | EntityKind::Place => speaker(SpeakerKind::Institution, Some(m.entity)),
            _ => speaker(SpeakerKind::Named, Some(m.entity)),
        };
    }
    if phrase.len() == 1 && PRONOUNS.contains(&first.lower.as_str()) {
        // "it said", "it proclaimed": in news copy an organisation or a
        // document speaks.
        if first.lower == "it" {
            return speaker(SpeakerKind::Institution, None);
        }
        // "I said to him": the writer speaks.
        let entity = match first.lower.as_str() {
            "he" => last_person_before(ctx, first.span.start, None, Some(Gender::Male)),
            "she" => last_person_before(ctx, first.span.start, None, Some(Gender::Female)),
            _ => None,
        };
        return speaker(SpeakerKind::Pronoun, entity);
    }
    if MEDIA.contains(&last.lower.as_str()) || phrase.len() > 7 {
        return None;
    }
    let head = last.lower.as_str();
    let determiner = DETERMINERS.contains(&first.lower.as_str());
    let possessor = ctx.mentions_starting(first.span.start).find(|m| m.possessive != Possessive::No);
    // "a senior official", "a retired teacher", "one of them": someone the
    // text does not name. "A statement said" names no one at all.
    if INDEFINITE.contains(&first.lower.as_str()) {
        // "a source close to the head of the government", "an official
        // familiar with the talks": the head noun comes before its
        // modifiers.
        let core = phrase.iter().skip(2).position(|w| matches!(w.lower.as_str(), "close" | "familiar" | "with" | "from" | "in" | "at" | "of" | "to" | "for" | "who" | "speaking" | "briefed")).map_or(phrase.len(), |k| k + 2);
        let head = phrase[core - 1].lower.as_str();
        if DOCUMENTS.contains(&head) || core > 5 {
            return None;
        }
        // "a senior official", "one of them", "a retired teacher": someone
        // the text does not name.
        return speaker(SpeakerKind::Anonymous, None);
    }
    if !(determiner || possessor.is_some()) {
        // "Russian official says": a bare role with no name.
        let bare_role = phrase.len() <= 3
            && ctx.lexicon.anonymous_nouns.contains(head)
            && phrase[..phrase.len() - 1].iter().all(|w| !crate::analysis::is_capitalized(&ctx.text[w.span.clone()]) || ctx.lexicon.demonyms.contains(&ctx.text[w.span.clone()]));
        return if bare_role { speaker(SpeakerKind::Anonymous, None) } else { None };
    }
    // "the Treasury Department", "the ministry", "the Kremlin".
    if ctx.lexicon.organization_words.iter().any(|o| o.eq_ignore_ascii_case(head)) {
        let entity = ctx.mentions_ending(last.span.end).find(|m| m.span.start >= first.span.start).map(|m| m.entity);
        return speaker(SpeakerKind::Institution, entity);
    }
    // "Putin's envoy", "the mayor", "the port's chief engineer": a short
    // description, resolved to the person the article gave that role.
    if phrase.len() <= 5 && !DOCUMENTS.contains(&head) {
        let not = possessor.map(|m| m.entity);
        if let Some(entity) = described(ctx, head, not, first.span.start) {
            return speaker(SpeakerKind::Descriptor, Some(entity));
        }
        // "A senior official said …. "…," the official said": still unnamed.
        if possessor.is_none() && (introduced_unnamed(ctx, head, first.span.start) || ctx.lexicon.anonymous_nouns.contains(head)) {
            return speaker(SpeakerKind::Anonymous, None);
        }
        let entity = last_person_before(ctx, first.span.start, not, None);
        return speaker(SpeakerKind::Descriptor, entity);
    }
    None
}

/// The person the article last described with `head` ("envoy") before
/// `offset`, other than `not`.
fn described(ctx: &Ctx, head: &str, not: Option<usize>, offset: usize) -> Option<usize> {
    // The last one before `offset`, else the first one after it.
    let list = ctx.described().get(head)?;
    let k = list.partition_point(|&(at, _)| at < offset);
    let fits = |&&(_, i): &&(usize, usize)| Some(i) != not;
    list[..k].iter().rev().find(fits).or_else(|| list[k..].iter().find(fits)).map(|&(_, i)| i)
}

/// Whether the text before `offset` introduced someone unnamed with this
/// noun: "a senior official", "an EU diplomat".
fn introduced_unnamed(ctx: &Ctx, head: &str, offset: usize) -> bool {
    // The article's last few thousand bytes are enough to find who was
    // introduced; scanning from the start for every quotation is not.
    let from = floor_boundary(ctx.text, offset.saturating_sub(UNNAMED_REACH));
    let recent = offset.saturating_sub(300);
    let before = &ctx.text[from..offset];
    let ws: Vec<Span> = super::word_spans(before).collect();
    // The same noun ("a senior official … the official"), or, in the last
    // sentence or two, any unnamed source ("One senior Labour figure was
    // blunter. "…," the MP said"), a few words after "a", "one" ….
    ws.iter().enumerate().any(|(k, r)| {
        let w = &before[r.clone()];
        let same = w.eq_ignore_ascii_case(head);
        let source = || from + r.start >= recent && { let l = w.to_lowercase(); ctx.lexicon.anonymous_nouns.contains(&l) || l == "figure" };
        (same || source()) && ws[k.saturating_sub(4)..k].iter().any(|d| INDEFINITE.iter().any(|i| before[d.clone()].eq_ignore_ascii_case(i)))
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// What the article tells of a person's gender: a known given name, or a
/// word like "spokeswoman" or "Mr" among the descriptors.
fn gender(ctx: &Ctx, e: &LocalEntity) -> Option<Gender> {
    if let Some(g) = &e.given {
        if ctx.lexicon.female_names.contains(g) {
            return Some(Gender::Female);
        }
        if ctx.lexicon.given_names.contains(g) {
            return Some(Gender::Male);
        }
        // Most unlisted given names that end in "a" are women's (Jana,
        // Olena); "Nikita" and "Ilya" are listed.
        if g.ends_with('a') {
            return Some(Gender::Female);
        }
    }
    let words = e.descriptors.iter().flat_map(|d| d.text.split_whitespace()).map(|w| w.to_lowercase());
    for w in words {
        match w.trim_end_matches('.') {
            "mrs" | "ms" | "woman" | "spokeswoman" | "chairwoman" | "businesswoman" | "congresswoman" | "queen" | "princess" => return Some(Gender::Female),
            "mr" | "man" | "spokesman" | "chairman" | "businessman" | "congressman" | "king" | "prince" => return Some(Gender::Male),
            _ => {}
        }
    }
    None
}

fn last_person_before(ctx: &Ctx, offset: usize, not: Option<usize>, pronoun: Option<Gender>) -> Option<usize> {
    // "she" goes to the last woman the article names, when it names one;
    // failing that, to the last person whose gender it does not tell.
    if pronoun == Some(Gender::Female) {
        let strict = last_subject(ctx, offset, not, |g| g == Some(Gender::Female));
        return strict.or_else(|| last_subject(ctx, offset, not, |g| g.is_none()));
    }
    last_subject(ctx, offset, not, |g| pronoun.is_none() || g.is_none() || g == pronoun)
}

fn last_subject(ctx: &Ctx, offset: usize, not: Option<usize>, agrees: impl Fn(Option<Gender>) -> bool) -> Option<usize> {
    // The first person named in the last sentence that names one: walk
    // back from `offset` over at most LOOK_BACK mentions.
    let k = ctx.by_start.partition_point(|&i| ctx.mentions[i].span.start < offset);
    let mut best: Option<(usize, usize)> = None;
    for &i in ctx.by_start[..k].iter().rev().take(LOOK_BACK) {
        let m = &ctx.mentions[i];
        if m.span.end > offset || m.in_quote || ctx.entities[m.entity].kind() != EntityKind::Person {
            continue;
        }
        let sentence = ctx.sentence_of(m.span.start);
        if best.is_some_and(|(s, _)| s != sentence) {
            break;
        }
        let before = ctx.text[..m.span.start].trim_end();
        let modifier = before.ends_with(" the") || before.ends_with(" a") || before.ends_with(" an");
        if m.possessive == Possessive::No && !modifier && Some(m.entity) != not && agrees(ctx.gender_of(m.entity)) {
            best = Some((sentence, m.entity));
        }
    }
    best.map(|(_, e)| e)
}

/// A quotation at the start of its sentence after a sentence that ends in a
/// colon and names a speaker: `Petrov said:` then `"…"`.
fn colon_lead_in(ctx: &Ctx, segments: &Segments, q: &Quote) -> Option<Speaker> {
    let si = segments.sentence_at(q.span.start)?;
    let before_q = ctx.text[segments.sentences[si].start..q.span.start].trim();
    if !before_q.is_empty() || si == 0 {
        return None;
    }
    let prev = segments.sentences[si - 1].clone();
    if !ctx.text[prev.clone()].trim_end().ends_with(':') {
        return None;
    }
    let ws = ctx.words_in(prev);
    let ws = &ws[ws.len().saturating_sub(WINDOW)..];
    let mut s = verb_before(ctx, ws).or_else(|| main_subject(ctx, ws))?;
    s.how = Attribution::ColonLeadIn;
    Some(s)
}

/// A quotation that stands alone, as a sentence or a paragraph of its own,
/// continues the speaker of the quotation just before it: `"…," he said.
/// "…"` or a paragraph of quotation after a quoted paragraph.
fn continuation(ctx: &Ctx, segments: &Segments, q: &Quote, previous: Option<&(usize, Speaker)>) -> Option<Speaker> {
    let p = segments.paragraph_at(q.span.start)?;
    let alone_in = |range: Span| !ctx.has_word_in(range.start..q.span.start.max(range.start)) && !ctx.has_word_in(q.span.end.min(range.end)..range.end);
    let para = segments.paragraphs[p].clone();
    let sentence = sentence_range(segments, &q.span).unwrap_or(para.clone());
    if !alone_in(sentence.clone()) {
        return None;
    }
    // The quotation just before, in this paragraph or the one before.
    if let Some((prev_para, speaker)) = previous {
        // The next paragraph, or the next after photo captions.
        let captions_between = p > prev_para + 1 && ((prev_para + 1)..p).all(|c| super::segment::is_caption(&ctx.text[segments.paragraphs[c].clone()]));
        let next = p == prev_para + 1 || captions_between;
        let fits = if p == *prev_para { true } else { next && (alone_in(para.clone()) || sentence.start == para.start) };
        if fits {
            return Some(Speaker { how: Attribution::Continuation, ..speaker.clone() });
        }
    }
    // Reported speech just before: `Petrov said the port would reopen.`
    // then the quotation on its own.
    let si = segments.sentence_at(q.span.start)?;
    let prev = segments.sentences.get(si.checked_sub(1)?)?.clone();
    let prev_para = segments.paragraph_at(prev.start)?;
    if prev_para + 1 < p {
        return None;
    }
    // The reporting verb is the sentence's first ("He said the president
    // had spoken with …"), not one in the clause it reports.
    let ws = ctx.words_in(prev);
    // It must lead the sentence: "Workers will vote on Friday, after some
    // members said …" reports nothing the quotation continues.
    let ws = &ws[..ws.len().min(8)];
    let first = (0..ws.len()).find(|&k| ctx.verb_at(ws, k))?;
    let mut s = verb_before(ctx, &ws[..=first])?;
    s.how = Attribution::Continuation;
    Some(s)
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Attribution, SpeakerKind};
    use crate::lexicon::Lexicon;

    /// (quotation's first word, speaker as written, resolved name, kind, how)
    fn speakers(text: &str) -> Vec<(String, String, String, SpeakerKind, Attribution)> {
        let a = analyze(text, &Lexicon::builtin());
        a.quotes
            .iter()
            .filter_map(|q| {
                let s = q.speaker.as_ref()?;
                let first = text[q.inner.clone()].split_whitespace().next().unwrap_or("").to_string();
                let name = s.entity.map(|e| a.entities[e].name.clone()).unwrap_or_default();
                Some((first, s.text.clone(), name, s.kind, s.how))
            })
            .collect()
    }

    fn row(q: &str, s: &str, n: &str, k: SpeakerKind, h: Attribution) -> (String, String, String, SpeakerKind, Attribution) {
        (q.into(), s.into(), n.into(), k, h)
    }

    #[test]
    fn verbs_on_either_side_in_either_order() {
        let text = "Port reopens\n\n\"Ships are moving again at last,\" Ivan Petrov said on Monday.\n\
                    \"Nothing is settled yet,\" said Olga Marchenko, the mayor.\n\
                    Petrov added: \"We will need more cranes.\"\n\
                    Marchenko confirmed that the city was \"ready to pay for the new cranes\" this year.\n";
        assert_eq!(
            speakers(text),
            vec![
                row("Ships", "Ivan Petrov", "Ivan Petrov", SpeakerKind::Named, Attribution::VerbAfter),
                row("Nothing", "Olga Marchenko", "Olga Marchenko", SpeakerKind::Named, Attribution::VerbAfter),
                row("We", "Petrov", "Ivan Petrov", SpeakerKind::Named, Attribution::VerbBefore),
                row("ready", "Marchenko", "Olga Marchenko", SpeakerKind::Named, Attribution::VerbBefore),
            ]
        );
    }

    #[test]
    fn pronouns_descriptors_institutions_and_the_unnamed() {
        let text = "Port reopens\n\nIvan Petrov, the city's harbour master, spoke first.\n\
                    “The cranes are old and slow,” he said.\n\
                    The mayor's harbour master also warned that “the winter will be hard for all of us.”\n\
                    The Transport Ministry wrote that “repairs will take at least two more years.”\n\
                    “Nobody has been paid for three months now,” a dock official told reporters.\n";
        assert_eq!(
            speakers(text),
            vec![
                row("The", "he", "Ivan Petrov", SpeakerKind::Pronoun, Attribution::VerbAfter),
                row("the", "The mayor's harbour master", "Ivan Petrov", SpeakerKind::Descriptor, Attribution::VerbBefore),
                row("repairs", "The Transport Ministry", "Transport Ministry", SpeakerKind::Institution, Attribution::VerbBefore),
                row("Nobody", "a dock official", "", SpeakerKind::Anonymous, Attribution::VerbAfter),
            ]
        );
    }

    #[test]
    fn split_quotes_colon_lead_ins_and_continued_paragraphs() {
        let text = "Port reopens\n\n\"The first ships came today,\" Petrov said, adding, \"and more will follow this week.\"\n\n\
                    The mayor said it plainly:\n\n\"We waited far too long for this day.\"\n\n\
                    \"And we will not wait that long again.\"\n";
        let got = speakers(text);
        assert_eq!(got[0].1, "Petrov");
        assert_eq!(got[1].1, "Petrov");
        assert_eq!(got[2].3, SpeakerKind::Descriptor);
        assert_eq!(got[2].4, Attribution::ColonLeadIn);
        assert_eq!(got[3].4, Attribution::Continuation);
    }

    #[test]
    fn a_quoted_sentence_after_an_attributed_one_continues_it() {
        let text = "Port reopens\n\n\"The first ships came today,\" Petrov said. \"More will follow before the end of the week.\"\n";
        let got = speakers(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1, "Petrov");
        assert_eq!(got[1].4, Attribution::Continuation);
    }

    #[test]
    fn a_role_before_the_name_and_single_quotes() {
        let text = "Flood warning\n\n'This is not the end of it,' warned meteorologist Eva Novak of the weather service.\n\
                    \"Water levels will peak tomorrow and then fall,\" according to the weather service.\n";
        assert_eq!(
            speakers(text),
            vec![
                row("This", "meteorologist Eva Novak", "Eva Novak", SpeakerKind::Named, Attribution::VerbAfter),
                row("Water", "the weather service", "", SpeakerKind::Institution, Attribution::AccordingTo),
            ]
        );
    }

    #[test]
    fn she_and_he_go_to_a_person_of_that_gender() {
        let text = "Port reopens\n\nOlga Marchenko met Ivan Petrov on Monday.\n\
                    \"The cranes will be replaced by the end of the year,\" she said.\n\
                    \"We have heard that promise many times before,\" he said.\n";
        let got = speakers(text);
        assert_eq!(got[0].2, "Olga Marchenko");
        assert_eq!(got[1].2, "Ivan Petrov");
    }

    #[test]
    fn a_quotation_after_reported_speech_and_unnamed_chains() {
        let text = "Port reopens\n\nIvan Petrov said the cranes would be replaced soon.\n\n\
                    \"We have ordered four new ones from the yard in Gdansk.\"\n\n\
                    A senior official, speaking on condition of anonymity, said the money was not there.\n\
                    \"Nobody expects a deal on the cranes this week,\" the official said.\n\
                    \"It will take years before anything changes here,\" said a retired docker.\n";
        let got = speakers(text);
        assert_eq!(got[0].2, "Ivan Petrov");
        assert_eq!(got[0].4, Attribution::Continuation);
        assert_eq!(got[1].3, SpeakerKind::Anonymous);
        assert_eq!(got[2].3, SpeakerKind::Anonymous);
    }

    #[test]
    fn a_verb_inside_a_name_is_not_a_verb_and_a_name_is_never_cut() {
        // "State" in "the State Department" once took "Department" as its
        // subject and sliced the name from its middle.
        let text = "Aides briefed the State Department “It went well,” said\n";
        let a = analyze(text, &Lexicon::builtin());
        assert_eq!(a.quotes.len(), 1);
        assert!(a.quotes[0].speaker.as_ref().is_none_or(|s| s.text != "Department"), "{:?}", a.quotes[0].speaker);
    }

    /// Runs of stray marks, a paragraph full of quotations and one very
    /// long sentence: each step works in a window around its quotation, so
    /// 12 KB of any of them take milliseconds (they once took a minute).
    #[test]
    fn hostile_texts_are_analysed_in_bounded_time() {
        let lexicon = Lexicon::builtin();
        for unit in ["a\u{201d} ", "\u{ab} a \u{bb} b ", "a\" b\u{201d} c\u{bb} \u{2019} ", "\u{201c}Go on, we are here,\u{201d} he said. ", "the official said that \u{201c}x y z\u{201d} and Petrov told "] {
            let text = format!("Headline\n\n{}\n", unit.repeat(12_000 / unit.len()));
            let started = std::time::Instant::now();
            let a = analyze(&text, &lexicon);
            let took = started.elapsed();
            assert!(!a.quotes.is_empty());
            // Generous for a debug build on a busy machine; the quadratic
            // scan took over ten seconds here even optimised.
            assert!(took < std::time::Duration::from_secs(3), "{unit:?}: {took:?}");
        }
    }

    /// The speaker as written for each quotation, or "" when none.
    fn who(text: &str) -> Vec<String> {
        let a = analyze(text, &Lexicon::builtin());
        a.quotes.iter().map(|q| q.speaker.as_ref().map(|s| s.text.clone()).unwrap_or_default()).collect()
    }

    #[test]
    fn any_verb_of_communication_attributes() {
        let text = "Port reopens\n\nIvan Petrov toured the docks on Monday.\n\
                    The new harbour master highlighted that “the cranes are older than any of the dockers.”\n\
                    He later appeared in a video in which he congratulated “every crew that stayed through the winter”.\n\
                    “Nobody here has been paid since the spring,” grumbled Olga Marchenko.\n";
        assert_eq!(who(text), vec!["The new harbour master", "he", "Olga Marchenko"]);
    }

    #[test]
    fn a_subject_left_out_is_the_sentences_subject() {
        let text = "Port reopens\n\nMayor Olga Marchenko blamed the ministry for the delay and vowed to \"keep the port open through the whole winter.\"\n\
                    Marchenko thanked the crews, claiming, \"They have kept this city alive for a year.\"\n\
                    Late on Monday, in a short address, Marchenko praised the dockers: \"You did what nobody else would do.\"\n";
        assert_eq!(who(text), vec!["Olga Marchenko", "Marchenko", "Marchenko"]);
    }

    #[test]
    fn statements_institutions_and_it_speak() {
        let text = "Port reopens\n\nA short statement from the harbour authority read: “The port will reopen on Monday at six in the morning.”\n\
                    The Transport Ministry said the works were done. Later it proclaimed the port open, adding it had \"met every safety rule there is.\"\n\
                    “The works cost far more than the city was told,” a statement said.\n";
        let a = analyze(text, &Lexicon::builtin());
        let kinds: Vec<Option<SpeakerKind>> = a.quotes.iter().map(|q| q.speaker.as_ref().map(|s| s.kind)).collect();
        assert_eq!(kinds, vec![Some(SpeakerKind::Institution), Some(SpeakerKind::Institution), None]);
    }

    #[test]
    fn a_quotation_inside_the_clause_and_an_aside_in_brackets() {
        let text = "Port reopens\n\nGiven “the state of the cranes and the debts of the company, I see no other way,” harbour judge Olga Marchenko (马丽) said.\n\
                    “Nobody told us anything about it,” said Ivan Petrov (pictured), a docker.\n";
        assert_eq!(who(text), vec!["harbour judge Olga Marchenko", "Ivan Petrov"]);
    }

    #[test]
    fn mismatched_marks_and_look_alike_letters() {
        // A curly opening closed by a straight mark; a Cyrillic е inside
        // Latin words.
        let text = "Port reopens\n\n“We waited far too long for this day,\" said Ivan Petrov, a docker. \"And we will not wait that long again.”\n\
                    “Thе cranes arе finally moving again,” hе wrotе.\n";
        assert_eq!(who(text), vec!["Ivan Petrov", "Ivan Petrov", "hе"]);
    }

    #[test]
    fn a_quotation_with_no_speaker_in_reach_stays_unattributed() {
        let text = "Port reopens\n\nThe port closed in March after the storm.\n\n\"Nobody knows when the next ship will come in,\" the sign on the gate read.\n";
        assert_eq!(who(text), vec![""]);
    }

    #[test]
    fn a_speaker_after_a_comma_with_no_verb_and_unnamed_groups() {
        let text = "Port reopens\n\n“The port is open again to every ship that comes,” the harbour authority.\n\
                    “Open the gates for the ships,” the crowd gathered outside the harbour office chanted.\n\
                    \"The money for the cranes was never there,\" says a source close to the head of the port.\n";
        let a = analyze(text, &Lexicon::builtin());
        let got: Vec<(String, Option<SpeakerKind>)> = a.quotes.iter().map(|q| (q.speaker.as_ref().map(|s| s.text.clone()).unwrap_or_default(), q.speaker.as_ref().map(|s| s.kind))).collect();
        assert_eq!(
            got,
            vec![
                ("the harbour authority".to_string(), Some(SpeakerKind::Institution)),
                ("the crowd".to_string(), Some(SpeakerKind::Anonymous)),
                ("a source close to the head".to_string(), Some(SpeakerKind::Anonymous)),
            ]
        );
    }

    #[test]
    fn the_speaker_carries_over_photo_captions() {
        let text = "Port reopens\n\n\"We will not stop until the port is open,\" Olga Marchenko told the dockers.\n\
                    Dockers cheer the mayor outside the harbour office. (Jane Roe/Harbour Gazette)\n\
                    Dockers at the gate on Monday. (AP Photo/John Doe)\n\
                    \"Every one of you kept this city alive this year.\"\n";
        let a = analyze(text, &Lexicon::builtin());
        let last = a.quotes.last().and_then(|q| q.speaker.as_ref()).map(|s| (s.text.clone(), s.how));
        assert_eq!(last, Some(("Olga Marchenko".to_string(), Attribution::Continuation)));
    }

    #[test]
    fn an_unnamed_speaker_keeps_the_quotations_that_follow() {
        let text = "Port reopens\n\nIvan Petrov runs the port.\n\
                    \"Nobody expects a deal on the cranes this week,\" a senior port official said. \"The money is simply not there,\" he added.\n\
                    \"The ministry has known about it for a year,\" the source continued.\n";
        let a = analyze(text, &Lexicon::builtin());
        let got: Vec<(String, SpeakerKind)> = a.quotes.iter().filter_map(|q| q.speaker.as_ref()).map(|s| (s.text.clone(), s.kind)).collect();
        let unnamed = ("a senior port official".to_string(), SpeakerKind::Anonymous);
        assert_eq!(got[0], unnamed);
        assert_eq!(got[1], unnamed);
        assert_eq!(got[2].1, SpeakerKind::Anonymous);
        // Someone named in between takes the pronoun back.
        let text = "Port reopens\n\n\"Nobody expects a deal on the cranes this week,\" a port official said. Ivan Petrov disagreed. \"We will have the money by Friday,\" he said.\n";
        let a = analyze(text, &Lexicon::builtin());
        assert_eq!(a.quotes[1].speaker.as_ref().map(|s| s.kind), Some(SpeakerKind::Pronoun));
    }

    #[test]
    fn the_speaker_in_the_next_sentence() {
        let text = "Port reopens\n\n“We will not wait for the ministry any longer.” The mayor said so on Monday, after the vote.\n\
                    The port closed in March. “Nobody knows when the next ship will come.”\n";
        assert_eq!(who(text), vec!["The mayor", ""]);
    }

    #[test]
    fn reporting_media_do_not_make_a_speaker() {
        let text = "Port reopens\n\n« The harbour will stay open all through the winter, » the news agencies quoted after the meeting. \
                    Later, Petrov said the port would stay open.\n";
        let a = analyze(text, &Lexicon::builtin());
        assert_eq!(a.quotes.len(), 1);
        assert!(a.quotes[0].speaker.is_none(), "{:?}", a.quotes[0].speaker);
    }
}
