//! Quotation identity across articles: which quotations of the corpus are
//! versions of one another.
//!
//! One statement covered by many outlets travels: copied from the wire,
//! re-punctuated, trimmed, and sometimes changed ("three steps forward"
//! becomes "three steps ahead"). Each quotation's words are normalised (case,
//! accents, look-alike letters of other scripts, punctuation, dashes,
//! "(…)" and "[…]" insertions) and indexed by word shingles, so that finding
//! the other versions of a quotation costs the postings of its own shingles,
//! never a comparison with every quotation of the corpus. The index changes
//! per article like the rest of the corpus.
//!
//! Two versions are compared word by word (a longest common subsequence over
//! the normalised words) and the pair is one of:
//! - a copy: the same words, whatever the punctuation, case or marks;
//! - an excerpt: every word of one stands, in order, in the other;
//! - a near version: most words shared and some changed (the drift a
//!   fact-checker looks for);
//! - nothing: a translation or a paraphrase shares too little wording to be
//!   another version of the same words, and is left alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::lock::{inner, locked};
use crate::analysis::{Article, Span};

/// Words per shingle.
const SHINGLE: usize = 3;
/// A quotation with fewer words is a phrase, not a statement to follow.
const MIN_WORDS: usize = 5;
/// How many wordings a lookup may gather from its postings before it stops
/// reading them (ours among them; the first list is always read): a
/// common shingle ("we will not", "in the end") says little about identity,
/// so a lookup stays bounded whatever the corpus. A small corpus never
/// reaches it, so there every posting of a quotation is read.
const MAX_CANDIDATES: usize = 64;
/// The share of the shorter quotation's words that another must have, in
/// order, to be a version of it with some words changed. Below it, the two
/// are different renderings (translations, paraphrases), not one wording
/// that drifted.
const MIN_SHARED: f64 = 0.75;
/// The longest run of words, on either side, that counts as a changed
/// wording; a longer one is a passage rewritten or cut and bridged.
const MAX_CHANGE: usize = 4;
/// The share of the shorter quotation's shingles another must share before
/// the two are compared word by word: a cheap test that keeps the costly
/// comparison for likely versions. A version that passes [`MIN_SHARED`]
/// with one changed word every few words still shares this many.
const MIN_SHARED_SHINGLES: f64 = 0.3;

/// One word of a quotation: the hash of its folded form and where it
/// stands in the text. Its folded letters are not kept: the index keeps
/// every wording's words, and every lookup walks their keys, so each is 16
/// bytes; the few comparisons that read letters (runs written with other
/// spaces) fold them again from the text (see [`Quoted`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteWord {
    pub key: u64,
    /// Its byte range, as two `u32`s.
    start: u32,
    end: u32,
}

impl QuoteWord {
    /// A word at `span`; none past the first 4 GiB of a text, which no
    /// word of the index reaches.
    fn new(key: u64, span: Span) -> Option<QuoteWord> {
        Some(QuoteWord { key, start: u32::try_from(span.start).ok()?, end: u32::try_from(span.end).ok()? })
    }

    /// Where the word stands in its text.
    pub fn span(&self) -> Span {
        self.start as usize..self.end as usize
    }
}

/// A quotation's words with the text their spans are in: what a comparison
/// reads, the letters of a word folded again from the text when it needs
/// them.
#[derive(Clone, Copy, Debug)]
pub struct Quoted<'a> {
    pub text: &'a str,
    pub words: &'a [QuoteWord],
}

impl<'a> Quoted<'a> {
    pub fn new(text: &'a str, words: &'a [QuoteWord]) -> Quoted<'a> {
        Quoted { text, words }
    }

    /// Its first `n` words.
    fn first(self, n: usize) -> Quoted<'a> {
        Quoted { text: self.text, words: &self.words[..self.words.len().min(n)] }
    }

    /// The folded letters of word `i`, as [`quote_words`] read them.
    fn letters(&self, i: usize) -> Letters {
        let mut out = Letters::new();
        let text = self.text.get(self.words[i].span()).unwrap_or("");
        for c in text.chars() {
            // Inside a word, an apostrophe was left out.
            if !matches!(c, '\'' | '’') {
                fold(c, &mut |d| match u8::try_from(d) {
                    Ok(b) if b.is_ascii() => out.push(b),
                    _ => out.extend_from_slice(d.encode_utf8(&mut [0; 4]).as_bytes()),
                });
            }
        }
        out
    }
}

/// A word's folded letters, inline for all but the longest words.
type Letters = smallvec::SmallVec<[u8; 32]>;

/// The text a run of words covers: from the first one's start to the last
/// one's end; none for no words.
pub fn run_span(words: &[QuoteWord]) -> Option<Span> {
    Some(words.first()?.start as usize..words.last()?.end as usize)
}

/// One indexed quotation.
#[derive(Clone, Debug)]
struct Indexed {
    /// Index into the article's `quotes`.
    quote: usize,
    /// A hash of all the words: copies share it, so a wording reprinted by
    /// many articles is compared once, not once per copy, and its words and
    /// shingles are kept once, in its [`Wording`].
    fingerprint: u64,
    /// Where that wording stands among the index's wordings.
    place: u32,
}

/// How another version relates to a quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    /// The same words.
    Copy,
    /// One is a part of the other.
    Excerpt,
    /// Most words shared, some changed. Its changes list the runs of a few
    /// words that differ; a longer run rewritten is not listed.
    Near,
}

/// A run of words that one version has where the other has others: `ours`
/// and `theirs` are ranges of word indices into each quotation's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub ours: std::ops::Range<usize>,
    pub theirs: std::ops::Range<usize>,
}

/// How two quotations compare word by word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub relation: Relation,
    /// For a near version, the runs of a few words it changes.
    pub changes: Vec<Change>,
    /// The indices of our words that the other has too, in order; empty
    /// for a copy, which has them all (every lookup compares a wording with
    /// itself, so a list for copies would hold every word of the corpus's
    /// quotations again). Read it through [`Comparison::matches`].
    matched: Vec<u32>,
}

impl Comparison {
    /// Whether the other has our word `i` too.
    pub fn matches(&self, i: usize) -> bool {
        self.relation == Relation::Copy || u32::try_from(i).is_ok_and(|i| self.matched.binary_search(&i).is_ok())
    }
}

/// Another version of a quotation, in another article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub path: PathBuf,
    /// Index into that article's `quotes`.
    pub quote: usize,
    /// Shared by every copy of one wording.
    pub comparison: Arc<Comparison>,
}

impl Version {
    pub fn relation(&self) -> Relation {
        self.comparison.relation
    }
}

/// Every quotation of the corpus, by article, with its shingles. Articles
/// are numbered inside the index, so that a posting is two integers and a
/// lookup hashes no paths.
///
/// Quotations with the same words (the same fingerprint) form one
/// *wording*: a statement reprinted by hundreds of articles is one wording
/// with hundreds of members, so a lookup reads and compares wordings, never
/// every copy, and only the answer lists the copies one by one.
#[derive(Debug, Default)]
pub struct QuotationIndex {
    ids: FxHashMap<Arc<Path>, u32>,
    /// By id: the article and its quotations; `None` for a free id.
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
    /// The quotations that share their words, by place: postings, entries
    /// and version sets name a wording by its place, so reading one costs
    /// no hash lookup. A free place holds an empty wording.
    wordings: Vec<Wording>,
    free_wordings: Vec<u32>,
    /// Fingerprint → the place of the wording with those words.
    by_fingerprint: FxHashMap<u64, u32>,
    /// The wordings that have each shingle, by the posting's place: a
    /// wording names its postings by place, so that adding or taking out a
    /// copy, or looking a wording's versions up, hashes no shingle.
    postings: Vec<Posting>,
    free_postings: Vec<u32>,
    /// Shingle → the place of its posting.
    posting_of: FxHashMap<u64, u32>,
    /// What a lookup reads of each candidate wording before anything else,
    /// by the wording's place, side by side: its shingles as bits, a cache
    /// line each, and how many shingles it has. A free place holds those of
    /// a wording that is gone.
    sketches: Vec<Sketch>,
    shingle_counts: Vec<u32>,
    /// A hash of a quotation's text as written → the place of the wording
    /// whose words were read from that text (see [`Wording::raw`]): a copy
    /// written byte for byte as another is not read word by word again.
    raw: FxHashMap<u64, u32>,
    /// Wording → the other wordings that are versions of it, with how they
    /// compare: worked out by the first lookup of any copy and shared by
    /// the others (a statement reprinted by a hundred articles is compared
    /// once, not a hundred times). Every update empties it, since what a
    /// lookup finds depends on the whole index (and places change).
    versioned: Mutex<FxHashMap<u64, Arc<[Versioned]>>>,
    /// Pairs of wordings (by fingerprint, the smaller first) that share too
    /// few words to be versions of each other (see [`turned_away`]): a
    /// test that gives the same answer both ways round, so the second
    /// wording's lookup skips it. It depends on the two wordings' words
    /// only, so no update makes it wrong; it is emptied when it outgrows
    /// the index.
    turned_away: Mutex<rustc_hash::FxHashSet<(u64, u64)>>,
}

impl Clone for QuotationIndex {
    fn clone(&self) -> Self {
        QuotationIndex {
            ids: self.ids.clone(),
            slots: self.slots.clone(),
            free: self.free.clone(),
            wordings: self.wordings.clone(),
            free_wordings: self.free_wordings.clone(),
            by_fingerprint: self.by_fingerprint.clone(),
            postings: self.postings.clone(),
            free_postings: self.free_postings.clone(),
            posting_of: self.posting_of.clone(),
            sketches: self.sketches.clone(),
            shingle_counts: self.shingle_counts.clone(),
            raw: self.raw.clone(),
            versioned: Mutex::default(),
            turned_away: Mutex::default(),
        }
    }
}

/// One indexed article.
#[derive(Clone, Debug)]
struct Slot {
    path: Arc<Path>,
    /// The path's sort key (see [`path_order`]).
    order: Box<[u8]>,
    text: Arc<str>,
    facts: Arc<Article>,
    entries: Vec<Indexed>,
}

/// A quotation of the index: an article's id and the place of the quotation
/// among the article's indexed ones.
pub type Member = (u32, u32);

/// The quotations that share one list of words.
#[derive(Clone, Debug, Default)]
struct Wording {
    fingerprint: u64,
    /// In path order, then text order; empty for a free place.
    members: Vec<Member>,
    /// How many articles the members are in.
    articles: u32,
    /// Its words (their spans are those of one copy, in `text`), kept once
    /// for all its copies.
    words: Box<[QuoteWord]>,
    /// The text of the copy its words were read from: shared with that
    /// article, and kept while the wording lives, so that the words' letters
    /// can be read again whichever copies come and go.
    text: Arc<str>,
    /// Its first [`LCS_CAP`] words' keys, sorted, then their heads (see
    /// [`head`]), sorted: what the cheap rejection of a candidate reads of
    /// each side, sorted once here rather than once per pair compared.
    side: Sides,
    /// The places of its shingles' postings, sorted: while two wordings
    /// live, they share a shingle exactly when they share its posting's
    /// place, so the places stand for the shingles (each posting holds its
    /// own), at half their size.
    postings: Box<[u32]>,
    /// A hash of the text (between the marks) that `words` were read from,
    /// and where that text started (see [`raw_key`]): another quotation
    /// written the same has the same words, their spans moved by the
    /// difference.
    raw: u64,
    base: usize,
}

