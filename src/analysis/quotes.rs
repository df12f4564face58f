//! Quotations in every mark style, and marks without a partner.

use super::segment::Segments;
use super::{Quote, StrayMark};

#[derive(Clone, Debug, Default)]
pub struct QuoteScan {
    pub quotes: Vec<Quote>,
    pub stray_marks: Vec<StrayMark>,
}

pub fn find_quotes(text: &str, segments: &Segments) -> QuoteScan {
    let _ = (text, segments);
    QuoteScan::default()
}
