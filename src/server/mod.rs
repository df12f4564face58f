//! `newslint lsp`: the language server. The only module that knows LSP.

/// Run the server on stdio; returns the exit status.
pub fn run() -> i32 {
    eprintln!("newslint lsp: not built yet");
    2
}
