//! Rules: each reads one article's facts and the corpus and reports
//! findings. One rule per file, each with its tests.

pub mod anonymous_source;
pub mod missing_source;
pub mod mixed_script;
pub mod name_variant;
pub mod quote_drift;
pub mod speaker_conflict;
pub mod unattributed_quote;
pub mod unbalanced_quote;

use std::path::Path;

use serde::Serialize;

use crate::analysis::{Article, Span};
use crate::config::Severity;
use crate::index::quotations::{Member, QuotationIndex, VersionSet};
use crate::index::{Corpus, Spelling};

/// Every rule's code, as used in output and in `[rules]` of `newslint.toml`.
pub use crate::codes::ALL as CODES;

/// One thing a careful editor would point out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    #[serde(skip)]
    pub span: Span,
    pub message: String,
    pub data: FindingData,
}

/// Structured detail for machines: JSON output and editor quick fixes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FindingData {
    None,
    MissingSource {
        /// Outlets the text itself names, where the fixer might look.
        outlets: Vec<String>,
    },
    Quote {
        quote: String,
        /// The speaker other articles' versions of the quotation name,
        /// when they agree on one.
        #[serde(skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
        /// Those articles: the first [`LISTED`] in path order.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        speaker_in: Vec<std::path::PathBuf>,
        /// How many articles those are.
        #[serde(skip_serializing_if = "is_zero")]
        speaker_in_total: usize,
    },
    AnonymousSource {
        quote: String,
        speaker: String,
    },
    UnbalancedQuote {
        mark: char,
        /// Where the mark is; the finding covers the quotation it
        /// opens or closes.
        #[serde(skip)]
        mark_span: Span,
        /// The mark that would balance it.
        missing: char,
        never: &'static str,
    },
    NameVariant {
        spelling: String,
        preferred: String,
        variants: Vec<Spelling>,
        lost_apostrophe: bool,
    },
    MixedScript {
        spelling: String,
        /// The word with each foreign letter replaced by its Latin look-alike.
        preferred: String,
        letters: Vec<mixed_script::Letter>,
    },
    /// `mixed-script` in an ordinary word, which is no spelling of a name.
    MixedScriptWord {
        replacement: String,
        letters: Vec<mixed_script::Letter>,
    },
    QuoteDrift {
        /// The changed words here, with a little context.
        ours: String,
        /// The wording most of the other versions have.
        theirs: String,
        /// The other versions that word it differently: one from each of
        /// the first [`LISTED`] articles in path order (an article that
        /// quotes the statement three times is listed once).
        versions: Vec<QuoteVersion>,
        /// How many other versions word it differently.
        total: usize,
    },
    SpeakerConflict {
        /// The speaker here, as the text names them.
        speaker: String,
        /// The other versions that give the quotation to someone else (the
        /// first [`LISTED`] in path order), and whom each gives it to.
        versions: Vec<QuoteVersion>,
        others: Vec<String>,
        /// How many other versions give it to someone else.
        total: usize,
    },
}

/// Another article's version of a quotation: where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuoteVersion {
    pub path: std::path::PathBuf,
    /// Byte range of the quotation, marks included.
    pub span: Span,
}

/// What a rule sees.
pub struct Context<'a> {
    pub corpus: &'a Corpus,
    pub path: &'a Path,
    pub text: &'a str,
    pub article: &'a Article,
    /// Each quotation's versions in other articles, by wording, looked up
    /// once, and only for the quotations a rule asks about
    /// (`unattributed-quote` asks only for the unattributed ones, which
    /// matters when quote-drift is off).
    versions: Vec<std::cell::OnceCell<Option<VersionSet>>>,
}

impl<'a> Context<'a> {
    pub fn new(corpus: &'a Corpus, path: &'a Path, text: &'a str, article: &'a Article) -> Context<'a> {
        let versions = (0..article.quotes.len()).map(|_| std::cell::OnceCell::new()).collect();
        Context { corpus, path, text, article, versions }
    }

    /// The versions of quotation `quote` of this article in the others, by
    /// wording; `None` when the quotation is not indexed.
    pub fn versions(&self, quote: usize) -> Option<&VersionSet> {
        self.versions.get(quote)?.get_or_init(|| self.corpus.quotations().version_set(self.path, quote)).as_ref()
    }

    /// The severity configured for `code`, or `None` when it is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        self.corpus.config().severity(code, default)
    }
}

/// How many other articles' versions of a quotation a finding lists (in its
/// data, and so in the editor's related information). A statement reprinted
/// by hundreds of articles would otherwise list hundreds in each of them,
/// and the output grow with the square of the corpus; the finding says how
/// many there are, and `newslint quotes` lists them all. A few are enough
/// to open one and compare (the hover on a quotation shows five): at twenty, the
/// lists were nine tenths of `check`'s JSON output for quote-drift findings
/// on a 10,000-article corpus (1.7 KB a finding, 36 MB in all).
pub const LISTED: usize = 5;

/// How many articles a message names before "and N more".
pub const NAMED: usize = 3;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Articles for a message: the first [`NAMED`] of `names`, then how many
/// more there are of `total`.
pub fn named(names: impl Iterator<Item = String>, total: usize) -> String {
    let mut out: Vec<String> = names.take(NAMED).collect();
    if total > out.len() {
        out.push(format!("and {} more", total - out.len()));
    }
    out.join(", ")
}

/// Where a member of the quotation index stands, for a finding's data.
pub fn quote_version(index: &QuotationIndex, m: Member) -> Option<QuoteVersion> {
    let (_, facts) = index.article(m.0);
    let quote = facts.quotes.get(index.quote(m))?;
    Some(QuoteVersion { path: index.path(m.0).to_path_buf(), span: quote.span.clone() })
}

/// The name an article is called by in a message: its file name, or the
/// whole path when it has none.
pub fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Every finding for one article of the corpus that nobody accepted, in
/// text order.
pub fn check(corpus: &Corpus, path: &Path) -> Vec<Finding> {
    check_all(corpus, path).findings
}

/// An article's findings, and those its directives or the review file
/// accept.
pub fn check_all(corpus: &Corpus, path: &Path) -> crate::suppress::Checked {
    let Some(entry) = corpus.article(path) else { return crate::suppress::Checked::default() };
    crate::suppress::apply(corpus, path, &entry.text, raw(corpus, path, entry))
}

/// Every finding of the rules, before suppressions.
fn raw(corpus: &Corpus, path: &Path, entry: &crate::index::ArticleEntry) -> Vec<Finding> {
    let ctx = Context::new(corpus, path, &entry.text, &entry.facts);
    let mut out = Vec::new();
    missing_source::check(&ctx, &mut out);
    unattributed_quote::check(&ctx, &mut out);
    anonymous_source::check(&ctx, &mut out);
    unbalanced_quote::check(&ctx, &mut out);
    name_variant::check(&ctx, &mut out);
    mixed_script::check(&ctx, &mut out);
    quote_drift::check(&ctx, &mut out);
    speaker_conflict::check(&ctx, &mut out);
    out.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.code.cmp(b.code)));
    out
}
