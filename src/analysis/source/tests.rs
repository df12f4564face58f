//! Source evidence on short articles of our own writing.

use super::*;

fn source(text: &str) -> SourceEvidence {
    let lexicon = Lexicon::builtin();
    let segments = crate::analysis::segment::segment(text, &lexicon);
    find_source(text, &segments, &[], &[], &lexicon)
}

fn kinds(text: &str) -> Vec<SourceKind> {
    source(text).lines.iter().map(|l| l.kind).collect()
}

fn only_line(text: &str) -> SourceLine {
    let e = source(text);
    assert_eq!(e.lines.len(), 1, "expected one source line in {text:?}, got {:?}", e.lines);
    e.lines[0].clone()
}

#[test]
fn wire_datelines_with_an_agency() {
    let l = only_line("Ferry strike ends\n\nLISBON, March 3 (Reuters) - Ferry crews went back to work on Monday.\n");
    assert_eq!(l.kind, SourceKind::Dateline);
    assert_eq!(l.outlet.as_deref(), Some("Reuters"));
    assert_eq!(l.date.as_deref(), Some("March 3"));

    let l = only_line("Ferry strike ends\nVALLETTA (AP) — Ferry crews went back to work.\n");
    assert_eq!(l.outlet.as_deref(), Some("AP"));

    let l = only_line("Ferry strike ends\nBERLIN, 3 March (dpa) - Ferry crews went back to work.\n");
    assert_eq!(l.outlet.as_deref(), Some("dpa"));
}

#[test]
fn a_capitals_dateline_with_a_date_but_no_agency() {
    let l = only_line("Ferry strike ends\nBRUSSELS, March 3 — Ferry crews went back to work.\n");
    assert_eq!((l.kind, l.outlet, l.date.as_deref()), (SourceKind::Dateline, None, Some("March 3")));
}

#[test]
fn brackets_in_a_first_sentence_are_not_a_dateline() {
    let text = "Ferry strike ends\nThe union (UGT) - which had called the strike - agreed to talks.\n";
    assert!(source(text).lines.is_empty(), "{:?}", source(text).lines);
}

#[test]
fn labelled_credit_lines() {
    let cases = [
        ("Source: Lusa, 3 March 2025", Some("Lusa"), Some("3 March 2025")),
        ("Originally published by The Baltic Courier", Some("The Baltic Courier"), None),
        ("**Originally published in** Harbour Weekly on 4 March 2025", Some("Harbour Weekly"), Some("4 March 2025")),
        ("Via Reuters", Some("Reuters"), None),
        ("Credit: AFP", Some("AFP"), None),
        ("© 2025 Reuters. All rights reserved.", Some("Reuters"), None),
        ("Copyright 2025 Harbour Weekly", Some("Harbour Weekly"), None),
    ];
    for (label, outlet, date) in cases {
        let text = format!("Ferry strike ends\n\nFerry crews went back to work on Monday.\n\n{label}\n");
        let l = only_line(&text);
        assert_eq!(l.kind, SourceKind::Label, "{label}");
        assert_eq!(l.outlet.as_deref(), outlet, "{label}");
        assert_eq!(l.date.as_deref(), date, "{label}");
    }
}

#[test]
fn a_label_needs_something_after_it() {
    for line in ["Source:", "Published by", "View Original Source", "Leave a Comment", "Source: 3 March 2025"] {
        let text = format!("Ferry strike ends\n\nFerry crews went back to work on Monday.\n\n{line}\n");
        assert!(source(&text).lines.is_empty(), "{line}: {:?}", source(&text).lines);
    }
}

#[test]
fn prose_that_starts_like_a_label_is_not_one() {
    let text = "Ferry strike ends\n\nVia the new bridge, traffic to the island doubled in a week after the ferries stopped running.\n\
                Published in 2019, the harbour plan foresaw a second quay for the ferries and the cargo ships alike.\n";
    assert!(source(text).lines.is_empty(), "{:?}", source(text).lines);
}

#[test]
fn translator_credits_are_not_sources() {
    let text = "Ferry strike ends\n\nFerry crews went back to work.\n\nTranslation by Ana Sousa\nTranslated by Rui Costa\n";
    assert!(source(text).lines.is_empty());
}

