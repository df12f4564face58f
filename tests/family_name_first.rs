//! Chinese and Korean names written family name first, with the family
//! names as data: a Korean family name before a hyphenated given name
//! ("Woo Jae-min"), a Cantonese spelling before a two-syllable given name
//! ("Hui Ka Yan"), and the surname alone later joins the full name.

use newslint::analysis::analyze;
use newslint::lexicon::Lexicon;

/// (name, head, given) of each person of the article.
fn people(text: &str) -> Vec<(String, String, Option<String>)> {
    analyze(text, &Lexicon::builtin())
        .entities
        .iter()
        .filter(|e| e.kind == Some(newslint::analysis::EntityKind::Person))
        .map(|e| (e.name.clone(), e.head.clone(), e.given.clone()))
        .collect()
}

#[test]
fn a_korean_family_name_opens_a_name_before_a_two_syllable_given_name() {
    let p = people("Assembly Speaker Woo Jae-min opened the session. Woo said the vote would go ahead.\n");
    assert_eq!(p, vec![("Woo Jae-min".to_string(), "Woo".to_string(), Some("jaemin".to_string()))]);
}

#[test]
fn a_cantonese_family_name_opens_a_name_before_two_syllables() {
    let p = people("The tycoon Hui Ka Yan was detained. Lawyers for Hui declined to comment.\n");
    assert_eq!(p, vec![("Hui Ka Yan".to_string(), "Hui".to_string(), Some("kayan".to_string()))]);
    let p = people("Director Wong Kar-wai will attend. Wong made the film in 2000.\n");
    assert_eq!(p, vec![("Wong Kar-wai".to_string(), "Wong".to_string(), Some("karwai".to_string()))]);
}

#[test]
fn a_western_order_name_with_such_a_surname_keeps_its_surname_last() {
    // Only two short syllables make a given name; "Smith" is a surname.
    let p = people("Analyst Lee Smith wrote the report. Smith said demand was weak.\n");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].1, "Smith");
    let p = people("Reporter Tiffany Chan filed the story. Chan said more would follow.\n");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].1, "Chan");
}
