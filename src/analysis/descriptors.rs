//! What the article says each person is: a title or role before the name
//! ("Ukrainian Foreign Minister Andrii Sibiha", "Former investment banker
//! Ivanov"), an appositive on either side ("Ivan Petrov, the port's
//! director," / "the port's director, Ivan Petrov,"), a relative clause
//! ("Petrov, who heads the port,") and a predicate ("Petrov is the CEO of
//! …").



use super::short::Lower;
use super::segment::Segments;
use super::{Descriptor, DescriptorKind, EntityKind, LocalEntity, Mention, Quote, Span};
use crate::lexicon::Lexicon;

/// Words that end a descriptor when walking back from a name.
fn is_stop(word: &str) -> bool {
    matches!(word, "to" | "with" | "by" | "from" | "for" | "at" | "in" | "on" | "and" | "or" | "but" | "that" | "who" | "which" | "is" | "was" | "are" | "were" | "has" | "have" | "had" | "met" | "according" | "as" | "after" | "before" | "between" | "than" | "while" | "when" | "where" | "since" | "including" | "also" | "not" | "will" | "would" | "could" | "can" | "may" | "said" | "says" | "told" | "during" | "into" | "about" | "against" | "under" | "over" | "via" | "if" | "because" | "it" | "he" | "she" | "they" | "we")
}

const MAX_WORDS: usize = 16;

/// An appositive may run longer than a title: "the leader of the rebels
/// who took the capital in a ten-day advance across the country".
const MAX_APPOSITIVE_WORDS: usize = 20;

/// How far from a name, in bytes, its descriptors are looked for: room for
/// [`MAX_WORDS`] long words. Without a bound every name of a very long
/// sentence would rescan the sentence, and the time would grow with the
/// square of its length.
const WINDOW: usize = 1024;

/// `floor`, or the first word start within [`WINDOW`] bytes before `end`.
fn window_start(text: &str, floor: usize, end: usize) -> usize {
    if end - floor <= WINDOW {
        return floor;
    }
    let mut from = end - WINDOW;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..end].find(char::is_whitespace).map_or(end, |k| from + k)
}

