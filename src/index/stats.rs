//! How often each spelling of a name occurs, kept up to date per article.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::lexicon::Lexicon;
use crate::translit::fold;

/// Articles and mentions of one spelling.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Spelling {
    pub spelling: String,
    pub articles: usize,
    pub mentions: usize,
}

/// Counts per spelling for one entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpellingStats {
    counts: BTreeMap<String, (usize, usize)>,
}

impl SpellingStats {
    /// Count one article's mentions (their spellings, with repeats).
    pub fn add_article(&mut self, spellings: &[&str]) {
        let distinct: BTreeSet<&str> = spellings.iter().copied().collect();
        for s in &distinct {
            let mentions = spellings.iter().filter(|x| *x == s).count();
            // A spelling the stats have already costs no new string.
            match self.counts.get_mut(*s) {
                Some(c) => *c = (c.0 + 1, c.1 + mentions),
                None => {
                    self.counts.insert(s.to_string(), (1, mentions));
                }
            }
        }
    }

    /// Undo [`SpellingStats::add_article`] for the same spellings.
    pub fn remove_article(&mut self, spellings: &[&str]) {
        let distinct: BTreeSet<&str> = spellings.iter().copied().collect();
        for s in distinct {
            let mentions = spellings.iter().filter(|x| **x == s).count();
            if let Some(c) = self.counts.get_mut(s) {
                c.0 = c.0.saturating_sub(1);
                c.1 = c.1.saturating_sub(mentions);
                if c.0 == 0 {
                    self.counts.remove(s);
                }
            }
        }
    }

    pub fn merge(&mut self, other: &SpellingStats) {
        for (s, (a, m)) in &other.counts {
            let c = self.counts.entry(s.clone()).or_default();
            c.0 += a;
            c.1 += m;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Every spelling, most articles first, then most mentions.
    pub fn spellings(&self) -> Vec<Spelling> {
        let mut v: Vec<Spelling> = self
            .counts
            .iter()
            .map(|(s, &(articles, mentions))| Spelling {
                spelling: s.clone(),
                articles,
                mentions,
            })
            .collect();
        v.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then(b.mentions.cmp(&a.mentions))
                .then(a.spelling.cmp(&b.spelling))
        });
        v
    }

    /// Every spelling, in alphabetical order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.counts.keys().map(String::as_str)
    }

    pub fn get(&self, spelling: &str) -> Option<Spelling> {
        self.counts
            .get(spelling)
            .map(|&(articles, mentions)| Spelling {
                spelling: spelling.to_string(),
                articles,
                mentions,
            })
    }

    /// Articles under all spellings (an article with two spellings counts
    /// twice).
    pub fn article_count(&self) -> usize {
        self.counts.values().map(|c| c.0).sum()
    }

    /// Mentions under all spellings.
    pub fn mentions(&self) -> usize {
        self.counts.values().map(|c| c.1).sum()
    }
}

/// The spelling a corpus prefers: one the configuration names, else the one
/// in most articles, then with most mentions, then the modern name of a
/// renamed place, then the first in alphabetical order.
pub fn preferred(
    stats: &SpellingStats,
    configured: &[String],
    lexicon: &Lexicon,
) -> Option<String> {
    let spellings = stats.spellings();
    if !configured.is_empty() {
        let configured: Vec<String> = configured.iter().map(|c| fold(c)).collect();
        if let Some(s) = spellings
            .iter()
            .find(|s| configured.contains(&fold(&s.spelling)))
        {
            return Some(s.spelling.clone());
        }
    }
    // Capitals ("ODESA" in a dateline) are typography: never preferred over
    // a spelling in ordinary case.
    let shouted = |s: &Spelling| {
        s.spelling.chars().filter(|c| c.is_alphabetic()).count() > 1
            && s.spelling
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    };
    let ordinary: Vec<&Spelling> = spellings.iter().filter(|s| !shouted(s)).collect();
    let pool: Vec<&Spelling> = if ordinary.is_empty() || ordinary.len() == spellings.len() {
        spellings.iter().collect()
    } else {
        ordinary
    };
    let top = *pool.first()?;
    let tied: Vec<&Spelling> = pool
        .iter()
        .copied()
        .filter(|s| s.articles == top.articles && s.mentions == top.mentions)
        .collect();
    let modern = if tied.len() > 1 {
        tied.iter()
            .find(|s| lexicon.renamed_targets.contains(&fold(&s.spelling)))
    } else {
        None
    };
    Some(modern.unwrap_or(&tied[0]).spelling.clone())
}

/// A spelling without what is style: case, hyphens, spaces, apostrophes.
pub fn form(s: &str) -> String {
    form_chars(s).collect()
}

/// The characters of [`form`]`(s)`, as they are read: for comparing two
/// forms without building either.
pub fn form_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !matches!(c, '-' | '‐' | ' ' | '\n' | '\'' | '’')).flat_map(char::to_lowercase)
}

/// The preferred spelling among `candidates`, in one order for the whole of
/// `totals`: a configured spelling first; never one that mixes scripts nor
/// one in capitals while another is not; then most articles, most mentions
/// in `forms` (the spellings counted without hyphens, spaces and case, when
/// given), then in `totals`; the modern name of a renamed place; a name in one piece
/// ("Suk-yeol") before one in several ("Suk Yeol"); then alphabetical. The
/// order does not depend on which candidates are offered, so two findings
/// can never advise opposite ways between the same two spellings.
pub fn best<'a>(
    candidates: impl Iterator<Item = &'a str>,
    totals: &SpellingStats,
    forms: Option<&SpellingStats>,
    configured: &[String],
    lexicon: &Lexicon,
) -> Option<String> {
    let configured: Vec<String> = configured.iter().map(|c| fold(c)).collect();
    let shouted = |s: &str| {
        s.chars().filter(|c| c.is_alphabetic()).count() > 1
            && s.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    };
    candidates
        .max_by_key(|s| {
            let (articles, mentions) = totals.counts.get(*s).copied().unwrap_or_default();
            let by_form = forms
                .and_then(|f| f.counts.get(&form(s)).copied())
                .unwrap_or_default();
            (
                configured.contains(&fold(s)),
                crate::translit::foreign_letters(s).is_empty(),
                !shouted(s),
                by_form,
                std::cmp::Reverse(s.split_whitespace().count()),
                articles,
                mentions,
                lexicon.renamed_targets.contains(&fold(s)),
                std::cmp::Reverse(s.to_string()),
            )
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_articles_and_mentions_and_undoes_them() {
        let mut s = SpellingStats::default();
        s.add_article(&["Dmitriev", "Dmitriev"]);
        s.add_article(&["Dmitriyev"]);
        s.add_article(&["Dmitriev"]);
        assert_eq!(
            s.get("Dmitriev"),
            Some(Spelling {
                spelling: "Dmitriev".into(),
                articles: 2,
                mentions: 3
            })
        );
        let lex = Lexicon::builtin();
        assert_eq!(preferred(&s, &[], &lex).as_deref(), Some("Dmitriev"));
        assert_eq!(
            preferred(&s, &["dmitriyev".into()], &lex).as_deref(),
            Some("Dmitriyev")
        );
        s.remove_article(&["Dmitriyev"]);
        assert_eq!(s.spellings().len(), 1);
    }

    #[test]
    fn a_tie_goes_to_the_modern_name_of_a_place() {
        let mut s = SpellingStats::default();
        s.add_article(&["Kiev"]);
        s.add_article(&["Kyiv"]);
        assert_eq!(
            preferred(&s, &[], &Lexicon::builtin()).as_deref(),
            Some("Kyiv")
        );
    }
}
