//! `unbalanced-quote`: a quotation mark that never closes, or one that
//! closes a quotation that never opened.

use super::{Context, Finding, FindingData};
use crate::analysis::{MarkProblem, Span};
use crate::config::Severity;

pub const CODE: &str = crate::codes::UNBALANCED_QUOTE;

/// The mark that pairs with `mark`.
pub fn partner(mark: char) -> char {
    match mark {
        '“' => '”',
        '”' => '“',
        '‘' => '’',
        '’' => '‘',
        '«' => '»',
        '»' => '«',
        '„' => '“',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Warning) else { return };
    for stray in &ctx.article.stray_marks {
        let missing = partner(stray.mark);
        let (message, never) = match stray.problem {
            MarkProblem::NeverCloses => (format!("{} opens a quotation that never closes", stray.mark), "closes"),
            MarkProblem::NeverOpens => (format!("{} closes a quotation that never opens", stray.mark), "opens"),
        };
        out.push(Finding {
            code: CODE,
            severity,
            span: stray.reach.clone(),
            message,
            data: FindingData::UnbalancedQuote { mark: stray.mark, mark_span: stray.span.clone(), missing, never },
        });
    }
}

/// Where the missing mark goes: at the end of the quotation's paragraph, or
/// at the start of its sentence.
pub fn missing_at(finding_span: &Span, never: &str) -> usize {
    if never == "closes" {
        finding_span.end
    } else {
        finding_span.start
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture::check;

    #[test]
    fn a_closing_mark_without_an_opening_one_is_flagged() {
        check(
            &["unbalanced-quote"],
            r#"
Port strike ends
Source: Harbour Gazette

The ships will be unloaded by the end of the week,” Ana Sousa said.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unbalanced-quote: ” closes a quotation that never opens
"#,
        );
    }

    #[test]
    fn an_opening_mark_that_never_closes_is_flagged() {
        check(
            &["unbalanced-quote"],
            r#"
Port strike ends
Source: Harbour Gazette

Ana Sousa said: “The ships will be unloaded by the end of the week.
                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unbalanced-quote: “ opens a quotation that never closes

The port reopened.
"#,
        );
    }

    #[test]
    fn apostrophes_and_a_quotation_continued_over_a_paragraph_are_balanced() {
        check(
            &["unbalanced-quote"],
            r#"
Port strike ends
Source: Harbour Gazette

Kyiv’s mayor said the port’s workers don’t agree. O’Brien agreed.
“The ships will be unloaded by the end of the week.

“After that, the strike is over,” Ana Sousa said. The workers' union agreed.
"#,
        );
    }
}