/// `end`, or the last character boundary within [`WINDOW`] bytes after `from`.
fn window_end(text: &str, from: usize, end: usize) -> usize {
    let mut cut = end.min(from + WINDOW);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

pub fn attach(text: &str, segments: &Segments, quotes: &[Quote], mentions: &[Mention], entities: &mut [LocalEntity], lexicon: &Lexicon) {
    by_name(text, segments, mentions, entities, lexicon);
    references(text, segments, quotes, mentions, entities, lexicon);
}

/// The descriptors next to each name.
fn by_name(text: &str, segments: &Segments, mentions: &[Mention], entities: &mut [LocalEntity], lexicon: &Lexicon) {
    for (mi, m) in mentions.iter().enumerate() {
        let kind = entities[m.entity].kind();
        if !matches!(kind, EntityKind::Person | EntityKind::Unknown) {
            continue;
        }
        let Some(si) = segments.sentence_at(m.span.start) else { continue };
        let sentence = segments.sentences[si].clone();
        let mut found = Vec::new();
        // The full mention starts at its first name word; titles are before.
        let floor = window_start(text, sentence.start, m.span.start);
        if let Some(d) = before_name(text, floor, m.span.start, false, lexicon) {
            found.push((d, DescriptorKind::Title));
        }
        // Inside a quotation only the title next to a name is the
        // article's description of the person; the rest is the speaker's.
        if m.in_quote {
            push_descriptors(text, &mut entities[m.entity], found, lexicon);
            continue;
        }
        let after_start = m.span.end + super::possessive_len(text, m);
        let ceiling = window_end(text, after_start, sentence.end);
        let after = &text[m.span.end..ceiling];
        if m.possessive == super::Possessive::No {
            if let Some(d) = appositive_after(text, after_start, ceiling, lexicon) {
                found.push(d);
            }
            if let Some(d) = predicate(text, after_start, ceiling) {
                found.push((d, DescriptorKind::Predicate));
            }
            // "Anna Berg and Olga Marchenko, managing directors of …,": a
            // plural appositive after two names describes both.
            if let Some(d) = shared_appositive(text, mentions, mi, ceiling, lexicon) {
                found.push(d);
            }
            // (Only where the sentence opens within the window before the name.)
            if let Some(d) = (floor == sentence.start).then(|| fronted_appositive(text, floor, m, lexicon)).flatten() {
                found.push((d, DescriptorKind::Appositive));
            }
            // "the port's director, Ivan Petrov," — the name closed by a
            // comma, a bracket or the sentence's end.
            let before = text[floor..m.span.start].trim_end();
            if before.ends_with(',') && (after.starts_with([',', '.', '(']) || after.starts_with(" (") || after.trim().is_empty()) {
                let comma = floor + before.len() - 1;
                if let Some(d) = before_name(text, floor, comma, true, lexicon) {
                    found.push((d, DescriptorKind::Appositive));
                }
            }
        }
        push_descriptors(text, &mut entities[m.entity], found, lexicon);
    }
}

/// "The eldest son of the founder, who ran the firm for years, Ivan
/// Petrov has …": a noun phrase opening the sentence (with a determiner and
/// a head in its first five words), then at most a relative clause between
/// commas, then the name as the subject (a lower-case verb after it).
fn fronted_appositive(text: &str, sentence_start: usize, m: &Mention, lexicon: &Lexicon) -> Option<Span> {
    let before = &text[sentence_start..m.span.start];
    let trimmed = before.trim_end();
    let after = text[m.span.end..].trim_start();
    if !trimmed.ends_with(',') || !after.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let lead = before.len() - before.trim_start().len();
    let mut chunks = trimmed[..trimmed.len() - 1].split(',');
    let phrase = chunks.next()?.trim();
    // What lies between the phrase and the name is a relative clause.
    let rest: Vec<&str> = chunks.collect();
    if rest.len() > 1 || rest.first().is_some_and(|c| !matches!(c.split_whitespace().next(), Some("who" | "whose" | "which"))) {
        return None;
    }
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let lower = |w: &str| super::trim_possessive(w).to_lowercase();
    let opens = words.first().is_some_and(|w| matches!(*w, "The" | "A" | "An"));
    let headed = words.iter().take(5).any(|w| is_head(&lower(w), lexicon));
    let clause = words.iter().any(|w| {
        let l = lower(w);
        lexicon.is_speech_verb(&l) || !matches!(l.as_str(), "of" | "and" | "for" | "at" | "in") && is_stop(l.as_str())
    });
    (opens && headed && !clause && words.len() <= MAX_APPOSITIVE_WORDS).then(|| {
        let start = sentence_start + lead;
        start..start + phrase.len()
    })
}

/// The plural appositive after "`m` and `N`," (when `m` is the first of
/// two names joined by "and").
fn shared_appositive(text: &str, mentions: &[Mention], mi: usize, ceiling: usize, lexicon: &Lexicon) -> Option<(Span, DescriptorKind)> {
    let m = &mentions[mi];
    let rest = &text[m.span.end..ceiling];
    let joined = rest.strip_prefix(" and ")?;
    let at = m.span.end + (rest.len() - joined.len());
    let other = mentions[mi + 1..].iter().find(|n| n.span.start >= at)?;
    if other.span.start != at || other.entity == m.entity || other.possessive != super::Possessive::No || other.span.end > ceiling {
        return None;
    }
    let (span, how) = appositive_after(text, other.span.end, ceiling, lexicon)?;
    let plural = super::word_spans(&text[span.clone()]).any(|w| {
        let w = text[span.start + w.start..span.start + w.end].to_lowercase();
        w.ends_with('s') && is_head(&w, lexicon) && !lexicon.titles.contains(&w) && !lexicon.roles.contains(&w)
    });
    (plural && how == DescriptorKind::Appositive).then_some((span, how))
}

fn push_descriptors(text: &str, entity: &mut LocalEntity, found: Vec<(Span, DescriptorKind)>, lexicon: &Lexicon) {
    for (span, how) in found {
        let words = text[span.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
        let words = words.trim_end_matches([',', '.', ';', ':']).to_string();
        if words.is_empty() || entity.descriptors.iter().any(|d| d.text == words) {
            continue;
        }
        // A title makes a name a person; a role alone does not ("property
        // developer", "cup winner" describe companies and clubs too).
        let titled = words.split_whitespace().any(|w| lexicon.title_words.contains(&super::trim_possessive(w).to_lowercase()));
        entity.descriptors.push(Descriptor { text: words, span, how });
        if entity.kind == Some(EntityKind::Unknown) && how != DescriptorKind::Predicate && titled {
            entity.kind = Some(EntityKind::Person);
        }
    }
}

/// How many sentences back a definite description looks for the person it
/// stands for.
const REFERENCE_SENTENCES: usize = 3;

/// Definite descriptions that stand for a person named before ("The same
/// general announced …", "the French forward underwent …"), resolved the
/// way deterministic coreference does (Raghunathan et al. 2010, "A
/// multi-pass sieve for coreference resolution"): never to a person named
/// earlier in the same sentence (the description would have been a
/// pronoun), first to the most recent person of the last few sentences
/// whose own descriptors share the head noun and hold every capitalised
/// modifier ("the Russian president" is the one described as "Russian
/// President"), else, when the head is no relation ("his idol"), to the
/// first person named in the sentence before (its subject).
fn references(text: &str, segments: &Segments, quotes: &[Quote], mentions: &[Mention], entities: &mut [LocalEntity], lexicon: &Lexicon) {
    let mut taken: Vec<Span> = entities.iter().flat_map(|e| e.descriptors.iter().map(|d| d.span.clone())).collect();
    taken.sort_by_key(|s| s.start);
    let mut quote_spans: Vec<Span> = quotes.iter().map(|q| q.span.clone()).collect();
    quote_spans.sort_by_key(|s| s.start);
    let mut found: Vec<(usize, Span)> = Vec::new();
    // One buffer for the words of every sentence in turn.
    let mut words: Vec<Span> = Vec::new();
    for (si, sentence) in segments.sentences.iter().enumerate() {
        words.clear();
        words.extend(super::word_spans(&text[sentence.clone()]).map(|w| sentence.start + w.start..sentence.start + w.end));
        for (i, w) in words.iter().enumerate() {
            // "the …", or a person's possessive: "Putin's envoy".
            let word = &text[w.clone()];
            let possessor = (word.ends_with("'s") || word.ends_with("’s"))
                && mentions[mentions.partition_point(|m| m.span.end <= w.start)..]
                    .first()
                    .is_some_and(|m| m.span.start <= w.start && m.possessive != super::Possessive::No && entities[m.entity].kind() == EntityKind::Person);
            if !word.eq_ignore_ascii_case("the") && !possessor {
                continue;
            }
            let Some((span, head, modified)) = definite_description(text, &words[i..], lexicon) else { continue };
            let overlaps = |a: &Span| a.start < span.end && span.start < a.end;
            // Spans sorted by start: only those starting before the end and
            // not long before can overlap (quotations, descriptors and names
            // are each shorter than a window).
            let near = |spans: &[Span]| {
                let to = spans.partition_point(|x| x.start < span.end);
                let from = spans[..to].partition_point(|x| x.start + WINDOW * 4 < span.start);
                spans[from..to].iter().any(|x| overlaps(x))
            };
            let m_from = mentions.partition_point(|m| m.span.end <= span.start.saturating_sub(WINDOW * 4));
            let m_to = mentions.partition_point(|m| m.span.start < span.end + 4);
            // Quotations do not overlap one another: only the last one
            // opening before the description's end can hold it.
            let in_quote = quote_spans[..quote_spans.partition_point(|q| q.start < span.end)].last().is_some_and(|q| overlaps(q));
            // A place or an organisation may be a modifier inside it ("the
            // France captain"); a person named inside is not the one it is.
            if in_quote || near(&taken) || mentions[m_from..m_to].iter().any(|m| overlaps(&m.span) && m.span.start < span.start) {
                continue;
            }
            // A person named inside it ("Putin's envoy") is not the one it is.
            let named_inside: Vec<usize> = mentions[m_from..m_to].iter().filter(|m| m.span.start >= span.start).map(|m| m.entity).collect();
            // Where the clause opens: the sentence, or a full stop inside it
            // where a scraper ran two sentences together ("Dhaka.According").
            // (Looked for within a window, so a long sentence costs no more.)
            let from = window_start(text, sentence.start, span.start);
            let clause_start = text[from..span.start].rfind(['.', '!', '?']).map_or(sentence.start, |k| from + k + 1);
            let in_sentence: Vec<usize> = mentions[m_from..m_to].iter().filter(|m| m.span.start >= clause_start && m.span.end <= span.start).map(|m| m.entity).collect();
            // The mentions of the last few sentences, before this one.
            let recent_start = segments.sentences[si.saturating_sub(REFERENCE_SENTENCES)].start;
            let c_from = mentions.partition_point(|m| m.span.start < recent_start);
            let c_to = mentions.partition_point(|m| m.span.start < clause_start);
            let candidates: Vec<&Mention> = mentions[c_from..c_to]
                .iter()
                .filter(|m| !m.in_quote && !named_inside.contains(&m.entity) && !in_sentence.contains(&m.entity) && entities[m.entity].kind() == EntityKind::Person)
                .collect();
            // Capitalised modifiers and words of a longer title ("prime")
            // must be the antecedent's too.
            let modifiers: Vec<String> = text[span.clone()]
                .split_whitespace()
                .skip(1)
                .map(|w| (super::is_capitalized(w), super::trim_possessive(w).to_lowercase()))
                .filter(|(capitalised, w)| (*capitalised || lexicon.title_words.contains(w)) && *w != head)
                .map(|(_, w)| w)
                .collect();
            let matches_head = |e: usize| {
                entities[e].descriptors.iter().any(|d| {
                    let words: Vec<String> = d.text.split_whitespace().map(|w| super::trim_possessive(w).trim_end_matches(',').to_lowercase()).collect();
                    descriptor_head(&words, lexicon) == Some(&head) && compatible(&modifiers, &words, lexicon)
                })
            };
            let by_head = candidates.iter().rev().find(|m| matches_head(m.entity)).map(|m| m.entity);
            let subject = || {
                // Only a description with a modifier of its own: a bare
                // "the president" is an office, whoever holds it.
                if RELATIONS.contains(&head.as_str()) || si == 0 || !modified {
                    return None;
                }
                // The nearest sentence before that names someone outside a
                // quotation, and the first person it names.
                let last = mentions[c_from..c_to].iter().rev().find(|m| !m.in_quote)?;
                let before = segments.sentences[segments.sentence_at(last.span.start)?].clone();
                let from = window_start(text, before.start, last.span.start);
                let before_start = text[from..last.span.start].rfind(['.', '!', '?']).map_or(before.start, |k| from + k + 1);
                // A possessive ("Hasina's departure") is no subject.
                let first = mentions[c_from..c_to]
                    .iter()
                    .find(|m| m.span.start >= before_start && !m.in_quote && m.possessive == super::Possessive::No && entities[m.entity].kind() == EntityKind::Person)?;
                (!named_inside.contains(&first.entity) && !in_sentence.contains(&first.entity) && !holds_other_office(&entities[first.entity], &head, lexicon))
                    .then_some(first.entity)
            };
            if let Some(e) = by_head.or_else(subject) {
                found.push((e, span));
            }
        }
    }
    for (e, span) in found {
        push_descriptors(text, &mut entities[e], vec![(span, DescriptorKind::Reference)], lexicon);
    }
}

/// Heads any holder of an office may be called by ("the embattled leader"
/// of a prime minister).
const GENERIC_HEADS: &[&str] = &["leader", "official", "head", "chief", "figure", "politician"];

/// The person is already described by an office other than `head` (a
/// prime minister is not "the army general"): a title of titles.txt heads
/// one of their descriptors, `head` is another title, and neither is
/// generic.
fn holds_other_office(entity: &LocalEntity, head: &str, lexicon: &Lexicon) -> bool {
    if GENERIC_HEADS.contains(&head) || !lexicon.titles.contains(head) {
        return false;
    }
    entity.descriptors.iter().filter(|d| d.how == DescriptorKind::Title || d.how == DescriptorKind::Appositive).any(|d| {
        let words: Vec<String> = d.text.split_whitespace().map(|w| super::trim_possessive(w).to_lowercase()).collect();
        descriptor_head(&words, lexicon).is_some_and(|h| h != head && lexicon.titles.contains(h) && !GENERIC_HEADS.contains(&h.as_str()))
    })
}

/// Relation nouns: "his idol", "the sister" name someone by another person.
const RELATIONS: &[&str] = &[
    "ally", "aunt", "brother", "colleague", "compatriot", "counterpart", "cousin", "daughter", "father", "granddaughter", "grandson", "husband",
    "mother", "nephew", "niece", "predecessor", "protege", "rival", "sister", "son", "successor", "teammate", "uncle", "widow", "widower", "wife",
];

/// The modifiers of a definite description fit a descriptor of its
/// antecedent when the descriptor has them all, or some of them and no
/// place or nationality of its own that the description lacks ("the
/// Bangladesh Army general" fits "Army Chief General"; "the Russian
/// president" does not fit "US President").
fn compatible(modifiers: &[String], words: &[String], lexicon: &Lexicon) -> bool {
    if modifiers.iter().all(|m| words.contains(m)) {
        return true;
    }
    let is_place = |w: &String| {
        let mut cap = w.clone();
        if let Some(f) = cap.get_mut(0..1) {
            f.make_ascii_uppercase();
        }
        lexicon.places.contains(&cap) || lexicon.demonyms.contains(&cap) || lexicon.places.contains(&w.to_uppercase())
    };
    modifiers.iter().any(|m| words.contains(m)) && !words.iter().any(|w| is_place(w) && !modifiers.contains(w))
}

/// The head of a descriptor's words: its last head noun before a joiner
/// ("the CEO of the fund" is headed by "ceo", "Trump's envoy" by "envoy").
fn descriptor_head<'w>(words: &'w [String], lexicon: &Lexicon) -> Option<&'w String> {
    let end = words.iter().position(|w| matches!(w.as_str(), "of" | "at" | "in" | "for" | "who" | "whose")).unwrap_or(words.len());
    words[..end].iter().rev().find(|w| is_head(w, lexicon))
}

