//! The proptest settings the property tests share: a fixed seed, so that CI
//! runs the same cases every time, no regression files written, and
//! `PROPTEST_CASES` to run more cases than the default given.

use proptest::test_runner::{Config, RngSeed};

pub fn runner(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(cases),
        rng_seed: RngSeed::Fixed(0x6e65_7773_6c69_6e74),
        failure_persistence: None,
        ..Config::default()
    }
}
