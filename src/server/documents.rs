//! Documents the editor has open: the text in a rope, edited in place, and
//! the version the editor gave it. The editor owns these; the disk owns the
//! rest.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::encoding::rope_offset;
use crate::text::Encoding;

pub struct Document {
    pub uri: Uri,
    /// The version the editor gave the text. Editors may reuse one for a
    /// new text, so the server goes by `revision`.
    pub version: i32,
    /// Ours: a number no other text of any document had, to tell whether
    /// the corpus holds this text.
    pub revision: u64,
    rope: Rope,
    /// The text of `rope` at `version`, made when first asked for.
    snapshot: Option<Arc<str>>,
}

impl Document {
    pub fn new(uri: Uri, text: &str, version: i32) -> Document {
        Document { uri, version, revision: next_revision(), rope: Rope::from_str(text), snapshot: Some(Arc::from(text)) }
    }

    /// Apply the changes of one `didChange`, in order. Each change's range
    /// refers to the text left by the change before it.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32, enc: Encoding) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = rope_offset(&self.rope, range.start, enc);
                    let end = rope_offset(&self.rope, range.end, enc).max(start);
                    let (start, end) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
                None => self.rope = Rope::from_str(&change.text),
            }
        }
        self.version = version;
        self.revision = next_revision();
        self.snapshot = None;
    }

    /// The current text, without keeping it.
    pub fn current_text(&self) -> String {
        match &self.snapshot {
            Some(s) => s.to_string(),
            None => self.rope.to_string(),
        }
    }

    /// The current text.
    pub fn text(&mut self) -> Arc<str> {
        self.snapshot.get_or_insert_with(|| Arc::from(self.rope.to_string())).clone()
    }
}

/// Apply the changes of one `didChange` to a text, as the server does to an
/// open document (for fuzz targets and property tests, which check it
/// against a plain-string model).
pub fn apply_changes(text: &str, changes: Vec<TextDocumentContentChangeEvent>, enc: Encoding) -> String {
    let mut doc = Document { uri: "file:///x".parse().expect("a URI"), version: 0, revision: 0, rope: Rope::from_str(text), snapshot: None };
    doc.apply(changes, 0, enc);
    doc.rope.to_string()
}

fn next_revision() -> u64 {
    static REVISION: AtomicU64 = AtomicU64::new(1);
    REVISION.fetch_add(1, Ordering::Relaxed)
}

/// The path an article is known by inside the server: its file path, or for
/// a document that is not a file (an unsaved buffer) its URI as a path.
pub fn path_of(uri: &Uri) -> PathBuf {
    match uri.scheme().as_str() {
        "file" => uri.to_file_path().map(|p| p.into_owned()).unwrap_or_else(|| PathBuf::from(uri.as_str())),
        _ => PathBuf::from(uri.as_str()),
    }
}

/// The URI of a file on disk.
pub fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range { start: Position::new(l0, c0), end: Position::new(l1, c1) }),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn changes_apply_in_order_with_utf16_columns() {
        let uri: Uri = "file:///tmp/a.txt".parse().unwrap();
        let mut doc = Document::new(uri, "“Hi 😀,” she said\r\nbye", 1);
        // After the emoji (UTF-16 column 6) insert "!", then replace "bye".
        doc.apply(vec![change(0, 6, 0, 6, "!"), change(1, 0, 1, 3, "ciao")], 2, Encoding::Utf16);
        assert_eq!(&*doc.text(), "“Hi 😀!,” she said\r\nciao");
        assert_eq!(doc.version, 2);
        doc.apply(
            vec![TextDocumentContentChangeEvent { range: None, range_length: None, text: "new".into() }],
            3,
            Encoding::Utf16,
        );
        assert_eq!(&*doc.text(), "new");
    }
}
