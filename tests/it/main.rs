//! leakscan's integration tests: one binary, one module per area.

mod cli;
mod confidence;
mod corpus;
mod everyday;
mod fuzz_regressions;
mod git;
mod git_attacks;
mod git_index;
mod git_support;
mod git_trust;
mod hardening;
mod hostile;
mod precommit;
mod properties;
mod rule_files;
mod rules_cli;
mod rules_harness;
mod sarif;
mod seeds;
mod support;
mod suppress;
mod terminal;
