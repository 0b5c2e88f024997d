//! The value model for generic rules: what a matched value *is*, judged on the value alone and
//! the bytes just around it, where a regex cannot say it.
//!
//! - A quoted value must be a string literal: the quote before it must open a string, not close
//!   one (`"Secret: "+fmt.Sprintf(...)` has a name, a colon and a quote, but the quote ends the
//!   literal `"Secret: "` and what follows is code).
//! - Base64 that decodes to prose (`YSBzZWNyZXQ=` is "a secret") is documentation, not a key.
//! - Whether a value reads as words or as sample data (`squirrel!`, `docker-pass`,
//!   `5678defg-5678-defg`), or looks random (`x854ZY5Re3aCkdNL`): in tests, fixtures, examples
//!   and docs only a random-looking value keeps medium confidence. Shannon entropy alone cannot
//!   tell `supersecure` from `Tq9Xm2Lv6Z` at these lengths; the shape of letter runs can.

use crate::file_kind::{FileKind, Grammar};
use base64::Engine;

/// Where the comments and documentation strings of a blob are: a value inside one is an example
/// in documentation (`AdminPass: "aUPtawPzE9NU"` in a Go package comment, Ansible's `EXAMPLES =
/// """..."""`), and is judged as docs are. Built once per blob, and only for blobs with a
/// generic candidate; the markers are found by a plain byte search (a string that contains `/*`
/// can fool it, which at worst lowers the confidence of a word-like value).
pub(crate) struct Commentary {
    /// Offsets of `"""` and `'''` (Python only): inside a pair is a docstring.
    triple_quotes: Vec<usize>,
    /// Offsets of block-comment openings and closings (`/*`, `*/`; `<!--`, `-->` in markup),
    /// with `true` for an opening.
    blocks: Vec<(usize, bool)>,
}

impl Commentary {
    pub(crate) fn new(data: &[u8], kind: &FileKind) -> Commentary {
        let find = |needle: &[u8]| memchr::memmem::find_iter(data, needle).collect::<Vec<_>>();
        let mut triple_quotes = Vec::new();
        if kind.python {
            triple_quotes = find(br#"""""#);
            triple_quotes.extend(find(b"'''"));
            triple_quotes.sort_unstable();
        }
        let (open, close): (&[u8], &[u8]) = match kind.grammar {
            Grammar::Code => (b"/*", b"*/"),
            Grammar::Markup => (b"<!--", b"-->"),
            _ => (b"", b""),
        };
        let mut blocks = Vec::new();
        if !open.is_empty() {
            blocks.extend(find(open).into_iter().map(|i| (i, true)));
            blocks.extend(find(close).into_iter().map(|i| (i, false)));
            blocks.sort_unstable();
        }
        Commentary {
            triple_quotes,
            blocks,
        }
    }

    /// Whether byte `at` is inside a comment or a documentation string.
    pub(crate) fn covers(&self, data: &[u8], at: usize, kind: &FileKind) -> bool {
        let before = self.triple_quotes.partition_point(|&i| i < at);
        if before % 2 == 1 {
            return true;
        }
        let last = self.blocks.partition_point(|&(i, _)| i < at);
        if last > 0 && self.blocks[last - 1].1 {
            return true;
        }
        line_comment(data, at, kind.grammar)
    }
}

/// Whether the line holding byte `at` is a comment up to it: it starts with `//`, `/*`, `* `
/// or `--` in code, with `# ` (a hash and a space or tab: not `#define`, `#[derive]`) in code,
/// shell and config, or with `; ` in config.
fn line_comment(data: &[u8], at: usize, grammar: Grammar) -> bool {
    let start = memchr::memrchr(b'\n', &data[..at]).map_or(0, |i| i + 1);
    let line = &data[start..at];
    let Some(first) = line.iter().position(|b| !b.is_ascii_whitespace()) else {
        return false;
    };
    let text = &line[first..];
    let hash = text.starts_with(b"# ") || text.starts_with(b"#\t");
    match grammar {
        Grammar::Code => {
            hash || text.starts_with(b"//")
                || text.starts_with(b"/*")
                || text.starts_with(b"* ")
                || text.starts_with(b"--")
        }
        Grammar::Shell => hash,
        Grammar::Config => hash || text.starts_with(b"; ") || text.starts_with(b"//"),
        _ => false,
    }
}

/// Why a quoted value at `start..end` is not a string literal that is a value, if it is not.
pub(crate) fn not_a_literal(data: &[u8], start: usize, end: usize) -> Option<&'static str> {
    let quote = *data.get(start.checked_sub(1)?)?;
    if !matches!(quote, b'"' | b'\'' | b'`') {
        return None;
    }
    // `{"Password": {"locationName": ...}}`: a quoted string followed by a colon is the key of
    // the next pair, not a value.
    if data.get(end) == Some(&quote) {
        let rest = &data[end + 1..data.len().min(end + 16)];
        let next = rest.iter().position(|b| !matches!(b, b' ' | b'\t'));
        if next.is_some_and(|i| rest[i] == b':' && rest.get(i + 1) != Some(&b':')) {
            return Some("the quoted string is a key, not a value");
        }
    }
    let line_start = memchr::memrchr(b'\n', &data[..start - 1]).map_or(0, |i| i + 1);
    let before = &data[line_start..start - 1];
    // A triple-quoted string (`"""`, `'''`) opens here whatever came before.
    if before.ends_with(&[quote, quote]) {
        return None;
    }
    let mut open = false;
    let mut escaped = false;
    for &b in before {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == quote {
            open = !open;
        }
    }
    // An escaped quote (`\"` inside a JSON string in code) is part of a literal either way.
    if open && !before.ends_with(b"\\") {
        Some("the quote before the value closes a string literal")
    } else {
        None
    }
}

