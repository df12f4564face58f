//! `newslint.toml`: found by walking up from a path; its folder is the corpus
//! root. Every field is optional. A bad file gives an error with its line and
//! column, never a crash.
//!
//! ```toml
//! [names]
//! prefer = ["Dmitriev", "Kyiv"]           # spellings to prefer over the majority
//! distinct = [["Ivanov", "Ivanow"]]       # spellings of different people
//!
//! [lexicon]
//! outlets = ["Kyiv Post"]
//! speech_verbs = ["quipped"]
//! titles = ["plenipotentiary"]
//!
//! [rules]
//! missing-source = "error"                # error, warning, information, hint or off
//! anonymous-source = "off"
//!
//! [files]
//! include = ["**/*.md", "**/*.txt"]
//! exclude = ["drafts/**"]
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "newslint.toml";

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub names: NamesConfig,
    pub lexicon: LexiconConfig,
    pub rules: BTreeMap<String, SeverityConfig>,
    pub files: FilesConfig,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct NamesConfig {
    /// Spellings that win over the corpus majority.
    pub prefer: Vec<String>,
    /// Groups of spellings that name different people or places.
    pub distinct: Vec<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LexiconConfig {
    pub outlets: Vec<String>,
    pub speech_verbs: Vec<String>,
    pub titles: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct FilesConfig {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "hint" => Some(Severity::Hint),
            "info" | "information" => Some(Severity::Information),
            "warn" | "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityConfig {
    Off,
    Hint,
    #[serde(alias = "info")]
    Information,
    #[serde(alias = "warn")]
    Warning,
    Error,
}

impl SeverityConfig {
    pub fn severity(self) -> Option<Severity> {
        match self {
            SeverityConfig::Off => None,
            SeverityConfig::Hint => Some(Severity::Hint),
            SeverityConfig::Information => Some(Severity::Information),
            SeverityConfig::Warning => Some(Severity::Warning),
            SeverityConfig::Error => Some(Severity::Error),
        }
    }
}

/// A configuration file that could not be read or parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, where the parser could tell.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{}:{}: {}", self.path.display(), l, c, self.message),
            _ => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parse the text of a `newslint.toml`; `path` is only used in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = line_col(text, e.span());
            let message = match e.message() {
                // The parser gives no words for some characters it refuses
                // (a CR not followed by LF, control characters).
                "" => unexpected(text, e.span()),
                m => m.to_string(),
            };
            ConfigError { path: path.to_path_buf(), line, column, message }
        })?;
        config.validate(text, path)?;
        Ok(config)
    }

    /// Checks past the syntax. Each error points at what it is about: the
    /// rule's key, the glob's string, the group's array.
    fn validate(&self, text: &str, path: &Path) -> Result<(), ConfigError> {
        // The text parsed as TOML above, so it parses here too; spans are
        // looked up only when there is an error to place.
        let doc = toml_edit::ImDocument::parse(text).ok();
        let table = |name: &str| doc.as_ref().and_then(|d| d.get(name)).and_then(toml_edit::Item::as_table_like);
        let error = |span: Option<std::ops::Range<usize>>, message: String| {
            let (line, column) = line_col(text, span);
            ConfigError { path: path.to_path_buf(), line, column, message }
        };
        for code in self.rules.keys() {
            if !crate::codes::ALL.contains(&code.as_str()) {
                let span = table("rules").and_then(|t| t.get_key_value(code)).and_then(|(k, _)| k.span());
                return Err(error(span, format!("unknown rule '{code}' in [rules]; the rules are {}", crate::codes::ALL.join(", "))));
            }
        }
        for (field, patterns) in [("include", &self.files.include), ("exclude", &self.files.exclude)] {
            for (i, pattern) in patterns.iter().enumerate() {
                if let Err(e) = globset::Glob::new(pattern) {
                    let span = array_item_span(table("files").and_then(|t| t.get(field)), i);
                    return Err(error(span, format!("bad glob '{pattern}' in [files] {field}: {}", e.kind())));
                }
            }
        }
        for (i, group) in self.names.distinct.iter().enumerate() {
            if group.len() < 2 {
                let span = array_item_span(table("names").and_then(|t| t.get("distinct")), i);
                return Err(error(span, "each entry of names.distinct lists two spellings or more".into()));
            }
        }
        Ok(())
    }

    /// Read a `newslint.toml` from disk.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read: {e}"),
        })?;
        Config::parse(&text, path)
    }

    /// The severity configured for a rule: `default` unless the file says
    /// otherwise, `None` when the rule is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            Some(s) => s.severity(),
            None => Some(default),
        }
    }

    /// Whether a path (relative to the corpus root) is an article to read.
    pub fn file_filter(&self) -> FileFilter {
        let build = |patterns: &[String]| {
            let mut b = globset::GlobSetBuilder::new();
            for p in patterns {
                if let Ok(g) = globset::Glob::new(p) {
                    b.add(g);
                }
            }
            b.build().unwrap_or_else(|_| globset::GlobSet::empty())
        };
        FileFilter {
            include: (!self.files.include.is_empty()).then(|| build(&self.files.include)),
            exclude: build(&self.files.exclude),
        }
    }
}

/// The 1-based line and column (in characters) where `span` starts, if
/// there is a span.
pub(crate) fn line_col(text: &str, span: Option<std::ops::Range<usize>>) -> (Option<usize>, Option<usize>) {
    let Some(span) = span else { return (None, None) };
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (Some(line), Some(column))
}

