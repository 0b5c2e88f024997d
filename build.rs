//! Embeds every `rules/*.toml` into the binary (see `src/rules/builtin.rs`), twice:
//! - as written, for `rules check`, `rules list` and the tests (parsed at run time, examples
//!   and all);
//! - as Rust code that builds the same rules without their examples, for scans. Parsing the
//!   TOML was a tenth of a one-file scan (a pre-commit hook), most of it the examples.
//!
//! The generated code mirrors `src/rules/file.rs`; `tests/it/rules_harness.rs` checks that both
//! forms give the same rules and filters. An unknown key fails the build, as it would fail a
//! run (`deny_unknown_fields`).

// The keyword DFA's own code, to build the built-in keywords' table here (only `new` and
// `to_image` are used).
#[allow(dead_code)]
#[path = "src/rules/keyword_dfa.rs"]
mod keyword_dfa;

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use toml::{Table, Value};

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("rules");
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("rules/ directory is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut texts = String::from("static BUILTIN_RULES: &[(&str, &str)] = &[\n");
    let mut code = String::from(
        "/// The built-in rule files as parsed values, without examples: `(name, text, file)`.\n\
         fn prebuilt() -> Vec<(&'static str, &'static str, RuleFile)> {\n    vec![\n",
    );
    for (index, path) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = format!(
            "rules/{}",
            path.file_name().expect("file name").to_string_lossy()
        );
        let text = fs::read_to_string(path).expect("rule files are UTF-8");
        writeln!(
            texts,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
        let table: Table = text
            .parse()
            .unwrap_or_else(|e| panic!("{name}: not valid TOML: {e}"));
        let file = RuleFileCode {
            name: &name,
            text: &text,
        };
        writeln!(
            code,
            "        ({name:?}, BUILTIN_RULES[{index}].1, {}),",
            file.rule_file(&table)
        )
        .unwrap();
    }
    texts.push_str("];\n");
    code.push_str("    ]\n}\n");
    let keywords = builtin_keywords(&files);
    let dfa = keyword_dfa::KeywordDfa::new(&keywords);
    fs::write(out_dir.join("builtin_keywords.bin"), dfa.to_image()).expect("OUT_DIR is writable");
    writeln!(
        code,
        "/// Every built-in keyword, lower-case, in the order `RuleSet` assembles them.\n\
         static BUILTIN_KEYWORDS: &[&str] = &{keywords:?};"
    )
    .unwrap();
    fs::write(out_dir.join("builtin_rules.rs"), texts + &code).expect("OUT_DIR is writable");
}

/// The built-in keywords as `rules::compile::assemble` lists them: rule files in name order,
/// rules in file order, each keyword lower-cased, first occurrence kept. The keyword DFA for
/// exactly this list is built here, so a scan with the built-in rules builds no automaton.
fn builtin_keywords(files: &[PathBuf]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in files {
        let text = fs::read_to_string(path).expect("rule files are UTF-8");
        let table: Table = text.parse().expect("rule files are TOML");
        let Some(Value::Array(rules)) = table.get("rule") else {
            continue;
        };
        for rule in rules {
            let Some(Value::Array(keywords)) = rule.get("keywords") else {
                continue;
            };
            for k in keywords.iter().filter_map(Value::as_str) {
                let k = k.to_ascii_lowercase();
                if seen.insert(k.clone()) {
                    out.push(k);
                }
            }
        }
    }
    out
}

struct RuleFileCode<'a> {
    name: &'a str,
    text: &'a str,
}

