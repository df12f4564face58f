//! The analysis never panics, whatever the text: random mixes of the
//! characters that matter to it (quote marks of every kind, apostrophes,
//! capitals, full stops, line breaks, multi-byte letters, emoji).

use newslint::analysis::analyze;
use newslint::index::Corpus;
use newslint::lexicon::Lexicon;
use newslint::rules;

const PIECES: &[&str] = &[
    "\"", "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", " ", " ", "\u{a0}", "\n", "\n\n", "\r\n", ".", ",", ":", ";",
    "!", "?", "—", "-", "(", ")", "Kirill", "Dmitriev", "Dmitriyev", "said", "he", "she", "The", "the", "a", "U.S.", "Mr.",
    "Kyiv’s", "Putins", "Reuters", "(RT.com)", "Source:", "MOSCOW,", "April 3", "(Reuters)", "https://example.org/x",
    "---", "source: x", "😀", "é", "Ж", "ß", "İ", "ǅ", "\u{301}", "x", "Ivan", "Petrova", "according", "to", "who",
    "according to", "an official", "Ministry", "President", "envoy", "A", "Home »", "#", "*", "0", "2025",
];

#[test]
fn random_texts_never_panic_the_analysis_or_the_rules() {
    let lexicon = Lexicon::builtin();
    let mut seed: u64 = 0x2545f4914f6cdd1d;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut corpus = Corpus::default();
    for round in 0..3000 {
        let len = next(120);
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(PIECES[next(PIECES.len())]);
            if next(3) == 0 {
                text.push(' ');
            }
        }
        let facts = analyze(&text, &lexicon);
        for q in &facts.quotes {
            assert!(q.span.start <= q.span.end && q.span.end <= text.len());
            assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        }
        for m in &facts.mentions {
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end), "{text:?}");
        }
        let path = std::path::PathBuf::from(format!("a{}.txt", round % 7));
        corpus.upsert(path.clone(), text.clone().into());
        let _ = rules::check(&corpus, &path);
    }
}
