//! Timing, percentiles, memory readings and the tables the benchmarks print.

use std::fmt::Write as _;
use std::time::Duration;

/// Latency samples.
#[derive(Clone, Debug, Default)]
pub struct Samples(pub Vec<Duration>);

impl Samples {
    pub fn push(&mut self, d: Duration) {
        self.0.push(d);
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The `p`-th percentile (0–100), nearest rank.
    pub fn percentile(&self, p: f64) -> Duration {
        if self.0.is_empty() {
            return Duration::ZERO;
        }
        let mut sorted = self.0.clone();
        sorted.sort_unstable();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }

    /// "p50 / p99 (n)" in milliseconds.
    pub fn summary(&self) -> String {
        if self.0.is_empty() {
            return "-".into();
        }
        format!("{} / {} ms (n={})", ms(self.percentile(50.0)), ms(self.percentile(99.0)), self.len())
    }
}

pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 1.0 {
        format!("{ms:.3}")
    } else if ms < 100.0 {
        format!("{ms:.2}")
    } else {
        format!("{ms:.0}")
    }
}

pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// Peak memory against the budget of 3 × the corpus plus 50 MB:
/// at most 1.0 meets it.
pub fn over_budget(peak: u64, corpus: u64) -> f64 {
    peak as f64 / (3.0 * corpus as f64 + 50e6)
}

/// A field of `/proc/<pid>/status` in bytes (`VmHWM`, `VmRSS`).
pub fn proc_status_bytes(pid: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// A process's CPU time so far (user plus system), from `/proc/<pid>/stat`:
/// what a run cost whatever else the machine was doing.
pub fn proc_cpu(pid: &str) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses: utime and
    // stime are the 12th and 13th of them, in clock ticks (100 a second).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Resets this process's peak RSS so that `VmHWM` measures from now on.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// A table printed as Markdown, so it can be pasted into the docs.
#[derive(Default)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(title: &str, header: &[&str]) -> Table {
        Table { title: title.into(), header: header.iter().map(|s| s.to_string()).collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let mut out = format!("\n### {}\n\n| {} |\n|{}\n", self.title, self.header.join(" | "), "---|".repeat(self.header.len()));
        for r in &self.rows {
            let _ = writeln!(out, "| {} |", r.join(" | "));
        }
        out
    }
}

/// What a child process used, read when it is reaped.
pub struct Usage {
    pub status: i32,
    /// User plus system CPU time.
    pub cpu: Duration,
}

/// Waits for a child with `wait4`, which returns the child's own CPU time.
#[cfg(target_os = "linux")]
pub fn wait_with_usage(child: &std::process::Child) -> std::io::Result<Usage> {
    #[repr(C)]
    struct Rusage {
        utime: [i64; 2],
        stime: [i64; 2],
        maxrss: i64,
        rest: [i64; 13],
    }
    extern "C" {
        fn wait4(pid: i32, status: *mut i32, options: i32, rusage: *mut Rusage) -> i32;
    }
    let mut status = 0;
    let mut usage = Rusage { utime: [0; 2], stime: [0; 2], maxrss: 0, rest: [0; 13] };
    // SAFETY: both pointers are to live, correctly laid out locals; the pid
    // is our own child, not yet reaped.
    let r = unsafe { wait4(child.id() as i32, &mut status, 0, &mut usage) };
    if r < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let code = if status & 0x7f == 0 { (status >> 8) & 0xff } else { -1 };
    let time = |t: [i64; 2]| Duration::from_secs(t[0] as u64) + Duration::from_micros(t[1] as u64);
    let _ = usage.maxrss;
    Ok(Usage { status: code, cpu: time(usage.utime) + time(usage.stime) })
}

/// The CPU time this thread has used: unlike the wall clock, it does not
/// count the time other work on a busy machine takes the core away.
pub fn thread_cpu() -> Duration {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec for the call.
    if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Give the allocator's free memory back to the system (glibc's
/// `malloc_trim`), so that what is measured next starts from a cold heap,
/// as a fresh process does: without it, a smaller size measured after a
/// larger one reuses pages the larger one faulted in, and pays none of the
/// page faults the larger one paid. Elsewhere, a no-op.
pub fn trim_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim takes no pointer and may be called at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
