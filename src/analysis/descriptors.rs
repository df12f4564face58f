//! What the article says each person is: a title or role before the name
//! ("Ukrainian Foreign Minister Andrii Sibiha", "Former investment banker
//! Ivanov"), an appositive on either side ("Ivan Petrov, the port's
//! director," / "the port's director, Ivan Petrov,"), a relative clause
//! ("Petrov, who heads the port,") and a predicate ("Petrov is the CEO of
//! …").



use super::segment::Segments;
use super::{Descriptor, DescriptorKind, EntityKind, LocalEntity, Mention, Span};
use crate::lexicon::Lexicon;


/// Words that end a descriptor when walking back from a name.
const STOP: &[&str] = &[
    "to", "with", "by", "from", "for", "at", "in", "on", "and", "or", "but", "that", "who", "which", "is", "was", "are",
    "were", "has", "have", "had", "met", "according", "as", "after", "before", "between", "than", "while", "when",
    "where", "since", "including", "also", "not", "will", "would", "could", "can", "may", "said", "says", "told",
    "during", "into", "about", "against", "under", "over", "via", "if", "because", "it", "he", "she", "they", "we",
];

const MAX_WORDS: usize = 16;

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

pub fn attach(text: &str, segments: &Segments, mentions: &[Mention], entities: &mut [LocalEntity], lexicon: &Lexicon) {
    for m in mentions {
        let kind = entities[m.entity].kind();
        if !matches!(kind, EntityKind::Person | EntityKind::Unknown) || m.in_quote {
            continue;
        }
        let Some(si) = segments.sentence_at(m.span.start) else { continue };
        let sentence = segments.sentences[si].clone();
        let mut found = Vec::new();
        // The full mention starts at its first name word; titles are before.
        let floor = window_start(text, sentence.start, m.span.start);
        if let Some(d) = before_name(text, floor, m.span.start, lexicon) {
            found.push((d, DescriptorKind::Title));
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
            // "the port's director, Ivan Petrov," — the name closed by a comma.
            let before = text[floor..m.span.start].trim_end();
            if before.ends_with(',') && (after.starts_with(',') || after.trim().is_empty() || after.starts_with('.')) {
                let comma = floor + before.len() - 1;
                if let Some(d) = before_name(text, floor, comma, lexicon) {
                    found.push((d, DescriptorKind::Appositive));
                }
            }
        }
        let entity = &mut entities[m.entity];
        for (span, how) in found {
            let words = text[span.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
            let words = words.trim_end_matches([',', '.', ';', ':']).to_string();
            if words.is_empty() || entity.descriptors.iter().any(|d| d.text == words) {
                continue;
            }
            entity.descriptors.push(Descriptor { text: words, span, how });
            if entity.kind == Some(EntityKind::Unknown) && how != DescriptorKind::Predicate {
                entity.kind = Some(EntityKind::Person);
            }
        }
    }
}

/// The descriptor that ends right before `end` (a name or a comma before
/// one): words walked back to a stop word or punctuation, holding a title.
fn before_name(text: &str, floor: usize, end: usize, lexicon: &Lexicon) -> Option<Span> {
    let words: Vec<Span> = super::word_spans(&text[floor..end]).map(|m| floor + m.start..floor + m.end).collect();
    let mut start = None;
    let mut has_title = false;
    let mut next_start = end;
    let mut taken = 0;
    for w in words.iter().rev() {
        let gap = &text[w.end..next_start];
        // Only spaces may separate the words of a descriptor.
        if !gap.chars().all(|c| c.is_whitespace()) {
            break;
        }
        let word = &text[w.clone()];
        let bare = word.trim_end_matches("'s").trim_end_matches("’s");
        let lower = bare.to_lowercase();
        if STOP.contains(&lower.as_str()) || lexicon.is_speech_verb(&lower) && !lexicon.title_words.contains(&lower) {
            break;
        }
        // "Yesterday" opening the sentence is not part of the title.
        let ordinary = lexicon.common_words.contains(&lower)
            && !lexicon.title_words.contains(&lower)
            && !lexicon.demonyms.contains(bare)
            && !matches!(lower.as_str(), "the" | "a" | "an");
        let next_is_title = text[w.end..end].split_whitespace().next().is_some_and(|n| lexicon.title_words.contains(&n.to_lowercase()));
        if super::is_capitalized(word) && ordinary && w.start == floor && !next_is_title {
            break;
        }
        if taken == 0 && !lexicon.title_words.contains(&lower) && !super::is_capitalized(word) {
            return None;
        }
        // "Plenipotentiary of Russian leader": "of" only after a title.
        if lower == "of" {
            let before = words.iter().rev().find(|x| x.end <= w.start).map(|x| text[x.clone()].to_lowercase());
            if !before.is_some_and(|b| lexicon.title_words.contains(&b)) {
                break;
            }
        }
        has_title |= lexicon.title_words.contains(&lower);
        start = Some(w.start);
        next_start = w.start;
        taken += 1;
        if taken >= MAX_WORDS || matches!(lower.as_str(), "the" | "a" | "an") {
            break;
        }
    }
    let mut start = start?;
    // A descriptor opens with a determiner, a possessive, a title, a
    // demonym or a place: "Dmitriev lauded US President" is cut to "US
    // President".
    let region = &text[start..end];
    for w in super::word_spans(region) {
        let word = &region[w.clone()];
        let bare = word.trim_end_matches("'s").trim_end_matches("’s");
        let lower = bare.to_lowercase();
        let before_title = text[start + w.end..end].split_whitespace().next().is_some_and(|n| lexicon.title_words.contains(&n.to_lowercase()));
        let opens = matches!(lower.as_str(), "the" | "a" | "an" | "his" | "her" | "their" | "its")
            || (super::is_capitalized(word) && before_title)
            || bare.len() < word.len()
            || lexicon.title_words.contains(&lower)
            || lexicon.demonyms.contains(bare)
            || lexicon.places.contains(bare);
        if opens {
            start += w.start;
            break;
        }
        if start + w.end >= end {
            return None;
        }
    }
    let mut span_end = text[..end].trim_end_matches([' ', ',']).len();
    // An honorific next to the name ("Mr", "Dr") is no description.
    let tail = text[start..span_end].rsplit(' ').next().unwrap_or("");
    if matches!(tail.trim_end_matches('.'), "Mr" | "Mrs" | "Ms" | "Miss" | "Dr" | "Prof" | "Sir" | "Dame") {
        span_end = text[..span_end - tail.len()].trim_end().len();
        if span_end <= start {
            return None;
        }
        let last = text[start..span_end].split_whitespace().last().unwrap_or("").to_lowercase();
        if !lexicon.title_words.contains(&last) {
            return None;
        }
    }
    // "the Plenipotentiary of Russian leader Vladimir Putin": for Putin, the
    // title next to him ("Russian leader") is his; the rest describes
    // whoever the whole phrase names.
    let last_word = text[start..span_end].split_whitespace().last().unwrap_or("").to_lowercase();
    if lexicon.title_words.contains(&last_word) {
        if let Some(k) = text[start..span_end].rfind(" of ") {
            start += k + 4;
        }
    }
    let span = start..span_end;
    let s = &text[span.clone()];
    // A descriptor holds a title or role, and is more than a name: "the
    // Kremlin's envoy", "Former investment banker", "Foreign Minister".
    let lower_words = s.split_whitespace().filter(|w| !super::is_capitalized(w)).count();
    let last = s.split_whitespace().last().unwrap_or("").to_lowercase();
    let ends_in_title = lexicon.title_words.contains(&last) || s.contains(" of ");
    (has_title && ends_in_title && (lower_words > 0 || s.split_whitespace().count() >= 1)).then_some(span)
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
    if words.is_empty() || words.len() > MAX_WORDS {
        return None;
    }
    let first = words[0].to_lowercase();
    if matches!(first.as_str(), "who" | "whose") {
        return Some((start..start + clause.len(), DescriptorKind::RelativeClause));
    }
    // A list of names ("Moscow, Washington and Kyiv") is no appositive.
    let determiner = matches!(first.as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their")
        || words[0].ends_with("'s")
        || words[0].ends_with("’s");
    let titled = words.iter().any(|w| lexicon.title_words.contains(&w.trim_end_matches("'s").trim_end_matches("’s").to_lowercase()));
    (titled && (determiner || lexicon.title_words.contains(&first))).then(|| (start..start + clause.len(), DescriptorKind::Appositive))
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

    /// The time `attach` takes on one sentence of `n` named people, best of
    /// three against noise on a shared machine.
    fn attach_time(n: usize) -> std::time::Duration {
        use crate::analysis::{names, quotes, segment};
        let lexicon = Lexicon::builtin();
        let text: String = (0..n).map(|i| format!("the harbour master Anna Berg{} met ", (b'a' + (i % 26) as u8) as char)).collect::<String>() + "her.\n";
        let segments = segment::segment(&text, &lexicon);
        let scan = quotes::find_quotes(&text, &segments);
        let (mentions, entities) = names::find_names(&text, &segments, &scan.quotes, &lexicon);
        assert!(mentions.len() >= n / 2, "{} mentions", mentions.len());
        (0..3)
            .map(|_| {
                let mut entities = entities.clone();
                let t = std::time::Instant::now();
                super::attach(&text, &segments, &mentions, &mut entities, &lexicon);
                t.elapsed()
            })
            .min()
            .unwrap()
    }

    #[test]
    fn time_grows_linearly_with_a_long_sentence() {
        // Quadratic work would take 16 times as long for 4 times the names;
        // linear, 4 times. (Below about 1,000 names fixed costs blur it.)
        let (small, large) = (attach_time(2000), attach_time(8000));
        assert!(large < small * 9, "{small:?} for 2000 names, {large:?} for 8000");
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

    #[test]
    fn a_list_of_names_is_not_an_appositive() {
        let d = descriptors("Ivan Petrov, Olga Marchenko and the mayor met.\n", "Ivan Petrov");
        assert!(d.is_empty(), "{d:?}");
    }
}
