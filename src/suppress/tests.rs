use std::path::Path;

use crate::config::Config;
use crate::fixture::{check, corpus, parse};
use crate::suppress::review::Review;

const CODES: &[&str] = &["unattributed-quote", "anonymous-source", "invalid-suppression", "unused-suppression", "missing-source"];

#[test]
fn disable_next_line_with_a_reason_accepts_the_finding_below_it() {
    check(
        CODES,
        r#"
Council debates budget
Source: Harbour Gazette, 2 May 2025

<!-- newslint-disable-next-line unattributed-quote: the council's statement, read out at the vote -->
"We will not let the harbour close this winter," the papers quoted after the vote.
"Nobody will vote on the budget before the summer recess," the sign on the door read.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote
"#,
    );
}

#[test]
fn a_bare_directive_on_a_line_of_its_own_works_in_plain_text() {
    check(
        CODES,
        r#"
Council debates budget
Source: Harbour Gazette, 2 May 2025

newslint-disable-next-line unattributed-quote: the council's statement

"We will not let the harbour close this winter," the papers quoted after the vote.
"#,
    );
}

#[test]
fn disable_line_region_and_file() {
    check(
        CODES,
        r#"
//- /line.md
# Council debates budget

Source: Harbour Gazette, 2 May 2025

"We will not let the harbour close this winter," the papers quoted after the vote. <!-- newslint-disable-line unattributed-quote: read out at the vote -->
//- /region.txt
Council debates budget
Source: Harbour Gazette, 2 May 2025
<!-- newslint-disable anonymous-source: the desk knows both officials -->
"The ships will be unloaded by the end of the week," a port official said.
"Nobody in the city has been told the real reason," another official said.
<!-- newslint-enable anonymous-source -->
"The strike has cost the city a great deal more," a third official said.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anonymous-source
//- /file.txt
<!-- newslint-disable-file missing-source: a council notice, credited in the index -->
Council notice
The harbour stays open this winter.
"#,
    );
}

#[test]
fn directive_lines_are_not_article_text() {
    // The directive's words name nobody and quote nothing; the headline is
    // the line after it.
    let files = parse(
        "<!-- newslint-disable-file missing-source: “We will not let the harbour close,” said Ana Sousa -->\nCouncil notice\nThe harbour stays open.\n",
    );
    let c = corpus(&files, Config::default());
    let facts = &c.article(Path::new("/a.txt")).expect("article").facts;
    assert!(facts.quotes.is_empty());
    assert!(facts.mentions.is_empty());
    let headline = facts.headline.clone().expect("a headline");
    assert_eq!(&files[0].text[headline], "Council notice");
}

#[test]
fn an_unknown_rule_or_a_missing_reason_is_reported_and_suppresses_nothing() {
    check(
        CODES,
        r#"
Council debates budget
Source: Harbour Gazette, 2 May 2025

<!-- newslint-disable-next-line unattributed-quotes: typo in the rule -->
                                ^^^^^^^^^^^^^^^^^^^ invalid-suppression: unknown rule 'unattributed-quotes'
"We will not let the harbour close this winter," the papers quoted after the vote.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote
<!-- newslint-disable-next-line unattributed-quote -->
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ invalid-suppression: needs a reason
"Nobody will vote on the budget before the summer recess," the sign on the door read.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unattributed-quote
"#,
    );
}

#[test]
fn a_directive_that_suppresses_nothing_is_a_hint_and_a_placeholder_reason_is_flagged() {
    check(
        CODES,
        r#"
Council debates budget
Source: Harbour Gazette, 2 May 2025

<!-- newslint-disable-next-line unattributed-quote: the mayor said it -->
                                ^^^^^^^^^^^^^^^^^^ unused-suppression: suppresses nothing
"We will not let the harbour close this winter," said Ana Sousa, the mayor.
<!-- newslint-disable-next-line unattributed-quote: TODO: why -->
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ invalid-suppression: placeholder
"Nobody will vote on the budget before the summer recess," the sign on the door read.
"#,
    );
}