impl Wording {
    fn quoted(&self) -> Quoted<'_> {
        Quoted::new(&self.text, &self.words)
    }
}

/// What was read of a quotation whose words are not yet in the index: its
/// words and their heads without places (see [`read_words`]), the hash of
/// its text and where that text starts (see [`raw_key`]).
struct Read {
    words: Vec<QuoteWord>,
    heads: Vec<u64>,
    raw: u64,
    base: usize,
}

/// A wording of another lookup's versions: its fingerprint, its place and
/// how it compares.
type Versioned = (u64, u32, Arc<Comparison>);

/// A set of shingles as 512 bits, one per shingle's hash modulo 512. Two
/// quotations share at most as many shingles as their sketches share bits,
/// so most candidates that share too few are told apart in eight `AND`s,
/// without reading their shingles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(align(64))]
struct Sketch([u64; 8]);

impl Sketch {
    fn of(shingles: &[u64]) -> Sketch {
        let mut bits = [0u64; 8];
        for s in shingles {
            let b = (s >> 55) as usize;
            bits[b / 64] |= 1 << (b % 64);
        }
        Sketch(bits)
    }

    /// At least as many as the shingles the two share.
    fn shared(&self, other: &Sketch) -> u32 {
        self.0.iter().zip(other.0).map(|(a, b)| (a & b).count_ones()).sum()
    }
}

/// The wordings that have one shingle.
#[derive(Clone, Debug, Default)]
struct Posting {
    /// The shingle's hash.
    shingle: u64,
    /// How many quotations have the shingle (the members of its wordings):
    /// the posting is freed when none has; among lists held by as many
    /// wordings, a lookup reads the one with fewer copies first.
    quotes: u32,
    /// The wordings that have it, by their places, in no order: most
    /// shingles belong to one wording, held inline without an allocation.
    wordings: smallvec::SmallVec<[u32; 2]>,
}

/// Two indexes are equal when they hold the same quotations for the same
/// paths, whatever ids the order of updates gave them.
impl PartialEq for QuotationIndex {
    fn eq(&self, other: &Self) -> bool {
        // Entries by what they hold, not by the places updates gave them.
        let by_path = |x: &QuotationIndex| -> BTreeMap<PathBuf, Vec<(usize, u64)>> {
            x.slots.iter().flatten().map(|s| (s.path.to_path_buf(), s.entries.iter().map(|e| (e.quote, e.fingerprint)).collect())).collect()
        };
        let postings = |x: &QuotationIndex| -> BTreeSet<(u64, PathBuf, u32)> {
            x.posting_of
                .iter()
                .flat_map(|(s, p)| x.postings[*p as usize].wordings.iter().map(move |w| (s, &x.wordings[*w as usize])))
                .flat_map(|(s, w)| w.members.iter().map(move |(id, q)| (*s, x.path(*id).to_path_buf(), *q)))
                .collect()
        };
        let counts = |x: &QuotationIndex| -> BTreeMap<u64, u32> { x.posting_of.iter().map(|(s, p)| (*s, x.postings[*p as usize].quotes)).collect() };
        by_path(self) == by_path(other) && postings(self) == postings(other) && counts(self) == counts(other)
    }
}

impl QuotationIndex {
    /// Put an article's quotations in place of its old ones. Returns the
    /// other articles that held versions of the old or the new quotations:
    /// their findings may change. See [`QuotationIndex::update`].
    pub fn replace(&mut self, path: &Path, text: &Arc<str>, article: &Arc<Article>) -> BTreeSet<PathBuf> {
        self.update(path, text, article).touched
    }

    /// Put an article's quotations in place of its old ones, and say what
    /// that changes for the other articles.
    ///
    /// When every indexed quotation shows the others what it showed them
    /// before (see [`Face`]), their findings cannot change and none is
    /// returned: typing outside the quotations, or in a line after them,
    /// republishes no other article, however many reprint the statement.
    /// When the quotations keep their words, the versions worked out so far
    /// stay too: they depend on the wordings and their shingles only.
    pub fn update(&mut self, path: &Path, text: &Arc<str>, article: &Arc<Article>) -> Replaced {
        let old = self.entries(path).map(|(id, entries)| (self.slot(id).text.clone(), self.slot(id).facts.clone(), entries.to_vec()));
        // The wordings the old quotations had versions in: their articles
        // are only listed if the faces change (most edits leave them).
        let old_id = self.ids.get(path).copied();
        let mut before: Vec<u64> = old.iter().flat_map(|(_, _, entries)| entries.iter().flat_map(|e| self.versioned(e).iter().map(|v| v.0).collect::<Vec<_>>())).collect();
        before.sort_unstable();
        before.dedup();
        let versioned = std::mem::take(inner(&mut self.versioned));
        self.take_out(path);
        self.insert(path, text, article);
        let now = self.entries(path).map(|(id, entries)| (id, entries.to_vec()));
        let wordings: Vec<u64> = old.iter().flat_map(|o| o.2.iter()).chain(now.iter().flat_map(|n| n.1.iter())).map(|e| e.fingerprint).collect();
        if let (Some((text, facts, entries)), Some((id, now))) = (&old, &now) {
            let fingerprints = |e: &[Indexed]| e.iter().map(|e| e.fingerprint).collect::<Vec<_>>();
            if fingerprints(entries) == fingerprints(now) {
                *inner(&mut self.versioned) = versioned;
            }
            let slot = self.slot(*id);
            if faces(text, facts, entries) == faces(&slot.text, &slot.facts, now) {
                return Replaced { touched: BTreeSet::new(), same_faces: true, wordings };
            }
        }
        let mut touched = self.neighbours(path);
        for fp in before {
            let Some(wording) = self.wording(fp) else { continue };
            touched.extend(wording.members.iter().filter(|(o, _)| Some(*o) != old_id && Some(*o) != now.as_ref().map(|n| n.0)).map(|(o, _)| self.path(*o).to_path_buf()));
        }
        touched.remove(path);
        Replaced { touched, same_faces: false, wordings }
    }

    /// Put an article's quotations in place without working out which other
    /// articles they touch: for loading a whole corpus.
    pub fn replace_quiet(&mut self, path: &Path, text: &Arc<str>, article: &Arc<Article>) {
        self.take_out(path);
        self.insert(path, text, article);
    }

