//! `--baseline FILE`: a previous JSON report. Its findings' fingerprints are known and not
//! reported again; fingerprints are content-based, so a known secret stays known when lines
//! above it move. Only new findings count for the exit status.

use crate::problems::Problem;
use std::collections::HashSet;
use std::path::Path;

#[derive(Debug, Default)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, Problem> {
        let shown = crate::source::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| Problem::io(&shown, &e))?;
        let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            Problem::new(
                format!("{shown}:{}", e.line()),
                format!("not a JSON report: {e}"),
            )
        })?;
        let findings = doc
            .get("findings")
            .and_then(|f| f.as_array())
            .ok_or_else(|| {
                Problem::new(&shown, "not a leakscan JSON report: no `findings` array")
            })?;
        let mut fingerprints = HashSet::new();
        for (i, f) in findings.iter().enumerate() {
            match f.get("fingerprint").and_then(|v| v.as_str()) {
                Some(fp) => fingerprints.insert(fp.to_string()),
                None => {
                    return Err(Problem::new(
                        &shown,
                        format!("finding {} has no `fingerprint`", i + 1),
                    ))
                }
            };
            // The other places of a secret repeated in one file (`also`) are known too.
            let also = f.get("also").and_then(|a| a.as_array());
            for place in also.into_iter().flatten() {
                if let Some(fp) = place.get("fingerprint").and_then(|v| v.as_str()) {
                    fingerprints.insert(fp.to_string());
                }
            }
        }
        Ok(Baseline { fingerprints })
    }

    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }
}
