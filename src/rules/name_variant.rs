//! `name-variant`: a name spelled differently from the spelling the corpus
//! prefers (the configured one, else the one used in most articles), and a
//! possessive that lost its apostrophe ("Putins economic envoy"), under its
//! own code, `lost-apostrophe`.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Context, Finding, FindingData};
use crate::analysis::{names::given_parts, Possessive};
use crate::config::Severity;
use crate::index::{given_key, resolve, EntityId, NameSpellings, Spelling, SpellingStats};

pub const CODE: &str = crate::codes::NAME_VARIANT;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(severity) = ctx.severity(CODE, Severity::Warning) else {
        return;
    };
    // Per entity of the article: its id, the preferred spelling of this
    // name and every spelling of it in order.
    let mut cache: HashMap<usize, Option<(EntityId, Arc<NameSpellings>)>> = HashMap::new();
    let mut here = Here::default();
    let mut given_cache: HashMap<usize, SpellingStats> = HashMap::new();
    for m in &ctx.article.mentions {
        let local = &ctx.article.entities[m.entity];
        if local.is_outlet {
            continue;
        }
        let spelling = &ctx.text[m.head.clone()];
        if m.possessive == Possessive::LostApostrophe {
            let Some(severity) = ctx.severity(crate::codes::LOST_APOSTROPHE, Severity::Warning) else { continue };
            let written = &ctx.text[m.span.start..m.span.end + 1];
            let fixed = format!("{}'s", &ctx.text[m.span.clone()]);
            out.push(Finding {
                code: crate::codes::LOST_APOSTROPHE,
                severity,
                span: m.span.start..m.span.end + 1,
                message: format!(
                    "'{written}': a possessive that lost its apostrophe; write '{fixed}'"
                ),
                data: FindingData::NameVariant {
                    spelling: written.to_string(),
                    preferred: fixed,
                    variants: Vec::new(),
                    lost_apostrophe: true,
                },
            });
            continue;
        }
        let info = cache.entry(m.entity).or_insert_with(|| {
            let id = ctx.corpus.entity_id(ctx.path, m.entity)?;
            // The spellings of this name, not of an alias of the entity.
            let name = ctx.corpus.name_spellings(&id, &ctx.corpus.slot(ctx.path, m.entity)?.key)?;
            Some((id, name))
        });
        let Some((id, name)) = info else {
            continue;
        };
        let (preferred, spellings) = (&name.preferred, &name.spellings);
        if local.given.is_some() {
            let givens = given_cache
                .entry(m.entity)
                .or_insert_with(|| ctx.corpus.given_stats(id).unwrap_or_default());
            for part in given_parts(ctx.text, m) {
                given_variant(ctx, severity, part, givens, &mut here, out);
            }
        }
        // "Waker-uz-Zaman" and then "Zaman": the last part of a compound
        // name is a short reference, not another spelling.
        let short_form = || preferred.rsplit(['-', ' ']).next() == Some(spelling) && preferred.len() > spelling.len();
        // A letter from another script is `mixed-script`'s to report.
        let mixed = || !crate::translit::foreign_letters(spelling).is_empty();
        // Most mentions are written as preferred: the cheapest test first.
        if spellings.len() < 2 || same_spelling(spelling, preferred) || short_form() || mixed() {
            continue;
        }
        out.push(Finding {
            code: CODE,
            severity,
            span: m.head.clone(),
            message: message(spelling, here.count(ctx, spelling), preferred, spellings),
            data: FindingData::NameVariant {
                spelling: spelling.to_string(),
                preferred: preferred.clone(),
                variants: spellings.clone(),
                lost_apostrophe: false,
            },
        });
    }
}

/// Spellings that differ only in what is style, not spelling: capitals in
/// a dateline ("ODESA"), the Arabic article ("al-Sadr" / "Sadr"), hyphens
/// and spaces inside a name ("Suk Yeol" / "Suk-yeol", an optional
/// difference that the entity card shows but no finding reports).
pub fn same_spelling(a: &str, b: &str) -> bool {
    // `form` of each without the article, compared as they are read.
    let bare = |s| crate::index::form_chars(crate::lexicon::strip_article(s));
    a == b || bare(a).eq(bare(b))
}

