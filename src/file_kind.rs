//! What kind of file a blob is, decided from its path (and, for generated code and minified
//! bundles, its first bytes), because that decides which generic rules fit it and how much a
//! generic finding in it is worth:
//!
//! - the **grammar** a generic rule may assume: in source code a value is only a value inside a
//!   string literal (`Secret: &opts.Secret` is a Go struct field, not a secret), while in config
//!   an unquoted scalar is the value (`password: Hx4tRw9LpQ`);
//! - files where generic rules do not run at all: lock files and minified bundles (hashes and
//!   mangled names), source maps (whole source files folded into one JSON string), TypeScript
//!   declarations (types, never values) and translation catalogues (`msgid "Password"`);
//! - the **context** that lowers confidence: tests, fixtures, examples and docs hold sample
//!   values; vendored and generated code is not the user's to fix.
//!
//! Provider rules, which know their token's exact shape, run on every kind of file.

use serde::Deserialize;

/// The grammar generic rules assume for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grammar {
    /// Source code: values are string literals.
    Code,
    /// Shell scripts, Makefiles, Dockerfiles: `NAME=value` and quoted words.
    Shell,
    /// Plaintext config (.env, YAML, TOML, INI, properties, JSON, HCL): unquoted scalars are
    /// values.
    Config,
    /// XML and HTML: element text and attribute values.
    Markup,
    /// Prose with snippets of any of the above (Markdown, reStructuredText, plain text).
    Docs,
    /// Anything else: every form applies.
    Other,
}

impl Grammar {
    pub fn as_str(self) -> &'static str {
        match self {
            Grammar::Code => "code",
            Grammar::Shell => "shell",
            Grammar::Config => "config",
            Grammar::Markup => "markup",
            Grammar::Docs => "docs",
            Grammar::Other => "other",
        }
    }
}

/// Where a file sits, as evidence about the values in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context {
    /// Tests, test data, fixtures and mocks.
    pub test: bool,
    /// Examples, samples, templates (`.env.example`, `config.sample.yml`, `examples/`).
    pub example: bool,
    /// Documentation (`docs/`, Markdown, reStructuredText).
    pub docs: bool,
    /// Third-party code checked in (`vendor/`, `node_modules/`, `third_party/`).
    pub vendored: bool,
    /// Generated code (`*.pb.go`, `// Code generated ... DO NOT EDIT.`).
    pub generated: bool,
}

impl Context {
    /// Tests, examples and docs: where sample values are expected.
    pub fn samples(&self) -> bool {
        self.test || self.example || self.docs
    }
}

/// Everything the scanner needs to know about a blob's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKind {
    pub grammar: Grammar,
    /// Python: triple-quoted strings are docstrings and `EXAMPLES` blocks.
    pub python: bool,
    /// Why generic rules do not run on this file at all, if they do not.
    pub no_generic: Option<&'static str>,
    pub context: Context,
}

/// File names of lock files and checksum manifests.
const LOCK_FILES: &[&str] = &[
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "Cargo.lock",
    "poetry.lock",
    "Pipfile.lock",
    "pdm.lock",
    "uv.lock",
    "go.sum",
    "composer.lock",
    "Gemfile.lock",
    "Podfile.lock",
    "packages.lock.json",
    "flake.lock",
    "mix.lock",
    "pubspec.lock",
    "gradle.lockfile",
];

const CODE: &[&str] = &[
    "py", "pyw", "pyi", "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "go", "java", "kt",
    "kts", "scala", "sc", "groovy", "gradle", "cs", "csx", "fs", "fsx", "vb", "rb", "rake", "php",
    "rs", "swift", "c", "cc", "cpp", "cxx", "h", "hh", "hpp", "hxx", "m", "mm", "dart", "lua",
    "pl", "pm", "r", "jl", "ex", "exs", "erl", "clj", "cljs", "hs", "ml", "elm", "sol", "vue",
    "svelte", "ps1", "psm1", "psd1", "coffee", "cr", "nim", "zig", "v", "d", "pas", "tcl",
];
const SHELL: &[&str] = &["sh", "bash", "zsh", "ksh", "fish", "mk", "bat", "cmd"];
const SHELL_NAMES: &[&str] = &[
    "Dockerfile",
    "Containerfile",
    "Makefile",
    "GNUmakefile",
    "makefile",
    "Procfile",
    ".bashrc",
    ".bash_profile",
    ".profile",
    ".zshrc",
    ".zprofile",
    ".envrc",
];
const CONFIG: &[&str] = &[
    "env",
    "yaml",
    "yml",
    "toml",
    "ini",
    "cfg",
    "conf",
    "cnf",
    "properties",
    "json",
    "json5",
    "jsonc",
    "hcl",
    "tf",
    "tfvars",
    "nomad",
    "npmrc",
    "yarnrc",
    "netrc",
    "pypirc",
    "pgpass",
    "gitconfig",
    "tpl",
    "j2",
    "jinja",
    "jinja2",
];
const MARKUP: &[&str] = &[
    "xml", "html", "htm", "xhtml", "config", "csproj", "vbproj", "fsproj", "props", "targets",
    "plist", "xaml", "jsp", "aspx", "cshtml", "wsdl", "xsd",
];
const DOCS: &[&str] = &[
    "md", "markdown", "mdx", "rst", "adoc", "asciidoc", "org", "textile", "rdoc", "pod",
];
/// Translation catalogues: every message about passwords and tokens, no values.
const TRANSLATIONS: &[&str] = &[
    "po",
    "pot",
    "mo",
    "xlf",
    "xliff",
    "strings",
    "stringsdict",
    "resx",
    "arb",
];
/// Suffixes that mark a copy of a file meant to be filled in: the grammar is that of the file
/// without the suffix.
const TEMPLATE_SUFFIXES: &[&str] = &[
    "example", "sample", "template", "tmpl", "dist", "default", "defaults", "orig", "bak", "in",
];

