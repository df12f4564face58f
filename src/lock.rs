//! Caches (the index's, the lexicon's memo) sit behind mutexes so that the
//! rules, on several threads, can fill them. A rule that panics (the CLI
//! catches it and skips that article) may poison one; what a cache holds
//! was worked out before it went in, so a poisoned lock is taken as it is.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// The cache behind `m`, locked.
pub(crate) fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The cache behind `m`, when nothing else can hold it.
pub(crate) fn inner<T>(m: &mut Mutex<T>) -> &mut T {
    m.get_mut().unwrap_or_else(PoisonError::into_inner)
}
