//! Completion of names: after two letters of a capitalised word, the
//! corpus's preferred spellings of the names that start so, with the kind
//! and the counts as detail. Nothing inside an ordinary lowercase word.

use std::path::Path;

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Position, Range, TextEdit,
};

use super::card::plural;
use super::state::State;

/// Letters typed before names are offered.
const MIN_PREFIX: usize = 2;
/// The most items offered.
const MAX_ITEMS: usize = 50;

pub fn completions(st: &State, path: &Path, pos: Position) -> Vec<CompletionItem> {
    let Some((entry, lines)) = st.article(path) else { return Vec::new() };
    let Some(offset) = lines.offset_within(pos) else { return Vec::new() };
    let Some(prefix) = name_prefix(&entry.text[..offset]) else { return Vec::new() };
    let start = offset - prefix.len();
    let range = Range { start: lines.position(start), end: pos };
    let mut items: Vec<(usize, CompletionItem)> = Vec::new();
    for id in st.corpus.entity_ids() {
        let Some(stats) = st.corpus.spelling_stats(&id) else { continue };
        let Some(preferred) = st.corpus.preferred_for(&id, &stats) else { continue };
        // The fullest name is offered when the prefix starts it ("Ki" for
        // "Kirill Dmitriev"), the preferred spelling when it starts that.
        let offers_head = starts_with(&preferred, prefix) && preferred != prefix;
        // The card (which walks the entity's articles) only for a name
        // that may start so: its head or one of its given names does.
        let given_starts = || {
            st.corpus.given_stats(&id).is_some_and(|g| g.spellings().iter().any(|s| starts_with(&s.spelling, prefix)))
        };
        if !offers_head && !given_starts() {
            continue;
        }
        let Some(card) = st.corpus.card(&id) else { continue };
        let offers_full = card.name != preferred && starts_with(&card.name, prefix) && card.name != prefix;
        if !offers_head && !offers_full {
            continue;
        }
        let detail = format!("{} · {} in {}", card.kind.as_str(), plural(card.mentions, "mention"), plural(card.articles, "article"));
        for label in [offers_full.then(|| card.name.clone()), offers_head.then(|| preferred.clone())].into_iter().flatten() {
            items.push((
                card.mentions,
                CompletionItem {
                    label: label.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: Some(detail.clone()),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: label.clone() })),
                    filter_text: Some(label),
                    ..Default::default()
                },
            ));
        }
    }
    // The most mentioned first; the client sorts by `sortText`.
    items.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.label.cmp(&b.1.label)));
    items.dedup_by(|a, b| a.1.label == b.1.label);
    items.truncate(MAX_ITEMS);
    items
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut item))| {
            item.sort_text = Some(format!("{i:04}"));
            item
        })
        .collect()
}

/// The word being typed before the cursor, when it is the start of a name:
/// it begins a word, starts with a capital and has at least two letters.
/// "Dm" is; "dm", "aDm" and a lone "D" are not.
fn name_prefix(before: &str) -> Option<&str> {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        .last()
        .map(|(i, _)| i)?;
    let word = &before[start..];
    let mut chars = word.chars();
    let first = chars.next()?;
    (first.is_uppercase() && word.chars().filter(|c| c.is_alphabetic()).count() >= MIN_PREFIX).then_some(word)
}

/// `name` starts with `prefix`, the first letter as typed and the rest in
/// any case ("DMi" still finds "Dmitriev").
fn starts_with(name: &str, prefix: &str) -> bool {
    let (mut n, mut p) = (name.chars(), prefix.chars());
    if n.next() != p.next() {
        return false;
    }
    let rest_name: String = n.flat_map(char::to_lowercase).collect();
    let rest_prefix: String = p.flat_map(char::to_lowercase).collect();
    rest_name.starts_with(&rest_prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_starts_with_a_capital_and_two_letters() {
        assert_eq!(name_prefix("met with Dm"), Some("Dm"));
        assert_eq!(name_prefix("“Dmi"), Some("Dmi"));
        assert_eq!(name_prefix("met with D"), None);
        assert_eq!(name_prefix("the harbour dm"), None);
        assert_eq!(name_prefix("the harbOUr"), None);
        assert_eq!(name_prefix("end. "), None);
        assert!(starts_with("Dmitriev", "DMi") && !starts_with("Dmitriev", "dm") && !starts_with("Admitri", "Dm"));
    }
}
