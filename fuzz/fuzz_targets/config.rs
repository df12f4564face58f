//! `config::Config::parse`: a `newslint.toml` parses or gives an error
//! with a message and, where placed, a line within the text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newslint::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Config::parse(text, Path::new("newslint.toml")) {
        Ok(config) => {
            // A parsed configuration is usable.
            let _ = config.file_filter().accepts(Path::new("a/b.txt"));
        }
        Err(e) => {
            assert!(!e.message.is_empty(), "no message for {text:?}");
            if let Some(line) = e.line {
                assert!(line >= 1 && line <= text.split('\n').count(), "{e}");
            }
        }
    }
});
