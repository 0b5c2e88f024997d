//! A byte budget for blobs in flight between a reader and the scanning threads. git streams
//! objects faster than they are scanned; without a bound, a history of large blobs would queue
//! them all in memory. The reader takes a `Permit` for a blob's size before reading it, and the
//! permit is given back when the blob is dropped after scanning. A blob larger than the whole
//! budget is let through when nothing else is in flight, so it waits but never deadlocks.

use std::sync::{Arc, Condvar, Mutex};

/// Bytes the blobs in flight may hold together.
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

/// A share of a budget, held by one blob.
#[derive(Debug)]
pub struct Permit {
    budget: Arc<Budget>,
    bytes: u64,
}

impl Budget {
    pub fn new(limit: u64) -> Arc<Budget> {
        Arc::new(Budget {
            limit,
            used: Mutex::new(0),
            freed: Condvar::new(),
        })
    }

    /// Wait until `bytes` fit (or nothing else is held), and take them.
    pub fn acquire(self: &Arc<Self>, bytes: u64) -> Permit {
        let mut used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        while *used > 0 && *used + bytes > self.limit {
            used = self.freed.wait(used).unwrap_or_else(|p| p.into_inner());
        }
        *used += bytes;
        Permit {
            budget: Arc::clone(self),
            bytes,
        }
    }

    /// Bytes held now (for tests).
    pub fn used(&self) -> u64 {
        *self.used.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|p| p.into_inner());
        *used -= self.bytes;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_for_room_and_lets_one_oversized_blob_through() {
        let budget = Budget::new(10);
        let a = budget.acquire(6);
        let b = budget.acquire(4);
        assert_eq!(budget.used(), 10);
        let waiter = {
            let budget = Arc::clone(&budget);
            std::thread::spawn(move || {
                let _c = budget.acquire(5);
                budget.used()
            })
        };
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!waiter.is_finished(), "no room yet");
        drop(a);
        assert_eq!(waiter.join().unwrap(), 9);
        drop(b);
        assert_eq!(budget.used(), 0);
        // Larger than the whole budget: through, because nothing else is held.
        let big = budget.acquire(100);
        assert_eq!(budget.used(), 100);
        drop(big);
        assert_eq!(budget.used(), 0);
    }
}
