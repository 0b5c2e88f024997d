//! Hints for people coming from gitleaks: when a command line does not parse and it uses a
//! gitleaks subcommand or flag, say what the leakscan equivalent is instead of clap's nearest
//! spelling (which would offer `--version` for `--verbose` and `--no-ignore` for `--no-git`).

use std::ffi::OsString;

/// gitleaks subcommands and what to run instead.
const SUBCOMMANDS: &[(&str, &str)] = &[
    (
        "detect",
        "`gitleaks detect` is `leakscan git --all` for a repository's history, or `leakscan scan PATH` for files",
    ),
    (
        "protect",
        "`gitleaks protect --staged` is `leakscan git --staged` (what is about to be committed)",
    ),
    ("dir", "`gitleaks dir PATH` is `leakscan scan PATH`"),
    ("directory", "`gitleaks dir PATH` is `leakscan scan PATH`"),
    ("files", "`gitleaks dir PATH` is `leakscan scan PATH`"),
    ("stdin", "leakscan reads files and git, not standard input: save it to a file and `leakscan scan FILE`"),
];

/// gitleaks flags (and a few common guesses) and their leakscan equivalents.
const FLAGS: &[(&str, &str)] = &[
    (
        "-f",
        "the report format is `--format text|json|sarif|github`",
    ),
    (
        "--report-format",
        "the report format is `--format text|json|sarif|github`",
    ),
    ("-r", "the report file is `--output FILE`"),
    ("--report-path", "the report file is `--output FILE`"),
    (
        "--redact",
        "secrets are redacted by default; `--reveal` shows them",
    ),
    (
        "--baseline-path",
        "a previous JSON report is `--baseline FILE`",
    ),
    ("-b", "a previous JSON report is `--baseline FILE`"),
    (
        "--no-git",
        "`leakscan scan PATH` reads files and never git; history is `leakscan git --all`",
    ),
    (
        "--verbose",
        "leakscan always prints every finding in full; `--quiet` prints less",
    ),
    (
        "-v",
        "leakscan always prints every finding in full; `--quiet` prints less",
    ),
    (
        "--source",
        "give the path as an argument: `leakscan scan PATH` or `leakscan git --repo PATH`",
    ),
    (
        "-s",
        "give the path as an argument: `leakscan scan PATH` or `leakscan git --repo PATH`",
    ),
    (
        "--log-opts",
        "a commit range is `leakscan git --range A..B`",
    ),
    ("--staged", "`--staged` belongs to `leakscan git --staged`"),
    (
        "--exit-code",
        "the exit status is fixed: 0 clean, 1 findings, 2 problems",
    ),
    (
        "--gitleaks-ignore-path",
        "`.gitleaksignore` at the scan root is read; see the README",
    ),
];

/// A hint for `args` (the whole command line, program name first), if it looks like gitleaks.
pub fn for_args(args: &[OsString]) -> Option<String> {
    let words: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if let Some(first) = words.first() {
        if let Some((_, hint)) = SUBCOMMANDS.iter().find(|(s, _)| s == first) {
            return Some((*hint).to_string());
        }
    }
    for word in &words {
        let flag = word.split('=').next().unwrap_or(word);
        if let Some((_, hint)) = FLAGS.iter().find(|(f, _)| *f == flag) {
            // `--staged` is a leakscan flag too: only a hint outside `leakscan git`.
            if flag == "--staged" && words.first().is_some_and(|w| w == "git") {
                continue;
            }
            return Some((*hint).to_string());
        }
    }
    // `leakscan git PATH` for a repository directory: the repository is `--repo PATH`.
    if words.first().is_some_and(|w| w == "git") {
        if let Some(dir) = words
            .iter()
            .skip(1)
            .find(|w| !w.starts_with('-') && std::path::Path::new(w).join(".git").exists())
        {
            return Some(format!(
                "the repository is `--repo {dir}`; file arguments to `leakscan git` are paths inside it"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(line: &str) -> Option<String> {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        for_args(&args)
    }

    #[test]
    fn gitleaks_words_get_their_equivalents() {
        assert!(hint("leakscan detect --source .")
            .unwrap()
            .contains("leakscan git --all"));
        assert!(hint("leakscan protect --staged")
            .unwrap()
            .contains("leakscan git --staged"));
        assert!(hint("leakscan scan -f sarif .")
            .unwrap()
            .contains("--format"));
        assert!(hint("leakscan scan --report-path=r.json")
            .unwrap()
            .contains("--output FILE"));
        assert!(hint("leakscan scan --no-git")
            .unwrap()
            .contains("never git"));
        assert!(hint("leakscan scan --verbose").unwrap().contains("--quiet"));
        assert_eq!(hint("leakscan git --staged --fromat json"), None);
        assert_eq!(hint("leakscan scan --fromat json"), None);
    }
}
