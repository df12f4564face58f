//! Properties of the server's edge, on a few thousand random cases each
//! (stable Rust; the fuzz targets `lsp_frames` and `incremental_edits` call
//! the same entry points):
//! - the frame reader never stops: any byte stream, then a well-formed
//!   frame, and that frame comes out byte-equal;
//! - well-formed frames, split anywhere, pass through byte-equal;
//! - incremental edits in UTF-8, UTF-16 and UTF-32, on texts mixing LF,
//!   CRLF and lone CRs, leave the text a plain-string model computes.

mod common;

use common::line_starts;
use newslint::server::apply_changes;
use newslint::server::framing::{encode, Frame, FrameReader};
use newslint::text::Encoding;
use proptest::prelude::*;
use newslint::server::lsp_types::{Position, Range, TextDocumentContentChangeEvent};

fn message(i: usize, text: &str) -> Vec<u8> {
    serde_json::json!({ "jsonrpc": "2.0", "method": "$/test", "params": { "i": i, "text": text } }).to_string().into_bytes()
}

/// Feed `stream` in pieces of the given sizes and collect the frames.
fn read_all(stream: &[u8], cuts: &[usize]) -> Vec<Frame> {
    let mut reader = FrameReader::new();
    let mut out = Vec::new();
    let mut rest = stream;
    for &cut in cuts.iter().chain(std::iter::repeat(&64)) {
        if rest.is_empty() {
            break;
        }
        let (piece, tail) = rest.split_at(cut.clamp(1, rest.len()));
        reader.push(piece);
        rest = tail;
        out.extend(std::iter::from_fn(|| reader.next_frame()));
    }
    out
}

fn messages(frames: &[Frame]) -> Vec<Vec<u8>> {
    frames
        .iter()
        .filter_map(|f| match f {
            Frame::Message(m) => Some(m.body.clone()),
            Frame::Malformed(_) => None,
        })
        .collect()
}

/// Bytes a hostile or broken client may send: random bytes, header-like
/// lines, JSON fragments.
fn hostile() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40),
        Just(b"Content-Length: ".to_vec()),
        (0usize..200).prop_map(|n| format!("Content-Length: {n}\r\n").into_bytes()),
        Just(b"\r\n\r\n".to_vec()),
        Just(b"{\"jsonrpc\":\"2.0\",".to_vec()),
        Just(b"\\ud83d".to_vec()),
        Just(b"[]".to_vec()),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_then_a_frame_the_frame_comes_through(junk in hostile(), cuts in proptest::collection::vec(1usize..80, 0..20), text in "\\PC{0,30}") {
        let body = message(1, &text);
        let stream = [junk.as_slice(), &encode(&body)].concat();
        let frames = read_all(&stream, &cuts);
        let passed = messages(&frames);
        prop_assert_eq!(passed.last(), Some(&body), "{:?}", String::from_utf8_lossy(&stream));
    }

    #[test]
    fn well_formed_frames_pass_through_byte_equal(texts in proptest::collection::vec("\\PC{0,40}", 1..6), cuts in proptest::collection::vec(1usize..50, 0..30)) {
        let bodies: Vec<Vec<u8>> = texts.iter().enumerate().map(|(i, t)| message(i, t)).collect();
        let stream: Vec<u8> = bodies.iter().flat_map(|b| encode(b)).collect();
        let frames = read_all(&stream, &cuts);
        prop_assert_eq!(frames.len(), bodies.len());
        prop_assert_eq!(messages(&frames), bodies);
    }
}

/// The position of an offset in a plain-string model of LSP positions:
/// lines end at "\n", "\r\n" or a lone "\r" ([`common::line_starts`]).
fn position(text: &str, offset: usize, enc: Encoding) -> Position {
    let starts = line_starts(text);
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let prefix = &text[starts[line]..offset];
    let character = match enc {
        Encoding::Utf8 => prefix.len(),
        Encoding::Utf16 => prefix.encode_utf16().count(),
        Encoding::Utf32 => prefix.chars().count(),
    };
    Position::new(line as u32, character as u32)
}

/// Offsets where a cursor can be: char boundaries, not inside a CRLF.
fn cursors(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    text.char_indices().map(|(i, _)| i).chain([text.len()]).filter(|&i| !(i > 0 && b[i - 1] == b'\r' && b.get(i) == Some(&b'\n'))).collect()
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("’".to_string()),
        Just("😀".to_string()),
        Just("é".to_string()),
        "[a-z ]{1,5}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn incremental_edits_leave_the_text_the_model_computes(
        start in proptest::collection::vec(piece(), 0..12),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), piece()), 1..8),
        enc in prop_oneof![Just(Encoding::Utf8), Just(Encoding::Utf16), Just(Encoding::Utf32)],
    ) {
        let mut model: String = start.concat();
        let original = model.clone();
        let mut changes = Vec::new();
        for (a, b, text) in edits {
            let spots = cursors(&model);
            let (a, b) = (*a.get(&spots), *b.get(&spots));
            let (s, e) = (a.min(b), a.max(b));
            let range = Range { start: position(&model, s, enc), end: position(&model, e, enc) };
            changes.push(TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: text.clone() });
            model.replace_range(s..e, &text);
        }
        // All in one `didChange`: each change on the rope the one before
        // left.
        let server = apply_changes(&original, changes.clone(), enc);
        prop_assert_eq!(&server, &model, "{:?} {:?}", enc, changes);
    }
}
