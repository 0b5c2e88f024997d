//! Arbitrary text as `.leakscan.toml`.
#![no_main]
use leakscan::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::config(data);
});