#[test]
fn an_agency_alone_in_brackets_at_the_start_or_end() {
    for agency in ["(CTK)", "(AFP)", "(RT.com)", "(Xinhua)", "(AFP/Reuters)", "(Harbour News Agency)"] {
        let end = format!("Ferry strike ends\n\nFerry crews went back to work.\n\n{agency}\n\n\nView Original Source\n");
        let l = only_line(&end);
        assert_eq!(l.kind, SourceKind::BracketedAgency, "{agency}");
        assert_eq!(l.outlet.as_deref(), Some(agency.trim_matches(['(', ')'])));
        let start = format!("{agency}\nFerry strike ends\n\nFerry crews went back to work.\n");
        assert_eq!(kinds(&start), vec![SourceKind::BracketedAgency], "{agency}");
    }
}

#[test]
fn capitalised_brackets_that_are_not_agencies() {
    for line in ["(VIDEO)", "(UPDATE)", "(Photo)", "(1/3)", "(Opinion)", "(Sophia Lind)", "(in Portuguese)"] {
        let text = format!("Ferry strike ends\n\nFerry crews went back to work.\n\n{line}\n");
        assert!(source(&text).lines.is_empty(), "{line}: {:?}", source(&text).lines);
    }
}

#[test]
fn a_bracketed_agency_in_the_middle_of_a_long_article_is_not_a_credit() {
    let mut text = String::from("Ferry strike ends\n\n");
    for i in 0..12 {
        text.push_str(&format!("Paragraph {i} about the ferries.\n\n"));
        if i == 5 {
            text.push_str("(AFP)\n\n");
        }
    }
    assert!(source(&text).lines.is_empty());
}

#[test]
fn a_known_agency_signing_the_last_paragraph() {
    let l = only_line("Ferry strike ends\n\nFerry crews went back to work, the union said. (CTK)\n");
    assert_eq!(l.outlet.as_deref(), Some("CTK"));
    let text = "Ferry strike ends\n\nThe fund is run by the Harbour Investment Authority (HIA).\n";
    assert!(source(text).lines.is_empty());
}

#[test]
fn an_outlet_and_date_header() {
    let text = "Ferries run again\n\nRT.com\n03 Apr 2025\n\nFerries run again\n\nFerry crews went back to work.\n";
    let l = only_line(text);
    assert_eq!(l.kind, SourceKind::Header);
    assert_eq!((l.outlet.as_deref(), l.date.as_deref()), (Some("RT.com"), Some("03 Apr 2025")));
    assert_eq!(&text[l.span.clone()], "RT.com");

    for date in ["avril 20, 2025", "2025-04-03", "Thursday, April 3, 2025 10:15 GMT", "3. April 2025", "3 de abril de 2025", "03.04.2025"] {
        let text = format!("Ferries run again\nKyiv Post\n{date}\n\nFerry crews went back to work.\n");
        let l = only_line(&text);
        assert_eq!(l.date.as_deref().map(|d| date.contains(d)), Some(true), "{date}");
    }
    let l = only_line("Ferries run again\nReuters | April 3, 2025\n\nFerry crews went back to work.\n");
    assert_eq!((l.outlet.as_deref(), l.date.as_deref()), (Some("Reuters"), Some("April 3, 2025")));
}

#[test]
fn a_date_alone_or_an_outlet_in_a_headline_is_not_a_header() {
    let text = "avril 20, 2025\nFerries run again\n\nFerry crews went back to work, the port said.\n";
    assert!(source(text).lines.is_empty());
    let text = "Reuters poll shows ferry crews want higher pay after the long strike\n3 April 2025\n\nFerry crews went back to work.\n";
    assert!(source(text).lines.is_empty(), "{:?}", source(text).lines);
}

#[test]
fn a_byline_with_an_outlet() {
    let l = only_line("Ferries run again\nBy Sophia Lind, Reuters\n\nFerry crews went back to work.\n");
    assert_eq!((l.kind, l.outlet.as_deref()), (SourceKind::Header, Some("Reuters")));
    let text = "Ferries run again\nBy Sophia Lind, staff writer\n\nFerry crews went back to work.\n";
    assert!(source(text).lines.is_empty());
}

