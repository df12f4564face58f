//! Position conversion round-trips in UTF-8, UTF-16 and UTF-32, and
//! `newslint.toml` parsing never panics, on random input. The seed is fixed
//! so that CI runs the same cases every time; set `PROPTEST_CASES` to run
//! more.

use std::path::Path;

use newslint::config::Config;
use newslint::text::{Encoding, LineCol, LineIndex};
use proptest::prelude::*;

mod props_config;
use props_config::runner;


/// Text of one- to four-byte characters, surrogate pairs, combining marks
/// and every kind of line break.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec!["a", "Z", " ", "é", "e\u{301}", "“", "”", "€", "😀", "👩‍👧", "中", "\n", "\r\n", "\r", "\n\n", "\t", "\u{2028}", "\u{feff}", "\0"]);
    prop::collection::vec(pieces, 0..80).prop_map(|p| p.concat())
}

const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

/// Offsets between a CR and its LF belong to no position of their own.
/// FIXME(issue 8, item 5, owned with `src/text.rs`): a lone CR is not yet a
/// line break, so the end of a text ending in CR has no position either;
/// that offset is left out until the lone-CR change lands.
fn inside_crlf(text: &str, offset: usize) -> bool {
    let after_cr = offset > 0 && text.as_bytes()[offset - 1] == b'\r';
    after_cr && (text.as_bytes().get(offset) == Some(&b'\n') || offset == text.len())
}

proptest! {
    #![proptest_config(runner(3000))]

    #[test]
    fn offsets_round_trip_through_line_and_column(text in text()) {
        let index = LineIndex::new(&text);
        for enc in ENCODINGS {
            let mut last = LineCol { line: 0, col: 0 };
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o) && !inside_crlf(&text, o)) {
                let pos = index.line_col(&text, offset, enc);
                prop_assert!(pos >= last, "{enc:?}: {offset} went back to {pos:?} from {last:?}");
                last = pos;
                prop_assert_eq!(index.offset(&text, pos, enc), offset, "{:?} {:?}", enc, pos);
            }
        }
    }

    #[test]
    fn any_position_lands_on_a_character_boundary(text in text(), line in 0u32..100, col in 0u32..200) {
        let index = LineIndex::new(&text);
        for enc in ENCODINGS {
            let offset = index.offset(&text, LineCol { line, col }, enc);
            prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
            // Any offset at all, even inside a character, gives a position
            // that leads back to a boundary at or before it.
            let inside = (offset + col as usize % 3).min(text.len());
            let back = index.offset(&text, index.line_col(&text, inside, enc), enc);
            prop_assert!(back <= inside && text.is_char_boundary(back));
        }
    }

    #[test]
    fn any_toml_ish_text_parses_or_gives_a_placed_error(toml in toml_ish()) {
        match Config::parse(&toml, Path::new("newslint.toml")) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(!e.message.is_empty());
                let lines = toml.split('\n').count();
                if let Some(line) = e.line {
                    prop_assert!(line >= 1 && line <= lines, "line {line} of {lines}: {e}");
                    prop_assert!(e.column.is_some_and(|c| c >= 1));
                }
            }
        }
    }
}

/// Fragments of `newslint.toml`: its sections and keys, right and wrong
/// values, bad globs, broken syntax and odd characters.
fn toml_ish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "[names]\n", "[lexicon]\n", "[rules]\n", "[files]\n", "[other]\n", "[[names]]\n", "[names\n",
        "prefer = ", "distinct = ", "outlets = ", "speech_verbs = ", "titles = ", "include = ", "exclude = ",
        "missing-source = ", "name-variant = ", "no-such-rule = ", "rules.anonymous-source = ", "files = { include = ",
        "\"error\"", "\"off\"", "\"loud\"", "\"warn\"", "\"info\"", "1", "true", "1979-05-27", "3.5", "inf",
        "[\"Dmitriev\"]", "[[\"Ivanov\", \"Ivanow\"]]", "[[\"Ivanov\"]]", "[\"**/*.md\"]", "[\"a[b\"]", "[\"{x\"]", "[\"drafts/**\"]",
        "[", "]", "{", "}", ",", "=", "\"", "'", "'''", "\"\"\"", "\\", "\\u00e9", "\\ud83d", "#", " ", "\t", "\n", "\r\n", "\r",
        "é", "😀", "\u{feff}", "\0",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}
