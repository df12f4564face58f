//! Work over a list on every core, consumed in the list's order as it is
//! done: the shape of `newslint check` (read and analyse on the pool while
//! the index takes each article in order; then the rules on the pool while
//! the output is written in order).
//!
//! Workers take the next batch of items from a shared counter, so a slow
//! item holds up no other worker; results wait in a small reorder buffer
//! until those before them are consumed. The channel is bounded, so workers
//! never run more than a few batches ahead of the consumer.
//!
//! Results travel in batches: a channel that woke the consumer for every
//! article cost a context switch per article (40,000 of them for 10,000
//! articles, checked twice over), and its waiting spun on both cores.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// How many threads do the work: every core the process may use.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// The most items a worker takes at once.
const MAX_BATCH: usize = 32;

/// How many items a worker takes at once: enough that the consumer is woken
/// rarely, few enough that every worker gets dozens of batches (so none is
/// left with a long tail of work while the others wait).
fn batch_size(items: usize, workers: usize) -> usize {
    (items / (workers * 32)).clamp(1, MAX_BATCH)
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
    let batch = batch_size(items.len(), workers);
    let next = AtomicUsize::new(0);
    let (send, receive) = mpsc::sync_channel::<(usize, Vec<R>)>(2 * workers);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || loop {
                let b = next.fetch_add(1, Ordering::Relaxed);
                let start = b.saturating_mul(batch);
                let Some(chunk) = items.get(start..items.len().min(start.saturating_add(batch))).filter(|c| !c.is_empty()) else { break };
                if send.send((b, chunk.iter().map(work).collect())).is_err() {
                    break;
                }
            });
        }
        drop(send);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (b, results) in receive {
            waiting.insert(b, results);
            while let Some(results) = waiting.remove(&due) {
                results.into_iter().for_each(&mut consume);
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
        // Every size around a batch's edges, on every thread count there is.
        for n in [1, 2, 3, 63, 64, 65, 2047, 2048, 2049, 5000] {
            let items: Vec<u64> = (0..n).collect();
            let mut seen = Vec::new();
            ordered(&items, &|n: &u64| n + 1, |r| seen.push(r));
            assert_eq!(seen, items.iter().map(|n| n + 1).collect::<Vec<_>>(), "{n} items");
        }
    }

    #[test]
    fn batches_are_small_enough_to_share_and_never_empty() {
        assert_eq!(batch_size(1, 2), 1);
        assert_eq!(batch_size(100, 2), 1);
        assert_eq!(batch_size(10_000, 2), MAX_BATCH);
        assert_eq!(batch_size(usize::MAX, 64), MAX_BATCH);
        // Every worker gets at least 16 batches, where there are items enough.
        for (items, workers) in [(10_000usize, 2usize), (2_000, 2), (500, 4), (64, 2)] {
            assert!(items.div_ceil(batch_size(items, workers)) >= (workers * 16).min(items), "{items} items on {workers}");
        }
    }
}