const TEST_DIRS: &[&str] = &[
    "test",
    "tests",
    "testing",
    "__tests__",
    "spec",
    "specs",
    "testdata",
    "test_data",
    "test-data",
    "fixtures",
    "fixture",
    "__fixtures__",
    "mocks",
    "mock",
    "__mocks__",
    "e2e",
    "testutil",
    "testutils",
    "testhelpers",
];
const EXAMPLE_DIRS: &[&str] = &[
    "example",
    "examples",
    "sample",
    "samples",
    "demo",
    "demos",
    "tutorial",
    "tutorials",
    "quickstart",
];
const DOC_DIRS: &[&str] = &["doc", "docs", "documentation", "man"];
const VENDOR_DIRS: &[&str] = &[
    "vendor",
    "node_modules",
    "third_party",
    "third-party",
    "thirdparty",
    "bower_components",
    "site-packages",
    "dist-packages",
    "Pods",
    "Carthage",
];
const LOCALE_DIRS: &[&str] = &["locale", "locales", "i18n", "l10n", "translations", "lang"];

/// How much of a file to look at for a generated-code marker or minified lines.
const SNIFF: usize = 64 * 1024;
/// A line longer than this is a long line (minified code runs to thousands of bytes a line); a
/// JS/CSS file with four fifths of its bytes on long code lines is minified.
const MINIFIED_LINE: usize = 500;

impl FileKind {
    /// The kind of the blob at `path` with contents `data`.
    pub fn of(path: &str, data: &[u8]) -> FileKind {
        let lower = path.to_ascii_lowercase();
        let segments: Vec<&str> = path.split(['/', '\\']).filter(|s| !s.is_empty()).collect();
        let name = segments.last().copied().unwrap_or(path);
        let dirs = &segments[..segments.len().saturating_sub(1)];
        let in_dir = |list: &[&str]| {
            dirs.iter()
                .any(|d| list.iter().any(|l| d.eq_ignore_ascii_case(l)))
        };
        let (stem_ext, template) = strip_template_suffix(name);
        let ext = extension(stem_ext);
        let grammar = grammar_of(stem_ext, &ext);
        let context = Context {
            test: in_dir(TEST_DIRS) || is_test_file(name),
            example: template || in_dir(EXAMPLE_DIRS) || has_example_word(name),
            docs: grammar == Grammar::Docs || in_dir(DOC_DIRS),
            vendored: in_dir(VENDOR_DIRS),
            generated: is_generated_name(&lower) || has_generated_marker(data),
        };
        let no_generic = if LOCK_FILES.contains(&name) {
            Some("lock file")
        } else if lower.ends_with(".map") {
            Some("source map")
        } else if lower.ends_with(".d.ts") || lower.ends_with(".d.mts") || lower.ends_with(".d.cts")
        {
            Some("type declarations")
        } else if TRANSLATIONS.contains(&ext.as_str())
            || (in_dir(LOCALE_DIRS)
                && matches!(ext.as_str(), "json" | "yml" | "yaml" | "properties"))
        {
            Some("translations")
        } else if is_minified(&lower, &ext, data) {
            Some("minified")
        } else {
            None
        };
        FileKind {
            grammar,
            python: matches!(ext.as_str(), "py" | "pyi" | "pyw"),
            no_generic,
            context,
        }
    }
}