/// "the same general", "The 25-year-old national captain", "the embattled
/// leader": "the", at most four modifiers (capitalised words, ages, a style
/// guide's modifiers, one other lower-case word) and a singular head noun,
/// followed by punctuation, a function word or a verb ("… said", "…
/// arrived", "… boarding"), not by a name (then it is a title) or by a noun
/// (then the head was an adjective: "the official figures"). Its span, its
/// head and whether it has a modifier.
fn definite_description(text: &str, words: &[Span], lexicon: &Lexicon) -> Option<(Span, String, bool)> {
    let start = words[0].start;
    let mut free = 0;
    let mut modified = false;
    for (k, w) in words.iter().enumerate().skip(1).take(5) {
        let gap = &text[words[k - 1].end..w.start];
        if !gap.chars().all(char::is_whitespace) {
            return None;
        }
        let word = &text[w.clone()];
        // "League.The": two sentences a scraper ran together.
        if word.contains('.') {
            return None;
        }
        let bare = super::trim_possessive(word);
        let lower = bare.lower();
        let possessive = bare.len() < word.len();
        let singular_head = lexicon.titles.contains(lower.as_str()) || lexicon.roles.contains(lower.as_str());
        if singular_head && (!super::is_capitalized(word) || k > 1) && !lexicon.title_modifiers.contains(lower.as_str()) {
            let next = words.get(k + 1).filter(|n| text[w.end..n.start].chars().all(char::is_whitespace)).map(|n| &text[n.clone()]);
            // A compound head goes on: "the army chief".
            if !possessive && next.is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase) && is_head(&n.lower(), lexicon)) {
                continue;
            }
            // "the Prime Minister's Office" names an organisation.
            let ends_clause = possessive && !next.is_some_and(super::is_capitalized)
                || !possessive && next.is_none_or(|n| {
                    let l = n.lower();
                    !super::is_capitalized(n)
                        && l != "of"
                        && (is_stop(l.as_str())
                            || lexicon.communication_verbs.contains(l.as_str())
                            || lexicon.irregular_past.contains(l.as_str())
                            || l.ends_with("ed")
                            || l.ends_with("ing"))
                });
            return ends_clause.then(|| (start..w.start + bare.len(), lower.to_string(), modified));
        }
        if is_stop(lower.as_str()) || lexicon.speech_verbs.contains(lower.as_str()) || possessive {
            return None;
        }
        let modifier = super::is_capitalized(word) || is_age(&lower) || lexicon.title_modifiers.contains(lower.as_str()) || lower == "same";
        // A word of a compound title ("prime" of "prime minister") is no
        // modifier of its own.
        modified |= !lexicon.title_words.contains(lower.as_str()) || super::is_capitalized(word);
        if !modifier {
            free += 1;
            if free > 1 {
                return None;
            }
        }
    }
    None
}

