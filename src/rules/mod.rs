//! Rules as data: syntax (`file`), the embedded built-ins (`builtin`), compilation into an
//! immutable `RuleSet` (`compile`) with what it is made of (`filter`, `parts`, and `shape`: what
//! a regex's syntax says about its matches), the keyword pass (`prefilter`, `keyword_dfa`), and
//! what `rules list`/`rules show` print (`describe`).
//! `rules check`, which needs the scanner, is `crate::rule_check`.

mod builtin;
pub use builtin::Builtins;
mod compile;
pub mod describe;
mod file;
mod filter;
mod keyword_dfa;
mod parts;
mod prefilter;
mod shape;

pub(crate) use compile::line_of;
pub use compile::{Rule, RuleSet, RuleSource};
pub use file::{ExampleSpec, FilterTarget, TextSpec, TokenKind, Verify};
pub use filter::Filter;
pub(crate) use filter::FilterSet;
pub(crate) use parts::expand_parts;
pub use parts::Part;
pub use shape::UNBOUNDED_REACH;

use crate::problems::Problem;
use std::path::{Path, PathBuf};

/// Load the built-in rules, examples included, plus every extra rule file or directory
/// (`--rules`). Unreadable paths and broken rules come back as problems; the rest is compiled
/// and usable.
pub fn load(extra: &[PathBuf]) -> (RuleSet, Vec<Problem>) {
    load_from(extra, Builtins::Complete)
}

/// Like `load`, with as much of the built-in rules as `builtins` says.
pub fn load_from(extra: &[PathBuf], builtins: Builtins) -> (RuleSet, Vec<Problem>) {
    load_with(extra, &[], builtins)
}

/// Like `load_from`, plus rule files given as text, `(name, text)`, whose rules need no
/// examples: rules translated from another tool's configuration.
pub fn load_with(
    extra: &[PathBuf],
    translated: &[(String, String)],
    builtins: Builtins,
) -> (RuleSet, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    for path in extra {
        match rule_files(path) {
            Ok(files) => {
                for file in files {
                    match std::fs::read_to_string(&file) {
                        Ok(text) => texts.push((display(&file), text)),
                        Err(e) => problems.push(Problem::io(display(&file), &e)),
                    }
                }
            }
            Err(p) => problems.push(p),
        }
    }
    // The built-ins come first (a user's rule with a built-in id is the duplicate), already
    // parsed for a scan, as text to parse otherwise.
    let mut sources: Vec<RuleSource<'_>> = Vec::new();
    let mut parsed = Vec::new();
    match builtins {
        Builtins::Off => {}
        Builtins::ForScan => {
            for (name, text, file) in builtin::parsed() {
                sources.push(builtin_source(name, text));
                parsed.push(Some(Ok(file)));
            }
        }
        Builtins::Complete => {
            for &(name, text) in builtin::files() {
                sources.push(builtin_source(name, text));
                parsed.push(None);
            }
        }
    }
    for (name, text) in &texts {
        sources.push(RuleSource {
            name: name.clone(),
            text,
            trusted: false,
            examples_required: true,
        });
        parsed.push(None);
    }
    for (name, text) in translated {
        sources.push(RuleSource {
            name: name.clone(),
            text,
            trusted: false,
            examples_required: false,
        });
        parsed.push(None);
    }
    let (set, mut compile_problems) = RuleSet::compile_parsed(&sources, parsed);
    problems.append(&mut compile_problems);
    (set, problems)
}

fn builtin_source(name: &str, text: &'static str) -> RuleSource<'static> {
    RuleSource {
        name: name.to_string(),
        text,
        trusted: true,
        examples_required: true,
    }
}

/// A rule path is a `.toml` file, or a directory whose `*.toml` files are all rule files.
fn rule_files(path: &Path) -> Result<Vec<PathBuf>, Problem> {
    let meta = std::fs::metadata(path).map_err(|e| Problem::io(display(path), &e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| Problem::io(display(path), &e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Problem::new(
            display(path),
            "no *.toml rule files in this directory",
        ));
    }
    Ok(files)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
