//! Our own framing in front of tower-lsp-server, whose reader stops at its
//! first decode error: we split the client's byte stream into frames
//! ourselves, answer a frame that does not parse with a JSON-RPC error and go
//! on, and hand the frames that parse to tower-lsp unchanged.
//!
//! The entry points, plain functions a fuzz target can call:
//! - [`frames_of`]: every frame of a byte stream, fed in pieces of a given
//!   size (the whole reader in one call).
//! - [`FrameReader`]: bytes in ([`FrameReader::push`]), [`Frame`]s out
//!   ([`FrameReader::next_frame`]); it never stops, whatever the bytes.
//! - [`check_body`]: what one body is (a message to forward, or why not).
//! - [`repair_surrogates`]: lone UTF-16 surrogate escapes (`"\ud83d"`, which
//!   JavaScript clients can produce and serde_json refuses) become U+FFFD.
//! - [`encode`]: a body with its `Content-Length` header.
//!
//! How a stream is resynchronised after a bad frame: a header line
//! `Content-Length: N` followed by CRLF can never occur inside valid JSON (a
//! raw CR is not allowed in a JSON string, and the words are not JSON outside
//! one), so wherever one appears a new frame starts, even inside the body of
//! a frame whose length lied.

use std::borrow::Cow;

use serde_json::{json, Value};
use tower_lsp_server::jsonrpc::{Request, Response};

/// A header block longer than this without its blank line is not a header.
const MAX_HEADER: usize = 4096;
/// Longer than a `Content-Length` line: `Content-Length: `, 20 digits, CRLF.
const HEADER_LINE: usize = 48;

/// JSON-RPC's code for a body that is not JSON.
pub const PARSE_ERROR: i64 = -32700;
/// JSON-RPC's code for JSON that is not a request, notification or response.
pub const INVALID_REQUEST: i64 = -32600;

/// One frame of the stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// A message that parses, to forward.
    Message(Message),
    /// Bytes that are not a message: answer with an error and go on.
    Malformed(Malformed),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The body, byte for byte as the client sent it, except that lone
    /// surrogate escapes are replaced (the length does not change).
    pub body: Vec<u8>,
    /// The method of a request or notification; `None` for a response.
    pub method: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    /// [`PARSE_ERROR`] or [`INVALID_REQUEST`].
    pub code: i64,
    /// The id to answer with: the request's own when the frame is a request
    /// with a usable id, else null.
    pub id: Value,
    /// What was wrong, in a few words, for the log and the error message.
    pub why: String,
}

impl Malformed {
    fn parse(why: impl Into<String>) -> Malformed {
        Malformed { code: PARSE_ERROR, id: Value::Null, why: why.into() }
    }

    /// The JSON-RPC error response to this frame.
    pub fn response(&self) -> Vec<u8> {
        let message = match self.code {
            PARSE_ERROR => "Parse error",
            _ => "Invalid request",
        };
        let reply = json!({
            "jsonrpc": "2.0",
            "id": self.id,
            "error": { "code": self.code, "message": format!("{message}: {}", self.why) }
        });
        reply.to_string().into_bytes()
    }
}

