//! `mixed-script`: a word that mixes Latin letters with look-alikes from
//! another script (a Cyrillic е in "Mbappе", a Greek ο in "Lοndon"). No
//! reader sees the difference, but search, sorting and the corpus's counts
//! do: the word is another spelling. Mixed-script detection and the
//! look-alikes are Unicode's (UTS #39, through the `unicode-security`
//! crate); the fix replaces each foreign letter with its Latin look-alike.

use super::{Context, Finding, FindingData};
use crate::analysis::word_spans;
use crate::config::Severity;
use crate::translit::{foreign_letters, may_hold_foreign_letters, ForeignLetter};

pub const CODE: &str = crate::codes::MIXED_SCRIPT;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Warning) else {
        return;
    };
    // Most articles are not read word by word at all.
    if !may_hold_foreign_letters(ctx.text) {
        return;
    }
    for span in word_spans(ctx.text) {
        // "Francе’s": the possessive is not part of the name.
        let span = ["'s", "’s"]
            .iter()
            .find_map(|e| ctx.text[span.clone()].strip_suffix(e))
            .map_or(span.clone(), |w| span.start..span.start + w.len());
        let word = &ctx.text[span.clone()];
        if word.is_ascii() {
            continue;
        }
        let foreign = foreign_letters(word);
        if foreign.is_empty() {
            continue;
        }
        let preferred = crate::translit::unconfuse(word).into_owned();
        let letters = foreign.iter().map(|f| Letter::new(word, f)).collect();
        // A name carries its spelling and the Latin one, as name-variant's
        // findings do, so that tools group it with the name's other
        // spellings; an ordinary word ("wеll") only its replacement.
        let name = is_name(ctx, &span, &preferred) && written_in_latin(ctx, &span, word, &preferred);
        let data = if name {
            FindingData::MixedScript {
                spelling: word.to_string(),
                preferred: preferred.clone(),
                letters,
            }
        } else {
            FindingData::MixedScriptWord {
                replacement: preferred.clone(),
                letters,
            }
        };
        out.push(Finding {
            code: CODE,
            severity,
            span: span.clone(),
            message: message(word, &preferred, &foreign),
            data,
        });
    }
}

/// Whether a word (read with Latin letters) is part of a name: capitalised,
/// not an outlet's name, a demonym, a title, nor an ordinary word outside
/// a name ("Publishеd", "Frеnch", "Prеsidеnt").
fn is_name(ctx: &Context, span: &crate::analysis::Span, latin: &str) -> bool {
    let lexicon = ctx.corpus.lexicon();
    let lower = latin.to_lowercase();
    let around = |m: &&crate::analysis::Mention| m.span.start <= span.start && span.end <= m.span.end;
    let outlet = ctx.article.mentions.iter().filter(around).any(|m| ctx.article.entities[m.entity].is_outlet);
    let in_name = ctx.article.mentions.iter().any(|m| around(&m));
    crate::analysis::is_capitalized(latin)
        && !outlet
        && !lexicon.demonyms.contains(latin)
        && !lexicon.title_words.contains(&lower)
        && !lexicon.non_names.contains(latin)
        && !matches!(latin, "The" | "A" | "An")
        && (in_name || !lexicon.common_words.contains(&lower))
}

/// Whether the name is also written in Latin letters in the corpus (by
/// the entity the word belongs to, or as a name of its own): then the
/// finding links two spellings of one name.
fn written_in_latin(ctx: &Context, span: &crate::analysis::Span, word: &str, latin: &str) -> bool {
    let parts: Vec<&str> = word.split('-').zip(latin.split('-')).filter(|(a, b)| a != b).map(|(_, b)| b).collect();
    let overlapping = ctx.article.mentions.iter().filter(|m| m.span.start < span.end && span.start < m.span.end);
    for m in overlapping {
        let Some(id) = ctx.corpus.entity_id(ctx.path, m.entity) else { continue };
        let heads = ctx.corpus.spelling_stats(&id).unwrap_or_default();
        let givens = ctx.corpus.given_stats(&id).unwrap_or_default();
        if heads.spellings().iter().chain(givens.spellings().iter()).any(|s| s.spelling.split([' ', '-']).any(|w| parts.contains(&w))) {
            return true;
        }
    }
    parts.iter().any(|p| ctx.corpus.has_spelling(p))
}

/// One foreign letter, for machines: its position in the word (in
/// characters, from 1) and what replaces it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Letter {
    pub position: usize,
    pub letter: char,
    pub script: &'static str,
    pub latin: char,
    /// Byte offset inside the word, for the fix.
    #[serde(skip)]
    pub offset: usize,
}

impl Letter {
    fn new(word: &str, f: &ForeignLetter) -> Letter {
        Letter {
            position: word[..f.offset].chars().count() + 1,
            letter: f.letter,
            script: f.script,
            latin: f.latin,
            offset: f.offset,
        }
    }
}

fn message(word: &str, preferred: &str, foreign: &[ForeignLetter]) -> String {
    let letters: Vec<String> = foreign
        .iter()
        .map(|f| {
            let l = Letter::new(word, f);
            format!(
                "letter {} is {} '{}' (U+{:04X}), not Latin '{}'",
                l.position, l.script, l.letter, l.letter as u32, l.latin
            )
        })
        .collect();
    format!(
        "'{word}' mixes scripts: {}; write '{preferred}'",
        letters.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use crate::fixture::check;

    #[test]
    fn a_cyrillic_letter_in_a_latin_word_is_reported() {
        check(
            &["mixed-script"],
            "
Source: Harbour Gazette
The striker joined R\u{435}al Harbour on Monday. Olga Petrova of Москва watched from Zürich.
                   ^^^^ mixed-script: 'R\u{435}al' mixes scripts: letter 2 is Cyrillic 'е' (U+0435), not Latin 'e'; write 'Real'
",
        );
    }

    #[test]
    fn a_greek_letter_is_reported_with_its_position() {
        check(
            &["mixed-script"],
            "
Source: Harbour Gazette
Flights to L\u{3bf}ndon resumed.
           ^^^^^^ mixed-script: letter 2 is Greek 'ο' (U+03BF), not Latin 'o'; write 'London'
",
        );
    }
}
