//! leakscan finds hardcoded credentials in source trees.
//!
//! Data flows one way: `source` (walk and read files) → `scan` (keyword prefilter, regexes,
//! filters, entropy) → `finding` → `report` (text, JSON, SARIF). Rules are data (`rules/*.toml`,
//! compiled into an immutable `rules::RuleSet` shared by every thread). Problems along the way
//! are collected (`problems`), never fatal. Between findings and reports, `suppress` applies
//! what the project allowed (`.leakscanignore`, `--baseline`, `.leakscan.toml` allowlists).
//!
//! The library API is small: load rules, scan bytes or paths, check rule examples.

pub mod app;
pub mod cli;
pub mod config;
pub mod file_kind;
pub mod finding;
#[doc(hidden)]
pub mod fuzzing;
pub mod github;
pub mod hints;
mod kdf;
mod location;
pub mod pipeline;
pub mod present;
pub mod problems;
pub mod progress;
pub mod report;
pub mod rule_check;
pub mod rules;
pub mod scan;
pub mod source;
pub mod suppress;

pub use app::{run, ExitStatus};
pub use finding::{Confidence, Disclosure, Finding, Secret, Severity};
pub use location::Position;
pub use rules::RuleSet;
pub use scan::Scanner;
