//! Incremental edits: the server's own edit function
//! (`newslint::server::apply_changes`, a rope edited in place, as for an open
//! document) against a plain-string model that applies the same `didChange`
//! ranges with `text::LineIndex`. After every change the two texts are equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::server::apply_changes;
use newslint::server::lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use newslint::text::{Encoding, LineCol, LineIndex};

/// Pieces the inserted texts and the first text are made of.
const PIECES: &[&str] = &["a", "Z ", "é", "“", "”", "😀", "中", "\n", "\r\n", "e\u{301}", " said ", "\t"];

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }

    fn text(&mut self) -> String {
        let n = self.next().unwrap_or(0) % 12;
        (0..n).filter_map(|_| self.next()).map(|b| PIECES[b as usize % PIECES.len()]).collect()
    }

    fn position(&mut self) -> Option<Position> {
        let line = self.next()?;
        let character = self.next()?;
        // Mostly near the text, sometimes far past its end.
        let far = if line > 250 { 1_000_000 } else { 0 };
        Some(Position { line: u32::from(line % 8) + far, character: u32::from(character % 24) })
    }
}

/// The model: the same change on a `String`.
fn apply_model(text: &mut String, range: Option<Range>, new: &str, enc: Encoding) {
    let Some(range) = range else {
        *text = new.to_string();
        return;
    };
    let index = LineIndex::new(text);
    let at = |p: Position| index.offset(text, LineCol { line: p.line, col: p.character }, enc);
    let start = at(range.start);
    let end = at(range.end).max(start);
    text.replace_range(start..end, new);
}

fuzz_target!(|data: &[u8]| {
    let mut bytes = Bytes(data);
    let enc = match bytes.next().unwrap_or(0) % 3 {
        0 => Encoding::Utf8,
        1 => Encoding::Utf16,
        _ => Encoding::Utf32,
    };
    let mut model = bytes.text();
    let mut text = model.clone();
    let mut version = 1;
    while let Some(kind) = bytes.next() {
        // One didChange of one to three changes, each after the one before.
        let mut changes = Vec::new();
        for _ in 0..=kind % 3 {
            let range = if kind == 255 { None } else { bytes.position().zip(bytes.position()).map(|(start, end)| Range { start, end }) };
            let Some(range) = range.or(if kind == 255 { None } else { return }) else {
                changes.push(TextDocumentContentChangeEvent { range: None, range_length: None, text: bytes.text() });
                continue;
            };
            changes.push(TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: bytes.text() });
        }
        for c in &changes {
            apply_model(&mut model, c.range, &c.text, enc);
        }
        version += 1;
        text = apply_changes(&text, changes, enc);
        assert_eq!(text, model, "{enc:?} after version {version}");
    }
});
