//! A small corpus of our own: one person under two spellings across three
//! articles, an article without a source line, a line with curly quotes and
//! an emoji.

use std::path::Path;

use tempfile::TempDir;

/// "Kirill Dmitriev" in two articles…
pub const ONE: &str = "Envoy arrives in the harbour city
Source: Harbour Gazette, 3 March 2025

Kirill Dmitriev, the head of a state investment fund, arrived on Monday. Dmitriev met the mayor.
";

pub const TWO: &str = "Talks continue at the port
Source: Harbour Gazette, 4 March 2025

Kirill Dmitriev toured the docks on Tuesday. Dmitriev’s aides declined to comment.
";

/// …and "Kirill Dmitriyev" in a third, on a line with curly quotes and an
/// emoji before the name.
pub const THREE: &str = "Envoy leaves after two days
Source: Harbour Gazette, 5 March 2025

Kirill Dmitriyev left on Friday.
“The visit was useful for everyone 😀,” Dmitriyev told reporters.
";

/// No source line; names an outlet in passing.
pub const FOUR: &str = "Harbour reopens after the storm
The harbour reopened on Monday, according to Reuters.
";

pub const CONFIG: &str = "# newslint settings for the test corpus\n[rules]\n";

pub fn standard() -> TempDir {
    corpus(&[("one.txt", ONE), ("two.txt", TWO), ("three.txt", THREE), ("four.txt", FOUR), ("newslint.toml", CONFIG)])
}

/// Write files into a new temporary folder.
pub fn corpus(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::Builder::new().prefix("newslint-lsp-").tempdir().expect("a temporary folder");
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

pub fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("a folder");
    }
    std::fs::write(path, text).expect("a file");
}
