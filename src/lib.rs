//! newslint: finds what a careful editor would in a corpus of news articles.
//!
//! The pipeline, end to end:
//!
//! 1. [`analysis::analyze`] turns one article's text into [`analysis::Article`]
//!    facts (sentences, quotations and their speakers, name mentions,
//!    descriptors, source evidence), all in byte ranges. It is a pure function
//!    of the text and the [`lexicon::Lexicon`].
//! 2. [`index::Corpus`] holds every article's facts and groups name mentions
//!    into entities across articles. It is updated one article at a time.
//! 3. [`rules`] read an article's facts and the corpus and return
//!    [`rules::Finding`]s, one rule per file.
//! 4. The front ends, [`cli`] (`newslint check`, `newslint entities`) and
//!    [`server`] (`newslint lsp`), convert byte ranges to lines and columns at
//!    the edge with [`text::LineIndex`]. Only `server` knows about LSP.
#![deny(clippy::print_stdout)]

pub mod analysis;
pub mod cli;
pub mod codes;
pub mod config;
pub mod corpusgen;
pub mod index;
pub mod lexicon;
mod lock;
pub mod memo;
pub mod rules;
pub mod server;
pub mod suppress;
pub mod text;
pub mod translit;

#[cfg(test)]
pub mod fixture;
