//! Arbitrary bytes as `git log -p` / `git diff` output.
#![no_main]
use leakscan::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::patch(data);
});
