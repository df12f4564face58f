//! `text::LineIndex`: every offset on a character boundary round-trips
//! through (line, column) in UTF-8, UTF-16 and UTF-32, positions only grow
//! with offsets, and any (line, column) at all lands on a boundary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::text::{Encoding, LineCol, LineIndex};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let index = LineIndex::new(text);
    for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
        let mut last = LineCol { line: 0, col: 0 };
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let pos = index.line_col(text, offset, enc);
            assert!(pos >= last, "{enc:?} {offset}: {pos:?} < {last:?}");
            last = pos;
            // Between CR and LF, and after a CR ending the text, there is no
            // position of its own (see tests/props_parsing.rs).
            let after_cr = offset > 0 && text.as_bytes()[offset - 1] == b'\r';
            if after_cr && (text.as_bytes().get(offset) == Some(&b'\n') || offset == text.len()) {
                continue;
            }
            assert_eq!(index.offset(text, pos, enc), offset, "{enc:?} {pos:?}");
        }
        for (i, pair) in data.chunks(2).enumerate().take(64) {
            let pos = LineCol { line: u32::from(pair[0]) + (i as u32 & 1) * 1_000_000, col: u32::from(*pair.get(1).unwrap_or(&0)) };
            let offset = index.offset(text, pos, enc);
            assert!(offset <= text.len() && text.is_char_boundary(offset));
        }
    }
});
