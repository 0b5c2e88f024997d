//! Arbitrary bytes through the scanner with the built-in rules, as a file and as a blob with a
//! lock-file name (the generic-rule skip path), with and without line windows.
#![no_main]
use leakscan::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::scan(data);
});
