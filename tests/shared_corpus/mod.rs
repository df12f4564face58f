//! The real stories in `../shared/corpus`, beside the repository on our
//! machines and in CI but not in a fresh clone. A test that needs them calls
//! [`shared_corpus`]: where the folder is absent it prints a one-line notice
//! and the test returns early, except under `CI=true`, where a missing folder
//! is a failure (CI must check them).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `../shared/corpus`, or `None` (with a notice) where it is absent outside CI.
pub fn shared_corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but the shared corpus is missing at {}", dir.display());
    }
    // Written to stderr directly, past the test harness's capture, so that
    // the skip is seen.
    let _ = writeln!(
        std::io::stderr(),
        "notice: {} is absent; skipping this test (it runs where the shared corpus is, and always in CI)",
        dir.display()
    );
    None
}

/// One story of the shared corpus, e.g. `dmitriev-2025`.
pub fn shared_story(name: &str) -> Option<PathBuf> {
    let dir = shared_corpus()?.join(name);
    assert!(dir.is_dir(), "the shared corpus has no story {name}");
    Some(dir)
}

/// The summary line of `../shared/tools/score.py`, run on this build's
/// `newslint` over every shared story, by figure name: `source` → (46, 52),
/// `false unattributed` → (18, 0), `pair precision` → (1.00 as 100, 100).
#[derive(Debug)]
pub struct Score {
    pub line: String,
    pub figures: BTreeMap<String, (f64, f64)>,
}

impl Score {
    /// The figure's value and, for "n/m" figures, its total (0 otherwise).
    pub fn get(&self, name: &str) -> (f64, f64) {
        *self.figures.get(name).unwrap_or_else(|| panic!("no figure '{name}' in: {}", self.line))
    }
}

pub fn score() -> Option<Score> {
    let root = shared_corpus()?;
    let script = root.join("../tools/score.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_newslint"))
        .arg(&root)
        .output()
        .expect("python3 runs the score script");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with("score:"))
        .unwrap_or_else(|| panic!("no summary line from score.py:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr)))
        .to_string();
    let re = regex::Regex::new(r"([a-z][a-z -]*?) (\d+(?:\.\d+)?)(?:/(\d+))?").unwrap();
    let mut figures = BTreeMap::new();
    for c in re.captures_iter(&line["score:".len()..]) {
        let name = c[1].trim().to_string();
        let value: f64 = c[2].parse().unwrap();
        let total: f64 = c.get(3).map_or(0.0, |t| t.as_str().parse().unwrap());
        figures.insert(name, (value, total));
    }
    eprintln!("{line}");
    Some(Score { line, figures })
}
