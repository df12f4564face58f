//! `anonymous-source` (information): a quotation whose speaker the text does
//! not name ("an official said", "a spokesperson told reporters").

use super::{Context, Finding, FindingData};
use crate::analysis::SpeakerKind;
use crate::config::Severity;

pub const CODE: &str = crate::codes::ANONYMOUS_SOURCE;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Information) else { return };
    for q in &ctx.article.quotes {
        let Some(speaker) = &q.speaker else { continue };
        // A quotation missing a mark is reported by unbalanced-quote; where
        // it starts is a guess.
        if speaker.kind != SpeakerKind::Anonymous || !q.needs_speaker() || q.open.is_none() || q.close.is_none() {
            continue;
        }
        // The speaker is named plainly, not in quotation marks, so that it
        // does not read as the quotation.
        let message = format!("quotation from an unnamed speaker, {}", speaker.text);
        let data = FindingData::AnonymousSource {
            quote: ctx.text[q.inner.clone()].to_string(),
            speaker: speaker.text.clone(),
        };
        out.push(Finding { code: CODE, severity, span: q.span.clone(), message, data });
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture::check;

    #[test]
    fn an_unnamed_official_is_reported_as_information() {
        check(
            &["anonymous-source", "unattributed-quote"],
            r#"
Port strike ends
Source: Harbour Gazette, 2 May 2025

"The ships will be unloaded by the end of the week," a port official said.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anonymous-source: quotation from an unnamed speaker, a port official
Mayor Ana Sousa said: "The strike has cost the city a great deal."
"#,
        );
    }

    #[test]
    fn a_pronoun_after_an_unnamed_speaker_stays_unnamed() {
        check(
            &["anonymous-source", "unattributed-quote"],
            r#"
Port strike ends
Source: Harbour Gazette, 2 May 2025

"The ships will be unloaded by the end of the week," a port official said.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anonymous-source: quotation from an unnamed speaker, a port official
"Nobody in the city has been told the real reason," he added.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anonymous-source: quotation from an unnamed speaker, a port official
"#,
        );
    }
}
