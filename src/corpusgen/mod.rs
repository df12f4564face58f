//! A deterministic generator of news corpora for benchmarks and tests.
//!
//! From a seed and a size it writes articles of 300 to 1,500 words with a
//! headline, most with a source line (dateline, outlet header, URL, credit
//! label or an agency in brackets), attributed, anonymous and unattributed
//! quotations in one of several mark styles, curly or straight apostrophes,
//! and the names of an invented population. Each article spells a name with
//! variants under a variant spelling with a known probability
//! ([`Params::variant_rate`]), consistently within the article, as outlets
//! do. Every name written is recorded ([`Planted`]) with its byte range, so
//! a test can check what the engine finds against what was planted.
//!
//! Article `i` depends only on the seed, the corpus size and `i`, so
//! articles can be generated in any order, on any number of threads.

pub mod phrases;
mod population;
mod rng;
mod score;
mod write;

#[cfg(test)]
mod tests;

use std::ops::Range;

pub use population::{GenEntity, Population};
pub use rng::{Rng, Zipf};
pub use score::flagged_drift;

use crate::analysis::EntityKind;
use phrases::*;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Params {
    pub articles: usize,
    pub seed: u64,
    /// The probability that an article spells a name that has variants under
    /// one of them rather than the canonical spelling.
    pub variant_rate: f64,
    /// The share of articles without any source line.
    pub unsourced_rate: f64,
    pub min_words: usize,
    pub max_words: usize,
    /// The probability that a person's statement, quoted again, is written
    /// with one wording changed (see [`PlantedQuote::statement`]).
    pub drift_rate: f64,
}

impl Params {
    pub fn new(articles: usize, seed: u64) -> Params {
        Params { articles, seed, variant_rate: 0.15, unsourced_rate: 0.25, min_words: 300, max_words: 1500, drift_rate: 0.1 }
    }
}

/// The quotation-mark style of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marks {
    /// `"…"`, with straight apostrophes.
    Straight,
    /// `“…”`, with curly apostrophes.
    Curly,
    /// `«…»`.
    Guillemets,
    /// `« … »`, French spacing.
    SpacedGuillemets,
    /// `„…“`.
    Low,
}

impl Marks {
    const ALL: [Marks; 5] = [Marks::Straight, Marks::Curly, Marks::Guillemets, Marks::SpacedGuillemets, Marks::Low];

    pub fn open(self) -> &'static str {
        match self {
            Marks::Straight => "\"",
            Marks::Curly => "“",
            Marks::Guillemets => "«",
            Marks::SpacedGuillemets => "« ",
            Marks::Low => "„",
        }
    }

    pub fn close(self) -> &'static str {
        match self {
            Marks::Straight => "\"",
            Marks::Curly => "”",
            Marks::Guillemets => "»",
            Marks::SpacedGuillemets => " »",
            Marks::Low => "“",
        }
    }

    pub fn apostrophe(self) -> &'static str {
        if self == Marks::Straight {
            "'"
        } else {
            "’"
        }
    }

    /// English style puts the comma before the closing mark.
    fn comma_inside(self) -> bool {
        matches!(self, Marks::Straight | Marks::Curly)
    }
}

/// One name as written in a generated article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planted {
    /// Index into the population ([`Population::entity`]).
    pub entity: usize,
    /// The part whose spelling varies: a person's surname, else the whole
    /// name. Without any possessive ending.
    pub span: Range<usize>,
    /// Index into the entity's spellings; 0 is the canonical one.
    pub spelling: usize,
}

impl Planted {
    pub fn is_variant(&self) -> bool {
        self.spelling != 0
    }
}

/// One quotation in a generated article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlantedQuote {
    /// From the opening mark to the closing mark.
    pub span: Range<usize>,
    /// Who the text says spoke it: a named person, an anonymous one, or
    /// nobody.
    pub speaker: QuoteSpeaker,
    /// A named person's statement: each person has a few, and every article
    /// that quotes one writes the same words, except where it drifted.
    pub statement: Option<Statement>,
}

/// Which statement of which person a quotation gives, and whether this copy
/// changed a wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Statement {
    pub entity: usize,
    pub number: usize,
    pub drifted: bool,
}

/// How many statements each person has.
pub const STATEMENTS_PER_PERSON: usize = 3;

