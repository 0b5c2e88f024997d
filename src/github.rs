//! GitHub Actions: what to scan for the event that triggered the workflow. Pure logic over the
//! event name and payload (`GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH`), so every event kind is
//! unit-tested with JSON fixtures. Every commit id in the payload is checked as a revision
//! before git sees it.
//!
//! - `pull_request`, `pull_request_target`: the PR's commits, `base.sha..head.sha`;
//! - `push`: `before..after`; for a new branch (all-zero `before`) or a force-push, the pushed
//!   commits listed in the payload (after the first commit's parents, or its whole history
//!   when it is a root commit) up to `after`; nothing when `before == after` or the branch was
//!   deleted;
//! - `workflow_dispatch`, `schedule` and anything else: the whole tree at `HEAD`.

use crate::source::git::{Base, GitMode, Rev};
use serde_json::Value;

/// What the event asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Scan(GitMode),
    /// Nothing to scan, and why (said on stderr; exit 0).
    Nothing(String),
}

const ZERO: &str = "0000000000000000000000000000000000000000";

/// Decide what to scan from the event name and its JSON payload.
pub fn resolve(event_name: &str, event: &Value) -> Result<Target, String> {
    let str_at = |path: &[&str]| -> Result<String, String> {
        let mut v = event;
        for key in path {
            v = v
                .get(key)
                .ok_or_else(|| format!("event payload has no `{}`", path.join(".")))?;
        }
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("event payload `{}` is not a string", path.join(".")))
    };
    let rev = |text: &str, at: &str| {
        Rev::parse(text).map_err(|why| format!("event payload `{at}`: {why}"))
    };
    match event_name {
        "pull_request" | "pull_request_target" => {
            let base = str_at(&["pull_request", "base", "sha"])?;
            let head = str_at(&["pull_request", "head", "sha"])?;
            if base == head {
                return Ok(Target::Nothing(format!(
                    "pull request base and head are the same commit ({base})"
                )));
            }
            Ok(Target::Scan(GitMode::Range {
                base: Base::Commit(rev(&base, "pull_request.base.sha")?),
                head: rev(&head, "pull_request.head.sha")?,
            }))
        }
        "push" => {
            let before = str_at(&["before"])?;
            let after = str_at(&["after"])?;
            if after == ZERO {
                return Ok(Target::Nothing("the push deleted a branch".into()));
            }
            if before == after {
                return Ok(Target::Nothing(format!(
                    "before and after are the same commit ({after})"
                )));
            }
            let forced = event
                .get("forced")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let head = rev(&after, "after")?;
            if before != ZERO && !forced {
                return Ok(Target::Scan(GitMode::Range {
                    base: Base::Commit(rev(&before, "before")?),
                    head,
                }));
            }
            // A new branch or a force-push: `before` says nothing about what is new (and may
            // be gone); the payload lists the pushed commits, oldest first.
            let first = event
                .get("commits")
                .and_then(Value::as_array)
                .and_then(|c| c.first())
                .and_then(|c| c.get("id"))
                .and_then(Value::as_str);
            match first {
                Some(first) => Ok(Target::Scan(GitMode::Range {
                    base: Base::ParentsOf(rev(first, "commits[0].id")?),
                    head,
                })),
                None => Ok(Target::Nothing(
                    "the push created a branch at an existing commit: no new commits".into(),
                )),
            }
        }
        _ => Ok(Target::Scan(GitMode::Tree(rev("HEAD", "HEAD")?))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn r(text: &str) -> Rev {
        Rev::parse(text).unwrap()
    }

    fn range(base: &str, head: &str) -> Target {
        Target::Scan(GitMode::Range {
            base: Base::Commit(r(base)),
            head: r(head),
        })
    }

    fn pushed(first: &str, head: &str) -> Target {
        Target::Scan(GitMode::Range {
            base: Base::ParentsOf(r(first)),
            head: r(head),
        })
    }

    #[test]
    fn pull_request_scans_base_to_head() {
        let e = json!({"pull_request": {"base": {"sha": "aaa"}, "head": {"sha": "bbb"}}});
        assert_eq!(resolve("pull_request", &e), Ok(range("aaa", "bbb")));
        assert_eq!(resolve("pull_request_target", &e), Ok(range("aaa", "bbb")));
        let same = json!({"pull_request": {"base": {"sha": "aaa"}, "head": {"sha": "aaa"}}});
        assert!(matches!(
            resolve("pull_request", &same),
            Ok(Target::Nothing(_))
        ));
        assert_eq!(
            resolve("pull_request", &json!({})),
            Err("event payload has no `pull_request.base.sha`".into())
        );
    }

    #[test]
    fn push_kinds() {
        let e =
            json!({"before": "aaa", "after": "bbb", "forced": false, "commits": [{"id": "bbb"}]});
        assert_eq!(resolve("push", &e), Ok(range("aaa", "bbb")));
        let new_branch =
            json!({"before": ZERO, "after": "ccc", "commits": [{"id": "bbb"}, {"id": "ccc"}]});
        assert_eq!(resolve("push", &new_branch), Ok(pushed("bbb", "ccc")));
        let forced =
            json!({"before": "aaa", "after": "ccc", "forced": true, "commits": [{"id": "ccc"}]});
        assert_eq!(resolve("push", &forced), Ok(pushed("ccc", "ccc")));
        let empty_branch = json!({"before": ZERO, "after": "ccc", "commits": []});
        assert!(matches!(
            resolve("push", &empty_branch),
            Ok(Target::Nothing(_))
        ));
        let same = json!({"before": "aaa", "after": "aaa", "commits": []});
        assert!(matches!(resolve("push", &same), Ok(Target::Nothing(_))));
        let deleted = json!({"before": "aaa", "after": ZERO, "deleted": true});
        assert!(matches!(resolve("push", &deleted), Ok(Target::Nothing(_))));
    }

    #[test]
    fn payload_ids_are_checked_as_revisions() {
        let e = json!({"before": "--upload-pack=x", "after": "bbb"});
        assert_eq!(
            resolve("push", &e),
            Err("event payload `before`: `--upload-pack=x` is not a revision: it starts with `-`, which git would take for an option".into())
        );
    }

    #[test]
    fn other_events_scan_the_tree() {
        for name in ["workflow_dispatch", "schedule", "release"] {
            assert_eq!(
                resolve(name, &json!({})),
                Ok(Target::Scan(GitMode::Tree(r("HEAD"))))
            );
        }
    }
}
