//! Print what the analysis finds in one article: `cargo run --example dump FILE`.
use newslint::analysis::analyze;
use newslint::lexicon::Lexicon;

fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8");
    let a = analyze(&text, &Lexicon::builtin());
    let line = |o: usize| text[..o].matches('\n').count() + 1;
    for q in &a.quotes {
        let who = q.speaker.as_ref().map(|s| {
            let e = s.entity.map(|e| a.entities[e].name.clone()).unwrap_or_default();
            format!("{} [{e}] {:?} {:?}", s.text, s.kind, s.how)
        });
        eprintln!("Q {}:{} words={} -> {:?}", line(q.span.start), &text[q.inner.clone()].split_whitespace().collect::<Vec<_>>().join(" ").chars().take(40).collect::<String>(), q.words, who);
    }
    for e in &a.entities {
        eprintln!("E {} ({:?}) head={} given={:?} n={} outlet={} {:?}", e.name, e.kind(), e.head, e.given, e.mentions.len(), e.is_outlet, e.descriptors.iter().map(|d| &d.text).collect::<Vec<_>>());
    }
}