/// A given name spelled differently from the way the corpus spells the
/// same given name of the same person ("Ahmad" where it writes "Ahmed").
fn given_variant(
    ctx: &Context,
    severity: Severity,
    part: crate::analysis::Span,
    givens: &SpellingStats,
    here: &mut Here,
    out: &mut Vec<Finding>,
) {
    let spelling = &ctx.text[part.clone()];
    let lexicon = ctx.corpus.lexicon();
    let key = given_key(lexicon, spelling);
    let cluster: Vec<Spelling> = givens
        .spellings()
        .into_iter()
        .filter(|s| {
            let k = given_key(lexicon, &s.spelling);
            k == key || resolve::compare(&k, &key).is_some()
        })
        .collect();
    let Some(preferred) = ctx
        .corpus
        .preferred_given(cluster.iter().map(|s| s.spelling.as_str()))
    else {
        return;
    };
    if cluster.len() < 2 || same_spelling(spelling, &preferred) {
        return;
    }
    out.push(Finding {
        code: CODE,
        severity,
        span: part,
        message: message(spelling, here.count(ctx, spelling), &preferred, &cluster),
        data: FindingData::NameVariant {
            spelling: spelling.to_string(),
            preferred,
            variants: cluster,
            lost_apostrophe: false,
        },
    });
}

/// How many times each spelling is written in this article, as a word:
/// counted once per spelling, so that an article with thousands of findings
/// reads its text once per spelling, not once per finding.
#[derive(Default)]
struct Here(HashMap<String, usize>);

impl Here {
    fn count(&mut self, ctx: &Context, spelling: &str) -> usize {
        if let Some(&n) = self.0.get(spelling) {
            return n;
        }
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        let n = ctx
            .text
            .match_indices(spelling)
            .filter(|(i, w)| !is_word(ctx.text[..*i].chars().next_back()) && !is_word(ctx.text[i + w.len()..].chars().next()))
            .count()
            .max(1);
        self.0.insert(spelling.to_string(), n);
        n
    }
}

/// "once", "6 times".
pub fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// "26 times in 4 articles", "once in 1 article".
fn counts(s: &Spelling) -> String {
    let articles = if s.articles == 1 { "article" } else { "articles" };
    format!("{} in {} {articles}", times(s.mentions), s.articles)
}