    fn insert(&mut self, path: &Path, text: &Arc<str>, article: &Arc<Article>) {
        // Each quotation, with what was read of it (not for a copy found by
        // its text).
        let found: Vec<(Indexed, Option<Read>)> = article
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.is_title && q.words >= MIN_WORDS)
            .filter_map(|(i, q)| {
                let (raw, hashed) = raw_key(text, &q.inner);
                // A copy written as a wording already read: its words are
                // that wording's.
                if let Some(&at) = self.raw.get(&raw) {
                    let w = &self.wordings[at as usize];
                    if w.raw == raw && !w.members.is_empty() {
                        return Some((Indexed { quote: i, fingerprint: w.fingerprint, place: at }, None));
                    }
                }
                let (words, heads) = read_words(text, q.inner.clone());
                let fingerprint = words.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, w| (h ^ w.key).wrapping_mul(0x0100_0000_01b3));
                (words.len() >= MIN_WORDS).then_some((Indexed { quote: i, fingerprint, place: 0 }, Some(Read { words, heads, raw, base: hashed.start })))
            })
            .collect();
        if found.is_empty() {
            return;
        }
        let key: Arc<Path> = Arc::from(path);
        let id = place(&mut self.slots, &mut self.free, None);
        let order = path_order(path);
        let mut entries: Vec<Indexed> = Vec::with_capacity(found.len());
        for (slot, (mut e, read)) in found.into_iter().enumerate() {
            let (at, new) = match self.by_fingerprint.get(&e.fingerprint) {
                Some(&at) => (at, false),
                None => {
                    let at = place(&mut self.wordings, &mut self.free_wordings, Wording { fingerprint: e.fingerprint, ..Wording::default() });
                    self.by_fingerprint.insert(e.fingerprint, at);
                    (at, true)
                }
            };
            e.place = at;
            let wording = &mut self.wordings[at as usize];
            if new {
                // A new wording's words were read: only a known one is
                // found by its text.
                let mut sketch = Sketch::default();
                if let Some(Read { words, heads, raw, base }) = read {
                    let shingles = shingles(&words);
                    sketch = Sketch::of(&shingles);
                    let (postings, free) = (&mut self.postings, &mut self.free_postings);
                    let mut places: Vec<u32> = shingles
                        .iter()
                        .map(|&s| *self.posting_of.entry(s).or_insert_with(|| place(postings, free, Posting { shingle: s, ..Posting::default() })))
                        .collect();
                    places.sort_unstable();
                    wording.postings = places.into();
                    wording.side = sides(&words, &heads);
                    wording.words = words.into();
                    wording.text = text.clone();
                    (wording.raw, wording.base) = (raw, base);
                    self.raw.insert(raw, at);
                }
                let count = wording.postings.len() as u32;
                match self.shingle_counts.get_mut(at as usize) {
                    Some(n) => (*n, self.sketches[at as usize]) = (count, sketch),
                    None => {
                        self.shingle_counts.push(count);
                        self.sketches.push(sketch);
                    }
                }
            }
            entries.push(e);
            let item = (id, slot as u32);
            let slots = &self.slots;
            let key = |m: &Member| -> (&[u8], u32) {
                if m.0 == id {
                    (&order, m.1)
                } else {
                    (slots[m.0 as usize].as_ref().map_or(&[][..], |s| &s.order), m.1)
                }
            };
            // Loading a corpus adds articles in path order: the new member
            // usually goes last.
            let last = wording.members.last().map(|m| (m.0, key(m)));
            match last {
                None => wording.members.push(item),
                Some((other, k)) if k < key(&item) => {
                    wording.articles += u32::from(other != id);
                    wording.members.push(item);
                }
                _ => {
                    if let Err(at) = wording.members.binary_search_by(|m| key(m).cmp(&key(&item))) {
                        wording.members.insert(at, item);
                    }
                    wording.articles = count_articles(&wording.members);
                }
            }
            if wording.members.len() == 1 {
                wording.articles = 1;
            }
            for p in wording.postings.iter() {
                let posting = &mut self.postings[*p as usize];
                posting.quotes += 1;
                // A new wording is in no posting yet (an entry's shingles
                // are distinct); the order of a posting's wordings is no matter.
                if new {
                    posting.wordings.push(at);
                }
            }
        }
        self.ids.insert(key.clone(), id);
        self.slots[id as usize] = Some(Slot { path: key, order, text: text.clone(), facts: article.clone(), entries });
        self.forget_versions();
    }

    /// Take an article's quotations out. Returns the other articles that
    /// held versions of them.
    pub fn remove(&mut self, path: &Path) -> BTreeSet<PathBuf> {
        let touched = self.neighbours(path);
        self.take_out(path);
        touched
    }

    fn take_out(&mut self, path: &Path) {
        let Some(id) = self.ids.remove(path) else { return };
        let Some(Slot { entries: old, .. }) = self.slots[id as usize].take() else { return };
        self.forget_versions();
        for (slot, e) in old.iter().enumerate() {
            let at = e.place;
            let Some(wording) = self.wordings.get_mut(at as usize).filter(|w| w.fingerprint == e.fingerprint && !w.members.is_empty()) else { continue };
            wording.members.retain(|m| *m != (id, slot as u32));
            wording.articles = count_articles(&wording.members);
            let gone = wording.members.is_empty();
            let wording = &self.wordings[at as usize];
            for p in wording.postings.iter() {
                let posting = &mut self.postings[*p as usize];
                posting.quotes = posting.quotes.saturating_sub(1);
                if gone {
                    posting.wordings.retain(|w| *w != at);
                }
                if posting.quotes == 0 {
                    let shingle = std::mem::take(posting).shingle;
                    self.posting_of.remove(&shingle);
                    self.free_postings.push(*p);
                }
            }
            if gone {
                let w = std::mem::take(&mut self.wordings[at as usize]);
                self.by_fingerprint.remove(&w.fingerprint);
                if self.raw.get(&w.raw) == Some(&at) {
                    self.raw.remove(&w.raw);
                }
                self.free_wordings.push(at);
            }
        }
        self.free.push(id);
    }

    fn forget_versions(&mut self) {
        inner(&mut self.versioned).clear();
        let turned_away = inner(&mut self.turned_away);
        if turned_away.len() > 16 * self.by_fingerprint.len() + 4096 {
            *turned_away = Default::default();
        }
    }

    fn slot(&self, id: u32) -> &Slot {
        self.slots[id as usize].as_ref().expect("a member names a live article")
    }

    /// The path of the article with id `id`.
    pub fn path(&self, id: u32) -> &Path {
        self.slots[id as usize].as_ref().map_or(Path::new(""), |s| &s.path)
    }

    /// The sort key of that path: byte order is path order.
    pub fn order(&self, id: u32) -> &[u8] {
        self.slots[id as usize].as_ref().map_or(&[], |s| &s.order)
    }

    /// The text and facts of the article with id `id`.
    pub fn article(&self, id: u32) -> (&Arc<str>, &Arc<Article>) {
        let s = self.slot(id);
        (&s.text, &s.facts)
    }

    /// A member's index in its article's `quotes`.
    pub fn quote(&self, m: Member) -> usize {
        self.entry(m.0, m.1).quote
    }

    /// A member's words, where its own text has them.
    pub fn member_words(&self, m: Member) -> Vec<QuoteWord> {
        let s = self.slot(m.0);
        let entry = self.entry(m.0, m.1);
        let Some(q) = s.facts.quotes.get(entry.quote) else { return Vec::new() };
        // Written as the copy its wording's words were read from: the same
        // words, moved.
        let w = &self.wordings[entry.place as usize];
        let (raw, hashed) = raw_key(&s.text, &q.inner);
        let base = hashed.start;
        if w.raw == raw {
            let moved: Option<Vec<QuoteWord>> = w
                .words
                .iter()
                .map(|x| QuoteWord::new(x.key, x.start as usize - w.base + base..x.end as usize - w.base + base))
                .collect();
            if let Some(moved) = moved {
                return moved;
            }
        }
        quote_words(&s.text, q.inner.clone())
    }

    /// The words of a member's wording: the same as its own but for their
    /// spans, which are another copy's.
    pub fn wording_words(&self, m: Member) -> &[QuoteWord] {
        &self.wordings[self.entry(m.0, m.1).place as usize].words
    }

    /// A member's path order, then its text order: members sort by it.
    pub fn member_order(&self, m: Member) -> (&[u8], usize) {
        (self.order(m.0), self.quote(m))
    }

    /// The members of the wording with fingerprint `fp`, in path order, and
    /// how many articles they are in.
    pub fn members(&self, fp: u64) -> (&[Member], usize) {
        self.wording(fp).map_or((&[][..], 0), |w| (w.members.as_slice(), w.articles as usize))
    }

    /// The members of the wording at `place`, and how many articles they
    /// are in.
    fn members_at(&self, place: u32) -> (&[Member], usize) {
        let w = &self.wordings[place as usize];
        (w.members.as_slice(), w.articles as usize)
    }

    /// How many of the members of the wording at `place` (`members`, in
    /// path order) are in the article `id`: the article's own quotations of
    /// that wording, counted on whichever list is shorter, its quotations
    /// or the members, so that neither a long list of copies nor an article
    /// of many quotations is read through.
    fn own_members(&self, members: &[Member], place: u32, id: u32) -> usize {
        let entries = &self.slot(id).entries;
        if entries.len() <= members.len() {
            return entries.iter().filter(|e| e.place == place).count();
        }
        members.iter().filter(|m| m.0 == id).count()
    }

    /// The live wording with fingerprint `fp`.
    fn wording(&self, fp: u64) -> Option<&Wording> {
        self.by_fingerprint.get(&fp).map(|at| &self.wordings[*at as usize])
    }

    fn entries(&self, path: &Path) -> Option<(u32, &[Indexed])> {
        let id = *self.ids.get(path)?;
        self.slots[id as usize].as_ref().map(|s| (id, s.entries.as_slice()))
    }

    fn entry(&self, id: u32, slot: u32) -> &Indexed {
        &self.slot(id).entries[slot as usize]
    }

    /// Every indexed quotation: its article and its index in the article's
    /// `quotes`, in no particular order.
    pub fn quotes(&self) -> impl Iterator<Item = (&Path, usize)> + '_ {
        self.slots.iter().flatten().flat_map(|s| s.entries.iter().map(move |e| (&*s.path, e.quote)))
    }

    /// The versions of quotation `quote` of the article at `path`, by
    /// wording: each wording that is a version of it (its own included,
    /// for its other copies), with how it compares. Reading them costs the
    /// wordings, not the copies: see [`VersionSet`].
    pub fn version_set(&self, path: &Path, quote: usize) -> Option<VersionSet> {
        let (id, entries) = self.entries(path)?;
        let ours = entries.iter().find(|e| e.quote == quote)?;
        Some(VersionSet { article: id, wordings: self.versioned(ours) })
    }

    /// The words of quotation `quote` of the article at `path`, if indexed.
    pub fn words(&self, path: &Path, quote: usize) -> Option<Vec<QuoteWord>> {
        let (id, entries) = self.entries(path)?;
        let slot = entries.iter().position(|e| e.quote == quote)?;
        Some(self.member_words((id, slot as u32)))
    }

    /// The versions of quotation `quote` of the article at `path` in the
    /// other articles, in path order. Each wording is compared once; its
    /// copies share that comparison.
    pub fn versions(&self, path: &Path, quote: usize) -> Vec<Version> {
        let Some(set) = self.version_set(path, quote) else { return Vec::new() };
        let mut found: Vec<(Member, &Arc<Comparison>)> = set.wordings(self).flat_map(|w| w.others().map(move |m| (m, w.comparison))).collect();
        found.sort_by(|a, b| self.member_order(a.0).cmp(&self.member_order(b.0)));
        found
            .into_iter()
            .map(|(m, comparison)| Version { path: self.path(m.0).to_path_buf(), quote: self.quote(m), comparison: comparison.clone() })
            .collect()
    }

    /// Sort members in path order, then text order.
    pub fn sort_members(&self, members: &mut [Member]) {
        members.sort_by(|a, b| self.member_order(*a).cmp(&self.member_order(*b)));
    }

    /// The first `k` members of several lists, each in path order, in path
    /// order, and how many the lists hold in all: what sorting them all
    /// and keeping `k` would give, at the cost of `k` per list.
    pub fn first_members<L: Iterator<Item = Member>>(&self, lists: impl IntoIterator<Item = L>, k: usize) -> (Vec<Member>, usize) {
        self.first_of(lists, k, true)
    }

    /// The first `k` members of several lists, each in path order, in path
    /// order, without counting the rest.
    pub fn first_only<L: Iterator<Item = Member>>(&self, lists: impl IntoIterator<Item = L>, k: usize) -> Vec<Member> {
        self.first_of(lists, k, false).0
    }

    fn first_of<L: Iterator<Item = Member>>(&self, lists: impl IntoIterator<Item = L>, k: usize, count: bool) -> (Vec<Member>, usize) {
        let mut top: Vec<Member> = Vec::with_capacity(k + 1);
        let mut total = 0;
        for mut list in lists {
            while let Some(m) = list.next() {
                total += 1;
                let order = self.member_order(m);
                if top.len() == k && top.last().is_none_or(|last| order >= self.member_order(*last)) {
                    // This list's later members come later still.
                    if count {
                        total += list.count();
                    }
                    break;
                }
                let at = top.partition_point(|t| self.member_order(*t) <= order);
                top.insert(at, m);
                top.truncate(k);
            }
        }
        (top, total)
    }

    /// The wordings that are versions of `ours`'s, with how each compares
    /// (whichever articles hold them, ours included), from the cache or
    /// worked out and cached.
    fn versioned(&self, ours: &Indexed) -> Arc<[Versioned]> {
        let cache = || locked(&self.versioned);
        if let Some(hit) = cache().get(&ours.fingerprint) {
            return hit.clone();
        }
        let pair = |fp: u64| (fp.min(ours.fingerprint), fp.max(ours.fingerprint));
        let mut candidates = self.candidates(ours);
        {
            let turned_away = locked(&self.turned_away);
            candidates.retain(|(fp, _)| !turned_away.contains(&pair(*fp)));
        }
        let mut away = Vec::new();
        let own = &self.wordings[ours.place as usize];
        let found: Arc<[Versioned]> = candidates
            .into_iter()
            .filter_map(|(fp, at)| {
                let theirs = &self.wordings[at as usize];
                if turned_away_with(own.side.view(), own.quoted(), theirs.side.view(), theirs.quoted()) {
                    away.push(pair(fp));
                    return None;
                }
                Some((fp, at, Arc::new(aligned(own.quoted(), theirs.quoted())?)))
            })
            .collect();
        locked(&self.turned_away).extend(away);
        cache().insert(ours.fingerprint, found.clone());
        found
    }

    /// The wordings sharing enough shingles with `ours` to be worth
    /// comparing, each once, with their members. Only the rarest of our
    /// shingles are looked up (prefix filtering): rarest by how many
    /// *wordings* have them, the first always, the next ones while the
    /// wordings gathered stay within [`MAX_CANDIDATES`]. A version shares
    /// most shingles, so it is found through the rare ones; how many it
    /// shares in all is then counted on its own sorted shingles.
    ///
    /// Rarity is counted in wordings, not in copies: a shingle of a
    /// statement reprinted by a hundred articles is held by its few
    /// wordings, and is the best way to its versions; one common to many
    /// different statements is held by many wordings, and leads mostly to
    /// strangers. (Counted in copies, a widely reprinted statement's own
    /// shingles looked common, and a changed copy, whose rarest shingles
    /// are those its change made, missed the versions it changed.)
    fn candidates(&self, ours: &Indexed) -> Vec<(u64, u32)> {
        let own = &self.wordings[ours.place as usize];
        let mut lists: Vec<&Posting> = own.postings.iter().map(|p| &self.postings[*p as usize]).collect();
        // Ties in the order of our shingles: the same lists for the same
        // words, whatever places updates gave them.
        lists.sort_unstable_by_key(|l| (l.wordings.len(), l.quotes, l.shingle));
        let mut seen: Vec<u32> = Vec::new();
        for (i, list) in lists.iter().enumerate() {
            if i > 0 && seen.len() + list.wordings.len() > MAX_CANDIDATES {
                // Counted with repeats so far: count them once, then ask again.
                seen.sort_unstable();
                seen.dedup();
                if seen.len() + list.wordings.len() > MAX_CANDIDATES {
                    break;
                }
            }
            seen.extend_from_slice(&list.wordings);
        }
        seen.sort_unstable();
        seen.dedup();
        let sketch = self.sketches[ours.place as usize];
        // Candidates are read in the order of their places, each a cache
        // line or two away from the last: asking for those a few ahead
        // hides most of the wait.
        const AHEAD: usize = 6;
        let mut likely: Vec<(u32, usize)> = Vec::new();
        for (k, &at) in seen.iter().enumerate() {
            if let Some(&next) = seen.get(k + AHEAD) {
                prefetch(&self.sketches[next as usize]);
                prefetch(&self.shingle_counts[next as usize]);
            }
            let needed = MIN_SHARED_SHINGLES * own.postings.len().min(self.shingle_counts[at as usize] as usize) as f64;
            if (sketch.shared(&self.sketches[at as usize]) as f64) >= needed {
                // Its wording, and then its shingles' places, are read next:
                // asked for all at once, their waits overlap instead of
                // adding up.
                prefetch(&self.wordings[at as usize].postings);
                likely.push((at, needed.ceil() as usize));
            }
        }
        for &(at, _) in &likely {
            if let Some(first) = self.wordings[at as usize].postings.first() {
                prefetch(first);
            }
        }
        let mut found: Vec<(u64, u32)> = Vec::new();
        for (at, needed) in likely {
            let wording = &self.wordings[at as usize];
            if shares_at_least(&own.postings, &wording.postings, needed) {
                found.push((wording.fingerprint, at));
            }
        }
        // In the order of their fingerprints, whatever places they hold.
        found.sort_unstable_by_key(|(fp, _)| *fp);
        found
    }

    /// The articles holding a version of any quotation of `path`.
    fn neighbours(&self, path: &Path) -> BTreeSet<PathBuf> {
        let Some((id, entries)) = self.entries(path) else { return BTreeSet::new() };
        let mut out = BTreeSet::new();
        for e in entries {
            for (_, at, _) in self.versioned(e).iter() {
                let wording = &self.wordings[*at as usize];
                out.extend(wording.members.iter().filter(|(o, _)| *o != id).map(|(o, _)| self.path(*o).to_path_buf()));
            }
        }
        out
    }
}