/// A body with its header, ready to write.
pub fn encode(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Every frame of `stream`, fed to a [`FrameReader`] `piece` bytes at a time
/// (at least one), as a pipe may deliver it; then the end of the stream.
pub fn frames_of(stream: &[u8], piece: usize) -> Vec<Frame> {
    let mut reader = FrameReader::new();
    let mut out = Vec::new();
    for chunk in stream.chunks(piece.max(1)) {
        reader.push(chunk);
        out.extend(std::iter::from_fn(|| reader.next_frame()));
    }
    out.extend(reader.finish().map(Frame::Malformed));
    out
}

/// Splits a byte stream into frames. Feed it bytes as they come; it keeps
/// what is not yet a whole frame.
#[derive(Default)]
pub struct FrameReader {
    buf: Vec<u8>,
    /// Inside a run of garbage already answered: skip to the next header
    /// without answering again.
    skipping: bool,
    /// How far the current frame's body was searched for a next header.
    searched: usize,
}

impl FrameReader {
    pub fn new() -> FrameReader {
        FrameReader::default()
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes held that are not yet a whole frame.
    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// The next whole frame, checked; `None` until more bytes come.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            match self.next_raw()? {
                Raw::Body(body) => {
                    let tail = body[body.len().saturating_sub(HEADER_LINE)..].to_vec();
                    let frame = check_body(body);
                    if matches!(frame, Frame::Malformed(_)) {
                        // Bytes after a body that does not parse are most
                        // likely the rest of it (a Content-Length too
                        // short): they need no answer of their own. The
                        // next header may have begun inside the body (a
                        // Content-Length too long whose end came before the
                        // rest of that header): look for it from the
                        // body's tail.
                        self.skipping = true;
                        self.buf.splice(0..0, tail);
                    }
                    return Some(frame);
                }
                Raw::Bad(m) => return Some(Frame::Malformed(m)),
                Raw::Skipped => continue,
            }
        }
    }

    /// The next whole frame's body, unchecked (for a stream we trust, like
    /// tower-lsp's own output), or a framing error.
    pub fn next_raw(&mut self) -> Option<Raw> {
        // Blank lines between frames are harmless.
        let blank = self.buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        if blank > 0 {
            self.consume(blank);
        }
        if self.buf.is_empty() {
            return None;
        }
        if self.skipping || !could_be_header(&self.buf) {
            return self.skip_garbage();
        }
        let Some(end) = find(&self.buf, b"\r\n\r\n") else {
            if self.buf.len() > MAX_HEADER {
                return Some(self.start_garbage("a header without its blank line"));
            }
            return None;
        };
        // Junk glued to the front of a real header ("xContent-Length: 5"),
        // or a header block that does not parse and holds a real header
        // further on: answer for the junk, and read from that header.
        let block = content_length(&self.buf[..end]);
        let glued = |at: &usize| self.buf[at - 1] != b'\n' || block.is_err();
        if let Some(at) = find_header(&self.buf[1..end + 2]).map(|i| i + 1).filter(glued) {
            self.consume(at);
            return Some(Raw::Bad(Malformed::parse("bytes before a header")));
        }
        let length = match block {
            Ok(n) => n,
            Err(why) => {
                self.consume(end + 4);
                self.skipping = true;
                return Some(Raw::Bad(Malformed::parse(why)));
            }
        };
        let body_start = end + 4;
        // A header inside the claimed body: the length lied.
        let from = body_start.max(self.searched.saturating_sub(HEADER_LINE));
        let claimed_end = body_start.saturating_add(length);
        let search_end = claimed_end.saturating_add(HEADER_LINE).min(self.buf.len());
        let next = find_header(&self.buf[from.min(search_end)..search_end]).map(|i| from + i);
        if let Some(next) = next.filter(|&n| n < claimed_end) {
            self.consume(next);
            return Some(Raw::Bad(Malformed::parse(format!(
                "Content-Length says {length} bytes but the next message starts after {}",
                next - body_start
            ))));
        }
        if self.buf.len() - body_start < length {
            self.searched = self.buf.len();
            return None;
        }
        let body = self.buf[body_start..body_start + length].to_vec();
        self.consume(body_start + length);
        Some(Raw::Body(body))
    }

    /// The stream ended: what is left, if anything, as a framing error.
    pub fn finish(&mut self) -> Option<Malformed> {
        let left = std::mem::take(&mut self.buf);
        (!left.is_empty() && !self.skipping)
            .then(|| Malformed::parse(format!("the input ended inside a message ({} bytes)", left.len())))
    }

    fn consume(&mut self, n: usize) {
        self.buf.drain(..n);
        self.searched = 0;
    }

    fn start_garbage(&mut self, why: &str) -> Raw {
        self.skipping = true;
        Raw::Bad(Malformed::parse(format!("{why}; skipping to the next Content-Length header")))
    }

    /// Garbage before a header: answer once, then drop bytes up to the next
    /// `Content-Length`.
    fn skip_garbage(&mut self) -> Option<Raw> {
        if !self.skipping {
            return Some(self.start_garbage("bytes that are not a header"));
        }
        match find_header(&self.buf) {
            Some(i) => {
                self.consume(i);
                self.skipping = false;
                Some(Raw::Skipped)
            }
            None => {
                // Keep a tail that may be the start of a header still coming.
                let tail = self.buf.len().saturating_sub(HEADER_LINE);
                let partial = b"content-length".len() - 1;
                let drop = find_ci(&self.buf[tail..], b"content-length")
                    .map_or(self.buf.len().saturating_sub(partial), |i| tail + i);
                self.consume(drop);
                None
            }
        }
    }
}

/// A frame before it is checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Body(Vec<u8>),
    Bad(Malformed),
    /// Garbage was dropped; nothing to answer.
    Skipped,
}

/// Whether `buf` starts like a header block: a header name (letters, digits,
/// `-`) then `:`, as far as the bytes go.
fn could_be_header(buf: &[u8]) -> bool {
    let name = buf.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
    match buf.get(name) {
        None => true,
        Some(b':') => name > 0,
        Some(_) => false,
    }
}

