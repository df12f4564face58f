//! Writing a generated corpus to a folder, on several threads.

use std::path::Path;

use super::Generator;

/// Writes every article of `generator` under `dir` (created if missing) on
/// `threads` threads; returns the number of bytes written.
pub fn write_corpus(generator: &Generator, dir: &Path, threads: usize) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let threads = threads.max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || -> std::io::Result<u64> {
                    let mut bytes = 0;
                    for i in (t..generator.params.articles).step_by(threads) {
                        let article = generator.article(i);
                        std::fs::write(dir.join(article.file_name()), &article.text)?;
                        bytes += article.text.len() as u64;
                    }
                    Ok(bytes)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("writer thread")).sum()
    })
}
