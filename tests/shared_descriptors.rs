//! Descriptors on the shared stories are whole noun phrases that say what a
//! person is, never a fragment of the clause before a title ("a meeting
//! President", "… made following discussions among President"): every title
//! descriptor of a person in two or more articles starts at a title or role
//! word, a capitalised modifier, a style guide's lower-case modifier, an age,
//! a determiner or a possessive; and a lower-case word stands before a
//! capitalised title only under a possessive ("the country's figurehead
//! President").

mod shared_corpus;

use newslint::lexicon::Lexicon;
use std::process::Command;

fn bare(w: &str) -> String {
    w.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(',').to_lowercase()
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// What is wrong with a title descriptor, if anything.
fn fragment(text: &str, lexicon: &Lexicon) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let role = |w: &str| {
        let b = bare(w);
        let singular = b.strip_suffix('s').unwrap_or(&b).to_string();
        lexicon.title_words.contains(&b) || lexicon.roles.contains(&b) || lexicon.roles.contains(&singular)
    };
    let age = |w: &str| w.ends_with("-year-old");
    let possessive = |w: &str| w.ends_with("'s") || w.ends_with("’s") || matches!(w, "his" | "her" | "their" | "its");
    let first = *words.first()?;
    let opens = capitalised(first)
        || role(first)
        || lexicon.title_modifiers.contains(&bare(first))
        || age(first)
        || possessive(first)
        || matches!(first, "the" | "a" | "an")
        // one modifier of a role after a preposition: "legendary defender"
        || words.len() == 2 && role(words[1]) && !capitalised(words[1]);
    if !opens {
        return Some(format!("starts at '{first}'"));
    }
    for k in 1..words.len() {
        let (before, word) = (words[k - 1], words[k]);
        let lower_noun = !capitalised(before) && !role(before) && !lexicon.title_modifiers.contains(&bare(before)) && !age(before) && !possessive(before);
        let under_possessive = k >= 2 && possessive(words[k - 2]);
        if capitalised(word) && role(word) && lower_noun && !matches!(before, "the" | "a" | "an" | "of" | "at" | "in" | "and") && !under_possessive {
            return Some(format!("'{before}' before the title '{word}'"));
        }
    }
    None
}

#[test]
fn title_descriptors_on_the_shared_stories_start_at_a_title_or_its_modifier() {
    let Some(root) = shared_corpus::shared_corpus() else {
        return;
    };
    let lexicon = Lexicon::builtin();
    let mut stories: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).filter(|p| p.join("expected.json").is_file()).collect();
    stories.sort();
    assert!(!stories.is_empty());
    let mut bad = Vec::new();
    let mut checked = 0;
    for story in &stories {
        let out = Command::new(env!("CARGO_BIN_EXE_newslint")).args(["entities", "--format", "json"]).arg(story).output().expect("newslint runs");
        let entities: serde_json::Value = serde_json::from_slice(&out.stdout).expect("entities JSON");
        for e in entities.as_array().unwrap() {
            if e["kind"] != "person" || e["articles"].as_u64().unwrap_or(0) < 2 {
                continue;
            }
            for d in e["descriptors"].as_array().unwrap() {
                if d["how"] != "title" {
                    continue;
                }
                checked += 1;
                let text = d["text"].as_str().unwrap();
                if let Some(why) = fragment(text, &lexicon) {
                    bad.push(format!("{} / {}: '{text}' ({why})", story.file_name().unwrap().to_string_lossy(), e["name"]));
                }
            }
        }
    }
    assert!(checked >= 40, "only {checked} title descriptors");
    assert!(bad.is_empty(), "fragments as descriptors:\n{}", bad.join("\n"));
}

#[test]
fn the_check_catches_the_fragments_it_is_for() {
    let lexicon = Lexicon::builtin();
    for text in ["a meeting President", "interim government made following discussions among President", "Korea's National Assembly defied President"] {
        assert!(fragment(text, &lexicon).is_some(), "{text}");
    }
    for text in ["the country's figurehead President", "Former investment banker", "incumbent President", "his predecessor", "Nobel Peace Prize winner", "Vice Chair at Nordbank"] {
        assert_eq!(fragment(text, &lexicon), None, "{text}");
    }
}
