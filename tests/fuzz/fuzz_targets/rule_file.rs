//! Arbitrary text as a user's rule file: loading must report problems, never panic, and the
//! rules that load must run.
#![no_main]
use leakscan::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::rule_file(data);
});
