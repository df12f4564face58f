//! Byte offsets to lines and columns and back, in any of the encodings a
//! client may count columns in. Everything inside newslint works in byte
//! offsets; front ends convert once, at the edge, with a [`LineIndex`].

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (LSP's default; what VS Code counts).
    Utf16,
    /// Unicode scalar values (what `newslint check` prints, 1-based).
    Utf32,
}

/// A zero-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of one text. A line ends at `\n`, `\r\n` or a lone `\r`, as
/// in LSP (old Mac files, and clients that follow the specification, count
/// a lone CR as a break).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineIndex { starts, len: text.len() }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of line `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let Some(&next) = self.starts.get(line + 1) else { return start..self.len };
        let crlf = next >= start + 2 && &text.as_bytes()[next - 2..next] == b"\r\n";
        start..next - if crlf { 2 } else { 1 }
    }

    /// The line and column of a byte offset. An offset inside a character is
    /// moved back to its start; one past the end is clamped.
    pub fn line_col(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let prefix = &text[self.starts[line]..offset];
        LineCol { line: line as u32, col: width(prefix, enc) as u32 }
    }

    /// The byte offset of a line and column. Columns past the end of the line
    /// are clamped to it, lines past the end to the end of the text, and a
    /// column inside a character (half a surrogate pair) to its start.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        self.offset_within(text, pos, enc).unwrap_or(text.len())
    }

    /// The byte offset of a line and column, `None` for a line past the end
    /// of the text. A column past the end of a real line is clamped to the
    /// line's end (editors such as Helix clamp columns within a line too),
    /// and one inside a character to its start.
    pub fn offset_within(&self, text: &str, pos: LineCol, enc: Encoding) -> Option<usize> {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return None;
        }
        let range = self.line_range(text, line);
        let mut counted = 0usize;
        for (i, ch) in text[range.clone()].char_indices() {
            let w = char_width(ch, enc);
            if counted + w > pos.col as usize {
                return Some(range.start + i);
            }
            counted += w;
        }
        Some(range.end)
    }
}

fn char_width(ch: char, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => ch.len_utf8(),
        Encoding::Utf16 => ch.len_utf16(),
        Encoding::Utf32 => 1,
    }
}

/// The width of `s` in the given encoding.
pub fn width(s: &str, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.encode_utf16().count(),
        Encoding::Utf32 => s.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_a_line_with_curly_quotes_and_an_emoji() {
        let text = "one\r\n“Hi 😀,” she said\n";
        let idx = LineIndex::new(text);
        let said = text.find("said").unwrap();
        assert_eq!(idx.line_col(text, said, Encoding::Utf32), LineCol { line: 1, col: 12 });
        assert_eq!(idx.line_col(text, said, Encoding::Utf16), LineCol { line: 1, col: 13 });
        assert_eq!(idx.line_col(text, said, Encoding::Utf8), LineCol { line: 1, col: 19 });
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let lc = idx.line_col(text, said, enc);
            assert_eq!(idx.offset(text, lc, enc), said);
        }
    }

    #[test]
    fn a_lone_cr_ends_a_line_like_lf_and_crlf() {
        let text = "one\rtwo\r\nthree\nfour\r";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 5);
        let lines: Vec<&str> = (0..5).map(|l| &text[idx.line_range(text, l)]).collect();
        assert_eq!(lines, ["one", "two", "three", "four", ""]);
        let four = text.find("four").unwrap();
        assert_eq!(idx.line_col(text, four, Encoding::Utf16), LineCol { line: 3, col: 0 });
        assert_eq!(idx.offset(text, LineCol { line: 1, col: 1 }, Encoding::Utf8), text.find("wo").unwrap());
        // Past the end of a line: before its break, whichever it is.
        assert_eq!(idx.offset(text, LineCol { line: 0, col: 9 }, Encoding::Utf32), 3);
        assert_eq!(idx.offset(text, LineCol { line: 1, col: 9 }, Encoding::Utf32), 7);
    }

    #[test]
    fn a_line_past_the_end_is_out_of_range_but_a_column_is_clamped() {
        let text = "ab\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset_within(text, LineCol { line: 1_000_000, col: 0 }, Encoding::Utf16), None);
        assert_eq!(idx.offset_within(text, LineCol { line: 2, col: 0 }, Encoding::Utf16), None);
        assert_eq!(idx.offset_within(text, LineCol { line: 1, col: 99 }, Encoding::Utf16), Some(5));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf16), 2);
        assert_eq!(idx.offset(text, LineCol { line: 9, col: 0 }, Encoding::Utf16), 6);
        let emoji = "😀x";
        let idx = LineIndex::new(emoji);
        // Column 1 is inside the surrogate pair: it lands on the emoji's start.
        assert_eq!(idx.offset(emoji, LineCol { line: 0, col: 1 }, Encoding::Utf16), 0);
        assert_eq!(idx.line_col(emoji, 2, Encoding::Utf16), LineCol { line: 0, col: 0 });
    }
}
