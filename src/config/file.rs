//! `.leakscan.toml`: a project's own settings, found at the scan root or given with `--config`.
//! Extra rule paths, disabled rule ids, and allowlists (global and per rule: gitignore-style
//! paths, regexes on the secret, stopwords). Unknown keys, bad regexes and unknown rule ids are
//! errors naming the file and line.
//!
//! ```toml
//! [rules]
//! paths = ["security/rules"]                 # relative to this file
//! disable = ["generic.password-assignment"]
//!
//! [allowlist]
//! paths = ["tests/fixtures/**"]
//! regexes = ['''^sk_test_''']
//! stopwords = ["sandbox"]
//!
//! [[allowlist.rule]]
//! id = "generic.secret-assignment"
//! paths = ["docs/**"]
//! ```

use crate::problems::Problem;
use crate::suppress::Allowlist;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigSpec {
    #[serde(default)]
    rules: RulesSpec,
    #[serde(default)]
    allowlist: AllowlistSpec,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesSpec {
    #[serde(default)]
    paths: Vec<PathBuf>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowlistSpec {
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    regexes: Vec<Spanned<String>>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    rule: Vec<RuleAllowlistSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleAllowlistSpec {
    id: Spanned<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    regexes: Vec<Spanned<String>>,
    #[serde(default)]
    stopwords: Vec<String>,
}

/// A loaded, validated `.leakscan.toml`.
#[derive(Debug, Default)]
pub struct ProjectConfig {
    /// Where it came from, for messages.
    pub origin: String,
    /// Extra rule files or directories, resolved against the config file's directory.
    pub rule_paths: Vec<PathBuf>,
    /// Disabled rule ids with the line that names them.
    pub disabled: Vec<(String, usize)>,
    pub allowlist: Allowlist,
    /// Per-rule allowlists: rule id, line of the `id`, allowlist.
    pub rule_allowlists: Vec<(String, usize, Allowlist)>,
}

impl ProjectConfig {
    /// Read and validate the config at `path`; `root` is the directory allowlist paths are
    /// relative to.
    pub fn load(path: &Path, root: &Path) -> Result<ProjectConfig, Vec<Problem>> {
        let origin = crate::source::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| vec![Problem::io(&origin, &e)])?;
        Self::parse(
            &text,
            &origin,
            path.parent().unwrap_or(Path::new(".")),
            root,
        )
    }

    /// Validate config `text` read from `origin` (a name for messages) in directory `base`.
    pub fn parse(
        text: &str,
        origin: &str,
        base: &Path,
        root: &Path,
    ) -> Result<ProjectConfig, Vec<Problem>> {
        let origin = origin.to_string();
        let spec: ConfigSpec = toml::from_str(text)
            .map_err(|e| vec![crate::problems::toml_problem(&origin, text, &e)])?;
        let mut problems = Vec::new();
        let line = |offset: usize| crate::rules::line_of(text, offset);
        let mut build = |paths: &[String], regexes: &[Spanned<String>], stopwords: &[String]| {
            let regexes: Vec<(String, usize)> = regexes
                .iter()
                .map(|r| (r.get_ref().clone(), line(r.span().start)))
                .collect();
            match Allowlist::new(root, paths, &regexes, stopwords) {
                Ok(a) => a,
                Err((l, msg)) => {
                    problems.push(Problem::new(format!("{origin}:{l}"), msg));
                    Allowlist::default()
                }
            }
        };
        let allowlist = build(
            &spec.allowlist.paths,
            &spec.allowlist.regexes,
            &spec.allowlist.stopwords,
        );
        let rule_allowlists = spec
            .allowlist
            .rule
            .iter()
            .map(|r| {
                (
                    r.id.get_ref().clone(),
                    line(r.id.span().start),
                    build(&r.paths, &r.regexes, &r.stopwords),
                )
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ProjectConfig {
            rule_paths: spec.rules.paths.iter().map(|p| base.join(p)).collect(),
            disabled: spec
                .rules
                .disable
                .iter()
                .map(|d| (d.get_ref().clone(), line(d.span().start)))
                .collect(),
            allowlist,
            rule_allowlists,
            origin,
        })
    }

    /// Rule ids this config names that no loaded rule has: a typo would otherwise silently
    /// disable or allow nothing.
    pub fn unknown_rule_ids(&self, known: &[String]) -> Vec<Problem> {
        let named = self
            .disabled
            .iter()
            .map(|(id, l)| (id, l))
            .chain(self.rule_allowlists.iter().map(|(id, l, _)| (id, l)));
        named
            .filter(|(id, _)| !known.contains(id))
            .map(|(id, l)| {
                let hint = closest(id, known)
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                Problem::new(
                    format!("{}:{l}", self.origin),
                    format!("unknown rule id `{id}`{hint}"),
                )
            })
            .collect()
    }
}

/// The known id most like `id`, if one is close enough to be a likely typo.
fn closest<'a>(id: &str, known: &'a [String]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(id, k), k))
        .filter(|(score, _)| *score > 0.9)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.as_str())
}
