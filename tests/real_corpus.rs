//! The shared real corpus (`../shared/corpus/dmitriev-2025`, beside the
//! repository on our machines and in CI) gives what its EXPECTED.md says a
//! careful reader finds. The articles are not copied into the repository.
//! Where the folder is absent (a fresh clone) each test says so and passes,
//! except under `CI=true`.

mod shared_corpus;

use std::path::PathBuf;

use newslint::cli::load::load;
use newslint::rules;

/// (file, line, code, message excerpt) of every finding, or `None` where the
/// shared corpus is absent.
fn findings() -> Option<Vec<(String, usize, &'static str, String)>> {
    let dir = shared_corpus::shared_story("dmitriev-2025")?;
    let loaded = load(&[dir.clone()]).expect("loads");
    let mut out = Vec::new();
    let mut paths: Vec<&PathBuf> = loaded.corpus.paths().collect();
    paths.sort();
    for p in paths {
        let text = &loaded.corpus.article(p).unwrap().text;
        for f in rules::check(&loaded.corpus, p) {
            let line = text[..f.span.start].matches('\n').count() + 1;
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            out.push((name, line, f.code, f.message.clone()));
        }
    }
    Some(out)
}

fn count(all: &[(String, usize, &str, String)], file: &str, code: &str) -> usize {
    all.iter().filter(|f| f.0 == file && f.2 == code).count()
}

#[test]
fn source_lines_as_expected() {
    let Some(all) = findings() else { return };
    for (file, missing) in [("01.txt", 1), ("02.txt", 0), ("03.txt", 1), ("04.txt", 1), ("05.txt", 0)] {
        assert_eq!(count(&all, file, "missing-source"), missing, "{file}: {all:#?}");
    }
    let msg = |file: &str| all.iter().find(|f| f.0 == file && f.2 == "missing-source").unwrap().3.clone();
    assert!(msg("01.txt").contains("Anadolu Agency") && msg("01.txt").contains("Fox News"));
    assert!(msg("03.txt").contains("The Kyiv Independent") && msg("03.txt").contains("Bloomberg"));
    for outlet in ["CNN", "News.ro", "NBC", "Reuters"] {
        assert!(msg("04.txt").contains(outlet), "{}", msg("04.txt"));
    }
}

#[test]
fn only_the_unattributed_quotation_in_05_is_flagged() {
    let Some(all) = findings() else { return };
    let flagged: Vec<_> = all.iter().filter(|f| f.2 == "unattributed-quote").collect();
    assert_eq!(flagged.len(), 1, "{flagged:#?}");
    assert_eq!((flagged[0].0.as_str(), flagged[0].1), ("05.txt", 22));
    assert!(flagged[0].3.contains("We undoubtedly record"));
    let unbalanced: Vec<_> = all.iter().filter(|f| f.2 == "unbalanced-quote").map(|f| (f.0.as_str(), f.1)).collect();
    assert_eq!(unbalanced, vec![("04.txt", 3)]);
}

#[test]
fn name_variants_as_expected() {
    let Some(all) = findings() else { return };
    let variants: Vec<&(String, usize, &str, String)> = all.iter().filter(|f| f.2 == "name-variant").collect();
    let spelled = |word: &str| variants.iter().filter(|f| f.3.starts_with(&format!("{word} ("))).count();
    let lost: Vec<&(String, usize, &str, String)> = all.iter().filter(|f| f.2 == "lost-apostrophe").collect();
    assert_eq!(spelled("Dmitriyev"), 6, "{variants:#?}");
    assert_eq!(spelled("Zelenski"), 1);
    assert_eq!(spelled("Kiev"), 2);
    // A lost apostrophe has its own code.
    assert_eq!(lost.iter().filter(|f| f.3.starts_with("'Putins'")).count(), 2, "{lost:#?}");
    let dmitriyev = variants.iter().find(|f| f.3.starts_with("Dmitriyev (")).unwrap();
    assert_eq!(dmitriyev.3, "Dmitriyev (6 times in this article): the corpus writes Dmitriev (26 times in 4 articles)");
    for word in ["Russia", "Russian", "Trump", "NBC", "Kyiv", "Kharkov", "Arabia", "Ukraine"] {
        assert_eq!(spelled(word), 0, "{word}: {variants:#?}");
    }
    assert_eq!(variants.len(), 9, "{variants:#?}");
}

#[test]
fn dmitriev_is_one_entity_across_all_five_articles() {
    let Some(dir) = shared_corpus::shared_story("dmitriev-2025") else { return };
    let loaded = load(&[dir.clone()]).expect("loads");
    let corpus = &loaded.corpus;
    let p05 = dir.join("05.txt");
    let text = corpus.article(&p05).unwrap().text.clone();
    let at = text.find("Dmitriyev").unwrap();
    let id = corpus.entity_at(&p05, at).expect("an entity under Dmitriyev");
    let card = corpus.card(&id).expect("a card");
    assert_eq!(card.name, "Kirill Dmitriev");
    assert_eq!(card.articles, 5);
    let spellings: Vec<&str> = card.spellings.iter().map(|s| s.spelling.as_str()).collect();
    assert_eq!(spellings, vec!["Dmitriev", "Dmitriyev"]);
    assert!(card.descriptors.len() >= 7, "{:#?}", card.descriptors);
    let quoted_in: std::collections::BTreeSet<String> =
        card.quotes.iter().map(|q| q.path.file_name().unwrap().to_string_lossy().to_string()).collect();
    assert_eq!(quoted_in.into_iter().collect::<Vec<_>>(), vec!["01.txt", "02.txt", "05.txt"]);
    let refs = corpus.references(&id);
    let files: std::collections::BTreeSet<_> = refs.iter().map(|r| r.path.clone()).collect();
    assert_eq!(files.len(), 5);
}