const ARTICLE: &str = "Council debates budget\nSource: Harbour Gazette, 2 May 2025\n\n\"We will not let the harbour close this winter,\" the papers quoted after the vote.\n";

fn reviewed(article: &str, review: &str) -> crate::suppress::Checked {
    let files = parse(&format!("//- /corpus/news/a.txt\n{article}"));
    let mut c = corpus(&files, Config::default());
    c.set_review(Review::parse(review, Path::new("/corpus/newslint-review.toml")).expect("a good review file"));
    crate::rules::check_all(&c, Path::new("/corpus/news/a.txt"))
}

const ENTRY: &str = "[[accept]]\nfile = \"news/a.txt\"\nrule = \"unattributed-quote\"\nanchor = \"We will not let the harbour close this winter,\"\nreason = \"the council's statement\"\nby = \"A. Sousa\"\ndate = \"2025-05-03\"\n";

#[test]
fn a_review_entry_accepts_the_finding_by_its_anchor_text() {
    let checked = reviewed(ARTICLE, ENTRY);
    assert!(checked.findings.iter().all(|f| f.code != "unattributed-quote"), "{:?}", checked.findings);
    assert_eq!(checked.suppressed.len(), 1);
    let s = &checked.suppressed[0];
    assert_eq!((s.reason.as_str(), s.by.as_str(), s.date.as_str()), ("the council's statement", "A. Sousa", "2025-05-03"));
    assert_eq!(s.how, crate::suppress::How::Review { path: "/corpus/newslint-review.toml".into(), line: 1 });
}

#[test]
fn a_review_entry_survives_a_rescrape_that_moves_the_quotation_and_changes_its_marks() {
    let rescraped = "Council debates budget\nSource: Harbour Gazette, 2 May 2025\nUpdated at 10:00\n\n“We will not let the harbour  close this winter,” the papers quoted after the vote.\n";
    let checked = reviewed(rescraped, ENTRY);
    assert_eq!(checked.suppressed.len(), 1, "{:?}", checked.findings);
}

#[test]
fn editing_the_quotation_brings_the_finding_back_and_the_entry_is_reported_unused() {
    let edited = ARTICLE.replace("this winter", "this year");
    let checked = reviewed(&edited, ENTRY);
    assert!(checked.suppressed.is_empty());
    let codes: Vec<&str> = checked.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&"unattributed-quote"), "{codes:?}");
    let unused = checked.findings.iter().find(|f| f.code == "unused-suppression").expect("the stale entry is reported");
    assert!(unused.message.contains("newslint-review.toml:1 accepts unattributed-quote"), "{}", unused.message);
    assert_eq!(unused.severity, crate::config::Severity::Hint);
}

#[test]
fn an_entry_for_another_article_or_rule_matches_nothing_here() {
    let other_file = ENTRY.replace("news/a.txt", "news/b.txt");
    let checked = reviewed(ARTICLE, &other_file);
    assert!(checked.suppressed.is_empty());
    assert!(checked.findings.iter().all(|f| f.code != "unused-suppression"));
    let other_rule = ENTRY.replace("rule = \"unattributed-quote\"", "rule = \"anonymous-source\"");
    let checked = reviewed(ARTICLE, &other_rule);
    assert!(checked.suppressed.is_empty());
    assert!(checked.findings.iter().any(|f| f.code == "unused-suppression"));
}

#[test]
fn a_review_entry_with_the_placeholder_reason_still_accepts_and_asks_for_the_reason() {
    let placeholder = ENTRY.replace("the council's statement", "TODO: why");
    let checked = reviewed(ARTICLE, &placeholder);
    assert_eq!(checked.suppressed.len(), 1);
    let hint = checked.findings.iter().find(|f| f.code == "invalid-suppression").expect("the placeholder is flagged");
    assert_eq!(hint.severity, crate::config::Severity::Hint);
    assert!(hint.message.contains("placeholder"));
}