/// `config.yml.example` → (`config.yml`, true).
fn strip_template_suffix(name: &str) -> (&str, bool) {
    match name.rsplit_once('.') {
        Some((stem, suffix))
            if !stem.is_empty()
                && stem.contains('.')
                && TEMPLATE_SUFFIXES
                    .iter()
                    .any(|s| suffix.eq_ignore_ascii_case(s)) =>
        {
            (stem, true)
        }
        _ => (name, false),
    }
}

/// The lower-case extension, or for dotfiles such as `.env` the name without its dot.
fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some(("", dotfile)) => dotfile.to_ascii_lowercase(),
        Some((_, ext)) => ext.to_ascii_lowercase(),
        None => String::new(),
    }
}

fn grammar_of(name: &str, ext: &str) -> Grammar {
    let lower = name.to_ascii_lowercase();
    if SHELL_NAMES.contains(&name)
        || lower.starts_with("dockerfile")
        || lower.ends_with(".dockerfile")
        || SHELL.contains(&ext)
    {
        Grammar::Shell
    } else if lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env") {
        Grammar::Config
    } else if CODE.contains(&ext)
        || name == "Jenkinsfile"
        || name == "Rakefile"
        || name == "Gemfile"
    {
        Grammar::Code
    } else if CONFIG.contains(&ext) {
        Grammar::Config
    } else if MARKUP.contains(&ext) {
        Grammar::Markup
    } else if DOCS.contains(&ext) || lower.starts_with("readme") {
        Grammar::Docs
    } else {
        Grammar::Other
    }
}

fn is_test_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem = lower.split('.').next().unwrap_or(&lower);
    stem.starts_with("test_")
        || stem == "test"
        || stem == "tests"
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || stem.ends_with("_spec")
        || stem == "conftest"
        || lower.contains(".test.")
        || lower.contains(".spec.")
        || ["Test", "Tests", "Spec"].iter().any(|s| {
            name.split('.')
                .next()
                .is_some_and(|n| n.len() > s.len() && n.ends_with(s))
        })
}

fn has_example_word(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.split(['.', '_', '-']).any(|w| {
        matches!(
            w,
            "example" | "sample" | "template" | "demo" | "swagger" | "openapi"
        )
    })
}

fn is_generated_name(lower: &str) -> bool {
    let name = lower.rsplit('/').next().unwrap_or(lower);
    name.ends_with(".pb.go")
        || name.ends_with(".pb.gw.go")
        || name.ends_with("_pb2.py")
        || name.ends_with("_pb2_grpc.py")
        || name.ends_with(".pb.cc")
        || name.ends_with(".pb.h")
        || name.ends_with(".g.dart")
        || name.ends_with(".freezed.dart")
        || name.starts_with("zz_generated")
        || name.contains(".generated.")
        || name.contains("_generated.")
}

/// `// Code generated ... DO NOT EDIT.` (the Go convention), `@generated`, `<auto-generated>`:
/// looked for in the first lines only.
fn has_generated_marker(data: &[u8]) -> bool {
    let head = &data[..data.len().min(2048)];
    let find = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    (find(b"Code generated") && find(b"DO NOT EDIT"))
        || find(b"@generated")
        || find(b"<auto-generated")
}

/// A minified bundle: most of its bytes sit on long lines of code. Comment lines do not count,
/// so one long licence or comment line at the top of a file does not turn generic rules off for
/// the code below it.
fn is_minified(lower: &str, ext: &str, data: &[u8]) -> bool {
    if lower.ends_with(".min.js") || lower.ends_with(".min.css") || lower.ends_with(".min.mjs") {
        return true;
    }
    if !matches!(ext, "js" | "mjs" | "cjs" | "css") || data.len() < 4096 {
        return false;
    }
    let sample = &data[..data.len().min(SNIFF)];
    let long_code: usize = sample
        .split(|&b| b == b'\n')
        .filter(|line| line.len() > MINIFIED_LINE && !is_comment_line(line))
        .map(<[u8]>::len)
        .sum();
    long_code * 10 >= sample.len() * 8
}

