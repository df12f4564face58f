//! A bounded memo of a pure computation, shareable between threads: the
//! lexicon's name keys and the index's per-component totals are worked out
//! once and asked for by every article.
//!
//! A clone starts empty (a memo is a cache, not state), and the memo
//! forgets everything once it holds [`Memo::cap`] answers, so it never
//! grows with the corpus beyond that. A poisoned lock is read as it is
//! (as in `lock.rs`): an answer is put in whole.

use std::hash::Hash;
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::lock::{inner, locked};

pub struct Memo<K, V> {
    map: Mutex<FxHashMap<K, V>>,
    cap: usize,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    /// An empty memo that holds at most `cap` answers.
    pub fn new(cap: usize) -> Self {
        Memo { map: Mutex::default(), cap }
    }

    /// The answer for `key`, worked out by `work` (outside the lock, so two
    /// threads may both work out an answer the first time: they agree) the
    /// first time it is asked for.
    pub fn get_or<Q>(&self, key: &Q, work: impl FnOnce() -> V) -> V
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized + ToOwned<Owned = K>,
    {
        if let Some(v) = locked(&self.map).get(key) {
            return v.clone();
        }
        let v = work();
        let mut map = locked(&self.map);
        if map.len() >= self.cap {
            map.clear();
        }
        map.insert(key.to_owned(), v.clone());
        v
    }

    /// Forget every answer: what they were worked out from has changed.
    pub fn clear(&mut self) {
        let map = inner(&mut self.map);
        if !map.is_empty() {
            map.clear();
        }
    }

    /// How many answers it holds.
    pub fn len(&self) -> usize {
        locked(&self.map).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most answers it holds.
    pub fn cap(&self) -> usize {
        self.cap
    }
}

impl<K, V> Clone for Memo<K, V> {
    fn clone(&self) -> Self {
        Memo { map: Mutex::default(), cap: self.cap }
    }
}

impl<K, V> std::fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memo(at most {})", self.cap)
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use std::cell::Cell;

    #[test]
    fn an_answer_is_worked_out_once_until_forgotten_and_the_memo_stays_bounded() {
        let mut memo: Memo<String, usize> = Memo::new(4);
        let worked = Cell::new(0);
        let len = |s: &str| {
            worked.set(worked.get() + 1);
            s.len()
        };
        assert_eq!(memo.get_or("abc", || len("abc")), 3);
        assert_eq!(memo.get_or("abc", || len("abc")), 3);
        assert_eq!(worked.get(), 1);
        memo.clear();
        assert_eq!(memo.get_or("abc", || len("abc")), 3);
        assert_eq!(worked.get(), 2);
        for w in ["a", "bb", "ccc", "dddd", "eeeee", "ffffff"] {
            assert_eq!(memo.get_or(w, || len(w)), w.len());
            assert!(memo.len() <= memo.cap());
        }
        assert!(memo.clone().is_empty());
    }
}
