//! Memory-mapped reading of large files, made safe against a file that shrinks while mapped.
//!
//! Reading a page of a mapping that lies past the file's (new) end raises SIGBUS, which kills
//! a process by default: any file in a scanned tree can be truncated by another process while
//! we read it (an editor saving, a build rewriting a bundle). Each live mapping is registered
//! in a fixed table of address ranges; the SIGBUS handler, when the fault is inside one, maps
//! a zero page over the faulting page, marks the mapping and returns, so the load is retried
//! and reads zeros. After the scan the caller asks `truncated()` and reports the file by name.
//! Faults outside every registered range go to the handler that was there before (Rust's own,
//! or the default action), so a real bug still crashes as it would have.

use std::fs::File;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Once;

/// Live mappings at once: one per scanning thread is the most we make; spare slots cost
/// nothing. A mapping that finds no free slot is not made (the caller reads instead).
const SLOTS: usize = 256;

struct Slot {
    start: AtomicUsize,
    end: AtomicUsize,
    faulted: AtomicBool,
}

static SLOT_TABLE: [Slot; SLOTS] = [const {
    Slot {
        start: AtomicUsize::new(0),
        end: AtomicUsize::new(0),
        faulted: AtomicBool::new(false),
    }
}; SLOTS];
static PAGE_SIZE: AtomicUsize = AtomicUsize::new(4096);
static INSTALL: Once = Once::new();
static INSTALLED: AtomicBool = AtomicBool::new(false);
/// The SIGBUS disposition before ours, to pass foreign faults on to.
static mut PREVIOUS: std::mem::MaybeUninit<libc::sigaction> = std::mem::MaybeUninit::zeroed();

/// A file's bytes, mapped read-only, registered with the SIGBUS guard while it lives.
pub struct Mapping {
    map: memmap2::Mmap,
    file: File,
    slot: usize,
}

impl Mapping {
    /// Map `file` (`len` bytes, non-zero). `None` when the guard cannot be installed or has no
    /// free slot, or mapping fails: the caller then reads the file instead.
    pub fn new(file: &File, len: u64) -> Option<Mapping> {
        if len == 0 || !install() {
            return None;
        }
        let file = file.try_clone().ok()?;
        // SAFETY: the mapping is read-only and private to us; another process changing the
        // file can change what we read (a scan of a file being rewritten is racy anyway) or
        // shrink it, which the SIGBUS guard registered below turns into zeros plus a report.
        let map = unsafe { memmap2::MmapOptions::new().len(len as usize).map(&file) }.ok()?;
        let start = map.as_ptr() as usize;
        let slot = claim(start, start + map.len())?;
        Some(Mapping { map, file, slot })
    }

    pub fn bytes(&self) -> &[u8] {
        &self.map
    }

    /// Whether the file shrank below the mapped length while mapped (then some of what was
    /// scanned read as zeros, and findings there may be missing).
    pub fn truncated(&self) -> bool {
        SLOT_TABLE[self.slot].faulted.load(Ordering::SeqCst)
            || self
                .file
                .metadata()
                .is_ok_and(|m| m.len() < self.map.len() as u64)
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // Unregister before the memory is unmapped (the map field drops after this).
        let slot = &SLOT_TABLE[self.slot];
        slot.end.store(0, Ordering::SeqCst);
        slot.faulted.store(false, Ordering::SeqCst);
        slot.start.store(0, Ordering::SeqCst);
    }
}

/// Register `start..end` in a free slot (one whose `start` is 0).
fn claim(start: usize, end: usize) -> Option<usize> {
    for (i, slot) in SLOT_TABLE.iter().enumerate() {
        if slot
            .start
            .compare_exchange(0, start, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            slot.faulted.store(false, Ordering::SeqCst);
            slot.end.store(end, Ordering::SeqCst);
            return Some(i);
        }
    }
    None
}

fn install() -> bool {
    INSTALL.call_once(|| {
        // SAFETY: plain libc calls; the handler below only touches atomics and calls mmap
        // (a system call) or the previous handler.
        unsafe {
            let page = libc::sysconf(libc::_SC_PAGESIZE);
            if page > 0 {
                PAGE_SIZE.store(page as usize, Ordering::SeqCst);
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            let previous = (&raw mut PREVIOUS).cast::<libc::sigaction>();
            if libc::sigaction(libc::SIGBUS, &action, previous) == 0 {
                INSTALLED.store(true, Ordering::SeqCst);
            }
        }
    });
    INSTALLED.load(Ordering::SeqCst)
}

extern "C" fn on_sigbus(
    signal: libc::c_int,
    info: *mut libc::siginfo_t,
    context: *mut libc::c_void,
) {
    // SAFETY: the kernel hands a valid siginfo to an SA_SIGINFO handler.
    let addr = unsafe { (*info).si_addr() } as usize;
    for slot in &SLOT_TABLE {
        let start = slot.start.load(Ordering::SeqCst);
        if start != 0 && start <= addr && addr < slot.end.load(Ordering::SeqCst) {
            let page = addr & !(PAGE_SIZE.load(Ordering::SeqCst) - 1);
            // SAFETY: the page lies inside a read-only mapping we own; replacing it with an
            // anonymous zero page changes only what that mapping reads.
            let mapped = unsafe {
                libc::mmap(
                    page as *mut libc::c_void,
                    PAGE_SIZE.load(Ordering::SeqCst),
                    libc::PROT_READ,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                    -1,
                    0,
                )
            };
            if mapped != libc::MAP_FAILED {
                slot.faulted.store(true, Ordering::SeqCst);
                return;
            }
        }
    }
    // Not ours: hand it to whoever handled SIGBUS before us.
    // SAFETY: PREVIOUS was written by sigaction before this handler could run.
    unsafe {
        let previous = &*(&raw const PREVIOUS).cast::<libc::sigaction>();
        let handler = previous.sa_sigaction;
        if handler == libc::SIG_DFL || handler == libc::SIG_IGN {
            // Restore the default action; returning retries the access, which faults again
            // and ends the process as if we had never been here.
            libc::signal(libc::SIGBUS, libc::SIG_DFL);
        } else if previous.sa_flags & libc::SA_SIGINFO != 0 {
            let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                std::mem::transmute(handler);
            f(signal, info, context);
        } else {
            let f: extern "C" fn(libc::c_int) = std::mem::transmute(handler);
            f(signal);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_truncated_while_mapped_reads_zeros_and_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shrinks.txt");
        let mut f = File::create(&path).unwrap();
        f.write_all(&vec![b'x'; 1 << 20]).unwrap();
        drop(f);
        let file = File::open(&path).unwrap();
        let map = Mapping::new(&file, 1 << 20).unwrap();
        assert_eq!(map.bytes()[(1 << 20) - 1], b'x');
        assert!(!map.truncated());
        // Another writer cuts the file to one page while we hold the mapping.
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(100)
            .unwrap();
        // Without the guard this read is a SIGBUS and the test process dies.
        let tail = &map.bytes()[(1 << 20) - 4096..];
        assert!(tail.iter().all(|&b| b == 0));
        assert!(map.truncated());
        drop(map);
        // The slot is free again and a fresh mapping starts unmarked.
        let again = Mapping::new(&file, 100).unwrap();
        assert!(!again.truncated());
    }
}