impl RuleFileCode<'_> {
    fn rule_file(&self, table: &Table) -> String {
        self.known(table, "file", &["rule", "filter", "part"]);
        let items = |key: &str, each: &dyn Fn(&Table) -> String| -> String {
            let list = match table.get(key) {
                None => return "Vec::new()".into(),
                Some(Value::Array(list)) => list,
                Some(_) => self.fail(&format!("`{key}` must be an array of tables")),
            };
            let parts: Vec<String> = list
                .iter()
                .map(|v| match v {
                    Value::Table(t) => each(t),
                    _ => self.fail(&format!("`{key}` must be an array of tables")),
                })
                .collect();
            format!("vec![{}]", parts.join(", "))
        };
        format!(
            "RuleFile {{ rule: {}, filter: {}, part: {} }}",
            items("rule", &|t| self.rule(t)),
            items("filter", &|t| self.filter(t)),
            items("part", &|t| self.part(t))
        )
    }

    fn rule(&self, t: &Table) -> String {
        self.known(
            t,
            "rule",
            &[
                "id",
                "description",
                "keywords",
                "regex",
                "min_entropy",
                "severity",
                "confidence",
                "provider",
                "kind",
                "help",
                "verify",
                "file_kinds",
                "generic",
                "precedence",
                "example",
                "negative",
            ],
        );
        let id = self.string(t, "id");
        let keywords: Vec<String> = match t.get("keywords") {
            Some(Value::Array(list)) => list
                .iter()
                .map(|k| match k {
                    Value::String(s) => format!("{s:?}.to_string()"),
                    _ => self.fail(&format!("rule `{id}`: keywords must be strings")),
                })
                .collect(),
            _ => self.fail(&format!("rule `{id}`: `keywords` must be an array")),
        };
        let min_entropy = match t.get("min_entropy") {
            None => "None".to_string(),
            Some(Value::Float(f)) => format!("Some({f:?})"),
            Some(Value::Integer(i)) => format!("Some({i}.0)"),
            Some(_) => self.fail(&format!("rule `{id}`: `min_entropy` must be a number")),
        };
        let verify = match t.get("verify") {
            None => "None".to_string(),
            Some(Value::String(s)) => format!("Some(Verify::{})", variant(s)),
            Some(_) => self.fail(&format!("rule `{id}`: `verify` must be a string")),
        };
        let confidence = match t.get("confidence") {
            None => "None".to_string(),
            Some(Value::String(s)) => format!("Some(Confidence::{})", variant(s)),
            Some(_) => self.fail(&format!("rule `{id}`: `confidence` must be a string")),
        };
        let kind = match t.get("kind") {
            None => "TokenKind::Secret".to_string(),
            Some(Value::String(s)) => format!("TokenKind::{}", variant(s)),
            Some(_) => self.fail(&format!("rule `{id}`: `kind` must be a string")),
        };
        let file_kinds = match t.get("file_kinds") {
            None => "None".to_string(),
            Some(Value::Array(list)) => format!(
                "Some(vec![{}])",
                list.iter()
                    .map(|k| match k {
                        Value::String(s) => format!("Grammar::{}", variant(s)),
                        _ => self.fail(&format!("rule `{id}`: file_kinds must be strings")),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some(_) => self.fail(&format!("rule `{id}`: `file_kinds` must be an array")),
        };
        let optional = |key: &str| match t.get(key) {
            None => "None".to_string(),
            Some(Value::String(s)) => format!("Some({s:?}.to_string())"),
            Some(_) => self.fail(&format!("rule `{id}`: `{key}` must be a string")),
        };
        format!(
            "RuleSpec {{ id: {}, description: {:?}.to_string(), keywords: vec![{}], \
             regex: {}, min_entropy: {min_entropy}, severity: Severity::{}, \
             confidence: {confidence}, provider: {}, kind: {kind}, help: {}, verify: {verify}, \
             file_kinds: {file_kinds}, generic: {}, precedence: {}, example: Vec::new(), \
             negative: Vec::new() }}",
            self.spanned("id", &id, 0),
            self.string(t, "description"),
            keywords.join(", "),
            self.spanned("regex", &self.string(t, "regex"), self.offset("id", &id, 0)),
            variant(&self.string(t, "severity")),
            optional("provider"),
            optional("help"),
            t.get("generic").and_then(Value::as_bool).unwrap_or(false),
            t.get("precedence").and_then(Value::as_integer).unwrap_or(0),
        )
    }

    fn filter(&self, t: &Table) -> String {
        self.known(
            t,
            "filter",
            &[
                "id",
                "description",
                "target",
                "regex",
                "rules",
                "confidence",
                "example",
            ],
        );
        let id = self.string(t, "id");
        let rules = match t.get("rules") {
            None => "None".to_string(),
            Some(Value::Array(list)) => format!(
                "Some(vec![{}])",
                list.iter()
                    .map(|r| match r {
                        Value::String(s) => format!("{s:?}.to_string()"),
                        _ => self.fail(&format!("filter `{id}`: rules must be strings")),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some(_) => self.fail(&format!("filter `{id}`: `rules` must be an array")),
        };
        let confidence = match t.get("confidence") {
            None => "None".to_string(),
            Some(Value::String(s)) => format!("Some(Confidence::{})", variant(s)),
            Some(_) => self.fail(&format!("filter `{id}`: `confidence` must be a string")),
        };
        format!(
            "FilterSpec {{ id: {}, description: {:?}.to_string(), target: FilterTarget::{}, \
             regex: {}, rules: {rules}, confidence: {confidence}, example: Vec::new() }}",
            self.spanned("id", &id, 0),
            self.string(t, "description"),
            variant(&self.string(t, "target")),
            self.spanned("regex", &self.string(t, "regex"), self.offset("id", &id, 0)),
        )
    }

    fn part(&self, t: &Table) -> String {
        self.known(
            t,
            "part",
            &["id", "description", "regex", "examples", "negatives"],
        );
        let id = self.string(t, "id");
        format!(
            "PartSpec {{ id: {}, description: {:?}.to_string(), regex: {}, \
             examples: Vec::new(), negatives: Vec::new() }}",
            self.spanned("id", &id, 0),
            self.string(t, "description"),
            self.spanned("regex", &self.string(t, "regex"), self.offset("id", &id, 0)),
        )
    }

    /// A `Spanned` string whose span starts where `key = ` is written for this value (so
    /// problems name the same line as when the text is parsed), searching from `from`.
    fn spanned(&self, key: &str, value: &str, from: usize) -> String {
        let at = self.offset(key, value, from);
        format!("Spanned::new({at}..{at}, {value:?}.to_string())")
    }

    fn offset(&self, key: &str, value: &str, from: usize) -> usize {
        let exact = format!("{key} = {value:?}");
        self.text[from..]
            .find(&exact)
            .or_else(|| self.text[from..].find(&format!("{key} = ")))
            .map_or(from, |i| from + i + key.len() + 3)
    }

    fn string(&self, t: &Table, key: &str) -> String {
        match t.get(key) {
            Some(Value::String(s)) => s.clone(),
            _ => self.fail(&format!("`{key}` must be a string")),
        }
    }

    fn known(&self, t: &Table, what: &str, keys: &[&str]) {
        if let Some(k) = t.keys().find(|k| !keys.contains(&k.as_str())) {
            self.fail(&format!("unknown key `{k}` in a {what}"));
        }
    }

    fn fail(&self, msg: &str) -> ! {
        panic!("{}: {msg}", self.name)
    }
}

/// `high` → `High`, `crc32-base62` → `Crc32Base62`: the enum variants behind
/// `#[serde(rename_all = "lowercase")]` and `"kebab-case"`.
fn variant(s: &str) -> String {
    s.split('-')
        .map(|word| {
            let mut c = word.chars();
            match c.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}
