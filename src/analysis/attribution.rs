//! Who said each quotation.

use super::segment::Segments;
use super::{LocalEntity, Mention, Quote};
use crate::lexicon::Lexicon;

pub fn attribute(
    text: &str,
    segments: &Segments,
    quotes: &mut [Quote],
    mentions: &[Mention],
    entities: &[LocalEntity],
    lexicon: &Lexicon,
) {
    let _ = (text, segments, quotes, mentions, entities, lexicon);
}