/// What replacing an article's quotations changes for the others.
#[derive(Debug, Default)]
pub struct Replaced {
    /// The other articles whose quotation findings may change.
    pub touched: BTreeSet<PathBuf>,
    /// Every quotation shows the others what it showed them before: the
    /// same words, place and speaker.
    pub same_faces: bool,
    /// The fingerprints of the article's quotations, old and new.
    pub wordings: Vec<u64>,
}

/// What an article's indexed quotations show the other articles'
/// quotation findings, in order.
fn faces<'a>(text: &'a str, facts: &'a Article, entries: &[Indexed]) -> Vec<Face<'a>> {
    entries.iter().filter_map(|e| Some(Face::of(text, facts, facts.quotes.get(e.quote)?, e.fingerprint))).collect()
}

/// What one quotation of an article shows the findings of its versions in
/// other articles: its words (folded, and as written), where it stands (line
/// and column of both ends: other articles' diagnostics point at it), and
/// whom it credits. Two equal faces leave every other article's quotation
/// findings as they were.
#[derive(Debug, PartialEq, Eq)]
struct Face<'a> {
    fingerprint: u64,
    written: &'a str,
    start: (usize, &'a str),
    end: (usize, &'a str),
    speaker: Option<(&'a str, crate::analysis::SpeakerKind, crate::analysis::Attribution)>,
    /// The credited entity's names, and those of its declared aliases.
    entity: Vec<(&'a str, &'a str, &'a str, Option<&'a str>, Option<crate::analysis::EntityKind>, bool)>,
}

impl<'a> Face<'a> {
    fn of(text: &'a str, facts: &'a Article, q: &'a crate::analysis::Quote, fingerprint: u64) -> Face<'a> {
        // A position as the line it is on and what comes before it there:
        // equal whenever the line and the column are, in any encoding.
        let at = |offset: usize| {
            let offset = offset.min(text.len());
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            (text[..line_start].matches('\n').count(), &text[line_start..offset])
        };
        let names = |e: &'a crate::analysis::LocalEntity| (e.name.as_str(), e.head.as_str(), e.key.as_str(), e.given.as_deref(), e.kind, e.is_outlet);
        let entity = q
            .speaker
            .as_ref()
            .and_then(|s| s.entity)
            .and_then(|i| facts.entities.get(i))
            .map(|e| std::iter::once(names(e)).chain(e.aliases.iter().filter_map(|&a| facts.entities.get(a)).map(names)).collect())
            .unwrap_or_default();
        Face {
            fingerprint,
            written: text.get(q.span.clone()).unwrap_or(""),
            start: at(q.span.start),
            end: at(q.span.end),
            speaker: q.speaker.as_ref().map(|s| (s.text.as_str(), s.kind, s.how)),
            entity,
        }
    }
}

/// Ask for the cache line holding `item` before it is read: a hint, with
/// no effect on what any code computes.
#[inline(always)]
fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing and cannot fault; the pointer comes
    // from a reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((item as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

/// Whether two sorted lists share at least `needed` items: one walk
/// through both, stopped as soon as the answer is known.
fn shares_at_least<T: Ord + Copy>(a: &[T], b: &[T], needed: usize) -> bool {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while n < needed && i < a.len() && j < b.len() {
        // Too few left on either side to reach it.
        if n + (a.len() - i).min(b.len() - j) < needed {
            return false;
        }
        // Without a branch on which is smaller: which side steps is as
        // likely one way as the other, and a mispredicted branch costs
        // more than the three steps.
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n >= needed
}

/// How many articles a wording's members (in path order) are in.
fn count_articles(members: &[Member]) -> u32 {
    let mut last = None;
    members.iter().filter(|m| last.replace(m.0) != Some(m.0)).count() as u32
}

/// The other versions of one quotation, by wording: what rules read when a
/// statement reprinted by hundreds of articles must cost them the few
/// wordings it has, not its hundreds of copies.
#[derive(Clone, Debug)]
pub struct VersionSet {
    /// The quotation's own article, whose members are not its versions.
    pub article: u32,
    wordings: Arc<[Versioned]>,
}

impl VersionSet {
    /// Each wording with how it compares, its members in other articles (in
    /// path order) and how many articles those are; wordings with none
    /// (only this article's own copies) are left out.
    pub fn wordings<'a>(&'a self, index: &'a QuotationIndex) -> impl Iterator<Item = OtherWording<'a>> + 'a {
        self.wordings.iter().filter_map(move |(fp, at, comparison)| {
            let (members, articles) = index.members_at(*at);
            let ours = index.own_members(members, *at, self.article);
            if ours == members.len() {
                return None;
            }
            let articles = articles - usize::from(ours > 0);
            Some(OtherWording { fingerprint: *fp, comparison, members, article: self.article, articles })
        })
    }

    /// Whether any wording is a version related so, whichever articles
    /// hold it: when none is, no other article's is either, and a rule
    /// looking for one need not read the members.
    pub fn any(&self, relation: Relation) -> bool {
        self.wordings.iter().any(|(_, _, c)| c.relation == relation)
    }
}

/// A wording of a quotation's other versions.
#[derive(Clone, Copy, Debug)]
pub struct OtherWording<'a> {
    pub fingerprint: u64,
    pub comparison: &'a Arc<Comparison>,
    /// Every member, this article's included: iterate [`Self::others`].
    members: &'a [Member],
    article: u32,
    /// How many other articles hold it.
    pub articles: usize,
}

impl<'a> OtherWording<'a> {
    /// The members in other articles, in path order.
    pub fn others(&self) -> impl Iterator<Item = Member> + 'a {
        let article = self.article;
        self.members.iter().copied().filter(move |m| m.0 != article)
    }

    pub fn relation(&self) -> Relation {
        self.comparison.relation
    }
}

/// Put `item` in a free place of `items` (one of those `free`
/// lists), else at the end, and return its place.
fn place<T>(items: &mut Vec<T>, free: &mut Vec<u32>, item: T) -> u32 {
    match free.pop() {
        Some(at) => {
            items[at as usize] = item;
            at
        }
        None => {
            items.push(item);
            (items.len() - 1) as u32
        }
    }
}

/// A key whose byte order is the order of paths (`Path`'s, component by
/// component), so that versions sort by path with a `memcmp`: each
/// component is a tag (its kind, in `Component`'s order) and its bytes,
/// ended by a zero byte, which no component holds.
pub(super) fn path_order(path: &Path) -> Box<[u8]> {
    use std::path::Component;
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for c in path.components() {
        let tag = match c {
            Component::Prefix(_) => 1,
            Component::RootDir => 2,
            Component::CurDir => 3,
            Component::ParentDir => 4,
            Component::Normal(_) => 5,
        };
        key.push(tag);
        key.extend_from_slice(c.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    key.into_boxed_slice()
}

/// The words of `text[span]`, folded: lower case, accents and marks off,
/// letters of other scripts that look Latin read as Latin, apostrophes
/// inside a word dropped ("don’t" is one word), everything else a break.
/// Editorial insertions in brackets ("[the president]", "(…)") are not the
/// speaker's words and are left out.
pub fn quote_words(text: &str, span: Span) -> Vec<QuoteWord> {
    read_words(text, span).0
}

/// [`quote_words`], with each word's head (see [`head`]) without its place.
fn read_words(text: &str, span: Span) -> (Vec<QuoteWord>, Vec<u64>) {
    let s = &text[span.clone()];
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6 + 1);
    let mut heads = Vec::with_capacity(bytes.len() / 6 + 1);
    let mut word = String::new();
    let (mut start, mut end, mut depth) = (0, 0, 0usize);
    let mut flush = |word: &mut String, start: usize, end: usize, out: &mut Vec<QuoteWord>| {
        if !word.is_empty() {
            if let Some(w) = QuoteWord::new(hash(word), span.start + start..span.start + end) {
                out.push(w);
                heads.push(head_of(word.as_bytes()));
            }
            word.clear();
        }
    };
    let at = |i: usize| (i < bytes.len()).then(|| crate::analysis::char_at(s, i).0);
    let mut i = 0;
    while let Some(c) = at(i) {
        // A run of ASCII letters and digits, read in one go.
        if depth == 0 && c.is_ascii_alphanumeric() {
            let run = bytes[i..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |n| i + n);
            if word.is_empty() {
                start = i;
            }
            let from = word.len();
            word.push_str(&s[i..run]);
            word[from..].make_ascii_lowercase();
            (end, i) = (run, run);
            continue;
        }
        let here = i;
        i += c.len_utf8();
        match c {
            '[' | '(' => {
                flush(&mut word, start, end, &mut out);
                depth += 1;
                continue;
            }
            ']' | ')' => {
                flush(&mut word, start, end, &mut out);
                depth = depth.saturating_sub(1);
                continue;
            }
            _ if depth > 0 => continue,
            '\'' | '’' if !word.is_empty() && at(i).is_some_and(char::is_alphanumeric) => continue,
            _ => {}
        }
        if c.is_alphanumeric() {
            if word.is_empty() {
                start = here;
            }
            fold(c, &mut |d| word.push(d));
            end = i;
        } else {
            flush(&mut word, start, end, &mut out);
        }
    }
    flush(&mut word, start, end, &mut out);
    (out, heads)
}

/// One character folded for comparison, to `push`: decomposed, marks
/// dropped, lower case, and a Cyrillic or Greek letter that looks like a
/// Latin one read as that letter (its UTS #39 skeleton). What a word's
/// letters are, both when it is read and when a comparison reads them again.
#[inline]
fn fold(c: char, push: &mut impl FnMut(char)) {
    if c.is_ascii() {
        // What the general path gives an ASCII letter, without its
        // iterators: most words of most quotations are ASCII.
        push(c.to_ascii_lowercase());
    } else {
        fold_other(c, push);
    }
}

/// [`fold`] for a character that is not ASCII.
#[inline(never)]
fn fold_other(c: char, push: &mut impl FnMut(char)) {
    for l in c.to_lowercase() {
        for d in std::iter::once(l).nfkd().filter(|d| !is_combining_mark(*d)) {
            if d.is_ascii() {
                push(d);
            } else {
                unicode_security::skeleton(d.encode_utf8(&mut [0; 4])).flat_map(char::to_lowercase).for_each(&mut *push);
            }
        }
    }
}

/// A hash of a quotation's text as written, and the span of the hashed
/// text: the text from its first letter or digit (or opening bracket) to
/// its last letter or digit. What stands outside those holds no word and
/// changes none ([`quote_words`] reads a mark or a space there as a break,
/// and a closing bracket there as nothing), so two quotations with the same
/// hashed text have the same words at the same places from its start
/// however their commas, full stops and dashes fall at either end: a copy
/// punctuated as another outlet's house style has it is not read again.
fn raw_key(text: &str, span: &Span) -> (u64, Span) {
    use std::hash::{BuildHasher, Hasher};
    let s = text.get(span.clone()).unwrap_or("");
    let start = s.find(|c: char| c.is_alphanumeric() || c == '[' || c == '(').unwrap_or(s.len());
    let end = s.rfind(char::is_alphanumeric).map_or(start, |i| i + crate::analysis::char_at(s, i).1).max(start);
    let core = &s[start..end];
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(core.as_bytes());
    h.write_usize(core.len());
    (h.finish(), span.start + start..span.start + end)
}

fn hash(word: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(word.as_bytes());
    h.finish()
}

fn shingles(words: &[QuoteWord]) -> Vec<u64> {
    let mut out: Vec<u64> = words
        .windows(SHINGLE.min(words.len()))
        .map(|w| {
            w.iter().fold(0xcbf2_9ce4_8422_2325u64, |acc, x| (acc ^ x.key).wrapping_mul(0x0100_0000_01b3))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How `theirs` relates to `ours`, or `None` when it is not a version of it.
pub fn compare(ours: Quoted, theirs: Quoted) -> Option<Comparison> {
    if turned_away(ours, theirs) {
        return None;
    }
    aligned(ours, theirs)
}

/// Whether the two are surely not versions of each other, told without
/// aligning them; the same answer both ways round.
fn turned_away(ours: Quoted, theirs: Quoted) -> bool {
    let (a, b) = (sides_of(ours), sides_of(theirs));
    turned_away_with(a.view(), ours, b.view(), theirs)
}

/// [`turned_away`], with each quotation's sorted keys and heads at hand.
fn turned_away_with(side: Side, ours: Quoted, their_side: Side, theirs: Quoted) -> bool {
    !is_copy(ours.words, theirs.words) && too_few_shared_from(side, ours, their_side, theirs)
}

fn is_copy(ours: &[QuoteWord], theirs: &[QuoteWord]) -> bool {
    ours.len() == theirs.len() && ours.iter().zip(theirs).all(|(x, y)| x.key == y.key)
}

/// One quotation as the cheap rejection reads it (its first [`LCS_CAP`]
/// words): their keys, and their heads (see [`head`]), each sorted; a view
/// of what [`sides`] made.
#[derive(Clone, Copy)]
struct Side<'a> {
    keys: &'a [u32],
    heads: &'a [u64],
}

/// What [`Side`] reads, as a wording keeps it. The keys are cut to their
/// high 32 bits (the better mixed half of a multiplied hash): two bags of
/// cut keys share at least as many as the full keys do, so the bag count
/// still bounds the common subsequence (found on the full keys), and only
/// ever lets through a pair the subsequence turns away.
#[derive(Clone, Debug, Default)]
struct Sides {
    keys: Box<[u32]>,
    heads: Box<[u64]>,
}

impl Sides {
    fn view(&self) -> Side<'_> {
        Side { keys: &self.keys, heads: &self.heads }
    }
}

/// The first [`LCS_CAP`] words' keys (cut, see [`Sides`]), sorted, and their
/// heads, sorted, from the words and their heads without places (as
/// [`read_words`] gives them).
fn sides(words: &[QuoteWord], heads: &[u64]) -> Sides {
    let words = &words[..words.len().min(LCS_CAP)];
    let mut keys: Vec<u32> = words.iter().map(|w| (w.key >> 32) as u32).collect();
    keys.sort_unstable();
    let mut heads: Vec<u64> = heads.iter().take(words.len()).enumerate().map(|(i, h)| h | (i % HEAD_PLACES) as u64).collect();
    heads.sort_unstable();
    Sides { keys: keys.into(), heads: heads.into() }
}

/// [`sides`], the heads made from the words' letters.
fn sides_of(q: Quoted) -> Sides {
    let q = q.first(LCS_CAP);
    let heads: Vec<u64> = (0..q.words.len()).map(|i| head_of(&q.letters(i))).collect();
    sides(q.words, &heads)
}

/// Whether the two surely share too few words to be versions. Most pairs
/// that share enough shingles to be compared are still not versions; the
/// words they have in common (counted as two bags), and then the length of
/// a longest common subsequence, bound the words they share, unless a run
/// is written with other spaces (see [`may_respace`]); all three are told
/// far more cheaply than the subsequence itself is found.
#[cfg(test)]
fn too_few_shared(ours: Quoted, theirs: Quoted) -> bool {
    let (a, b) = (sides_of(ours), sides_of(theirs));
    too_few_shared_from(a.view(), ours, b.view(), theirs)
}

/// [`too_few_shared`], with each quotation's sorted keys and heads at hand.
fn too_few_shared_from(side: Side, ours: Quoted, their_side: Side, theirs: Quoted) -> bool {
    let needed = MIN_SHARED * ours.words.len().min(theirs.words.len()) as f64;
    let (a, b) = (ours.first(LCS_CAP), theirs.first(LCS_CAP));
    let at_least = needed.ceil() as usize;
    // The words they have in common (counted as two bags) bound those of
    // any common subsequence.
    if shares_at_least(side.keys, their_side.keys, at_least) && lcs_len(a.words, b.words) >= at_least {
        return false;
    }
    !may_respace_from(side, a, their_side, b)
}

/// [`compare`] by aligning the two word by word.
fn aligned(ours: Quoted, theirs: Quoted) -> Option<Comparison> {
    if is_copy(ours.words, theirs.words) {
        return Some(Comparison { relation: Relation::Copy, changes: Vec::new(), matched: Vec::new() });
    }
    let shorter = ours.words.len().min(theirs.words.len());
    let pairs = lcs(ours.words, theirs.words);
    // Quotations are capped far below 2^32 words (see [`LCS_CAP`]).
    let matched = pairs.iter().map(|p| p.0 as u32).collect();
    // Between two matched words, words on both sides are a change; words on
    // one side only are a cut or an addition, not drift. Outside the shared
    // stretch (before the first and after the last match) nothing counts: one
    // quotation simply starts or stops elsewhere. A run written with other
    // spaces ("C F" and "CF", "@realmadrid" and "Real Madrid") is the same
    // words, and counts as shared.
    fn joined(q: Quoted<'_>, run: std::ops::Range<usize>) -> impl Iterator<Item = u8> + '_ {
        run.flat_map(move |i| q.letters(i))
    }
    let mut shared = pairs.len();
    let mut changes = Vec::new();
    for w in pairs.windows(2) {
        if w[1].0 > w[0].0 + 1 && w[1].1 > w[0].1 + 1 {
            let c = Change { ours: w[0].0 + 1..w[1].0, theirs: w[0].1 + 1..w[1].1 };
            if joined(ours, c.ours.clone()).eq(joined(theirs, c.theirs.clone())) {
                shared += c.ours.len().min(c.theirs.len());
            } else {
                changes.push(c);
            }
        }
    }
    if changes.is_empty() && shared >= shorter {
        return Some(Comparison { relation: Relation::Excerpt, changes, matched });
    }
    if (shared as f64) < MIN_SHARED * shorter as f64 {
        return None;
    }
    // A run longer than a few words is a passage rewritten, not a wording
    // changed: the two are near versions, with nothing to point at.
    changes.retain(|c| c.ours.len() <= MAX_CHANGE && c.theirs.len() <= MAX_CHANGE);
    let relation = Relation::Near;
    Some(Comparison { relation, changes, matched })
}

/// The most words [`lcs`] reads of each quotation.
const LCS_CAP: usize = 400;

/// The length of a longest common subsequence of `a` and `b` (by word key),
/// found 64 words of `b` at a time with bit operations (Hyyrö's bit-vector
/// algorithm): the same length as [`lcs`]'s, without its table.
fn lcs_len(a: &[QuoteWord], b: &[QuoteWord]) -> usize {
    let m = b.len();
    if m == 0 || a.is_empty() {
        return 0;
    }
    thread_local! {
        static BUF: std::cell::RefCell<(Vec<u64>, Vec<u64>, Vec<u64>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new(), Vec::new())) };
    }
    BUF.with(|buf| {
        let (keys, v, mask) = &mut *buf.borrow_mut();
        keys.clear();
        keys.extend(b.iter().map(|w| w.key));
        let blocks = m.div_ceil(64);
        v.clear();
        v.resize(blocks, !0);
        mask.clear();
        mask.resize(blocks, 0);
        for x in a {
            // The positions of b holding this word.
            for (block, chunk) in keys.chunks(64).enumerate() {
                mask[block] = chunk.iter().enumerate().fold(0, |acc, (j, k)| acc | (u64::from(*k == x.key) << j));
            }
            // V = (V + (V & M)) | (V & !M), the sum carried across blocks.
            let mut carry = 0u64;
            for (vb, mb) in v.iter_mut().zip(mask.iter()) {
                let u = *vb & mb;
                let (sum, c1) = vb.overflowing_add(u);
                let (sum, c2) = sum.overflowing_add(carry);
                carry = u64::from(c1 || c2);
                *vb = sum | (*vb & !mb);
            }
        }
        // Each zero among the first m bits is a matched word of b.
        let tail = m % 64;
        let mut zeros = 0;
        for (block, vb) in v.iter().enumerate() {
            let bits = if block == blocks - 1 && tail != 0 { (!vb) & ((1u64 << tail) - 1) } else { !vb };
            zeros += bits.count_ones() as usize;
        }
        zeros
    })
}

/// Whether a run of words of `a` may be written with other spaces in `b`
/// ("C F" for "CF"), which [`compare`] counts as shared words though no
/// subsequence matches them. Between two matched words, such runs start
/// with different words (else the subsequence would be longer), one a
/// proper prefix of the other, and read on letter by letter the two agree
/// until both reach the end of a word at once: wherever that holds, it is
/// found here.
#[cfg(test)]
fn may_respace(a: Quoted, b: Quoted) -> bool {
    let (x, y) = (sides_of(a), sides_of(b));
    may_respace_from(x.view(), a.first(LCS_CAP), y.view(), b.first(LCS_CAP))
}

/// [`may_respace`], with each side's sorted heads at hand.
fn may_respace_from(side: Side, a: Quoted, their_side: Side, b: Quoted) -> bool {
    thread_local! {
        static HEADS: std::cell::RefCell<Vec<u128>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    HEADS.with(|buf| {
        // Both sides' heads in one sorted list, a merge of the two, each
        // with the side it is on as its lowest bit.
        let heads = &mut *buf.borrow_mut();
        heads.clear();
        let (ours, theirs) = (side.heads, their_side.heads);
        let (mut i, mut j) = (0, 0);
        while i < ours.len() && j < theirs.len() {
            if ours[i] < theirs[j] {
                heads.push(u128::from(ours[i]) << 1);
                i += 1;
            } else {
                heads.push(u128::from(theirs[j]) << 1 | 1);
                j += 1;
            }
        }
        heads.extend(ours[i..].iter().map(|&h| u128::from(h) << 1));
        heads.extend(theirs[j..].iter().map(|&h| u128::from(h) << 1 | 1));
        // In the order of their first bytes, the words a word begins follow
        // it (after any with the same first bytes).
        let first = |h: u128| (h >> 17) as u64;
        let len = |h: u128| (h >> 10) as usize & HEAD_LEN_CAP;
        let in_b = |h: u128| h & 1 != 0;
        let at = |h: u128| (h >> 1) as usize & (HEAD_PLACES - 1);
        let mut group = 0;
        for k in 0..heads.len() {
            let x = heads[k];
            if first(x) != first(heads[group]) {
                group = k;
            }
            let mask = if len(x) >= HEAD_BYTES { HEAD_FIRST } else { HEAD_FIRST & !(HEAD_FIRST >> (8 * len(x))) };
            for &y in heads[group..].iter().take_while(|&&y| first(y) & mask == first(x)) {
                // Longer, or both too long for their lengths to be told.
                if in_b(y) != in_b(x) && (len(y) > len(x) || len(x) == HEAD_LEN_CAP) {
                    let (i, j) = if in_b(x) { (at(y), at(x)) } else { (at(x), at(y)) };
                    if same_letters(a, i, b, j) {
                        return true;
                    }
                }
            }
        }
        false
    })
}

/// How many first bytes of a word its head holds, the largest length it
/// tells (longer words are told as this long), and how many places.
const HEAD_BYTES: usize = 6;
const HEAD_FIRST: u64 = (1 << (8 * HEAD_BYTES)) - 1;
const HEAD_LEN_CAP: usize = 127;
const HEAD_PLACES: usize = 512;
const _: () = assert!(LCS_CAP <= HEAD_PLACES);

/// A word as one number that sorts as its first [`HEAD_BYTES`] bytes do:
/// those bytes (big-endian) in the top 48 bits, then its length (up to
/// [`HEAD_LEN_CAP`]) in 7 bits and its place (under [`HEAD_PLACES`]) in 9;
/// made here from its folded letters, with no place (see [`sides`]).
fn head_of(letters: &[u8]) -> u64 {
    let first = letters.iter().take(HEAD_BYTES).enumerate().fold(0u64, |acc, (i, &c)| acc | u64::from(c) << (8 * (HEAD_BYTES - 1 - i)));
    let len = letters.len().min(HEAD_LEN_CAP) as u64;
    (first << 16) | (len << 9)
}

/// Whether the words of `a` from `i` and of `b` from `j` spell the same
/// letters until both end a word at once, with other word breaks.
fn same_letters(a: Quoted, mut i: usize, b: Quoted, mut j: usize) -> bool {
    if a.words[i].key == b.words[j].key {
        return false;
    }
    let (mut xs, mut ys) = (a.letters(i), b.letters(j));
    let (mut x, mut y) = (&xs[..], &ys[..]);
    loop {
        let n = x.len().min(y.len());
        if x[..n] != y[..n] {
            return false;
        }
        (x, y) = (&x[n..], &y[n..]);
        match (x.is_empty(), y.is_empty()) {
            (true, true) => return true,
            (true, false) => {
                i += 1;
                if i >= a.words.len() {
                    return false;
                }
                xs = a.letters(i);
                x = &xs[..];
            }
            (false, true) => {
                j += 1;
                if j >= b.words.len() {
                    return false;
                }
                ys = b.letters(j);
                y = &ys[..];
            }
            (false, false) => return false,
        }
    }
}

/// A longest common subsequence of `a` and `b`, as index pairs. Quotations
/// are short; the table is bounded by the two lengths (capped, so that a
/// pathological "quotation" of a whole article costs a bounded amount) and
/// reused from one comparison to the next on the same thread.
fn lcs(a: &[QuoteWord], b: &[QuoteWord]) -> Vec<(usize, usize)> {
    thread_local! {
        static TABLE: std::cell::RefCell<Vec<u16>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let (a, b) = (&a[..a.len().min(LCS_CAP)], &b[..b.len().min(LCS_CAP)]);
    let (n, m) = (a.len(), b.len());
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        t.clear();
        t.resize((n + 1) * (m + 1), 0);
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                t[at(i, j)] = if a[i].key == b[j].key { t[at(i + 1, j + 1)] + 1 } else { t[at(i + 1, j)].max(t[at(i, j + 1)]) };
            }
        }
        let (mut i, mut j, mut out) = (0, 0, Vec::new());
        while i < n && j < m {
            if a[i].key == b[j].key {
                out.push((i, j));
                i += 1;
                j += 1;
            } else if t[at(i + 1, j)] >= t[at(i, j + 1)] {
                i += 1;
            } else {
                j += 1;
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<QuoteWord> {
        quote_words(s, 0..s.len())
    }

    fn relation(a: &str, b: &str) -> Option<(Relation, Vec<Change>)> {
        compare(Quoted::new(a, &words(a)), Quoted::new(b, &words(b))).map(|c| (c.relation, c.changes))
    }

    #[test]
    fn punctuation_case_accents_and_look_alike_letters_do_not_change_the_words() {
        let a = "We will take three steps forward, and the region will follow.";
        let b = "we will take three steps forward — and the region will follow";
        assert_eq!(relation(a, b), Some((Relation::Copy, vec![])));
        // A Cyrillic е and о inside Latin words, and an accent dropped.
        assert_eq!(relation("Réal will sign the forward today", "Rеal will sign the fоrward today"), Some((Relation::Copy, vec![])));
        assert_eq!(relation("We don’t accept the result at all", "We don't accept the result at all"), Some((Relation::Copy, vec![])));
    }

    #[test]
    fn editorial_insertions_are_not_the_speakers_words() {
        let a = "He [the minister] told us the port will open in May";
        let b = "He told us (…) the port will open in May";
        assert_eq!(relation(a, b), Some((Relation::Copy, vec![])));
    }

    #[test]
    fn a_part_of_a_quotation_is_an_excerpt() {
        let whole = "The talks were hard but we will take three steps forward before the summer ends";
        assert_eq!(relation(whole, "we will take three steps forward").map(|r| r.0), Some(Relation::Excerpt));
        // A cut in the middle is an excerpt too, not a change.
        assert_eq!(relation(whole, "The talks were hard but we will take three steps forward").map(|r| r.0), Some(Relation::Excerpt));
        assert_eq!(relation(whole, "The talks were hard ... before the summer ends").map(|r| r.0), Some(Relation::Excerpt));
    }

    #[test]
    fn a_changed_word_is_a_near_version_with_the_change_located() {
        let a = "We will take three steps forward before the summer ends";
        let b = "We will take three steps ahead before the summer ends";
        let (rel, changes) = relation(a, b).unwrap();
        assert_eq!(rel, Relation::Near);
        assert_eq!(changes, vec![Change { ours: 5..6, theirs: 5..6 }]);
    }

    #[test]
    fn other_spaces_are_not_other_words() {
        let a = "Welcome to the club of my dreams, Real Madrid CF, today";
        let b = "Welcome to the club of my dreams, @realmadrid C F, today";
        assert_eq!(relation(a, b).map(|r| r.1), Some(vec![]));
    }

    #[test]
    fn a_translation_or_paraphrase_is_not_a_version() {
        let a = "We will take three steps forward before the summer ends";
        assert_eq!(relation(a, "Avanzaremos tres pasos antes de que termine el verano"), None);
        assert_eq!(relation(a, "Progress will come quickly, he promised, within months"), None);
    }

    proptest::proptest! {
        /// What [`raw_key`] leaves out of a quotation's text holds no word and
        /// changes none: the words of the text it hashes are those of the
        /// whole, at the same places. Drawn from letters, an accent, a
        /// Cyrillic look-alike, brackets, apostrophes, marks and spaces.
        #[test]
        fn the_text_a_copy_is_known_by_has_all_its_words(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'B', '7', 'é', 'е', '\u{301}', ' ', ',', '.', '…', '—', '"', '“', '”', '\'', '’', '[', ']', '(', ')', '-',
            ]), 0..40),
            offset in 0usize..3,
        ) {
            let text: String = "x".repeat(offset) + &chars.into_iter().collect::<String>();
            let span = offset..text.len();
            let (_, hashed) = raw_key(&text, &span);
            proptest::prop_assert_eq!(quote_words(&text, hashed), quote_words(&text, span));
        }

        /// The letters a comparison folds again from a word's text are those
        /// the word was read with: the same key and the same head, whatever
        /// accents, marks, look-alikes, apostrophes and brackets stand in
        /// and around it.
        #[test]
        fn a_words_letters_read_again_from_its_text_are_those_it_was_read_with(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'B', '7', 'é', 'е', 'Ω', 'İ', 'ß', 'ﬁ', 'ŉ', '\u{301}', ' ', ',', '\'', '’', '[', ']', '(', ')', '-', 'x',
            ]), 0..40),
        ) {
            let text: String = chars.into_iter().collect();
            let (words, heads) = read_words(&text, 0..text.len());
            let q = Quoted::new(&text, &words);
            for (i, w) in words.iter().enumerate() {
                let letters = q.letters(i);
                proptest::prop_assert_eq!(hash(std::str::from_utf8(&letters).expect("folded letters are text")), w.key);
                proptest::prop_assert_eq!(head_of(&letters), heads[i]);
            }
        }
    }

    proptest::proptest! {
        /// The sorted-heads search for runs written with other spaces finds
        /// one exactly when some pair of starting words, tried one by one,
        /// spells the same letters: words that share their first six bytes,
        /// words longer than a head tells, and one-letter words included.
        #[test]
        fn the_respacing_search_finds_what_trying_every_pair_finds(
            a in proptest::collection::vec(0usize..12, 1..14),
            b in proptest::collection::vec(0usize..12, 1..14),
        ) {
            let long = "x".repeat(130);
            let longer = format!("{long}y");
            let pieces: [&str; 12] = ["c", "f", "cf", "govern", "governments", "ments", "government", "s", &long, &longer, "y", "the"];
            let join = |v: &[usize]| v.iter().map(|&i| pieces[i]).collect::<Vec<_>>().join(" ");
            let (ta, tb) = (join(&a), join(&b));
            let (wa, wb) = (words(&ta), words(&tb));
            let (a, b) = (Quoted::new(&ta, &wa), Quoted::new(&tb, &wb));
            let every_pair = (0..wa.len()).any(|i| (0..wb.len()).any(|j| same_letters(a, i, b, j)));
            proptest::prop_assert_eq!(may_respace(a, b), every_pair);
            proptest::prop_assert_eq!(may_respace(b, a), every_pair);
        }

        /// The keys a wording keeps for the bag count, cut to their high
        /// half, share at least as many as the full keys do: drawn so that
        /// different keys often cut the same.
        #[test]
        fn cut_keys_share_at_least_what_the_full_keys_share(
            a in proptest::collection::vec((0u64..4, 0u64..4), 0..24),
            b in proptest::collection::vec((0u64..4, 0u64..4), 0..24),
        ) {
            let full = |v: &[(u64, u64)]| { let mut k: Vec<u64> = v.iter().map(|(hi, lo)| hi << 32 | lo).collect(); k.sort_unstable(); k };
            let (fa, fb) = (full(&a), full(&b));
            // As a wording keeps them, from its words in text order.
            let cut = |v: &[(u64, u64)]| {
                let words: Vec<QuoteWord> = v.iter().map(|(hi, lo)| QuoteWord::new(hi << 32 | lo, 0..0).expect("a small span")).collect();
                sides(&words, &vec![0; words.len()]).keys
            };
            let (ca, cb) = (cut(&a), cut(&b));
            for needed in 0..=a.len().min(b.len()) + 1 {
                if shares_at_least(&fa, &fb, needed) {
                    proptest::prop_assert!(shares_at_least(&ca, &cb, needed), "{needed}: {fa:?} / {fb:?}");
                }
            }
        }

        /// The cheap test that two quotations share too few words never
        /// turns away a pair the word-by-word alignment accepts, and the
        /// bit-parallel length is the alignment's. The words are drawn from
        /// a few, so that runs written with other spaces ("c f" / "cf") and
        /// words that begin others ("a" / "and") come up often.
        #[test]
        fn the_cheap_rejection_agrees_with_the_alignment(
            a in proptest::collection::vec(0usize..9, 4..60),
            edits in proptest::collection::vec((0u8..4, 0usize..64, 0usize..9), 0..16),
        ) {
            // `b` is `a` edited: words changed, cut, added, and runs
            // written with other spaces ("cf" / "c f", "and" / "a nd").
            const WORDS: [&str; 9] = ["c", "f", "cf", "a", "and", "nd", "the", "them", "m"];
            let mut b: Vec<&str> = a.iter().map(|&i| WORDS[i]).collect();
            for (op, at, w) in edits {
                let at = at % (b.len() + 1);
                match op {
                    0 if at < b.len() => b[at] = WORDS[w],
                    1 if at < b.len() => { b.remove(at); }
                    2 => b.insert(at, WORDS[w]),
                    _ if at + 1 < b.len() && WORDS.contains(&(b[at].to_string() + b[at + 1]).as_str()) => {
                        let joined = b[at].to_string() + b[at + 1];
                        b[at] = WORDS.iter().find(|x| **x == joined).expect("a word of the list");
                        b.remove(at + 1);
                    }
                    _ if b.get(at) == Some(&"cf") => { b[at] = "c"; b.insert(at + 1, "f"); }
                    _ if b.get(at) == Some(&"and") => { b[at] = "a"; b.insert(at + 1, "nd"); }
                    _ => {}
                }
            }
            let (ta, tb) = (a.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" "), b.join(" "));
            let (wa, wb) = (words(&ta), words(&tb));
            let (a, b) = (Quoted::new(&ta, &wa), Quoted::new(&tb, &wb));
            proptest::prop_assert_eq!(lcs_len(&wa, &wb), lcs(&wa, &wb).len());
            proptest::prop_assert_eq!(compare(a, b), aligned(a, b));
            proptest::prop_assert_eq!(compare(b, a), aligned(b, a));
            // The index keeps a pair turned away for both lookups.
            proptest::prop_assert_eq!(too_few_shared(a, b), too_few_shared(b, a));
            proptest::prop_assert_eq!(turned_away(a, b), turned_away(b, a));
        }
    }

    #[test]
    fn the_bit_parallel_length_crosses_blocks_of_64_words() {
        let long: String = (0..150).map(|i| format!("w{} ", i % 37)).collect();
        let other: String = (0..130).map(|i| format!("w{} ", (i * 7) % 37)).collect();
        let (a, b) = (words(&long), words(&other));
        assert_eq!(lcs_len(&a, &b), lcs(&a, &b).len());
        assert_eq!(lcs_len(&b, &a), lcs(&a, &b).len());
        assert_eq!(lcs_len(&a, &a), a.len());
    }

    #[test]
    fn a_run_written_with_other_spaces_is_not_turned_away() {
        // Four of six words shared in order is under the threshold on its
        // own; "C F" for "CF" makes up the rest.
        let (ta, tb) = ("we met the C F board today", "we met the CF board today");
        let (a, b) = (words(ta), words(tb));
        let (a, b) = (Quoted::new(ta, &a), Quoted::new(tb, &b));
        assert!(may_respace(a, b));
        assert_eq!(compare(a, b).map(|c| c.relation), Some(Relation::Excerpt));
        let (tc, td) = ("one two three four", "five six seven eight");
        assert!(!may_respace(Quoted::new(tc, &words(tc)), Quoted::new(td, &words(td))));
    }

    #[test]
    fn a_copy_has_every_word_and_a_near_version_those_it_keeps() {
        let text = "we will take three steps forward this summer";
        let ours = words(text);
        let of = |t: &'static str| (t, words(t));
        let (tc, copy) = of("We will take three steps forward this summer!");
        let copy = compare(Quoted::new(text, &ours), Quoted::new(tc, &copy)).expect("a copy");
        assert_eq!(copy.relation, Relation::Copy);
        assert!((0..ours.len()).all(|i| copy.matches(i)));
        let (tn, near) = of("we will take three steps ahead this summer");
        let near = compare(Quoted::new(text, &ours), Quoted::new(tn, &near)).expect("a near version");
        assert_eq!(near.relation, Relation::Near);
        let kept: Vec<usize> = (0..ours.len()).filter(|&i| near.matches(i)).collect();
        assert_eq!(kept, vec![0, 1, 2, 3, 4, 6, 7], "all but 'forward'");
        assert!(!near.matches(usize::MAX));
    }

    #[test]
    fn a_words_place_is_kept_whole_and_none_past_4_gib_is_made() {
        let w = QuoteWord::new(hash("cf"), 7..9).expect("a place that fits");
        assert_eq!(w.span(), 7..9);
        let last = u32::MAX as usize;
        assert_eq!(QuoteWord::new(0, last - 2..last).map(|w| w.span()), Some(last - 2..last));
        assert!(QuoteWord::new(0, last..last + 1).is_none());
        assert_eq!(std::mem::size_of::<QuoteWord>(), 16);
        // A run covers its words' text, from the first to the last.
        let text = "“we met the C F board”";
        let w = words(text);
        let board = w.iter().position(|x| &text[x.span()] == "board").expect("a word");
        assert_eq!(run_span(&w[board - 2..=board]).map(|s| &text[s]), Some("C F board"));
        assert_eq!(run_span(&[]), None);
    }

    #[test]
    fn sorted_lists_sharing_enough_items() {
        let (a, b) = ([1, 3, 5, 7, 9], [2, 3, 4, 7, 9, 11]);
        assert!(shares_at_least(&a, &b, 3));
        assert!(!shares_at_least(&a, &b, 4));
        assert!(shares_at_least(&a, &b, 0));
        assert!(!shares_at_least(&a, &[], 1));
        assert!(shares_at_least(&a, &a, 5));
    }

    #[test]
    fn the_path_key_sorts_as_paths_do() {
        let paths = [
            "/a/b.txt", "/a-b.txt", "/a/b/c.txt", "/a//b.txt", "/a/./b.txt", "a/b.txt", "./a.txt", "../a.txt", "/a.txt", "/a",
            "/ab", "/a/", "/é.txt", "/e.txt", "b", "/a b/c", "/a/b c",
        ];
        for x in paths {
            for y in paths {
                let (px, py) = (Path::new(x), Path::new(y));
                assert_eq!(path_order(px).cmp(&path_order(py)), px.cmp(py), "{x} against {y}");
            }
        }
    }

    fn article(text: &str) -> Arc<Article> {
        Arc::new(crate::analysis::analyze(text, &crate::lexicon::Lexicon::default()))
    }

    #[test]
    fn versions_are_found_across_articles_and_follow_updates() {
        let a = "Dock deal agreed\n\n“We will take three steps forward before the summer ends,” Ana Sousa said.\n";
        let b = "Sousa in the port\n\n“We will take three steps ahead before the summer ends,” said Ana Sousa.\n";
        let c = "Unrelated\n\n“The weather on the coast has been very kind to the fishermen,” said Rui Lopes.\n";
        let mut idx = QuotationIndex::default();
        let (ta, tb, tc) = (article(a), article(b), article(c));
        let (a, b, c): (Arc<str>, Arc<str>, Arc<str>) = (a.into(), b.into(), c.into());
        assert!(idx.replace(Path::new("/a.txt"), &a, &ta).is_empty());
        assert_eq!(idx.replace(Path::new("/b.txt"), &b, &tb), BTreeSet::from([PathBuf::from("/a.txt")]));
        assert!(idx.replace(Path::new("/c.txt"), &c, &tc).is_empty());
        let v = idx.versions(Path::new("/a.txt"), 0);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!((v[0].path.as_path(), v[0].relation()), (Path::new("/b.txt"), Relation::Near));
        // b's quotation changes: a no longer has a version, and is told so.
        let b2: Arc<str> = "Sousa in the port\n\n“The weather on the coast has been very kind to the fishermen,” said Rui Lopes.\n".into();
        let touched = idx.replace(Path::new("/b.txt"), &b2, &article(&b2));
        assert_eq!(touched, BTreeSet::from([PathBuf::from("/a.txt"), PathBuf::from("/c.txt")]));
        assert!(idx.versions(Path::new("/a.txt"), 0).is_empty());
        // Removing and re-adding gives the index a rebuild would.
        let mut rebuilt = QuotationIndex::default();
        rebuilt.replace(Path::new("/a.txt"), &a, &ta);
        rebuilt.replace(Path::new("/b.txt"), &b2, &article(&b2));
        rebuilt.replace(Path::new("/c.txt"), &c, &tc);
        assert_eq!(idx, rebuilt);
    }

    #[test]
    fn an_edit_that_leaves_the_quotations_as_the_others_see_them_touches_no_other_article() {
        let a = "Dock deal agreed\n\n“We will take three steps forward before the summer ends,” Ana Sousa said.\n\nMore talks follow.\n";
        let b: Arc<str> = "Sousa in the port\n\n“We will take three steps ahead before the summer ends,” said Ana Sousa.\n".into();
        let mut idx = QuotationIndex::default();
        idx.replace(Path::new("/b.txt"), &b, &article(&b));
        let put = |idx: &mut QuotationIndex, text: &str| {
            let text: Arc<str> = text.into();
            idx.replace(Path::new("/a.txt"), &text, &article(&text))
        };
        let b_only = BTreeSet::from([PathBuf::from("/b.txt")]);
        assert_eq!(put(&mut idx, a), b_only);
        // Typing in the title, or in a line after the quotation: b's
        // findings point at the same line and column, the same words, the
        // same speaker.
        assert!(put(&mut idx, &a.replace("Dock deal", "Dock deals")).is_empty());
        assert!(put(&mut idx, &a.replace("talks", "talk")).is_empty());
        // The quotation moves on its line, its words change, or its
        // speaker does: b hears of it.
        assert_eq!(put(&mut idx, &a.replace("\n“We", "\n “We")), b_only);
        assert_eq!(put(&mut idx, &a.replace("summer", "winter")), b_only);
        assert_eq!(put(&mut idx, &a.replace("Ana Sousa said", "Rui Lopes said")), b_only);
        assert_eq!(put(&mut idx, a), b_only);
    }
}