/// A line that is all comment: `// ...`, or a block comment (`/* ...`, ` * ...`) that does not
/// end before code on the same line (`/*! licence */var a=...` is code).
fn is_comment_line(line: &[u8]) -> bool {
    let start = line
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(line.len());
    let text = &line[start..];
    if text.starts_with(b"//") {
        return true;
    }
    if !(text.starts_with(b"/*") || text.starts_with(b"*")) {
        return false;
    }
    match memchr::memmem::find(text, b"*/") {
        Some(end) => text.len() - (end + 2) < MINIFIED_LINE,
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> FileKind {
        FileKind::of(path, b"")
    }

    #[test]
    fn lock_files_bundles_maps_declarations_translations_skip_generic_rules() {
        assert_eq!(kind("web/package-lock.json").no_generic, Some("lock file"));
        assert_eq!(kind("Cargo.lock").no_generic, Some("lock file"));
        assert_eq!(kind("dist/app.min.js").no_generic, Some("minified"));
        let long_line = vec![b'a'; 8192];
        assert_eq!(
            FileKind::of("dist/app.js", &long_line).no_generic,
            Some("minified")
        );
        let code = "let a = 1;\n".repeat(1000);
        assert_eq!(FileKind::of("src/app.js", code.as_bytes()).no_generic, None);
        assert_eq!(FileKind::of("config.py", &long_line).no_generic, None);
        // One long comment line above ordinary code: not minified.
        let mut commented = format!("// {}\n", "licence text ".repeat(400)).into_bytes();
        commented.extend("const apiKey = \"x\";\n".repeat(300).as_bytes());
        assert_eq!(FileKind::of("src/app.js", &commented).no_generic, None);
        // A licence comment on the same line as minified code: minified.
        let mut bundle = b"/*! lib v1 | MIT */".to_vec();
        bundle.extend(b"var a=function(b){return b+1};".repeat(300));
        assert_eq!(
            FileKind::of("dist/lib.js", &bundle).no_generic,
            Some("minified")
        );
        assert_eq!(kind("package.json").no_generic, None);
        assert_eq!(kind("static/app.js.map").no_generic, Some("source map"));
        assert_eq!(
            kind("types/index.d.ts").no_generic,
            Some("type declarations")
        );
        assert_eq!(
            kind("locale/de/LC_MESSAGES/django.po").no_generic,
            Some("translations")
        );
        assert_eq!(kind("src/locales/fr.json").no_generic, Some("translations"));
        assert_eq!(kind("src/config/fr.json").no_generic, None);
    }

    #[test]
    fn grammar_from_name_and_extension() {
        assert_eq!(kind("app/settings.py").grammar, Grammar::Code);
        assert_eq!(kind("cmd/main.go").grammar, Grammar::Code);
        assert_eq!(kind("deploy/.env").grammar, Grammar::Config);
        assert_eq!(kind(".env.production").grammar, Grammar::Config);
        assert_eq!(kind("prod.env").grammar, Grammar::Config);
        assert_eq!(kind("values.yaml").grammar, Grammar::Config);
        assert_eq!(kind("Dockerfile").grammar, Grammar::Shell);
        assert_eq!(kind("build/Dockerfile.prod").grammar, Grammar::Shell);
        assert_eq!(kind("scripts/deploy.sh").grammar, Grammar::Shell);
        assert_eq!(kind("pom.xml").grammar, Grammar::Markup);
        assert_eq!(kind("README.md").grammar, Grammar::Docs);
        // Plain text is where people keep passwords (`passwords.txt`), not docs.
        assert_eq!(kind("notes.txt").grammar, Grammar::Other);
        assert_eq!(kind("snippet").grammar, Grammar::Other);
        assert_eq!(kind("config.yml.example").grammar, Grammar::Config);
        assert_eq!(kind(".env.example").grammar, Grammar::Config);
    }

    #[test]
    fn context_from_path() {
        let c = kind("pkg/auth/auth_test.go").context;
        assert!(c.test && !c.example && !c.vendored);
        assert!(kind("tests/test_login.py").context.test);
        assert!(kind("allauth/providers/pocket/tests.py").context.test);
        assert!(kind("src/__tests__/api.ts").context.test);
        assert!(kind("src/api.spec.ts").context.test);
        assert!(kind("src/test/java/AuthServiceTest.java").context.test);
        assert!(kind("AuthServiceTest.java").context.test);
        assert!(!kind("src/Contest.java").context.test);
        assert!(!kind("src/latest.py").context.test);
        assert!(kind("testdata/token.json").context.test);
        assert!(kind(".env.example").context.example);
        assert!(kind("config.sample.json").context.example);
        assert!(kind("examples/client.py").context.example);
        assert!(kind("docs/guide.md").context.docs);
        assert!(kind("docs/api/openapi.yaml").context.docs);
        assert!(kind("vendor/github.com/x/y/z.go").context.vendored);
        assert!(kind("web/node_modules/lib/index.js").context.vendored);
        assert!(kind("api/auth.pb.go").context.generated);
        let go = b"// Code generated by protoc-gen-go. DO NOT EDIT.\npackage auth\n";
        assert!(FileKind::of("api/auth.go", go).context.generated);
        let plain = FileKind::of("src/app.py", b"import os\n").context;
        assert_eq!(plain, Context::default());
    }
}