/// `Dmitriyev (6 times in this article): the corpus writes Dmitriev (26
/// times in 4 articles)`, then the other spellings, if any.
pub fn message(spelling: &str, here: usize, preferred: &str, spellings: &[Spelling]) -> String {
    let mut msg = format!("{spelling} ({} in this article): the corpus writes {preferred}", times(here));
    if let Some(p) = spellings.iter().find(|s| s.spelling == preferred) {
        msg.push_str(&format!(" ({})", counts(p)));
    }
    let others: Vec<String> = spellings
        .iter()
        .filter(|s| s.spelling != preferred && s.spelling != spelling)
        .map(|s| format!("{} ({})", s.spelling, counts(s)))
        .collect();
    if !others.is_empty() {
        msg.push_str("; also ");
        msg.push_str(&others.join(", "));
    }
    msg
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::fixture::{check, check_with_config};

    const CORPUS: &str = r#"
//- /one.txt
Envoy arrives
Source: Harbour Gazette

Kirill Dmitriev arrived on Monday. Dmitriev met the mayor of Kyiv.
//- /two.txt
Envoy talks
Source: Harbour Gazette

Kirill Dmitriev said the talks went well. Dmitriev left Kyiv later.
//- /three.txt
Envoy leaves
Source: Harbour Gazette

Kirill Dmitriyev left Kiev on Friday.
       ^^^^^^^^^ name-variant: Dmitriyev (once in this article): the corpus writes Dmitriev (4 times in 2 articles)
                      ^^^^ name-variant: the corpus writes Kyiv
"#;

    #[test]
    fn the_minority_spelling_is_flagged_with_counts() {
        check(&["name-variant"], CORPUS);
    }

    #[test]
    fn a_configured_spelling_wins_over_the_majority() {
        let mut config = Config::default();
        config.names.prefer = vec!["Dmitriyev".into()];
        check_with_config(
            &["name-variant"],
            r#"
//- /one.txt
Source: Harbour Gazette
Kirill Dmitriev arrived on Monday.
       ^^^^^^^^ name-variant: the corpus writes Dmitriyev
//- /two.txt
Source: Harbour Gazette
Kirill Dmitriyev left on Friday.
"#,
            config,
        );
    }

    #[test]
    fn different_words_outlets_and_possessives_are_not_variants() {
        check(
            &["name-variant"],
            r#"
//- /one.txt
Source: The Kyiv Independent
ODESA, May 2 - Russia and Russian officials met Ukraine and Ukrainian ones in Iran. Trump's plan was discussed on NBC News in Odesa.
//- /two.txt
Source: Harbour Gazette
Donald Trump spoke to NBC in Iraq. Olena Zelenska and Volodymyr Zelensky visited Kyiv.
"#,
        );
    }

    #[test]
    fn a_possessive_without_its_apostrophe_is_reported_as_such() {
        check(
            &["name-variant", "lost-apostrophe"],
            r#"
Source: Harbour Gazette
Putins economic envoy arrived. Vladimir Putin's aide said so, and Putin agreed.
^^^^^^ lost-apostrophe: a possessive that lost its apostrophe; write 'Putin's'
"#,
        );
    }
    #[test]
    fn a_near_spelling_beyond_the_keys_is_linked() {
        check(&["name-variant"], r#"
//- /one.txt
Source: Harbour Gazette
Yusuf Haddadin spoke on Monday. Haddadin left early.
//- /two.txt
Source: Harbour Gazette
Yusuf Haddadin met the press. Haddadin smiled.
//- /three.txt
Source: Harbour Gazette
Yusuf Hadadeen spoke on Friday.
      ^^^^^^^^ name-variant: the corpus writes Haddadin
"#);
    }

    #[test]
    fn a_given_name_spelled_another_way_is_a_variant() {
        check(&["name-variant"], r#"
//- /one.txt
Source: Harbour Gazette
Ahmad Rashidi opened the port on Monday.
//- /two.txt
Source: Harbour Gazette
Ahmad Rashidi said the port would stay open.
//- /three.txt
Source: Harbour Gazette
Ahmed Rashidi left the port on Friday.
^^^^^ name-variant: Ahmed (once in this article): the corpus writes Ahmad
"#);
    }

    #[test]
    fn look_alikes_stay_apart_two_kims_and_a_reporter_sharing_a_surname() {
        check(&["name-variant"], r#"
//- /one.txt
Source: Harbour Gazette
President Park Ji-hoon spoke on Monday. Kim Min-jae, the finance minister, agreed.
//- /two.txt
Source: Harbour Gazette
President Park Ji-hoon left. Kim Hyun-woo, the central bank governor, stayed.
//- /three.txt
Source: Harbour Gazette
Reporting by Daniel Park. Kim Hyun-woo said rates would rise.
"#);
    }

    #[test]
    fn turkish_letters_fold() {
        check(&["name-variant"], r#"
//- /one.txt
Source: Harbour Gazette
Opposition leader Kemal Kılıçdaroğlu spoke in İzmir. Kılıçdaroğlu left.
//- /two.txt
Source: Harbour Gazette
Kemal Kılıçdaroğlu met voters.
//- /three.txt
Source: Harbour Gazette
Kilicdaroglu spoke later.
^^^^^^^^^^^^ name-variant: the corpus writes Kılıçdaroğlu
"#);
    }

    #[test]
    fn a_hyphen_inside_a_korean_given_name_is_no_finding() {
        check(&["name-variant"], r#"
//- /one.txt
Source: Harbour Gazette
Lee Min-ho spoke on Monday. Lee said so.
//- /two.txt
Source: Harbour Gazette
Lee Min Ho met the press.
"#);
    }

    #[test]
    fn an_alias_is_no_spelling_of_the_other_name() {
        check(&["name-variant"], r#"
//- /one.txt
Source: Harbour Gazette
Omar Basri, also known as Abu Layth, spoke on Monday. Basri left.
//- /two.txt
Source: Harbour Gazette
The commander Abu Layth spoke again. Layth said the talks were over.
"#);
    }
}
