//! `unattributed-quote`: a direct quotation (five words or more) with no
//! speaker. Shorter quoted phrases (terms, scare quotes, slogans and
//! exclamations such as "Not in our name!") are never flagged.

use super::{Context, Finding, FindingData};
use crate::config::Severity;

pub const CODE: &str = crate::codes::UNATTRIBUTED_QUOTE;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Warning) else { return };
    for q in &ctx.article.quotes {
        // A quotation missing a mark is reported by unbalanced-quote.
        if q.speaker.is_some() || !q.needs_speaker() || q.open.is_none() || q.close.is_none() {
            continue;
        }
        // A headline quotes in shorthand; the body says who spoke.
        if ctx.article.headline.as_ref().is_some_and(|h| h.start <= q.span.start && q.span.start < h.end) {
            continue;
        }
        let quote = ctx.text[q.inner.clone()].to_string();
        let message = format!("quotation with no speaker: {}", excerpt(&quote));
        out.push(Finding { code: CODE, severity, span: q.span.clone(), message, data: FindingData::Quote { quote } });
    }
}

/// The first words of a quotation, for messages.
pub fn excerpt(quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().collect();
    if words.len() <= 8 {
        format!("“{}”", words.join(" "))
    } else {
        format!("“{} …”", words[..8].join(" "))
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
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote: We will not let
The mayor, Ana Sousa, spoke later. "Nothing is decided yet," Sousa said.
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
