//! The progress bar: files, bytes and findings so far, on stderr, only where a person is
//! watching (stderr is a terminal, not CI, not a pre-commit hook, not `--quiet`) and only once
//! a scan has run for a second, so quick scans never flicker. Pipelines count into atomics
//! (`note`); a separate thread draws, so the hot path never waits on the terminal.

use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

static FILES: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);
static FINDINGS: AtomicU64 = AtomicU64::new(0);

/// Count one scanned file or blob.
pub fn note(bytes: u64, findings: usize) {
    FILES.fetch_add(1, Ordering::Relaxed);
    BYTES.fetch_add(bytes, Ordering::Relaxed);
    FINDINGS.fetch_add(findings as u64, Ordering::Relaxed);
}

/// Whether a progress bar may be shown: stderr is a terminal, and this is neither CI (`CI`
/// set, as every CI service does) nor a pre-commit hook (`PRE_COMMIT` set by pre-commit).
pub fn wanted(quiet: bool) -> bool {
    !quiet
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none()
        && std::env::var_os("PRE_COMMIT").is_none()
}

/// A running progress display; `finish` removes it.
pub struct Progress {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Start drawing after the delay (1 s; `LEAKSCAN_PROGRESS_DELAY_MS` overrides it, for
    /// tests) if `enabled`.
    pub fn start(enabled: bool) -> Progress {
        if !enabled {
            return Progress {
                stop: None,
                thread: None,
            };
        }
        let delay = std::env::var("LEAKSCAN_PROGRESS_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || draw(delay, stopped));
        Progress {
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn finish(mut self) {
        self.stop.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn draw(delay: Duration, stopped: mpsc::Receiver<()>) {
    let started = Instant::now();
    let mut bar: Option<ProgressBar> = None;
    loop {
        if started.elapsed() >= delay {
            let bar = bar.get_or_insert_with(|| {
                let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                b.set_style(
                    ProgressStyle::with_template("{spinner} scanning: {msg} [{elapsed}]")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                b
            });
            bar.set_message(format!(
                "{} files, {}, {} findings",
                FILES.load(Ordering::Relaxed),
                HumanBytes(BYTES.load(Ordering::Relaxed)),
                FINDINGS.load(Ordering::Relaxed)
            ));
            bar.tick();
        }
        let wait = if started.elapsed() >= delay {
            Duration::from_millis(100)
        } else {
            delay - started.elapsed()
        };
        match stopped.recv_timeout(wait) {
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            _ => break,
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
}
