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

pub fn attach(text: &str, segments: &Segments, mentions: &[Mention], entities: &mut [LocalEntity], lexicon: &Lexicon) {
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
        let titled = words.split_whitespace().any(|w| lexicon.title_words.contains(&w.trim_end_matches("'s").trim_end_matches("’s").to_lowercase()));
        entity.descriptors.push(Descriptor { text: words, span, how });
        if entity.kind == Some(EntityKind::Unknown) && how != DescriptorKind::Predicate && titled {
            entity.kind = Some(EntityKind::Person);
        }
    }
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
    let mut words: Vec<Span> = super::word_spans(&text[floor..end]).map(|m| floor + m.start..floor + m.end).collect();
    let mut end = end;
    if let Some(last) = words.last() {
        let gap = &text[last.end..end];
        if HONORIFICS.contains(&&text[last.clone()]) && gap.trim_start_matches('.').chars().all(char::is_whitespace) {
            end = last.start;
            words.pop();
        }
    }
    let mut taken: Vec<&Span> = Vec::new();
    let mut tentative_cut = None;
    let mut next_start = end;
    for (i, w) in words.iter().enumerate().rev() {
        let gap = &text[w.end..next_start];
        // Only spaces may separate the words of a descriptor.
        if !gap.chars().all(|c| c.is_whitespace()) {
            break;
        }
        let word = &text[w.clone()];
        let bare = word.trim_end_matches("'s").trim_end_matches("’s");
        let lower = bare.to_lowercase();
        let left = i.checked_sub(1).map(|k| text[words[k].clone()].to_lowercase());
        let left_is_head = left.as_deref().is_some_and(|l| is_head(l, lexicon));
        let right = taken.last().map(|r| &text[(*r).clone()]);
        if JOINERS.contains(&lower.as_str()) {
            // "and" joins two lower-case roles only: "founder and chairman",
            // never "the minister and President".
            let left_lower_case = i > 0 && text[words[i - 1].clone()].chars().next().is_some_and(char::is_lowercase);
            let ok = !taken.is_empty() && left_is_head && (lower != "and" || left_lower_case && right.is_some_and(|r| !super::is_capitalized(r)));
            if !ok {
                break;
            }
            taken.push(w);
            next_start = w.start;
            continue;
        }
        if DETERMINERS.contains(&lower.as_str()) {
            if taken.is_empty() {
                break;
            }
            taken.push(w);
            next_start = w.start;
            // A possessive pronoun opens a run as a possessive does: "her
            // hand-picked presidential candidate".
            if matches!(lower.as_str(), "his" | "her" | "their" | "its") {
                tentative_cut = None;
            }
            // "the speaker of the parliament": a determiner after a joiner
            // that follows a head goes on.
            let joined = left.as_deref().is_some_and(|l| matches!(l, "of" | "at" | "in" | "for"))
                && i >= 2
                && is_head(&text[words[i - 2].clone()].to_lowercase(), lexicon);
            if joined {
                continue;
            }
            break;
        }
        if STOP.contains(&lower.as_str()) || lexicon.is_speech_verb(&lower) && !lexicon.title_words.contains(&lower) {
            break;
        }
        // A word of a longer title before its head: "foreign minister",
        // "press secretary".
        let head = is_head(&lower, lexicon) || lexicon.title_words.contains(&lower) && right.is_some_and(|r| is_head(&r.to_lowercase(), lexicon));
        if super::is_capitalized(word) {
            // "Yesterday" opening the sentence is not part of the title;
            // "National" before "Assembly Speaker" is.
            let ordinary = lexicon.common_words.contains(&lower) && !head && !lexicon.demonyms.contains(bare);
            let next_joins = right.is_some_and(|r| is_head(&r.to_lowercase(), lexicon) || lexicon.organization_words.contains(r));
            if ordinary && w.start == floor && !next_joins {
                break;
            }
        } else if !head && !taken.is_empty() && !lexicon.title_modifiers.contains(&lower) && !is_age(&lower) {
            // A lower-case modifier: any before a lower-case role, only a
            // style guide's modifiers before a capitalised word.
            let right_capitalised = right.is_some_and(super::is_capitalized);
            // "the country's figurehead President": after a possessive, a
            // noun may modify the title too.
            let after_possessive = i > 0 && {
                let l = &text[words[i - 1].clone()];
                l.ends_with("'s") || l.ends_with("’s")
            };
            if right_capitalised && !after_possessive {
                break;
            }
            // One such word modifies a role ("investment banker"); a second
            // is the clause before the run ("the vote re-elected founder"),
            // unless a possessive opens the whole run ("the president's
            // special economic envoy").
            let right_free = right.is_some_and(|r| {
                let r = r.to_lowercase();
                !super::is_capitalized(&r) && !is_head(&r, lexicon) && !lexicon.title_modifiers.contains(&r) && !is_age(&r) && !r.ends_with("'s") && !r.ends_with("’s")
            });
            if right_free && tentative_cut.is_none() {
                tentative_cut = Some(taken.len());
            }
        }
        taken.push(w);
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
    }
    let mut taken: Vec<Span> = taken.into_iter().rev().cloned().collect();
    // The run opens at a determiner, a possessive, a head, a capitalised
    // modifier, a style guide's modifier or an age: "proclaimed incumbent
    // President" is "incumbent President".
    while let Some(first) = taken.first() {
        let word = &text[first.clone()];
        let bare = word.trim_end_matches("'s").trim_end_matches("’s");
        let lower = bare.to_lowercase();
        let opens = DETERMINERS.contains(&lower.as_str())
            || super::is_capitalized(word)
            || bare.len() < word.len()
            || is_head(&lower, lexicon)
            || lexicon.title_modifiers.contains(&lower)
            || is_age(&lower);
        if opens && !JOINERS.contains(&lower.as_str()) {
            break;
        }
        taken.remove(0);
    }
    let mut start = taken.first()?.start;
    let span_end = taken.last()?.end;
    let last_word = text[taken.last()?.clone()].to_lowercase();
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
    let has_head = s.split_whitespace().any(|w| is_head(&w.trim_end_matches("'s").trim_end_matches("’s").to_lowercase(), lexicon));
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
    let lower_bare = |w: &str| w.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(['.', ',']).to_lowercase();
    // An appositive is a noun phrase: ", Judge Chan said in court" is a clause.
    if words.iter().any(|w| lexicon.is_speech_verb(&lower_bare(w))) {
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
            !super::is_capitalized(w) && !STOP.contains(&l.as_str()) && !DETERMINERS.contains(&l.as_str())
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
    }

    #[test]
    fn a_title_inside_a_quotation_still_describes_the_name() {
        let d = descriptors("He wrote: \"The talks stalled under former Governor Ivan Petrov, and that must end.\"\n", "Ivan Petrov");
        assert_eq!(d, vec![("former Governor".to_string(), DescriptorKind::Title)]);
    }

    #[test]
    fn a_list_of_names_is_not_an_appositive() {
        let d = descriptors("Ivan Petrov, Olga Marchenko and the mayor met.\n", "Ivan Petrov");
        assert!(d.is_empty(), "{d:?}");
    }
}