#[cfg(test)]
mod wordings {
    use super::*;

    #[test]
    fn the_first_members_of_lists_in_path_order_are_those_of_all_sorted() {
        let quote = "“We will take three steps forward before the summer ends,” said Ana Sousa.";
        let mut idx = QuotationIndex::default();
        // Added out of path order, so that ids are not path order.
        for name in ["d", "b", "f", "a", "e", "c", "g"] {
            put(&mut idx, &format!("{name}.txt"), &format!("Talks\n\n{quote}\n"));
        }
        let (all, _) = idx.members(idx.by_fingerprint.keys().next().copied().expect("one wording"));
        let all = all.to_vec();
        assert_eq!(all.iter().map(|m| idx.path(m.0).to_string_lossy().into_owned()).collect::<String>(), "a.txtb.txtc.txtd.txte.txtf.txtg.txt");
        let odd: Vec<Member> = all.iter().copied().skip(1).step_by(2).collect();
        let even: Vec<Member> = all.iter().copied().step_by(2).collect();
        for k in [0, 1, 3, 7, 20] {
            let (first, total) = idx.first_members([odd.iter().copied(), even.iter().copied(), [].iter().copied()], k);
            assert_eq!(first, all[..k.min(all.len())].to_vec(), "k = {k}");
            assert_eq!(total, all.len());
            assert_eq!(idx.first_only([odd.iter().copied(), even.iter().copied()], k), first, "k = {k}");
        }
    }

