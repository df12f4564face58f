//! `newslint-review.toml`: findings a desk accepted, kept beside the corpus
//! for articles that must stay byte for byte as published.
//!
//! ```toml
//! [[accept]]
//! file = "wires/2025-03-02.txt"
//! rule = "unattributed-quote"
//! anchor = "We will not let the harbour close this winter,"
//! reason = "the council's statement, quoted in full by the wire"
//! by = "A. Sousa"
//! date = "2025-03-04"
//! ```
//!
//! Entries match by anchor text (the quotation, the spelling), not by line,
//! so they survive edits elsewhere and re-scrapes.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::ConfigError;

pub const FILE_NAME: &str = "newslint-review.toml";

/// The review file of a corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    /// The file itself; entries' `file` are relative to its folder.
    pub path: PathBuf,
    pub entries: Vec<Entry>,
    /// Entries by the file name they name, so that an article's entries are
    /// found without reading them all.
    by_name: std::collections::BTreeMap<std::ffi::OsString, Vec<usize>>,
}

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub file: PathBuf,
    pub rule: String,
    pub anchor: String,
    pub reason: String,
    pub by: String,
    pub date: String,
    /// 1-based line of the entry's `[[accept]]`.
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    accept: Vec<toml::Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    file: String,
    rule: String,
    anchor: String,
    reason: toml::Spanned<String>,
    #[serde(default)]
    by: String,
    #[serde(default)]
    date: String,
}

impl Review {
    /// Parse the text of a review file; `path` places it and its errors.
    pub fn parse(text: &str, path: &Path) -> Result<Review, ConfigError> {
        let error = |span: Option<std::ops::Range<usize>>, message: String| {
            let (line, column) = crate::config::line_col(text, span);
            ConfigError { path: path.to_path_buf(), line, column, message }
        };
        let file: File = toml::from_str(text).map_err(|e| error(e.span(), e.message().to_string()))?;
        let mut entries = Vec::new();
        for raw in file.accept {
            let span = raw.span();
            let raw = raw.into_inner();
            if !crate::codes::ALL.contains(&raw.rule.as_str()) {
                return Err(error(Some(span), format!("unknown rule '{}' in [[accept]]; the rules are {}", raw.rule, crate::codes::ALL.join(", "))));
            }
            if raw.reason.get_ref().trim().is_empty() {
                return Err(error(Some(raw.reason.span()), "an accepted finding needs a reason".into()));
            }
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            entries.push(Entry {
                file: PathBuf::from(raw.file),
                rule: raw.rule,
                anchor: raw.anchor,
                reason: raw.reason.into_inner(),
                by: raw.by,
                date: raw.date,
                line,
            });
        }
        Ok(Review::new(path.to_path_buf(), entries))
    }

    pub fn new(path: PathBuf, entries: Vec<Entry>) -> Review {
        let mut by_name: std::collections::BTreeMap<std::ffi::OsString, Vec<usize>> = Default::default();
        for (i, e) in entries.iter().enumerate() {
            by_name.entry(e.file.file_name().unwrap_or_default().to_os_string()).or_default().push(i);
        }
        Review { path, entries, by_name }
    }

    /// The entries about the article at `path`.
    pub fn entries_for<'r>(&'r self, path: &'r Path) -> impl Iterator<Item = &'r Entry> + 'r {
        let root = self.root();
        let same_name = path.file_name().and_then(|n| self.by_name.get(n)).map_or(&[][..], Vec::as_slice);
        same_name.iter().map(|&i| &self.entries[i]).filter(move |e| e.is_for(root, path))
    }

    /// The review file in `dir`; an empty review when there is none.
    pub fn load(dir: &Path) -> Result<Review, ConfigError> {
        let path = dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Review::parse(&text, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Review::new(path, Vec::new())),
            Err(e) => Err(ConfigError { path, line: None, column: None, message: format!("cannot read: {e}") }),
        }
    }

    /// The folder entries' paths are relative to.
    pub fn root(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}

impl Entry {
    /// Whether the entry is about the article at `path`.
    pub fn is_for(&self, root: &Path, path: &Path) -> bool {
        path == root.join(&self.file) || (!self.file.as_os_str().is_empty() && path.ends_with(&self.file))
    }
}

/// A new entry, as TOML to append to the file, the reason a placeholder.
pub fn entry_text(file: &str, rule: &str, anchor: &str, by: &str, date: &str) -> String {
    let mut table = toml_edit::Table::new();
    table.insert("file", toml_edit::value(file));
    table.insert("rule", toml_edit::value(rule));
    table.insert("anchor", toml_edit::value(anchor));
    table.insert("reason", toml_edit::value(super::directive::PLACEHOLDER_REASON));
    table.insert("by", toml_edit::value(by));
    table.insert("date", toml_edit::value(date));
    let mut doc = toml_edit::DocumentMut::new();
    let mut array = toml_edit::ArrayOfTables::new();
    array.push(table);
    doc.insert("accept", toml_edit::Item::ArrayOfTables(array));
    doc.to_string()
}

/// Today's date, `YYYY-MM-DD` in UTC.
pub fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_parse_with_their_lines() {
        let text = "# accepted by the desk\n\n[[accept]]\nfile = \"a.txt\"\nrule = \"unattributed-quote\"\nanchor = \"We will not\"\nreason = \"wire copy\"\nby = \"A. Sousa\"\ndate = \"2025-03-04\"\n";
        let review = Review::parse(text, Path::new("/c/newslint-review.toml")).expect("parses");
        assert_eq!(review.entries.len(), 1);
        assert_eq!(review.entries[0].line, 3);
        assert_eq!(review.entries[0].reason, "wire copy");
        assert!(review.entries[0].is_for(review.root(), Path::new("/c/a.txt")));
        assert!(!review.entries[0].is_for(review.root(), Path::new("/c/b.txt")));
    }

    #[test]
    fn a_bad_file_is_placed_by_line_and_column() {
        let path = Path::new("/c/newslint-review.toml");
        let e = Review::parse("[[accept]]\nfile = \"a.txt\"\nrule = \"no-such-rule\"\nanchor = \"x\"\nreason = \"y\"\n", path).unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("unknown rule 'no-such-rule'"), "{e}");
        let e = Review::parse("[[accept]]\nfile = \"a.txt\"\nrule = \"unattributed-quote\"\nanchor = \"x\"\nreason = \"  \"\n", path).unwrap_err();
        assert_eq!((e.line, e.column), (Some(5), Some(10)));
        assert!(e.message.contains("needs a reason"));
        let e = Review::parse("[[accept]]\nfile = \"a.txt\"\nrule = unattributed\n", path).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let e = Review::parse("[[accept]]\nfile = \"a.txt\"\nrule = \"unattributed-quote\"\nreason = \"y\"\n", path).unwrap_err();
        assert!(e.message.contains("anchor"), "{e}");
    }

    #[test]
    fn a_new_entry_parses_back() {
        let text = entry_text("a.txt", "unattributed-quote", "He said \"no\" — twice", "desk", "2025-03-04");
        let review = Review::parse(&text, Path::new("/c/newslint-review.toml")).expect("parses");
        assert_eq!(review.entries[0].anchor, "He said \"no\" — twice");
        assert_eq!(review.entries[0].reason, super::super::directive::PLACEHOLDER_REASON);
        assert_eq!(today().len(), 10);
    }
}