/// The `Content-Length` of a header block (without its blank line).
fn content_length(block: &[u8]) -> Result<usize, String> {
    let mut length = None;
    for line in block.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Err("a header line without a colon".into());
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        if name.is_empty() || !name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-') {
            return Err("a header line that is not a header".into());
        }
        if name.eq_ignore_ascii_case(b"content-length") {
            if length.is_some() {
                return Err("two Content-Length headers".into());
            }
            let value = std::str::from_utf8(value).unwrap_or("").trim();
            match value.parse::<usize>() {
                Ok(n) => length = Some(n),
                Err(_) => return Err(format!("Content-Length is not a number: {:?}", value.chars().take(40).collect::<String>())),
            }
        }
    }
    match length {
        Some(0) => Err("Content-Length is 0: an empty message".into()),
        Some(n) => Ok(n),
        None => Err("no Content-Length header".into()),
    }
}

/// Where `Content-Length:`, digits and CRLF start in `hay`: a header, which
/// valid JSON can never contain.
fn find_header(hay: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = find_ci(&hay[from..], b"content-length:").map(|i| from + i) {
        let rest = &hay[i + b"content-length:".len()..];
        let spaces = rest.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        let digits = rest[spaces..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && rest[spaces + digits..].starts_with(b"\r\n") {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// What a body is: a message to forward (its lone surrogate escapes
/// repaired), or why it is not one, in the terms tower-lsp's own decoder
/// would refuse it (so that nothing forwarded can stop that decoder).
pub fn check_body(body: Vec<u8>) -> Frame {
    let body = match repair_surrogates(&body) {
        Cow::Owned(repaired) => repaired,
        Cow::Borrowed(_) => body,
    };
    if let Err(e) = std::str::from_utf8(&body) {
        return Frame::Malformed(Malformed::parse(format!("the body is not UTF-8 (byte {})", e.valid_up_to())));
    }
    // In tower-lsp's order: a response first (a request's method defaults
    // to "", so a response would pass for one).
    if serde_json::from_slice::<Response>(&body).is_ok() {
        return Frame::Message(Message { body, method: None });
    }
    if let Ok(request) = serde_json::from_slice::<Request>(&body) {
        let method = Some(request.method().to_string());
        return Frame::Message(Message { body, method });
    }
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return Frame::Malformed(Malformed::parse(format!("not JSON: {e}"))),
    };
    let Some(object) = value.as_object() else {
        let what = if value.is_array() { "a batch (LSP has none)" } else { "not an object" };
        return Frame::Malformed(Malformed { code: INVALID_REQUEST, id: Value::Null, why: what.into() });
    };
    // A request we can answer by its id; anything else is answered with null.
    let id = match (object.get("method"), object.get("id")) {
        (Some(Value::String(_)), Some(id @ (Value::Number(_) | Value::String(_)))) => id.clone(),
        _ => Value::Null,
    };
    let why = if object.get("jsonrpc") != Some(&json!("2.0")) {
        "not JSON-RPC 2.0"
    } else {
        "neither a request, a notification nor a response"
    };
    Frame::Malformed(Malformed { code: INVALID_REQUEST, id, why: why.into() })
}

/// Replace every `\uXXXX` escape of a UTF-16 surrogate that is not half of
/// a pair by `\uFFFD`. The escape keeps its length, so the body does too.
/// `\\ud83d` (an escaped backslash, then letters) is left alone.
pub fn repair_surrogates(body: &[u8]) -> Cow<'_, [u8]> {
    let hex = |at: usize| -> Option<u16> {
        let digits = body.get(at..at + 4)?;
        u16::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let escape_at = |at: usize| -> Option<u16> { (body.get(at..at + 2)? == b"\\u").then(|| hex(at + 2)).flatten() };
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = escape_at(i) else {
            // Any other escape: skip the backslash and what it escapes.
            i += 2;
            continue;
        };
        let lone = match unit {
            0xD800..=0xDBFF => match escape_at(i + 6) {
                Some(0xDC00..=0xDFFF) => {
                    i += 12;
                    continue;
                }
                _ => true,
            },
            0xDC00..=0xDFFF => true,
            _ => false,
        };
        if lone {
            out.get_or_insert_with(|| body.to_vec())[i..i + 6].copy_from_slice(b"\\uFFFD");
        }
        i += 6;
    }
    match out {
        Some(o) => Cow::Owned(o),
        None => Cow::Borrowed(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(bytes: &[u8]) -> Vec<Frame> {
        frames_of(bytes, bytes.len())
    }

    const OPEN: &str = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;

    fn is_message(f: &Frame) -> bool {
        matches!(f, Frame::Message(m) if m.body == OPEN.as_bytes())
    }

    #[test]
    fn well_formed_frames_pass_through_byte_equal() {
        let stream = [encode(OPEN.as_bytes()), encode(OPEN.as_bytes())].concat();
        let got = frames(&stream);
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(is_message), "{got:?}");
    }

    #[test]
    fn a_frame_that_arrives_a_byte_at_a_time_is_whole() {
        let got = frames_of(&encode(OPEN.as_bytes()), 1);
        assert_eq!(got.len(), 1);
        assert!(is_message(&got[0]));
    }

    #[test]
    fn bad_bodies_are_answered_and_the_next_frame_still_comes() {
        let bad: [(&[u8], i64); 5] = [
            (b"{not json", PARSE_ERROR),
            (b"[]", INVALID_REQUEST),
            (b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\xfe\"}", PARSE_ERROR),
            (b"42", INVALID_REQUEST),
            (b"{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"x\"}", INVALID_REQUEST),
        ];
        for (body, code) in bad {
            let got = frames(&[encode(body), encode(OPEN.as_bytes())].concat());
            assert!(matches!(&got[0], Frame::Malformed(m) if m.code == code), "{body:?}: {got:?}");
            assert!(is_message(&got[1]), "{body:?}: {got:?}");
        }
    }

    #[test]
    fn a_response_from_the_client_is_a_message_without_a_method() {
        let got = frames(&encode(br#"{"jsonrpc":"2.0","id":3,"result":null}"#));
        assert!(matches!(&got[0], Frame::Message(m) if m.method.is_none()), "{got:?}");
    }

    #[test]
    fn a_request_with_a_usable_id_is_answered_by_it() {
        let got = frames(&encode(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#));
        assert!(matches!(&got[0], Frame::Malformed(m) if m.id == json!(7)));
        let got = frames(&encode(b"[1]"));
        assert!(matches!(&got[0], Frame::Malformed(m) if m.id == Value::Null));
    }

    #[test]
    fn lying_and_missing_lengths_resynchronise_at_the_next_header() {
        let next = encode(OPEN.as_bytes());
        let body = OPEN.as_bytes();
        let too_long = [format!("Content-Length: {}\r\n\r\n", body.len() + 500).as_bytes(), body, &next].concat();
        let too_short = [format!("Content-Length: {}\r\n\r\n", body.len() - 9).as_bytes(), body, &next].concat();
        let missing = [b"Content-Type: x\r\n\r\n".as_slice(), body, &next].concat();
        let bare = [body, &next].concat();
        let not_a_number = [b"Content-Length: many\r\n\r\n".as_slice(), body, &next].concat();
        for stream in [too_long, too_short, missing, bare, not_a_number] {
            let got = frames(&stream);
            assert!(matches!(&got[0], Frame::Malformed(m) if m.code == PARSE_ERROR), "{got:?}");
            assert!(got[1..].iter().all(|f| !is_message(f) || std::ptr::eq(f, got.last().unwrap())));
            assert!(is_message(got.last().unwrap()), "{:?}: {got:?}", String::from_utf8_lossy(&stream));
            assert_eq!(got.iter().filter(|f| matches!(f, Frame::Malformed(_))).count(), 1, "{got:?}");
        }
    }

    #[test]
    fn lone_surrogate_escapes_become_the_replacement_character() {
        let body = br#"{"t":"a\ud83d b\ude00 \ud83d\ude00 \\ud83d \u00e9"}"#;
        let repaired = repair_surrogates(body);
        assert_eq!(repaired.len(), body.len());
        let value: Value = serde_json::from_slice(&repaired).unwrap();
        assert_eq!(value["t"], "a\u{FFFD} b\u{FFFD} 😀 \\ud83d é");
        assert!(matches!(repair_surrogates(br#"{"t":"\ud83d\ude00"}"#), Cow::Borrowed(_)));
        // At the very end of a body.
        assert_eq!(&*repair_surrogates(br"\ud83d"), br"\uFFFD");
    }

    #[test]
    fn the_error_reply_is_json_rpc() {
        let m = Malformed::parse("not JSON");
        let v: Value = serde_json::from_slice(&m.response()).unwrap();
        assert_eq!(v["id"], Value::Null);
        assert_eq!(v["error"]["code"], PARSE_ERROR);
        assert!(serde_json::from_slice::<Response>(&m.response()).is_ok());
    }
}