    #[test]
    fn a_copy_read_from_its_wording_has_the_words_its_own_text_gives() {
        let quote = "“We will take three steps forward before the summer ends,” said Ana Sousa.";
        let mut idx = QuotationIndex::default();
        put(&mut idx, "a.txt", &format!("Port talks\n\n{quote}\n"));
        // The same text further down, and the same words punctuated otherwise.
        put(&mut idx, "b.txt", &format!("Harbour news today\n\nMore words here first.\n\n{quote}\n"));
        put(&mut idx, "c.txt", &format!("Port\n\n{}\n", quote.replace(" before", ", before")));
        // Punctuated as another house style has it: the comma outside the
        // marks, and a dash before the words.
        put(&mut idx, "d.txt", &format!("Port\n\n{}\n", quote.replace("“We", "“— We").replace("ends,”", "ends”,")));
        assert_eq!(idx.by_fingerprint.len(), 1, "one wording for the four");
        let (d, _) = idx.entries(Path::new("d.txt")).expect("indexed");
        let (a, _) = idx.entries(Path::new("a.txt")).expect("indexed");
        assert_eq!(idx.entry(d, 0).place, idx.entry(a, 0).place);
        assert_eq!(idx.wordings[idx.entry(a, 0).place as usize].raw, raw_key(idx.article(d).0, &idx.article(d).1.quotes[0].inner).0, "d.txt is known by its text");
        for path in ["a.txt", "b.txt", "c.txt", "d.txt"] {
            let (id, _) = idx.entries(Path::new(path)).expect("indexed");
            let (text, facts) = idx.article(id);
            let own = quote_words(text, facts.quotes[0].inner.clone());
            assert_eq!(idx.member_words((id, 0)), own, "{path}");
            assert_eq!(idx.words(Path::new(path), 0), Some(own));
        }
        // With the copy its words were read from gone, the others still
        // find theirs.
        idx.remove(Path::new("a.txt"));
        let (id, _) = idx.entries(Path::new("b.txt")).expect("indexed");
        let (text, facts) = idx.article(id);
        assert_eq!(idx.member_words((id, 0)), quote_words(text, facts.quotes[0].inner.clone()));
    }

