//! `unattributed-quote`: a direct quotation (five words or more) with no
//! speaker. Shorter quoted phrases (terms, scare quotes, slogans and
//! exclamations such as "Not in our name!") are never flagged.

use std::path::PathBuf;

use super::{Context, Finding, FindingData};
use crate::index::quotations::{Member, Relation};
use crate::index::EntityId;
use crate::config::Severity;

pub const CODE: &str = crate::codes::UNATTRIBUTED_QUOTE;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Warning) else { return };
    for (qi, q) in ctx.article.quotes.iter().enumerate() {
        // A quotation missing a mark is reported by unbalanced-quote.
        if q.speaker.is_some() || !q.needs_speaker() || q.open.is_none() || q.close.is_none() {
            continue;
        }
        // A headline quotes in shorthand; the body says who spoke.
        if ctx.article.headline.as_ref().is_some_and(|h| h.start <= q.span.start && q.span.start < h.end) {
            continue;
        }
        let quote = ctx.text[q.inner.clone()].to_string();
        let mut message = format!("quotation with no speaker: {}", excerpt(&quote, marks(q)));
        let (speaker, mut speaker_in) = match speaker_elsewhere(ctx, qi) {
            Some((name, paths)) => {
                let files = super::named(paths.iter().map(|p| super::file_name(p)), paths.len());
                let articles = if paths.len() == 1 { "another article gives".to_string() } else { format!("{} other articles give", paths.len()) };
                message.push_str(&format!("; {articles} it to {name} ({files})"));
                (Some(name), paths)
            }
            None => (None, Vec::new()),
        };
        let speaker_in_total = speaker_in.len();
        speaker_in.truncate(super::LISTED);
        let data = FindingData::Quote { quote, speaker, speaker_in, speaker_in_total };
        out.push(Finding { code: CODE, severity, span: q.span.clone(), message, data });
    }
}

/// The one person other articles credit with the same words (copies and
/// excerpts, not changed wordings), by the corpus's name for them, and
/// those articles in path order; `None` when none does or they disagree.
fn speaker_elsewhere(ctx: &Context, qi: usize) -> Option<(String, Vec<PathBuf>)> {
    let index = ctx.corpus.quotations();
    let set = ctx.versions(qi)?;
    let mut found: Option<(EntityId, Vec<Member>)> = None;
    for w in set.wordings(index).filter(|w| w.relation() != Relation::Near) {
        for credit in ctx.corpus.credits(w.fingerprint).iter() {
            let mut members = credit.members.iter().copied().filter(|m| m.0 != set.article).peekable();
            if members.peek().is_none() {
                continue;
            }
            match &mut found {
                None => found = Some((credit.entity.clone(), members.collect())),
                Some((ours, all)) if *ours == credit.entity => all.extend(members),
                Some(_) => return None,
            }
        }
    }
    let (id, mut members) = found?;
    index.sort_members(&mut members);
    members.dedup_by_key(|m| m.0);
    let name = ctx.corpus.card(&id)?.name;
    Some((name, members.iter().map(|m| index.path(m.0).to_path_buf()).collect()))
}

/// The marks a quotation is written with, for quoting it back: « » stay
/// « », with their spaces where the text has them.
pub fn marks(q: &crate::analysis::Quote) -> (String, String) {
    let open = q.open.unwrap_or('“');
    let close = q.close.unwrap_or_else(|| super::unbalanced_quote::partner(open));
    let spaced = (q.inner.start > q.span.start + open.len_utf8(), q.span.end > q.inner.end + close.len_utf8());
    (
        if spaced.0 { format!("{open} ") } else { open.to_string() },
        if spaced.1 { format!(" {close}") } else { close.to_string() },
    )
}

/// The first words of a quotation, for messages, in its own marks.
pub fn excerpt(quote: &str, (open, close): (String, String)) -> String {
    let words: Vec<&str> = quote.split_whitespace().collect();
    if words.len() <= 8 {
        format!("{open}{}{close}", words.join(" "))
    } else {
        format!("{open}{} …{close}", words[..8].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture::check;

    #[test]
    fn a_long_quotation_with_no_speaker_is_flagged() {
        check(
            &["unattributed-quote"],
            r#"
Council debates budget
Source: Harbour Gazette, 2 May 2025

« We will not let the harbour close this winter, » the papers quoted after the vote.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote: « We will not let the harbour close this … »
The mayor, Ana Sousa, spoke later. "Nothing is decided yet," Sousa said.
"#,
        );
    }

    #[test]
    fn a_quotation_another_article_attributes_names_that_speaker() {
        check(
            &["unattributed-quote"],
            r#"
//- /a.txt
Port talks
Source: Harbour Gazette

“We will take three steps forward before the summer ends,” the papers quoted after the vote.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote: “We will take three steps forward before the …”; another article gives it to Ana Sousa (b.txt)
//- /b.txt
Sousa on the port
Source: Coast Courier

“We will take three steps forward before the summer ends,” said Ana Sousa, the mayor.
"#,
        );
    }

    #[test]
    fn a_quotation_in_the_headline_is_not_flagged() {
        check(
            &["unattributed-quote"],
            r#"
'We will rebuild every house on this street': mayor vows after the flood
Source: Harbour Gazette, 2 May 2025

"We will rebuild every house on this street," Mayor Ana Sousa said on Monday.
"#,
        );
    }

    #[test]
    fn short_phrases_and_attributed_quotations_are_not_flagged() {
        check(
            &["unattributed-quote"],
            r#"
Council debates budget
Source: Harbour Gazette, 2 May 2025

The council called the plan "a good start" and "far too slow."
"We will not let the harbour close this winter," said Ana Sousa, the mayor.
Sousa added: "The fishermen have waited long enough for this."
“Every boat will be counted,” she said.
"#,
        );
    }
    #[test]
    fn short_exclamations_are_scare_quotes_and_a_sign_names_no_speaker() {
        check(
            &["unattributed-quote"],
            r#"
Council debates budget
Source: Harbour Gazette, 2 May 2025

Protesters outside the hall chanted “Not in our name!” and “Shame on you.”
"Nobody will vote on the budget before the summer recess," the sign on the door read.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote: Nobody will vote
The mayor, Ana Sousa, had said: "We will not let the harbour close this winter."
"#,
        );
    }
}
