//! `missing-source`: the article does not say where it came from (no
//! dateline, credit line, source label, URL or front matter). The message
//! names the outlets the text itself mentions, so the fixer knows where to
//! look.

use super::{Context, Finding, FindingData};
use crate::config::Severity;

pub const CODE: &str = crate::codes::MISSING_SOURCE;

/// Outlets the message names, at most: the fix offers a source line for
/// each of these and no others, so message and fix name the same outlets.
pub const OUTLETS_NAMED: usize = 5;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Warning) else { return };
    let source = &ctx.article.source;
    if source.is_sufficient() || ctx.text.trim().is_empty() {
        return;
    }
    let span = ctx.article.headline.clone().unwrap_or_else(|| {
        let start = ctx.text.len() - ctx.text.trim_start().len();
        let end = ctx.text[start..].find(['\n', '\r']).map_or(ctx.text.len(), |e| start + e);
        start..end
    });
    let outlets: Vec<String> = source.outlets_named().into_iter().take(OUTLETS_NAMED).collect();
    let mut message = String::from("no source line: the article does not say which outlet it comes from, when or where");
    if !outlets.is_empty() {
        message.push_str(&format!("; the text names {}", list(&outlets)));
    }
    out.push(Finding { code: CODE, severity, span, message, data: FindingData::MissingSource { outlets } });
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture::check;

    #[test]
    fn an_article_without_a_credit_line_is_flagged_with_the_outlets_it_names() {
        check(
            &["missing-source"],
            r#"
//- /a.txt
Harbour reopens after storm
^^^^^^^^^^^^^^^^^^^^^^^^^^^ missing-source: the text names Reuters
The harbour reopened on Monday, the port authority said, according to Reuters.
"#,
        );
    }

    #[test]
    fn a_dateline_a_credit_line_or_a_bracketed_agency_is_enough() {
        check(
            &["missing-source"],
            r#"
//- /dateline.txt
Harbour reopens after storm
LISBON, March 3 (Reuters) - The harbour reopened on Monday.
//- /label.md
Harbour reopens after storm

Source: Lusa, 3 March 2025

The harbour reopened on Monday.
//- /agency.txt
Harbour reopens after storm

The harbour reopened on Monday.

(CTK)
//- /url.txt
Harbour reopens after storm
https://example.org/news/harbour-reopens
The harbour reopened on Monday.
"#,
        );
    }

    #[test]
    fn a_translator_credit_is_not_a_source() {
        check(
            &["missing-source"],
            r#"
//- /a.txt
Harbour reopens after storm
^^^^^^^^^^^^^^^^^^^^^^^^^^^ missing-source
The harbour reopened on Monday.
Translation by Ana Sousa
"#,
        );
    }

    #[test]
    fn front_matter_an_outlet_header_or_a_url_label_is_enough() {
        check(
            &["missing-source"],
            r#"
//- /front.md
---
title: Harbour reopens
source: Lusa
date: 2025-03-03
---

The harbour reopened on Monday.
//- /header.txt
Harbour reopens after storm
Kyiv Post
3 March 2025

The harbour reopened on Monday.
//- /url.md
Harbour reopens after storm

The harbour reopened on Monday.

URL: https://example.org/harbour
"#,
        );
    }

    #[test]
    fn the_message_lists_every_outlet_the_text_cites_once() {
        check(
            &["missing-source"],
            r#"
//- /a.txt
Harbour stays shut
^^^^^^^^^^^^^^^^^^ missing-source: the text names Anadolu Agency, CNN and Baltic Times
The harbour stayed shut, Anadolu Agency reported. A pilot told CNN the channel was blocked.
Crews were sent home, according to the Baltic Times. CNN later confirmed it.

Leave a Comment
"#,
        );
    }

    #[test]
    fn a_date_alone_at_the_top_is_not_a_source() {
        check(
            &["missing-source"],
            r#"
//- /a.txt
3 March 2025
Harbour stays shut
^^^^^^^^^^^^^^^^^^ missing-source
The harbour stayed shut on Monday.
"#,
        );
    }

    #[test]
    fn the_message_names_the_outlets_the_fix_offers() {
        check(
            &["missing-source"],
            r#"
//- /a.txt
Harbour reopens after storm
^^^^^^^^^^^^^^^^^^^^^^^^^^^ missing-source: the text names Reuters, Bloomberg, Agence France-Presse, Associated Press and BBC
The harbour reopened on Monday, Reuters reported. Bloomberg and Agence France-Presse said the same; so did the Associated Press, the BBC and Euronews.
"#,
        );
    }
}