    fn put(idx: &mut QuotationIndex, path: &str, text: &str) {
        let article = Arc::new(crate::analysis::analyze(text, &crate::lexicon::Lexicon::default()));
        idx.replace_quiet(Path::new(path), &Arc::from(text), &article);
    }

    const COPY: &str = "Port\n\n“We will take three steps forward before the summer ends,” said Ana Sousa.\n";

    /// Each wording's other copies in path order, with their article count.
    fn seen(idx: &QuotationIndex, path: &str) -> Vec<(Vec<PathBuf>, usize)> {
        let set = idx.version_set(Path::new(path), 0).expect("indexed");
        set.wordings(idx).map(|w| (w.others().map(|m| idx.path(m.0).to_path_buf()).collect(), w.articles)).collect()
    }

    #[test]
    fn a_changed_copy_of_a_statement_reprinted_hundreds_of_times_finds_it() {
        // Every shingle of the statement is held by hundreds of copies, but
        // by one wording; those of the change by the changed copy alone.
        // Rarity counted in copies sent the changed copy's lookup to its
        // own shingles only, and it found nothing to differ from.
        let mut idx = QuotationIndex::default();
        for i in 0..300 {
            put(&mut idx, &format!("/{i:03}.txt"), COPY);
        }
        let changed = COPY.replace("steps forward", "steps ahead");
        put(&mut idx, "/changed.txt", &changed);
        let versions = idx.versions(Path::new("/changed.txt"), 0);
        assert_eq!(versions.len(), 300);
        assert!(versions.iter().all(|v| v.relation() == Relation::Near && v.comparison.changes.len() == 1));
        // And the other way round: each faithful copy finds the changed one.
        let from_a_copy = idx.versions(Path::new("/000.txt"), 0);
        assert_eq!(from_a_copy.iter().filter(|v| v.relation() == Relation::Near).count(), 1);
    }