/// Whether `value` is base64 of printable text with a space in it: encoded prose (a docs
/// example), not a key. Base64 of a key decodes to binary; base64 of a password has no space.
pub(crate) fn encodes_prose(value: &[u8]) -> bool {
    let Some(decoded) = decode_base64(value) else {
        return false;
    };
    decoded.len() >= 4
        && decoded.iter().all(|&b| (0x20..0x7f).contains(&b))
        && decoded.contains(&b' ')
        && decoded.iter().filter(|b| b.is_ascii_alphabetic()).count() * 2 >= decoded.len()
}

/// `value` decoded as standard or URL-safe base64, padded or not; `None` if it is not base64
/// (or too short to tell).
pub(crate) fn decode_base64(value: &[u8]) -> Option<Vec<u8>> {
    if value.len() < 8 || value.len() % 4 == 1 {
        return None;
    }
    let engines = [
        &base64::engine::general_purpose::STANDARD,
        &base64::engine::general_purpose::STANDARD_NO_PAD,
        &base64::engine::general_purpose::URL_SAFE,
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    engines.iter().find_map(|e| e.decode(value).ok())
}

/// Whether most of `value` is made of word-like letter runs (`supersecure`, `docker-pass`,
/// `newpass123`, `CLIENT_SECRET??`). Runs are split at case changes (`camelCase`) and
/// non-letters; a run of three or more letters counts as a word when it is one case (or
/// Capitalised) and between a quarter and three quarters of it are vowels, as in written
/// words, where random base62 runs rarely have a vowel at all.
pub(crate) fn reads_as_words(value: &[u8]) -> bool {
    let value = &unleet(value);
    let letters = value.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 {
        return false;
    }
    let wordy: usize = segments(value)
        .filter(|s| s.len() >= 3 && is_word(s))
        .map(<[u8]>::len)
        .sum();
    wordy * 2 >= value.len()
}

/// `p@ssw0rd` → `password`, `s1thrul3s` → `sithrules`, `Pa$$word` → `Password`: the
/// substitutions people make in passwords they choose, undone where a run of them sits between
/// two letters, so the words show. Elsewhere a digit stays a digit (`205086` is a number).
fn unleet(value: &[u8]) -> Vec<u8> {
    let leet = |b: u8| match b {
        b'0' => Some(b'o'),
        b'1' => Some(b'i'),
        b'3' => Some(b'e'),
        b'4' => Some(b'a'),
        b'5' => Some(b's'),
        b'7' => Some(b't'),
        b'@' => Some(b'a'),
        b'$' => Some(b's'),
        _ => None,
    };
    let mut out = value.to_vec();
    let mut i = 0;
    while i < value.len() {
        if leet(value[i]).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        while i < value.len() && leet(value[i]).is_some() {
            i += 1;
        }
        let before = start > 0 && value[start - 1].is_ascii_alphabetic();
        let after = value.get(i).is_some_and(u8::is_ascii_alphabetic);
        if before && after {
            let upper = value[start - 1].is_ascii_uppercase() && value[i].is_ascii_uppercase();
            for (j, b) in value.iter().enumerate().take(i).skip(start) {
                let l = leet(*b).unwrap_or(*b);
                out[j] = if upper { l.to_ascii_uppercase() } else { l };
            }
        }
    }
    out
}

/// Whether `value` is obviously made up: a run like `abc`, `123`, `xyz`, a sample word, or a
/// chunk repeated three times (`5678defg-5678-defg-5678`).
pub(crate) fn looks_like_sample(value: &[u8]) -> bool {
    let lower = value.to_ascii_lowercase();
    const MADE_UP: &[&[u8]] = &[
        b"abc", b"123", b"xyz", b"foo", b"bar", b"baz", b"qux", b"test", b"fake", b"dummy",
        b"sample", b"example", b"demo", b"mock", b"secret", b"passw", b"token", b"hello",
        b"qwerty", b"asdf",
    ];
    if MADE_UP
        .iter()
        .any(|w| memchr::memmem::find(&lower, w).is_some())
    {
        return true;
    }
    (3..=8).any(|n| {
        lower.windows(n).enumerate().any(|(i, chunk)| {
            chunk.iter().any(u8::is_ascii_alphanumeric)
                && memchr::memmem::find_iter(&lower[i..], chunk).count() >= 3
        })
    })
}

/// Neither words nor made-up sample data, and with most of the entropy its length and
/// alphabet allow (`1111222233334444` has neither words nor a sample word, and is not random).
pub(crate) fn looks_random(value: &[u8]) -> bool {
    !reads_as_words(value) && !looks_like_sample(value) && super::entropy::relative(value) >= 0.7
}

/// Letter runs of `value`, split where the case changes inside a run: `jMRvtPNxrn` →
/// `j`, `M`, `Rvt`, `P`, `Nxrn`; `HTTPServer` → `HTTP`, `Server`.
fn segments(value: &[u8]) -> impl Iterator<Item = &[u8]> + '_ {
    let mut out = Vec::new();
    let mut start = None;
    for i in 0..=value.len() {
        let b = value.get(i).copied();
        let letter = b.is_some_and(|b| b.is_ascii_alphabetic());
        match (start, letter) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.extend(split_case(&value[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out.into_iter()
}

fn split_case(run: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut from = 0;
    for i in 1..run.len() {
        let (prev, here) = (run[i - 1], run[i]);
        let next_lower = run.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        // aB → a|B; ABc → A|Bc (the capital starts the next word)
        if (prev.is_ascii_lowercase() && here.is_ascii_uppercase())
            || (prev.is_ascii_uppercase() && here.is_ascii_uppercase() && next_lower)
        {
            out.push(&run[from..i]);
            from = i;
        }
    }
    out.push(&run[from..]);
    out
}

/// A run of three or more lower-case letters (or four or more, Capitalised or in capitals) in
/// which vowels make up about what they do in written words: at least a quarter (three tenths
/// in capitals, where random runs are common) and at most seven tenths.
fn is_word(s: &[u8]) -> bool {
    let lower = s.iter().all(u8::is_ascii_lowercase);
    let capitalised = s[1..].iter().all(u8::is_ascii_lowercase);
    let capitals = s.iter().all(u8::is_ascii_uppercase);
    if !(lower || ((capitalised || capitals) && s.len() >= 4)) {
        return false;
    }
    let vowels = s
        .iter()
        .filter(|b| matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u'))
        .count();
    let enough = if capitals {
        vowels * 10 >= s.len() * 3
    } else {
        vowels * 4 >= s.len()
    };
    enough && vowels * 10 <= s.len() * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(line: &str) -> Option<&'static str> {
        // The value starts right after the last `"`/`'` that a test marks with `|`.
        let at = line.find('|').unwrap();
        let data = line.replace('|', "");
        let end = data[at..]
            .find(['"', '\'', '`'])
            .map_or(data.len(), |i| at + i);
        not_a_literal(data.as_bytes(), at, end)
    }

    #[test]
    fn quote_before_the_value_must_open_a_string() {
        assert_eq!(literal(r#"api_key = "|Zk8Qv2Lm5Xp9Rt3Wn7Yb1Hc4""#), None);
        assert_eq!(literal(r#"{"token": "|jMRvtPNxrn3crTAGukpZ"}"#), None);
        assert!(literal(r#"s = append(s, "Secret: "|+fmt.Sprintf("%#v", this.Secret)"#).is_some());
        assert_eq!(
            literal(r#"x = "a \"quoted\" word", token = "|Zk8Qv2Lm5Xp9""#),
            None
        );
        assert_eq!(literal(r#"js := `{\"token\": \"|Zk8Qv2Lm5Xp9\"}`"#), None);
        assert_eq!(literal(r#"    val key = """|Qw9Lz4Xm7Vr2""""#), None);
        assert_eq!(literal("password = |hunter2"), None);
        assert!(literal(r#""Password":{"|locationName":"password"}"#).is_some());
        assert_eq!(literal(r#"{"token": "|Zk8Qv2Lm5Xp9", "scope": "x"}"#), None);
    }

    #[test]
    fn base64_of_prose_is_not_a_key() {
        assert!(encodes_prose(b"YSBzZWNyZXQgdmFsdWU=")); // "a secret value"
        assert!(!encodes_prose(b"am9lam9lOmhlbGxv")); // "joejoe:hello": no space
        assert!(!encodes_prose(b"q8ZrT3vLx9Wm2Kp7Yb4Nc1Hd6Fg0Js5Ea8Ru3Ti")); // binary
        assert!(!encodes_prose(b"Tq9Xm2Lv6Z"));
    }

    #[test]
    fn words_and_samples_versus_random_values() {
        for words in [
            "supersecure",
            "squirrel!",
            "docker-pass",
            "foo-pass",
            "bar-pass",
            "newpass123",
            "conta1n3rize14",
            "CLIENT_SECRET??",
            "Winter2024!",
            "p@ss(word)",
            "s1thrul3s",
            "MySekretPa$$word",
        ] {
            assert!(reads_as_words(words.as_bytes()), "{words}");
            assert!(!looks_random(words.as_bytes()), "{words}");
        }
        for sample in [
            "IMDSTokenabc123==",
            "5678defg-5678-defg-5678-defg56",
            "test-key-7f3a9",
        ] {
            assert!(looks_like_sample(sample.as_bytes()), "{sample}");
        }
        for random in [
            "x854ZY5Re3aCkdNL",
            "jMRvtPNxrn3crTAGukpZ",
            "2UsevZE1x1ZdFZW4MNzH",
            "qeY8UVRisx9y3Loxo1scLxFuRxYcgeX3sxsdrpP_fR3Loq4xyg",
            "205086a8e3b9a2b818ffac9b89d102",
            "6a61eb0296034c89b49cc51dde9b40aa",
            "90d64460d14870c08c81352a05dedd3465940a7c",
            "u-6U1SbDiM6XIH2DcTCPyeub",
            "ufwcig0zen9skyd545jc0fkq813ghar2",
            "!*123i1uwn12W23",
            "Tq9Xm2Lv6Zr3Wk8Np1Yb5Hd4",
        ] {
            assert!(!reads_as_words(random.as_bytes()), "{random}");
        }
        assert!(looks_random(b"x854ZY5Re3aCkdNL"));
        assert!(looks_random(b"90d64460d14870c08c81352a05dedd3465940a7c"));
    }

    fn commentary(path: &str, text: &str, marker: &str) -> bool {
        let kind = FileKind::of(path, text.as_bytes());
        let at = text.find(marker).unwrap();
        Commentary::new(text.as_bytes(), &kind).covers(text.as_bytes(), at, &kind)
    }

    #[test]
    fn comments_and_docstrings_are_found() {
        let go = "/*\nExample:\n  AdminPass: \"aUPtawPzE9NU\",\n*/\nvar x = Opts{AdminPass: \"Kq7Lm3\"}\n";
        assert!(commentary("doc.go", go, "aUPt"));
        assert!(!commentary("doc.go", go, "Kq7L"));
        let py =
            "EXAMPLES = r'''\n  password: \"MySekretPa$$word\"\n'''\npassword = \"Kq7Lm3Zx\"\n";
        assert!(commentary("expect.py", py, "MySek"));
        assert!(!commentary("expect.py", py, "Kq7L"));
        assert!(commentary(
            "app.py",
            "x = 1\n    # password = \"hunter2x\"\n",
            "hunter"
        ));
        assert!(!commentary(
            "app.c",
            "#define PASSWORD \"hunter2x\"\n",
            "hunter"
        ));
        assert!(commentary("app.js", "  // token: 'Kq7Lm3Zx9Wv2'\n", "Kq7"));
        assert!(!commentary(
            "app.js",
            "const token = 'Kq7Lm3Zx9Wv2' // rotated\n",
            "Kq7"
        ));
        assert!(commentary("app.yml", "# password: Kq7Lm3Zx\n", "Kq7"));
        assert!(!commentary("app.yml", "password: Kq7Lm3Zx # old\n", "Kq7"));
        assert!(commentary(
            "web.xml",
            "<!-- <password>Kq7Lm3Zx</password> -->\n",
            "Kq7"
        ));
        assert!(!commentary(
            "web.xml",
            "<!-- note -->\n<password>Kq7Lm3Zx</password>\n",
            "Kq7"
        ));
    }

    #[test]
    fn case_changes_split_runs() {
        assert_eq!(split_case(b"HTTPServer"), vec![&b"HTTP"[..], b"Server"]);
        assert_eq!(split_case(b"jMRvt"), vec![&b"j"[..], b"M", b"Rvt"]);
        assert_eq!(split_case(b"word"), vec![&b"word"[..]]);
    }
}