/// A message for a syntax error the parser left without one: the
/// character it stopped at.
fn unexpected(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    let c = span.and_then(|s| text.get(s.start..)).and_then(|rest| rest.chars().next());
    match c {
        Some('\r') => "a carriage return (CR) not followed by a line feed (LF)".into(),
        Some(c) if c.is_control() => format!("unexpected control character U+{:04X}", c as u32),
        Some(c) => format!("unexpected character '{c}'"),
        None => "unexpected end of file".into(),
    }
}

/// The span of the `i`th value of an array item.
fn array_item_span(item: Option<&toml_edit::Item>, i: usize) -> Option<std::ops::Range<usize>> {
    item?.as_array()?.get(i)?.span()
}

/// The include and exclude globs of `[files]`, compiled.
#[derive(Clone, Debug)]
pub struct FileFilter {
    include: Option<globset::GlobSet>,
    exclude: globset::GlobSet,
}

impl FileFilter {
    /// `relative` is the path below the corpus root. Only `.txt` and `.md`
    /// files are articles.
    pub fn accepts(&self, relative: &Path) -> bool {
        if !is_article_path(relative) || self.exclude.is_match(relative) {
            return false;
        }
        match &self.include {
            Some(inc) => inc.is_match(relative),
            None => !is_project_doc(relative),
        }
    }
}

/// `.txt` and `.md` (and `.markdown`) files are articles.
pub fn is_article_path(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref(),
        Some("txt" | "md" | "markdown")
    )
}

/// README.md, EXPECTED.md, CHANGELOG.txt and the like: files named in
/// capitals document a folder; they are not articles. An `include` glob in
/// `[files]` can still take them in.
pub fn is_project_doc(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem.len() >= 4
        && stem.chars().any(|c| c.is_ascii_uppercase())
        && stem.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Walk up from `start` (a file or folder) to the nearest folder holding a
/// `newslint.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() { start.parent()? } else { start };
    start.ancestors().find(|dir| dir.join(FILE_NAME).is_file()).map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_section() {
        let text = r#"
[names]
prefer = ["Dmitriev"]
distinct = [["Ivanov", "Ivanow"]]
[lexicon]
outlets = ["Kyiv Post"]
[rules]
missing-source = "error"
anonymous-source = "off"
[files]
exclude = ["drafts/**"]
"#;
        let c = Config::parse(text, Path::new("newslint.toml")).unwrap();
        assert_eq!(c.names.prefer, vec!["Dmitriev"]);
        assert_eq!(c.severity("missing-source", Severity::Warning), Some(Severity::Error));
        assert_eq!(c.severity("anonymous-source", Severity::Information), None);
        assert_eq!(c.severity("name-variant", Severity::Warning), Some(Severity::Warning));
        let f = c.file_filter();
        assert!(f.accepts(Path::new("a/b.md")));
        assert!(!f.accepts(Path::new("drafts/b.md")));
        assert!(!f.accepts(Path::new("a/b.rs")));
        assert!(!f.accepts(Path::new("a/README.md")));
        assert!(!f.accepts(Path::new("EXPECTED.md")));
        assert!(f.accepts(Path::new("a/AP-report.md")));
    }

    #[test]
    fn a_bad_file_gives_line_and_column() {
        let text = "[rules]\nmissing-source = \"loud\"\n";
        let e = Config::parse(text, Path::new("newslint.toml")).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.column.is_some());
        assert!(e.to_string().starts_with("newslint.toml:2:"), "{e}");

        let e = Config::parse("[names\nprefer = 1", Path::new("x.toml")).unwrap_err();
        assert_eq!(e.line, Some(1));

        // Errors the parser gives no words for get some (found by the
        // property test in tests/props_parsing.rs).
        let e = Config::parse("[rules]\n# note\r", Path::new("x.toml")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(7)));
        assert_eq!(e.message, "a carriage return (CR) not followed by a line feed (LF)");
        let e = Config::parse("a = \"\u{1}\"", Path::new("x.toml")).unwrap_err();
        assert!(!e.message.is_empty(), "{e}");

        let e = Config::parse("[rules]\nno-such-rule = \"off\"\n", Path::new("x.toml")).unwrap_err();
        assert!(e.message.contains("unknown rule"), "{}", e.message);
    }

    #[test]
    fn unknown_rules_bad_globs_and_short_groups_point_at_their_place() {
        let text = "[rules]\nmissing-source = \"off\"\n  no-such-rule = \"off\"\n";
        let e = Config::parse(text, Path::new("newslint.toml")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(3)), "{e}");
        assert!(e.to_string().starts_with("newslint.toml:3:3: unknown rule 'no-such-rule' in [rules]"), "{e}");

        let text = "[files]\ninclude = [\"**/*.md\"]\nexclude = [\n  \"drafts/**\",  \"a[b\",\n]\n";
        let e = Config::parse(text, Path::new("newslint.toml")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(4), Some(17)), "{e}");
        assert!(e.message.starts_with("bad glob 'a[b' in [files] exclude: unclosed character class"), "{e}");

        // Inline tables and non-ASCII before the value: columns count characters.
        let text = "files = { include = [\"é\", \"{x\"] }\n";
        let e = Config::parse(text, Path::new("newslint.toml")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(1), Some(27)), "{e}");

        let text = "[names]\ndistinct = [[\"Ivanov\", \"Ivanow\"], [\"Petrov\"]]\n";
        let e = Config::parse(text, Path::new("newslint.toml")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(35)), "{e}");
    }
}
