//! Work over a list on every core, consumed in the list's order as it is
//! done: the shape of `newslint check` (read and analyse on the pool while
//! the index takes each article in order; then the rules on the pool while
//! the output is written in order).
//!
//! Workers take the next item from a shared counter, so a slow item holds up
//! no other worker; results wait in a small reorder buffer until those
//! before them are consumed. The channel is bounded, so workers never run
//! more than a few items ahead of the consumer.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// How many threads do the work: every core the process may use.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Run `work` on every item of `items` on [`threads`] threads, and hand each
/// result to `consume` on the calling thread, in the order of `items`.
/// `consume` runs while the workers go on with later items.
pub fn ordered<T: Sync, R: Send>(items: &[T], work: &(dyn Fn(&T) -> R + Sync), mut consume: impl FnMut(R)) {
    let workers = threads().min(items.len());
    if workers <= 1 {
        items.iter().for_each(|item| consume(work(item)));
        return;
    }
    let next = AtomicUsize::new(0);
    let (send, receive) = mpsc::sync_channel::<(usize, R)>(4 * workers);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if send.send((i, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, result) in receive {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&due) {
                consume(result);
                due += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_items_whatever_order_they_finish_in() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        // Early items are the slow ones, so later ones finish first.
        let work = |n: &u64| {
            if n % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            n * 2
        };
        ordered(&items, &work, |r| seen.push(r));
        assert_eq!(seen, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        let mut none = Vec::new();
        ordered(&[] as &[u64], &work, |r| none.push(r));
        assert!(none.is_empty());
    }
}
