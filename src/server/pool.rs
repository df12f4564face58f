//! Work over a list on the blocking threads tokio keeps alive between
//! batches, on every core, with the results in the list's order.
//!
//! The server works in batches (a few dozen files read and analysed, a chunk
//! of articles' diagnostics); threads made afresh for each batch would each
//! build their own caches (the regex engines keep one per thread) and leave
//! them behind, so the server's memory grew with the number of batches.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// `work` on every item, on up to [`crate::cli::pipeline::threads`] of
/// tokio's blocking threads; each result at its item's index, `None` where
/// the work panicked (the callers catch and report their own panics; this
/// only keeps one item's panic from costing the others).
pub async fn map<T, R>(items: Vec<T>, work: impl Fn(&T) -> R + Send + Sync + 'static) -> Vec<Option<R>>
where
    T: Send + Sync + 'static,
    R: Send + 'static,
{
    let workers = crate::cli::pipeline::threads().min(items.len());
    let (items, work, next) = (Arc::new(items), Arc::new(work), Arc::new(AtomicUsize::new(0)));
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let (items, work, next) = (items.clone(), work.clone(), next.clone());
            tokio::task::spawn_blocking(move || {
                let mut done = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    done.push((i, super::catch(|| work(item)).ok()));
                }
                done
            })
        })
        .collect();
    let mut out: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    for handle in handles {
        for (i, r) in handle.await.unwrap_or_default() {
            out[i] = r;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn results_keep_the_order_of_the_items_and_a_panic_costs_its_own_item_only() {
        let items: Vec<u64> = (0..100).collect();
        let out = super::map(items.clone(), |n| {
            if n % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            n * 2
        })
        .await;
        assert_eq!(out, items.iter().map(|n| Some(n * 2)).collect::<Vec<_>>());
        let out = super::map(vec![1u64, 2, 3], |n| if *n == 2 { panic!("a bug") } else { *n }).await;
        assert_eq!(out, vec![Some(1), None, Some(3)]);
        assert!(super::map(Vec::<u64>::new(), |n| *n).await.is_empty());
    }
}