    #[test]
    fn a_lookup_reads_a_bounded_number_of_wordings_whatever_the_corpus() {
        // Many different statements share one common phrase; a quotation
        // made of that phrase and words of its own gathers at most
        // MAX_CANDIDATES wordings, plus its rarest list, to weigh.
        let mut idx = QuotationIndex::default();
        for i in 0..400 {
            let text = format!("Port\n\n“We will not give up on item{i} number{i} ever again,” said Ana Sousa.\n");
            put(&mut idx, &format!("/{i:03}.txt"), &text);
        }
        let (_, entries) = idx.entries(Path::new("/000.txt")).expect("indexed");
        let ours = entries[0].clone();
        let own = &idx.wordings[ours.place as usize];
        let longest = own.postings.iter().map(|p| idx.postings[*p as usize].wordings.len()).max().unwrap();
        assert_eq!(longest, 400, "the common phrase's shingles are held by every statement");
        // A bound-free lookup would weigh every wording sharing a shingle.
        let mut sharing: Vec<u32> = own.postings.iter().flat_map(|p| idx.postings[*p as usize].wordings.iter().copied()).collect();
        sharing.sort_unstable();
        sharing.dedup();
        assert_eq!(sharing.len(), 400);
        let candidates = idx.candidates(&ours);
        assert!(candidates.iter().any(|(fp, _)| *fp == ours.fingerprint), "a lookup always finds its own wording");
        assert!(candidates.len() <= MAX_CANDIDATES, "{} candidates weighed", candidates.len());
    }

    #[test]
    fn an_articles_own_copies_among_many_are_counted_as_reading_them_all_would() {
        let mut idx = QuotationIndex::default();
        // Out of path order, so that ids are not path order; one article
        // quotes the statement twice.
        for i in (0..40).filter(|i| i % 2 == 1).rev().chain((0..40).filter(|i| i % 2 == 0)) {
            let text = if i == 7 { format!("{COPY}{}", &COPY[6..]) } else { COPY.to_string() };
            put(&mut idx, &format!("/{i:02}.txt"), &text);
        }
        let (&fp, &place) = idx.by_fingerprint.iter().next().expect("one wording");
        let (members, articles) = idx.members(fp);
        assert_eq!((members.len(), articles), (41, 40));
        for id in 0..40u32 {
            assert_eq!(idx.own_members(members, place, id), members.iter().filter(|m| m.0 == id).count(), "id {id}");
        }
        // An article of many quotations, two of them the statement, beside
        // a few other copies: counted on its members, not its quotations.
        let mut few = QuotationIndex::default();
        let many: String = (0..24).map(|i| format!("“We will take {i} steps forward before the summer ends, friends,” said Ana Sousa.\n")).collect();
        put(&mut few, "/many.txt", &format!("{COPY}{many}{}", &COPY[6..]));
        put(&mut few, "/one.txt", COPY);
        let place = few.by_fingerprint[&few.slot(few.ids[Path::new("/one.txt")]).entries[0].fingerprint];
        let (members, _) = few.members_at(place);
        assert_eq!(members.len(), 3);
        assert!(few.slot(few.ids[Path::new("/many.txt")]).entries.len() > members.len());
        for id in [few.ids[Path::new("/many.txt")], few.ids[Path::new("/one.txt")]] {
            assert_eq!(few.own_members(members, place, id), members.iter().filter(|m| m.0 == id).count(), "id {id}");
        }
        let others = seen(&idx, "/07.txt");
        assert_eq!(others.len(), 1);
        assert_eq!((others[0].0.len(), others[0].1), (39, 39));
        assert!(!others[0].0.contains(&PathBuf::from("/07.txt")));
    }

    #[test]
    fn a_wordings_copies_stay_in_path_order_whatever_the_order_of_updates() {
        let mut idx = QuotationIndex::default();
        for p in ["/m.txt", "/c.txt", "/x.txt", "/a.txt"] {
            put(&mut idx, p, COPY);
        }
        // An id freed and taken again by a path that sorts first.
        idx.remove(Path::new("/x.txt"));
        put(&mut idx, "/0.txt", COPY);
        // An article quoting the statement twice counts once.
        put(&mut idx, "/b.txt", &format!("{COPY}{}", &COPY[6..]));
        let want: Vec<PathBuf> = ["/0.txt", "/a.txt", "/b.txt", "/b.txt", "/c.txt"].iter().map(PathBuf::from).collect();
        assert_eq!(seen(&idx, "/m.txt"), vec![(want, 4)]);
        // The only other copies are the article's own: no version.
        let mut alone = QuotationIndex::default();
        put(&mut alone, "/b.txt", &format!("{COPY}{}", &COPY[6..]));
        assert!(seen(&alone, "/b.txt").is_empty());
    }
}