/// The quotations `quote-drift` should flag in `articles`, as (article
/// index, quotation index) pairs: in each statement quoted in several
/// articles, a copy whose wording (faithful or drifted) more other articles
/// word otherwise than word like it. What the tests and the benchmark
/// score the rule's recall and precision against.
pub fn expected_drift(articles: &[GenArticle]) -> std::collections::HashSet<(usize, usize)> {
    use std::collections::{HashMap, HashSet};
    // Statement (person, number) → its copies: (article, quotation, drifted).
    type Copies = Vec<(usize, usize, bool)>;
    let mut by_statement: HashMap<(usize, usize), Copies> = HashMap::new();
    for a in articles {
        for (qi, q) in a.quotes.iter().enumerate() {
            if let Some(s) = q.statement {
                by_statement.entry((s.entity, s.number)).or_default().push((a.index, qi, s.drifted));
            }
        }
    }
    let mut out = HashSet::new();
    for copies in by_statement.values() {
        for &(article, qi, drifted) in copies {
            let articles_with = |d: bool| copies.iter().filter(|c| c.0 != article && c.2 == d).map(|c| c.0).collect::<HashSet<_>>().len();
            let (same, other) = (articles_with(drifted), articles_with(!drifted));
            if other >= 1 && other > same {
                out.insert((article, qi));
            }
        }
    }
    out
}

/// Which planted quotation of `article` holds a finding's span, if any.
pub fn quote_at(article: &GenArticle, span: &Range<usize>) -> Option<usize> {
    article.quotes.iter().position(|q| q.span.start <= span.start && span.end <= q.span.end)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteSpeaker {
    Named(usize),
    Anonymous,
    Nobody,
}

/// One generated article.
#[derive(Clone, Debug)]
pub struct GenArticle {
    pub index: usize,
    pub text: String,
    pub sourced: bool,
    pub marks: Marks,
    pub mentions: Vec<Planted>,
    pub quotes: Vec<PlantedQuote>,
}

impl GenArticle {
    /// The file name the article is written under.
    pub fn file_name(&self) -> String {
        file_name(self.index)
    }

    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

pub fn file_name(index: usize) -> String {
    format!("a{index:06}.txt")
}

/// A corpus: its population and how to write article `i`.
#[derive(Clone, Debug)]
pub struct Generator {
    pub params: Params,
    pub population: Population,
    people: Zipf,
    organizations: Zipf,
    places: Zipf,
}

impl Generator {
    pub fn new(params: Params) -> Generator {
        let population = population::population(params.seed, params.articles);
        Generator {
            people: Zipf::new(population.people.len(), 10.0),
            organizations: Zipf::new(population.organizations.len(), 5.0),
            places: Zipf::new(population.places.len(), 3.0),
            population,
            params,
        }
    }

    /// Every article, in order.
    pub fn articles(&self) -> impl Iterator<Item = GenArticle> + '_ {
        (0..self.params.articles).map(|i| self.article(i))
    }

    /// Article `index`.
    pub fn article(&self, index: usize) -> GenArticle {
        let mut rng = Rng::derive(self.params.seed, index as u64);
        let marks = *rng.pick(&Marks::ALL);
        let mut w = Writer { g: self, rng, marks, text: String::with_capacity(8 * 1024), words: 0, cast: Vec::new(), mentions: Vec::new(), quotes: Vec::new() };
        let sourced = w.article();
        GenArticle { index, text: w.text, sourced, marks, mentions: w.mentions, quotes: w.quotes }
    }
}

/// One entity an article talks about, and how it spells it.
struct Cast {
    entity: usize,
    spelling: usize,
    introduced: bool,
}

#[derive(Clone, Copy)]
enum SourceKind {
    Dateline,
    Header,
    Url,
    Label,
    Bracketed,
}

struct Writer<'g> {
    g: &'g Generator,
    rng: Rng,
    marks: Marks,
    text: String,
    words: usize,
    cast: Vec<Cast>,
    mentions: Vec<Planted>,
    quotes: Vec<PlantedQuote>,
}

