//! Positions at the edge: LSP line/character pairs in the encoding the
//! client and server agreed on, converted to and from byte offsets with
//! [`LineIndex`]. Nothing past this module sees an LSP position.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::analysis::Span;
use crate::text::{Encoding, LineCol, LineIndex};

/// Pick the encoding for columns: UTF-8 when the client offers it (no
/// conversion at all), else UTF-16, which every client must support; UTF-32
/// only when it is the only one offered.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
    let offered = offered.unwrap_or(&[]);
    let has = |k: &PositionEncodingKind| offered.iter().any(|o| o == k);
    if has(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else if offered.is_empty() || has(&PositionEncodingKind::UTF16) {
        Encoding::Utf16
    } else if has(&PositionEncodingKind::UTF32) {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

pub fn kind(enc: Encoding) -> PositionEncodingKind {
    match enc {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// One text with its line index, for converting many offsets. The index
/// of an article in the corpus is made once per text and kept
/// ([`super::state::State::lines`]); other texts get one made for them.
pub struct Lines<'a> {
    text: &'a str,
    index: Arc<LineIndex>,
    enc: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, enc: Encoding) -> Lines<'a> {
        Lines { text, index: Arc::new(LineIndex::new(text)), enc }
    }

    /// With an index made of `text` before.
    pub fn with_index(text: &'a str, index: Arc<LineIndex>, enc: Encoding) -> Lines<'a> {
        Lines { text, index, enc }
    }

    pub fn position(&self, offset: usize) -> Position {
        let lc = self.index.line_col(self.text, offset, self.enc);
        Position { line: lc.line, character: lc.col }
    }

    pub fn range(&self, span: &Span) -> Range {
        Range { start: self.position(span.start), end: self.position(span.end) }
    }

    /// The byte offset of a position, clamped into the text (for the ends
    /// of a selection).
    pub fn offset(&self, pos: Position) -> usize {
        self.index.offset(self.text, LineCol { line: pos.line, col: pos.character }, self.enc)
    }

    /// The byte offset of a position a request asks about: `None` on a line
    /// past the end of the text; a column past the end of its line is the
    /// line's end (see [`LineIndex::offset_within`]).
    pub fn offset_within(&self, pos: Position) -> Option<usize> {
        self.index.offset_within(self.text, LineCol { line: pos.line, col: pos.character }, self.enc)
    }

    /// The 1-based line of an offset, for people.
    pub fn line_number(&self, offset: usize) -> u32 {
        self.index.line_col(self.text, offset, Encoding::Utf32).line + 1
    }

    /// The range covering the whole text.
    pub fn whole(&self) -> Range {
        self.range(&(0..self.text.len()))
    }
}

/// The byte offset in a rope of a position, clamped like [`LineIndex::offset`]:
/// a line past the end is the end of the text, a column past the end of a
/// line is the end of that line (before its line break).
pub fn rope_offset(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let text = rope.line(line).to_string();
    let index = LineIndex::new(&text);
    start + index.offset(&text, LineCol { line: 0, col: pos.character }, enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_wins_then_utf16_then_utf32_alone() {
        use PositionEncodingKind as K;
        assert_eq!(negotiate(None), Encoding::Utf16);
        assert_eq!(negotiate(Some(&[K::UTF16, K::UTF8])), Encoding::Utf8);
        assert_eq!(negotiate(Some(&[K::UTF32, K::UTF16])), Encoding::Utf16);
        assert_eq!(negotiate(Some(&[K::UTF32])), Encoding::Utf32);
    }

    #[test]
    fn a_lone_cr_ends_a_line_in_the_rope_as_in_the_line_index() {
        let text = "one\rtwo\r\nthree\nfour\r";
        let rope = Rope::from_str(text);
        assert_eq!(rope.len_lines(), LineIndex::new(text).line_count());
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let lines = Lines::new(text, enc);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let pos = lines.position(offset);
                // No position falls between the CR and LF of a CRLF.
                let inside_crlf = offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text.as_bytes().get(offset) == Some(&b'\n');
                if !inside_crlf {
                    assert_eq!(rope_offset(&rope, pos, enc), offset, "{enc:?} {pos:?}");
                }
            }
        }
    }

    #[test]
    fn rope_offsets_agree_with_the_line_index_on_crlf_and_emoji() {
        let text = "one\r\n“Hi 😀,” she said\nlast";
        let rope = Rope::from_str(text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let lines = Lines::new(text, enc);
            for (offset, _) in text.char_indices().filter(|&(_, c)| c != '\n') {
                let pos = lines.position(offset);
                assert_eq!(rope_offset(&rope, pos, enc), offset, "{enc:?} {pos:?}");
            }
            // Past the end of a line: before its CRLF.
            assert_eq!(rope_offset(&rope, Position { line: 0, character: 40 }, enc), 3);
            assert_eq!(rope_offset(&rope, Position { line: 9, character: 0 }, enc), text.len());
        }
    }
}