#[test]
fn url_lines() {
    for line in [
        "https://example.org/news/ferries-run-again",
        "<https://example.org/news/ferries>",
        "[Original article](https://example.org/news/ferries)",
        "URL: https://example.org/news/ferries",
        "Original: https://example.org/news/ferries",
    ] {
        let text = format!("Ferries run again\n\nFerry crews went back to work.\n\n{line}\n");
        let l = only_line(&text);
        assert_eq!(l.kind, SourceKind::Url, "{line}");
        assert!(l.url.as_deref().is_some_and(|u| u.starts_with("https://example.org/news/ferries")), "{line}: {l:?}");
    }
    for line in ["Read more: https://example.org/other", "https://example.org/photo.jpg", "See https://example.org in the text."] {
        let text = format!("Ferries run again\n\nFerry crews went back to work.\n\n{line}\n");
        assert!(source(&text).lines.is_empty(), "{line}");
    }
}

#[test]
fn markdown_front_matter() {
    let text = "---\ntitle: Ferries run again\nsource: Harbour Weekly\nurl: https://example.org/ferries\ndate: 2025-04-03\n---\n\nFerry crews went back to work.\n";
    let l = only_line(text);
    assert_eq!(l.kind, SourceKind::FrontMatter);
    assert_eq!(l.outlet.as_deref(), Some("Harbour Weekly"));
    assert_eq!(l.url.as_deref(), Some("https://example.org/ferries"));
    assert_eq!(l.date.as_deref(), Some("2025-04-03"));
    assert!(text[l.span.clone()].starts_with("---") && text[l.span.clone()].ends_with("---"));

    let only_date = "---\ntitle: Ferries run again\ndate: 2025-04-03\n---\n\nFerry crews went back to work.\n";
    assert!(source(only_date).lines.is_empty());
}

#[test]
fn outlets_named_in_passing_are_weak_evidence() {
    let text = "Ferries run again\n\n\
        Crews went back to work, Anadolu Agency reported. \"We are glad,\" the captain told CNN.\n\
        The deal was first reported by the Baltic Times, according to News.ro.\n\
        In an interview with NBC, the minister said more ferries would follow, as cited by Reuters.\n";
    let e = source(text);
    assert!(!e.is_sufficient());
    assert_eq!(e.outlets_named(), vec!["Anadolu Agency", "CNN", "Baltic Times", "News.ro", "NBC", "Reuters"]);
    for n in &e.named {
        assert_eq!(&text[n.span.clone()], n.name);
    }
}

#[test]
fn names_that_only_look_like_outlets() {
    let text = "Ferries run again\n\n\
        Michael Bloomberg visited the port. It was time to go, the Hill residents said.\n\
        The U.S.He said it. Crews met in Harbour House on the quay.\n";
    let e = source(text);
    assert!(e.named.is_empty(), "{:?}", e.named);
}

#[test]
fn the_longer_outlet_name_wins() {
    let e = source("Ferries run again\n\nThe captain spoke to NBC News on Monday, according to The Kyiv Independent.\n");
    assert_eq!(e.outlets_named(), vec!["NBC News", "The Kyiv Independent"]);
}

#[test]
fn outlets_in_source_lines_are_not_named_in_passing() {
    let e = source("Ferries run again\nLISBON, March 3 (Reuters) - Crews went back to work.\n");
    assert!(e.is_sufficient());
    assert!(e.named.is_empty(), "{:?}", e.named);
}

#[test]
fn odd_text_does_not_panic() {
    for text in ["", "\n\n", "(", ")", "---\n", "---\nsource:\n", "«»\u{a0}(", "Ц(ЦТК)\n—", "a\r\nb\r\n(AFP)\r\n"] {
        let _ = source(text);
    }
    assert_eq!(kinds("a\r\nb\r\n(AFP)\r\n"), vec![SourceKind::BracketedAgency]);
}

