//! Panics in the analysis or the rules, caught per article.
//!
//! A panic while one article is analysed or checked must not end the run
//! nor change the findings of the others: [`catch`] turns it into an error
//! message on one line, which the CLI reports as `skipped: internal error`.
//! The hook installed by [`install_quiet_hook`] keeps a caught panic off the
//! terminal (no message, no stack trace) unless `RUST_BACKTRACE` asks for one;
//! a panic outside [`catch`] is still reported by the default hook.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// Whether this thread is inside [`catch`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last caught panic happened (`file:line`), set by the hook.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Whether the user asked for backtraces (`RUST_BACKTRACE` set, not `0`).
fn backtrace_asked() -> bool {
    std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0")
}

/// Install the hook once, at the start of a command.
pub fn install_quiet_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let guarded = GUARDED.with(Cell::get);
        if guarded {
            let at = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
            LOCATION.with(|l| *l.borrow_mut() = at);
        }
        if !guarded || backtrace_asked() {
            default(info);
        }
    }));
}

/// Run `f`; a panic becomes `Err` with its message on one line (and where
/// it happened, when the hook could tell).
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was = GUARDED.with(|g| g.replace(true));
    LOCATION.with(|l| l.borrow_mut().take());
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic with a non-text payload".to_string());
        let mut line = one_line(&message);
        if let Some(at) = LOCATION.with(|l| l.borrow_mut().take()) {
            line.push_str(&format!(" (at {at})"));
        }
        line
    })
}

/// The longest message kept, in characters: a slicing panic quotes the
/// text it sliced, which may be a whole article.
const MAX_MESSAGE_CHARS: usize = 240;

/// `s` with every run of line breaks and spaces folded into one space, cut
/// short with `…` past [`MAX_MESSAGE_CHARS`].
fn one_line(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &folded[..cut]),
        None => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_one_line_message() {
        install_quiet_hook();
        assert_eq!(catch(|| 3), Ok(3));
        let e = catch(|| -> usize { panic!("begin <= end\n(4 <= 2) when slicing") }).unwrap_err();
        assert!(e.starts_with("begin <= end (4 <= 2) when slicing (at src/cli/panics.rs:"), "{e}");
        assert!(!e.contains('\n'));
        let e = catch(|| -> usize { std::panic::panic_any(7_u8) }).unwrap_err();
        assert!(e.starts_with("panic with a non-text payload"), "{e}");
        let e = catch(|| -> usize { panic!("{}", "word ".repeat(1000)) }).unwrap_err();
        assert!(e.starts_with("word word") && e.contains("… (at "), "{e}");
        assert!(e.chars().count() < MAX_MESSAGE_CHARS + 40, "{e}");
        // Outside `catch` the flag is down again.
        assert!(!GUARDED.with(Cell::get));
    }
}
