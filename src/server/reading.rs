//! What the reader's features may show, from the client's capabilities and
//! the editor's settings: links in hover cards, the two kinds of inlay
//! hints, and whether the client refreshes inlay hints when asked.
//!
//! Settings come as `initializationOptions` and, later, in the `newslint`
//! section of `workspace/didChangeConfiguration`:
//! `{"hoverLinks": "command" | "file" | "none",
//!   "inlayHints": {"speakers": bool, "spellings": bool}}`.

use serde_json::Value;
use tower_lsp_server::ls_types::{ClientCapabilities, MarkupKind};

/// How a hover card links its counts and places to the references.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// Plain text: the client does not render Markdown links.
    None,
    /// `file:` URIs with `#L<line>` anchors.
    File,
    /// `command:newslint.showReferences?…` for the counts (the VS Code
    /// extension registers the command and trusts it), `file:` links for
    /// places.
    Command,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub links: Links,
    /// Inlay hint after each attributed quotation: `— Dmitriev`.
    pub speaker_hints: bool,
    /// Inlay hint after a variant spelling: `→ Dmitriev`.
    pub spelling_hints: bool,
    /// The client takes `workspace/inlayHint/refresh`.
    pub inlay_refresh: bool,
}

impl Default for Reading {
    fn default() -> Reading {
        Reading { links: Links::None, speaker_hints: true, spelling_hints: true, inlay_refresh: false }
    }
}

impl Reading {
    /// What the client can show, then the editor's settings over it.
    /// `client` is the client's name, lowercased: Neovim and Helix render
    /// Markdown in hovers but open no link in them (a long `file:` URI only
    /// makes the card wrap), so they get plain counts.
    pub fn negotiate(caps: &ClientCapabilities, client: &str, options: Option<&Value>) -> Reading {
        let markdown = caps
            .text_document
            .as_ref()
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_some_and(|f| f.contains(&MarkupKind::Markdown));
        let inlay_refresh = caps
            .workspace
            .as_ref()
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|i| i.refresh_support)
            == Some(true);
        let opens_links = markdown && !matches!(client, "neovim" | "helix");
        let mut reading = Reading { links: if opens_links { Links::File } else { Links::None }, inlay_refresh, ..Reading::default() };
        if let Some(options) = options {
            reading.apply(options);
        }
        reading
    }

    /// Lay settings over these; unknown keys and values are left out.
    /// Returns whether anything changed.
    pub fn apply(&mut self, settings: &Value) -> bool {
        let before = self.clone();
        match settings.get("hoverLinks").and_then(Value::as_str) {
            Some("command") => self.links = Links::Command,
            Some("file") => self.links = Links::File,
            Some("none") => self.links = Links::None,
            _ => {}
        }
        if let Some(hints) = settings.get("inlayHints") {
            if let Some(on) = hints.as_bool() {
                self.speaker_hints = on;
                self.spelling_hints = on;
            }
            if let Some(on) = hints.get("speakers").and_then(Value::as_bool) {
                self.speaker_hints = on;
            }
            if let Some(on) = hints.get("spellings").and_then(Value::as_bool) {
                self.spelling_hints = on;
            }
        }
        *self != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn markdown_clients_get_file_links_and_settings_win() {
        let caps: ClientCapabilities =
            serde_json::from_value(json!({"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}})).unwrap();
        assert_eq!(Reading::negotiate(&caps, "emacs", None).links, Links::File);
        assert_eq!(Reading::negotiate(&caps, "neovim", None).links, Links::None);
        assert_eq!(Reading::negotiate(&ClientCapabilities::default(), "", None).links, Links::None);
        let r = Reading::negotiate(&caps, "", Some(&json!({"hoverLinks": "command", "inlayHints": {"speakers": false}})));
        assert_eq!((r.links, r.speaker_hints, r.spelling_hints), (Links::Command, false, true));
        let mut r = Reading::default();
        assert!(r.apply(&json!({"inlayHints": false})));
        assert!(!r.speaker_hints && !r.spelling_hints);
        assert!(!r.apply(&json!({"inlayHints": false, "hoverLinks": "sideways"})));
    }
}