#[test]
fn the_datelines_of_the_worlds_wire_services() {
    // Each agency's own dateline style, as its style guide writes it.
    let lines = [
        ("WASHINGTON (AP) — Ferry crews went back to work.", "AP"),
        ("LONDON, March 3 (Reuters) - Ferry crews went back to work.", "Reuters"),
        ("Paris (AFP) - Ferry crews went back to work.", "AFP"),
        ("BEIJING, March 3 (Xinhua) -- Ferry crews went back to work.", "Xinhua"),
        ("New Delhi, Mar 3 (PTI) Ferry crews went back to work on Monday.", "PTI"),
        ("New Delhi [India], March 3 (ANI): Ferry crews went back to work.", "ANI"),
        ("SEOUL, March 3 (Yonhap) -- Ferry crews went back to work.", "Yonhap"),
        ("ANKARA (AA) - Ferry crews went back to work.", "AA"),
        ("Madrid, 3 mar (EFE).- Ferry crews went back to work.", "EFE"),
        ("Berlin (dpa) - Ferry crews went back to work.", "dpa"),
        ("MOSCOW, March 3. /TASS/. Ferry crews went back to work.", "TASS"),
        ("KUALA LUMPUR, March 3 (Bernama) -- Ferry crews went back to work.", "Bernama"),
    ];
    for (line, agency) in lines {
        let text = format!("Ferry strike ends\n\n{line}\n");
        let l = only_line(&text);
        assert_eq!((l.kind, l.outlet.as_deref()), (SourceKind::Dateline, Some(agency)), "{line}");
    }
    // ANSA puts its tag first; capitals and a colon date a story without an agency.
    let l = only_line("Ferry strike ends\n\n(ANSA) - ROME, MARCH 3 - Ferry crews went back to work.\n");
    assert_eq!(l.outlet.as_deref(), Some("ANSA"));
    assert_eq!(kinds("Ferry strike ends\n\nRIYADH: Ferry crews went back to work on Monday.\n"), vec![SourceKind::Dateline]);
    // Not datelines: a capitalised word and a colon in prose, a bracket in a sentence.
    assert!(source("Ferry strike ends\n\nUPDATE: Ferry crews went back to work on Monday.\n").lines.is_empty());
    assert!(source("Ferry strike ends\n\nThe union (which has 300 members) said the strike was over.\n").lines.is_empty());
}

#[test]
fn credit_lines_at_the_end() {
    for credit in [
        "(With inputs from PTI)",
        "(With inputs from agencies.)",
        "With inputs from Reuters",
        "(Maria Lind in Lisbon contributed to this report.)",
        "Reporting by Maria Lind; Editing by Tom Hale",
        "This article was written by Maria Lind, a reporter for the Harbour Gazette. Follow her for more updates.",
        "Harbour Gazette reports citing Reuters.",
    ] {
        let text = format!("Ferry strike ends\n\nFerry crews went back to work on Monday.\nThe port said the backlog would clear by Friday.\n{credit}\n");
        assert_eq!(kinds(&text), vec![SourceKind::Label], "{credit}");
    }
    // Prose that starts like a credit names no one.
    let text = "Ferry strike ends\n\nFerry crews went back to work.\nWith inputs from the floor, the council voted on the plan.\n";
    assert!(source(text).lines.is_empty(), "{:?}", source(text).lines);
}

#[test]
fn a_syndication_tag_opening_the_body() {
    let l = only_line("Ferry strike ends\n\n(MENAFN- Baltic Times) Ferry crews went back to work on Monday.\n");
    assert_eq!((l.kind, l.outlet.as_deref()), (SourceKind::BracketedAgency, Some("Baltic Times")));
    let l = only_line("Ferry strike ends\n(Anadolu/AFP) Ferry crews went back to work on Monday.\n");
    assert_eq!(l.outlet.as_deref(), Some("AFP"));
}

#[test]
fn an_outlet_alone_on_a_line_near_the_top() {
    let l = only_line("Ferries run again\n\nThe Harbour Gazette - News\n\nFerry crews went back to work on Monday.\n");
    assert_eq!((l.kind, l.outlet.as_deref()), (SourceKind::Header, Some("The Harbour Gazette")));
    let l = only_line("Baltic Press\nFerry crews went back to work on Monday after a week on strike.\n");
    assert_eq!(l.outlet.as_deref(), Some("Baltic Press"));
    let l = only_line("Ferries run again\nHarbour Ledger\n\nFerry crews went back to work on Monday.\n");
    assert_eq!(l.outlet.as_deref(), Some("Harbour Ledger"));
    // A byline naming a person, a headline that has a verb, a short subhead.
    for text in [
        "Ferries run again\n\nBy Anna Kowalski\n\nFerry crews went back to work on Monday.\n",
        "Ferries Run Again\nCrews Returned\n\nFerry crews went back to work on Monday.\n",
        "Ferries run again\nAnalysis\n\nFerry crews went back to work on Monday.\n",
    ] {
        assert!(source(text).lines.is_empty(), "{text:?}: {:?}", source(text).lines);
    }
}