/// A word that heads a descriptor: a one-word title or a role noun,
/// singular or plural ("director", "directors"). A word of a longer title
/// ("foreign", "council") only modifies a head.
fn is_head(lower: &str, lexicon: &Lexicon) -> bool {
    let singular = lower.strip_suffix('s').filter(|s| s.len() >= 3);
    [Some(lower), singular].into_iter().flatten().any(|w| lexicon.titles.contains(w) || lexicon.roles.contains(w))
}

/// An age before a role ("the 30-year-old engineer") modifies it like an adjective.
fn is_age(lower: &str) -> bool {
    lower.strip_suffix("-year-old").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Words of [`is_stop`] that open a noun phrase.
const PREPOSITIONS: &[&str] = &["with", "by", "from", "for", "at", "in", "on", "including", "as", "between", "against", "under", "over", "about", "during", "after", "before"];

/// A past or present participle, or an irregular past: a verb, not a modifier.
fn is_verb_form(lower: &str, lexicon: &Lexicon) -> bool {
    lower.ends_with("ed") || lower.ends_with("ing") || lexicon.irregular_past.contains(lower) || lexicon.communication_verbs.contains(lower)
}

const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its"];

/// Words that join a head to what follows it inside a descriptor:
/// "Plenipotentiary of …", "Vice Chair at …", "commander in the …",
/// "founder and chairman".
const JOINERS: &[&str] = &["of", "at", "in", "for", "and"];

/// Honorifics and abbreviated ranks next to a name ("Mr", "Gen."): no
/// description of their own; the title run is before them.
const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Gen", "Lt", "Col", "Maj", "Sgt", "Capt", "Adm", "Brig"];

/// The descriptor that ends right before `end` (a name or a comma before
/// one): a title run walked back from the name. A run is head words
/// (titles, roles), capitalised modifiers ("US", "Army", "Nobel"), a
/// possessive ("Russia's"), a determiner that opens it, joiners after a head
/// ("of", "at", "and"), and lower-case modifiers: before a capitalised title
/// only the ones style guides keep lower-case ("former", "acting"); before a
/// lower-case role any word ("investment banker"). Whatever of the clause
/// before the run is left is cut, so the run starts at a title word, a
/// capitalised modifier, a determiner or a possessive: "Korea's National
/// Assembly defied President" is "President".
fn before_name(text: &str, floor: usize, end: usize, appositive: bool, lexicon: &Lexicon) -> Option<Span> {
    // The walk back takes at most MAX_WORDS words and a few joiners and
    // looks two words further: the last 64 words are as good as all of
    // them, and a name late in a long sentence does not read it whole.
    // The words are read back from the name only as far as the walk goes
    // (a few words, nearly always): `back(r)` is the r-th word before the
    // name, the last word first.
    let mut spans = super::word_spans_back(&text[floor..end]).take(64).map(|m| floor + m.start..floor + m.end);
    let mut read: Vec<Span> = Vec::with_capacity(8);
    let mut back = |r: usize| -> Option<Span> {
        while read.len() <= r {
            read.push(spans.next()?);
        }
        Some(read[r].clone())
    };
    let mut end = end;
    // An honorific straight before the name is left out of the walk.
    let mut skip = 0;
    if let Some(last) = back(0) {
        let gap = &text[last.end..end];
        if HONORIFICS.contains(&&text[last.clone()]) && gap.trim_start_matches('.').chars().all(char::is_whitespace) {
            end = last.start;
            skip = 1;
        }
    }
    let mut taken: Vec<Span> = Vec::new();
    let mut tentative_cut = None;
    // The walk ended at a preposition, so what it took is a whole noun
    // phrase: "including legendary defender X".
    let mut clean_stop = false;
    let mut next_start = end;
    for r in skip.. {
        let Some(w) = back(r) else { break };
        let gap = &text[w.end..next_start];
        // Only spaces may separate the words of a descriptor.
        if !gap.chars().all(|c| c.is_whitespace()) {
            break;
        }
        let word = &text[w.clone()];
        let bare = super::trim_possessive(word);
        let lower = bare.lower();
        let left = back(r + 1).map(|k| text[k].lower());
        let left_is_head = left.as_deref().is_some_and(|l| is_head(l, lexicon));
        let right = taken.last().map(|t| &text[t.clone()]);
        if JOINERS.contains(&lower.as_str()) {
            // "and" joins two lower-case roles only: "founder and chairman",
            // never "the minister and President".
            let left_lower_case = back(r + 1).is_some_and(|k| text[k].chars().next().is_some_and(char::is_lowercase));
            let ok = !taken.is_empty() && left_is_head && (lower != "and" || left_lower_case && right.is_some_and(|r| !super::is_capitalized(r)));
            if !ok {
                break;
            }
            taken.push(w.clone());
            next_start = w.start;
            continue;
        }
        if DETERMINERS.contains(&lower.as_str()) {
            if taken.is_empty() {
                break;
            }
            taken.push(w.clone());
            next_start = w.start;
            // A possessive pronoun opens a run as a possessive does: "her
            // hand-picked presidential candidate".
            if matches!(lower.as_str(), "his" | "her" | "their" | "its") {
                tentative_cut = None;
            }
            // "the speaker of the parliament": a determiner after a joiner
            // that follows a head goes on.
            let joined = left.as_deref().is_some_and(|l| matches!(l, "of" | "at" | "in" | "for"))
                && back(r + 2).is_some_and(|k| is_head(&text[k].lower(), lexicon));
            if joined {
                continue;
            }
            break;
        }
        if is_stop(lower.as_str()) || lexicon.speech_verbs.contains(lower.as_str()) && !lexicon.title_words.contains(lower.as_str()) {
            clean_stop = PREPOSITIONS.contains(&lower.as_str());
            break;
        }
        // A word of a longer title before its head: "foreign minister",
        // "press secretary".
        let head = is_head(&lower, lexicon) || lexicon.title_words.contains(lower.as_str()) && right.is_some_and(|r| is_head(&r.lower(), lexicon));
        if super::is_capitalized(word) {
            // "Yesterday" opening the sentence is not part of the title;
            // "National" before "Assembly Speaker" is.
            let ordinary = lexicon.common_words.contains(lower.as_str()) && !head && !lexicon.demonyms.contains(bare);
            let next_joins = right.is_some_and(|r| is_head(&r.lower(), lexicon) || lexicon.organization_words.contains(r));
            if ordinary && w.start == floor && !next_joins {
                break;
            }
        } else if !head && !taken.is_empty() && !lexicon.title_modifiers.contains(lower.as_str()) && !is_age(&lower) {
            // A lower-case modifier: any before a lower-case role, only a
            // style guide's modifiers before a capitalised word.
            let right_capitalised = right.is_some_and(super::is_capitalized);
            // "the country's figurehead President": after a possessive, a
            // noun may modify the title too.
            let after_possessive = back(r + 1).is_some_and(|k| {
                let l = &text[k];
                l.ends_with("'s") || l.ends_with("’s")
            });
            if right_capitalised && !after_possessive {
                break;
            }
            // One such word modifies a role ("investment banker"); a second
            // is the clause before the run ("the vote re-elected founder"),
            // unless a possessive opens the whole run ("the president's
            // special economic envoy").
            let right_free = right.is_some_and(|r| {
                let r = r.lower();
                !super::is_capitalized(&r) && !is_head(&r, lexicon) && !lexicon.title_modifiers.contains(r.as_str()) && !is_age(&r) && !r.ends_with("'s") && !r.ends_with("’s")
            });
            if right_free && tentative_cut.is_none() {
                tentative_cut = Some(taken.len());
            }
        }
        taken.push(w.clone());
        next_start = w.start;
        if bare.len() < word.len() {
            tentative_cut = None;
        }
        if taken.len() >= MAX_WORDS {
            break;
        }
    }
    if let Some(k) = tentative_cut {
        taken.truncate(k);
        clean_stop = false;
    }
    taken.reverse();
    // After a clean stop one lower-case modifier opens a role: "legendary
    // defender".
    let kept_modifier = clean_stop
        && taken.len() >= 2
        && !text[taken[0].clone()].contains(['.', ','])
        && text[taken[0].clone()].chars().next().is_some_and(char::is_lowercase)
        && !is_verb_form(&text[taken[0].clone()].lower(), lexicon)
        && is_head(&text[taken[1].clone()].lower(), lexicon)
        && !super::is_capitalized(&text[taken[1].clone()]);
    // The run opens at a determiner, a possessive, a head, a capitalised
    // modifier, a style guide's modifier or an age: "proclaimed incumbent
    // President" is "incumbent President".
    while let Some(first) = taken.first() {
        let word = &text[first.clone()];
        let bare = super::trim_possessive(word);
        let lower = bare.lower();
        let opens = DETERMINERS.contains(&lower.as_str())
            || super::is_capitalized(word)
            || bare.len() < word.len()
            || is_head(&lower, lexicon)
            || lexicon.title_modifiers.contains(lower.as_str())
            || is_age(&lower);
        if (opens || kept_modifier) && !JOINERS.contains(&lower.as_str()) {
            break;
        }
        taken.remove(0);
    }
    let mut start = taken.first()?.start;
    let span_end = taken.last()?.end;
    let last_word = text[taken.last()?.clone()].lower();
    // "the Plenipotentiary of Russian leader Vladimir Putin": for Putin, the
    // title next to him ("Russian leader") is his; the rest describes
    // whoever the whole phrase names.
    if is_head(&last_word, lexicon) {
        if let Some(k) = text[start..span_end].rfind(" of ") {
            start += k + 4;
        }
    }
    let s = &text[start..span_end];
    // A descriptor holds a head, and ends in it or in what a joiner joins
    // to it ("the speaker of the parliament"); an honorific alone is none.
    let has_head = s.split_whitespace().any(|w| is_head(&super::trim_possessive(w).lower(), lexicon));
    // Right before a name the run ends in a head or an organisation's
    // name ("Vice Chair at Deloitte China"), never in a common noun ("the
    // directors of the consulting firm Alvarez" is not Alvarez's title).
    let last_capitalised = text[taken.last()?.clone()].chars().next().is_some_and(char::is_uppercase);
    let ends_in_head = is_head(&last_word, lexicon)
        || [" of ", " at ", " in "].iter().any(|j| s.contains(j)) && (appositive || last_capitalised);
    (has_head && ends_in_head).then_some(start..span_end)
}

/// `, Russia's special envoy for …,` or `, who heads …,` right after a name.
fn appositive_after(text: &str, from: usize, sentence_end: usize, lexicon: &Lexicon) -> Option<(Span, DescriptorKind)> {
    let rest = &text[from..sentence_end];
    let body = rest.strip_prefix(',')?;
    let lead = body.len() - body.trim_start().len();
    let start = from + 1 + lead;
    let end_rel = body.find([',', ';', '(', '—', '–']).unwrap_or(body.trim_end_matches(['.', '!', '?']).len());
    let clause = body[..end_rel].trim();
    let words: Vec<&str> = clause.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_APPOSITIVE_WORDS {
        return None;
    }
    let first = words[0].to_lowercase();
    if matches!(first.as_str(), "who" | "whose") {
        return Some((start..start + clause.len(), DescriptorKind::RelativeClause));
    }
    let lower_bare = |w: &str| super::trim_possessive(w).trim_end_matches(['.', ',']).to_lowercase();
    // An appositive is a noun phrase: ", Judge Chan said in court" is a
    // clause. (Only a verb's inflected forms tell: "state" and "report"
    // are nouns too.)
    let saying = |l: &str| lexicon.is_speech_verb(l) && (l.ends_with("ed") || l.ends_with("ing") || lexicon.irregular_past.contains(l) || l == "says");
    if words.iter().any(|w| saying(&lower_bare(w))) {
        return None;
    }
    // A list of names ("Moscow, Washington and Kyiv") is no appositive.
    let determiner = DETERMINERS.contains(&first.as_str()) || words[0].ends_with("'s") || words[0].ends_with("’s");
    let Some(head_at) = words.iter().position(|w| is_head(&lower_bare(w), lexicon)) else { return None };
    // Or its head comes within its first three words after lower-case
    // modifiers ("managing directors of …"), and not after a determiner
    // of its own (", pushing the president to …").
    let modified = head_at < 3
        && words[..head_at].iter().all(|w| {
            let l = lower_bare(w);
            !super::is_capitalized(w) && !is_stop(l.as_str()) && !DETERMINERS.contains(&l.as_str())
        });
    (determiner || head_at == 0 || modified).then(|| (start..start + clause.len(), DescriptorKind::Appositive))
}

/// ` is the CEO of …` / ` was a close adviser of …` after a name.
fn predicate(text: &str, from: usize, sentence_end: usize) -> Option<Span> {
    let rest = &text[from..sentence_end];
    let trimmed = rest.trim_start();
    let after_verb = ["is ", "was ", "remains ", "became "].iter().find_map(|v| trimmed.strip_prefix(v))?;
    // Only a noun phrase: "is the CEO of …", not "is expected to …".
    if !["the ", "a ", "an "].iter().any(|d| after_verb.starts_with(*d)) {
        return None;
    }
    let start = sentence_end - rest.len() + (rest.len() - after_verb.len());
    let mut end_rel = after_verb.find([',', ';', '(', '—', '–', '.']).unwrap_or(after_verb.len());
    for cut in [" and ", " but ", " who ", " which ", " since ", " to "] {
        if let Some(k) = after_verb[..end_rel].find(cut) {
            end_rel = end_rel.min(k);
        }
    }
    let clause = after_verb[..end_rel].trim_end_matches(['.', ' ']);
    if clause.split_whitespace().count() < 2 || clause.split_whitespace().count() > MAX_WORDS {
        return None;
    }
    Some(start..start + clause.len())
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, DescriptorKind};
    use crate::lexicon::Lexicon;

    fn descriptors(text: &str, name: &str) -> Vec<(String, DescriptorKind)> {
        let a = analyze(text, &Lexicon::builtin());
        let e = a.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no {name} in {:?}", a.entities));
        e.descriptors.iter().map(|d| (d.text.clone(), d.how)).collect()
    }

    #[test]
    fn titles_and_roles_before_a_name() {
        let d = descriptors("Yesterday Ukrainian Foreign Minister Andrii Sibiha met the press.\n", "Andrii Sibiha");
        assert_eq!(d, vec![("Ukrainian Foreign Minister".to_string(), DescriptorKind::Title)]);
        let d = descriptors("The talks went on. Former investment banker Ivan Petrov spoke.\n", "Ivan Petrov");
        assert_eq!(d, vec![("Former investment banker".to_string(), DescriptorKind::Title)]);
    }

    #[test]
    fn appositives_relative_clauses_and_predicates() {
        let text = "Ivan Petrov, the harbour's chief engineer, arrived. The city's port director, Olga Marchenko, agreed. \
                    Petrov, who heads the dock workers' union, left. Marchenko is a former adviser of the mayor and a poet.\n";
        assert_eq!(
            descriptors(text, "Ivan Petrov"),
            vec![
                ("the harbour's chief engineer".to_string(), DescriptorKind::Appositive),
                ("who heads the dock workers' union".to_string(), DescriptorKind::RelativeClause),
            ]
        );
        assert_eq!(
            descriptors(text, "Olga Marchenko"),
            vec![
                ("The city's port director".to_string(), DescriptorKind::Appositive),
                ("a former adviser of the mayor".to_string(), DescriptorKind::Predicate),
            ]
        );
    }

    #[test]
    fn a_descriptor_far_into_a_long_sentence_is_found() {
        let filler = "and the ferries sailed on time ".repeat(200);
        let text = format!("The talks {filler}while Transport Minister Oksana Dmytrenko, the harbour's chief engineer, watched.\n");
        assert_eq!(
            descriptors(&text, "Oksana Dmytrenko"),
            vec![
                ("Transport Minister".to_string(), DescriptorKind::Title),
                ("the harbour's chief engineer".to_string(), DescriptorKind::Appositive)
            ]
        );
    }

    fn texts(text: &str, name: &str) -> Vec<String> {
        descriptors(text, name).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn role_nouns_and_their_modifiers_head_a_title_run() {
        assert_eq!(texts("The prize went on. Chemistry laureate Olga Marchenko spoke.\n", "Olga Marchenko"), ["Chemistry laureate"]);
        assert_eq!(texts("The match ended. Polish football superstar Jan Nowak scored.\n", "Jan Nowak"), ["Polish football superstar"]);
        assert_eq!(texts("The board met. The vote re-elected founder and chairman Ivan Petrov.\n", "Ivan Petrov"), ["founder and chairman"]);
        assert_eq!(texts("The council named acting Mayor Olga Marchenko.\n", "Olga Marchenko"), ["acting Mayor"]);
        assert_eq!(texts("The deal was signed. Harbour Authority Director Ivan Petrov left.\n", "Ivan Petrov"), ["Harbour Authority Director"]);
        assert_eq!(texts("The talks opened. Vice Chair at Nordbank Ivan Petrov spoke.\n", "Ivan Petrov"), ["Vice Chair at Nordbank"]);
        assert_eq!(texts("The mayor thanked his predecessor Ivan Petrov.\n", "Ivan Petrov"), ["his predecessor"]);
    }

    #[test]
    fn an_honorific_or_abbreviated_rank_sits_between_the_title_and_the_name() {
        assert_eq!(texts("The army said so. Navy chief Gen. Ivan Petrov agreed.\n", "Ivan Petrov"), ["Navy chief"]);
        assert_eq!(texts("The college was led by Physics Laureate Prof Olga Marchenko.\n", "Olga Marchenko"), ["Physics Laureate"]);
    }

    #[test]
    fn the_clause_before_a_title_is_no_part_of_it() {
        // A verb or a noun of the clause before a capitalised title is cut:
        // the run starts at the title or at a capitalised modifier.
        assert_eq!(texts("The crowd cheered as the port hosted a meeting President Ivan Petrov chaired.\n", "Ivan Petrov"), ["President"]);
        assert_eq!(texts("The cabinet was formed following talks among President Ivan Petrov and others.\n", "Ivan Petrov"), ["President"]);
        assert_eq!(texts("The Senate of Norland defied President Ivan Petrov.\n", "Ivan Petrov"), ["President"]);
        assert_eq!(texts("The commission proclaimed incumbent President Ivan Petrov the winner.\n", "Ivan Petrov"), ["incumbent President"]);
        // After a possessive a noun may modify the title.
        assert_eq!(texts("Aides of the country's figurehead President Ivan Petrov left.\n", "Ivan Petrov"), ["the country's figurehead President"]);
    }

    #[test]
    fn a_run_ending_in_a_common_noun_is_not_the_next_names_title() {
        let a = analyze("The directors of the consulting firm Nordhaven were named.\n", &Lexicon::builtin());
        assert!(a.entities.iter().all(|e| e.descriptors.is_empty()), "{:?}", a.entities);
    }

    #[test]
    fn appositives_before_a_bracket_after_modifiers_and_after_two_names() {
        assert_eq!(texts("The yard was sold. The shipyard's founder, Ivan Petrov (born 1950), agreed.\n", "Ivan Petrov"), ["The shipyard's founder"]);
        assert_eq!(texts("The office of the speaker of the assembly, Olga Marchenko, objected.\n", "Olga Marchenko"), ["the speaker of the assembly"]);
        let text = "Anna Berg and Olga Marchenko, managing directors of the audit firm Nordhaven, were appointed.\n";
        assert_eq!(texts(text, "Anna Berg"), ["managing directors of the audit firm Nordhaven"]);
        assert_eq!(texts(text, "Olga Marchenko"), ["managing directors of the audit firm Nordhaven"]);
        // A singular appositive after the second name is that name's alone.
        let text = "Anna Berg and Olga Marchenko, the harbour's chief engineer, arrived.\n";
        assert!(texts(text, "Anna Berg").is_empty());
    }

    #[test]
    fn a_clause_with_a_speech_verb_is_no_appositive() {
        let d = texts("The payments stopped under Ivan Petrov, Judge Olga Marchenko said in court.\n", "Ivan Petrov");
        assert!(d.is_empty(), "{d:?}");
        // A noun that is also a verb of saying is no clause.
        let d = texts("Ivan Petrov, the head of a state investment fund, arrived.\n", "Ivan Petrov");
        assert_eq!(d, ["the head of a state investment fund"]);
    }

    #[test]
    fn a_title_inside_a_quotation_still_describes_the_name() {
        let d = descriptors("He wrote: \"The talks stalled under former Governor Ivan Petrov, and that must end.\"\n", "Ivan Petrov");
        assert_eq!(d, vec![("former Governor".to_string(), DescriptorKind::Title)]);
    }

    #[test]
    fn a_definite_description_stands_for_the_person_named_before() {
        // By head: the person already described by that noun.
        let text = "Harbour pilot Ivan Petrov spoke to Olga Marchenko. The talks ran late. The same harbour pilot left at noon.\n";
        assert!(texts(text, "Ivan Petrov").contains(&"The same harbour pilot".to_string()), "{:?}", texts(text, "Ivan Petrov"));
        assert!(!texts(text, "Olga Marchenko").iter().any(|d| d.contains("harbour pilot")));
        // By the subject of the sentence before, when no one has that head.
        let text = "Olga Marchenko signed for the club on Monday. Earlier that day, the Polish goalkeeper underwent tests.\n";
        assert_eq!(texts(text, "Olga Marchenko"), ["the Polish goalkeeper"]);
        // A person's possessive opens one too, and is not its antecedent.
        let text = "Mayor Anna Berg named Ivan Petrov, her special envoy, on Monday. The port reopened. Berg's envoy arrived in Gdansk.\n";
        assert!(texts(text, "Ivan Petrov").contains(&"Berg's envoy".to_string()), "{:?}", texts(text, "Ivan Petrov"));
    }

    #[test]
    fn what_is_no_reference() {
        // A bare office is whoever holds it; a noun after the head makes
        // it an adjective; a relation names someone else; no one named in
        // the same sentence.
        for (text, name) in [
            ("Ivan Petrov arrived in Kyiv on Monday. The talks ended when the president left.\n", "Ivan Petrov"),
            ("Ivan Petrov arrived in Kyiv on Monday. The official figures were late.\n", "Ivan Petrov"),
            ("Ivan Petrov arrived in Kyiv on Monday. The famous brother stayed home.\n", "Ivan Petrov"),
            ("Ivan Petrov thanked the Polish goalkeeper yesterday.\n", "Ivan Petrov"),
        ] {
            let d = texts(text, name);
            assert!(d.is_empty(), "{text}: {d:?}");
        }
        // A description is no one's office when the person holds another.
        let text = "Prime Minister Olga Marchenko resigned on Monday. The Norland army general said order would hold.\n";
        assert_eq!(texts(text, "Olga Marchenko"), ["Prime Minister"]);
    }

    #[test]
    fn a_noun_phrase_opening_the_sentence_describes_its_subject() {
        let text = "The talks ended. The eldest son of a fisherman, who left school at twelve, Ivan Petrov has run the port since 2010.\n";
        assert_eq!(texts(text, "Ivan Petrov"), ["The eldest son of a fisherman"]);
        let text = "The talks ended. The harbour was closed, Ivan Petrov said.\n";
        assert!(texts(text, "Ivan Petrov").is_empty());
    }

    #[test]
    fn one_modifier_after_a_preposition_opens_a_role() {
        assert_eq!(texts("The guests, including legendary goalkeeper Ivan Petrov, arrived.\n", "Ivan Petrov"), ["legendary goalkeeper"]);
        // A verb is no modifier.
        assert_eq!(texts("The club wants to meet head coach Ivan Petrov.\n", "Ivan Petrov"), ["head coach"]);
    }

    #[test]
    fn a_list_of_names_is_not_an_appositive() {
        let d = descriptors("Ivan Petrov, Olga Marchenko and the mayor met.\n", "Ivan Petrov");
        assert!(d.is_empty(), "{d:?}");
    }
}