impl Writer<'_> {
    /// Writes the article; returns whether it has a source line.
    fn article(&mut self) -> bool {
        self.choose_cast();
        let p = &self.g.params;
        let target = self.rng.range(p.min_words, p.max_words - 90);
        let source = if self.rng.chance(p.unsourced_rate) {
            None
        } else {
            Some(*self.rng.pick(&[SourceKind::Dateline, SourceKind::Header, SourceKind::Url, SourceKind::Label, SourceKind::Bracketed]))
        };
        let agency = *self.rng.pick(AGENCIES);
        let break_ = if self.rng.chance(0.3) { "\n" } else { "\n\n" };

        let headline = *self.rng.pick(HEADLINES);
        self.fill(headline);
        self.push(break_);
        match source {
            Some(SourceKind::Header) => {
                let (day, month) = (self.rng.range(1, 28), self.rng.below(12));
                self.push(&format!("{agency}\n{day:02} {} 2025{break_}", &MONTHS[month][..3]));
            }
            Some(SourceKind::Url) => {
                let slug = self.rng.next_u64() % 1_000_000;
                let day = self.rng.range(1, 28);
                self.push(&format!("https://news.example.org/2025/04/{day:02}/story-{slug}{break_}"));
            }
            _ => {}
        }
        if let Some(SourceKind::Dateline) = source {
            let place = self.g.population.places[self.rng.below(self.g.population.places.len().min(10))].spellings[0].to_uppercase();
            let month = *self.rng.pick(MONTHS);
            let day = self.rng.range(1, 28);
            self.push(&format!("{place}, {month} {day} ({agency}) - "));
        }
        self.lead();
        while self.words < target {
            self.push(break_);
            self.paragraph(target);
        }
        match source {
            Some(SourceKind::Label) => self.push(&format!("{break_}Source: {agency}")),
            Some(SourceKind::Bracketed) => self.push(&format!("{break_}({agency})")),
            _ => {}
        }
        self.text.push('\n');
        source.is_some()
    }

    fn choose_cast(&mut self) {
        let pop = &self.g.population;
        let (p, o) = (pop.people.len(), pop.organizations.len());
        let wanted = [(self.rng.range(2, 5), &self.g.people, 0), (self.rng.range(1, 3), &self.g.organizations, p), (self.rng.range(1, 3), &self.g.places, p + o)];
        for (n, zipf, base) in wanted {
            let mut chosen = 0;
            for _ in 0..n * 10 {
                if chosen == n {
                    break;
                }
                let entity = base + zipf.sample(&mut self.rng);
                if self.cast.iter().any(|c| c.entity == entity) {
                    continue;
                }
                let spellings = pop.entity(entity).spellings.len();
                let spelling = if spellings > 1 && self.rng.chance(self.g.params.variant_rate) { self.rng.range(1, spellings - 1) } else { 0 };
                self.cast.push(Cast { entity, spelling, introduced: false });
                chosen += 1;
            }
        }
    }

    /// A cast member of the given kind, or `None` if the article has none.
    fn cast_of(&mut self, kind: EntityKind) -> Option<usize> {
        let of_kind: Vec<usize> = (0..self.cast.len()).filter(|&i| self.g.population.entity(self.cast[i].entity).kind == kind).collect();
        (!of_kind.is_empty()).then(|| of_kind[self.rng.below(of_kind.len())])
    }

    /// Appends `s`, keeping [`Writer::words`] equal to the number of
    /// whitespace-separated words of the text.
    fn push(&mut self, s: &str) {
        let joins = s.starts_with(|c: char| !c.is_whitespace()) && self.text.ends_with(|c: char| !c.is_whitespace());
        self.words += s.split_whitespace().count() - usize::from(joins);
        self.text.push_str(s);
    }

    /// Writes a name of cast member `c`, recording it.
    fn name(&mut self, c: usize, form: NameForm) {
        let cast = &self.cast[c];
        let entity = self.g.population.entity(cast.entity);
        let spelling = entity.spellings[cast.spelling].as_str();
        let (entity_index, spelling_index) = (cast.entity, cast.spelling);
        let before = match (form, entity.given) {
            (NameForm::Full, Some(given)) => format!("{given} "),
            (NameForm::Titled, Some(given)) if self.at_sentence_start() => format!("{} {given} ", capitalized(entity.title)),
            (NameForm::Titled, Some(given)) => format!("{} {given} ", entity.title),
            _ => String::new(),
        };
        self.push(&before);
        let start = self.text.len();
        self.push(spelling);
        self.mentions.push(Planted { entity: entity_index, span: start..self.text.len(), spelling: spelling_index });
        if form == NameForm::Possessive {
            let ending = if spelling.ends_with('s') { self.marks.apostrophe().to_string() } else { format!("{}s", self.marks.apostrophe()) };
            self.push(&ending);
        }
        self.cast[c].introduced = true;
    }

    fn at_sentence_start(&self) -> bool {
        let t = self.text.trim_end_matches(' ');
        t.is_empty() || t.ends_with(['.', '\n', '-', '»', '”', '"', '“', '…'])
    }

    /// A person's name: in full the first time, the surname after.
    fn person(&mut self, c: usize) {
        let form = if self.cast[c].introduced { NameForm::Surname } else if self.rng.chance(0.5) { NameForm::Titled } else { NameForm::Full };
        self.name(c, form);
    }

    /// Writes a template, filling its slots.
    fn fill(&mut self, template: &str) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            self.push(&rest[..open]);
            let close = open + rest[open..].find('}').expect("closed slot");
            match &rest[open + 1..close] {
                "L" => self.entity_or(EntityKind::Place, "the capital"),
                "O" => self.entity_or(EntityKind::Organization, "ministry"),
                "P" => match self.cast_of(EntityKind::Person) {
                    Some(c) => self.name(c, NameForm::Surname),
                    None => self.push("Officials"),
                },
                "N" => {
                    let n = self.rng.range(2, 40);
                    self.push(&n.to_string());
                }
                "X" => {
                    let s = format!("{}{}.{} {}", self.rng.pick(&["$", "€", "£"]), self.rng.range(1, 900), self.rng.below(10), self.rng.pick(&["million", "billion"]));
                    self.push(&s);
                }
                "C" => {
                    let s = format!("{}.{}%", self.rng.range(1, 30), self.rng.below(10));
                    self.push(&s);
                }
                "M" => {
                    let m = *self.rng.pick(MONTHS);
                    self.push(m);
                }
                "D" => {
                    let d = *self.rng.pick(WEEKDAYS);
                    self.push(d);
                }
                "A" => self.push(self.marks.apostrophe()),
                other => panic!("unknown slot {{{other}}}"),
            }
            rest = &rest[close + 1..];
        }
        self.push(rest);
    }

    fn entity_or(&mut self, kind: EntityKind, fallback: &str) {
        match self.cast_of(kind) {
            Some(c) => self.name(c, NameForm::Surname),
            None => self.push(fallback),
        }
    }

    /// The first paragraph: who, where, what.
    fn lead(&mut self) {
        let c = self.cast_of(EntityKind::Person).expect("every article has people");
        self.name(c, NameForm::Titled);
        self.push(" met representatives of the ");
        self.entity_or(EntityKind::Organization, "ministry");
        self.push(" in ");
        self.entity_or(EntityKind::Place, "the capital");
        self.fill(" on {D} to discuss the dispute over supplies, which has dragged on since {M}. ");
        let filler = *self.rng.pick(FILLER);
        self.fill(filler);
    }

    fn paragraph(&mut self, target: usize) {
        let sentences = self.rng.range(1, 4);
        for i in 0..sentences {
            if self.words >= target {
                break;
            }
            if i > 0 {
                self.push(" ");
            }
            match self.rng.below(10) {
                0..=4 => {
                    let t = *self.rng.pick(FILLER);
                    self.fill(t);
                }
                5..=6 => self.about_person(),
                _ => {
                    self.quotation();
                    // A quotation usually stands in a paragraph of its own.
                    if self.rng.chance(0.6) {
                        break;
                    }
                }
            }
        }
    }

    fn about_person(&mut self) {
        let Some(c) = self.cast_of(EntityKind::Person) else { return };
        match self.rng.below(4) {
            0 if !self.cast[c].introduced => {
                let role = self.g.population.entity(self.cast[c].entity).role.clone();
                self.name(c, NameForm::Full);
                self.push(&format!(", the {role}, arrived in "));
                self.entity_or(EntityKind::Place, "the capital");
                self.fill(" on {D}.");
            }
            1 => {
                self.name(c, NameForm::Possessive);
                self.fill(" office declined to comment on the {O} report.");
            }
            2 => {
                self.person(c);
                self.fill(" has spent most of {M} travelling between {L} and the coast.");
            }
            _ => {
                self.fill("A spokesperson for the {O} said ");
                self.person(c);
                self.push(" would attend the next round.");
            }
        }
    }

    /// A quotation's words: a person's statement, the same in every
    /// article but for planted drift, or random words for anyone else.
    fn quote_body(&mut self, speaker: QuoteSpeaker) -> (String, Option<Statement>) {
        let (mut rng, statement) = match speaker {
            QuoteSpeaker::Named(entity) => {
                let number = self.rng.below(STATEMENTS_PER_PERSON);
                let drifted = self.rng.chance(self.g.params.drift_rate);
                let salt = self.g.params.seed ^ 0x5157_4154_454d_454e;
                (Rng::derive(salt, (entity * STATEMENTS_PER_PERSON + number) as u64), Some(Statement { entity, number, drifted }))
            }
            _ => (Rng::derive(self.rng.next_u64(), 0), None),
        };
        let middle = rng.below(QUOTE_MIDDLES.len());
        let middle = if statement.is_some_and(|s| s.drifted) { QUOTE_MIDDLE_DRIFTS[middle] } else { QUOTE_MIDDLES[middle] };
        let body = format!(
            "{} {middle} {} {} {} {} {} {} {} {} the {} {} within {} {}{}",
            rng.pick(QUOTE_OPENERS),
            rng.pick(QUOTE_QUALITIES),
            rng.pick(QUOTE_THINGS),
            rng.pick(QUOTE_FOR),
            rng.pick(QUOTE_SECTORS),
            rng.pick(QUOTE_IN),
            rng.pick(QUOTE_PLACE_ADJECTIVES),
            rng.pick(QUOTE_PLACES),
            rng.pick(QUOTE_REASON_LEADS),
            rng.pick(QUOTE_GROUPS),
            rng.pick(QUOTE_NEEDS),
            rng.range(2, 99),
            rng.pick(QUOTE_UNITS),
            rng.pick(QUOTE_TAILS)
        );
        (body.replace("{A}", self.marks.apostrophe()), statement)
    }

    /// Writes a quotation ending in `end` (`","` or `"."`), recording it.
    fn quote(&mut self, end: &str, speaker: QuoteSpeaker) {
        let (body, statement) = self.quote_body(speaker);
        let start = self.text.len();
        let (open, close) = (self.marks.open(), self.marks.close());
        let s = if self.marks.comma_inside() || end == "." { format!("{open}{body}{end}{close}") } else { format!("{open}{body}{close}{end}") };
        self.push(&s);
        self.quotes.push(PlantedQuote { span: start..self.text.len() - usize::from(!self.marks.comma_inside() && end != "."), speaker, statement });
    }

    fn quotation(&mut self) {
        let person = self.cast_of(EntityKind::Person);
        let roll = self.rng.below(20);
        let Some(c) = person.filter(|_| roll < 16) else {
            if roll < 18 {
                self.quote(",", QuoteSpeaker::Anonymous);
                let who = *self.rng.pick(ANONYMOUS);
                self.push(&format!(" {who}."));
            } else {
                let lead = *self.rng.pick(UNATTRIBUTED_LEADS);
                self.push(&format!("{lead} "));
                self.quote(".", QuoteSpeaker::Nobody);
            }
            return;
        };
        let speaker = QuoteSpeaker::Named(self.cast[c].entity);
        match self.rng.below(5) {
            0 => {
                self.quote(",", speaker);
                self.push(" ");
                self.person(c);
                let verb = *self.rng.pick(SAID);
                self.fill(&format!(" {verb}."));
            }
            1 => {
                self.quote(",", speaker);
                self.push(" said ");
                self.person(c);
                self.push(".");
            }
            2 => {
                self.person(c);
                self.push(" said: ");
                self.quote(".", speaker);
            }
            3 => {
                self.person(c);
                self.fill(" spoke to reporters in {L} after the meeting. ");
                self.quote(",", speaker);
                let pronoun = if self.g.population.entity(self.cast[c].entity).female { "she" } else { "he" };
                self.push(&format!(" {pronoun} said."));
            }
            _ => {
                self.push("According to ");
                self.person(c);
                self.push(", the talks had been difficult. ");
                self.quote(",", speaker);
                self.push(" ");
                self.name(c, NameForm::Surname);
                self.push(" added.");
            }
        }
    }
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum NameForm {
    /// "Pavel Dorniev".
    Full,
    /// "Deputy Minister Pavel Dorniev".
    Titled,
    /// "Dorniev".
    Surname,
    /// "Dorniev’s".
    Possessive,
}

pub use write::write_corpus;
