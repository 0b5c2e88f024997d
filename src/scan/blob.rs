//! What kind of blob this is, where that changes which rules run. Lock files are full of
//! hashes and minified bundles of mangled names that generic rules would misread as secrets;
//! provider rules, which know their token's exact shape, still run on them.

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

/// How much of a file to sample when deciding whether it is minified.
const MINIFIED_SAMPLE: usize = 64 * 1024;
/// Average line length (bytes) above which a JS/CSS file counts as minified.
const MINIFIED_AVG_LINE: usize = 300;

pub(crate) fn skips_generic_rules(path: &str, data: &[u8]) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    LOCK_FILES.contains(&name) || is_minified(name, data)
}

fn is_minified(name: &str, data: &[u8]) -> bool {
    if name.ends_with(".min.js") || name.ends_with(".min.css") || name.ends_with(".min.mjs") {
        return true;
    }
    let bundle = [".js", ".mjs", ".cjs", ".css"]
        .iter()
        .any(|e| name.ends_with(e));
    if !bundle || data.len() < 4096 {
        return false;
    }
    let sample = &data[..data.len().min(MINIFIED_SAMPLE)];
    let lines = memchr::memchr_iter(b'\n', sample).count() + 1;
    sample.len() / lines > MINIFIED_AVG_LINE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_files_and_bundles() {
        assert!(skips_generic_rules("web/package-lock.json", b"{}"));
        assert!(skips_generic_rules("Cargo.lock", b""));
        assert!(skips_generic_rules("dist/app.min.js", b"x"));
        let long_line = vec![b'a'; 8192];
        assert!(skips_generic_rules("dist/app.js", &long_line));
        let code = "let a = 1;\n".repeat(1000);
        assert!(!skips_generic_rules("src/app.js", code.as_bytes()));
        assert!(!skips_generic_rules("config.py", &long_line));
        assert!(!skips_generic_rules("package.json", b"{}"));
    }
}
