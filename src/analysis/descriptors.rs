//! What the article says each person is: titles, appositives, relative
//! clauses and predicates.

use super::segment::Segments;
use super::{LocalEntity, Mention};
use crate::lexicon::Lexicon;

pub fn attach(text: &str, segments: &Segments, mentions: &[Mention], entities: &mut [LocalEntity], lexicon: &Lexicon) {
    let _ = (text, segments, mentions, entities, lexicon);
}
