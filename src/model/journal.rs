//! The decision journal: an append-only audit trail of refactors and theme
//! status changes (journal.ron), so reports can tell how the themes came to be.

use super::{Code, CodeId, Theme};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalEntry {
    /// UTC time, RFC 3339 (`2026-11-24T09:15:00Z`).
    pub when: String,
    pub who: String,
    /// What was done, as the edit describes itself.
    pub what: String,
    /// Why, as typed by the analyst at the time; may be empty.
    #[serde(default)]
    pub why: String,
    /// Codes this decision removed and where their codings went, so that
    /// codings made with them on another branch can follow after a merge
    /// (see `refactor::follow` and docs/integrity.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<RemovedCode>,
    /// Themes this decision removed, as they were (name, definition, status,
    /// codes, subthemes): a deleted theme's definition is never lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_themes: Vec<Theme>,
    /// A split of one code's codings into another (or the analyst's word
    /// that codings of `from` made beside an earlier split stay there), so
    /// that codings of `from` made on another branch at the same time can be
    /// named after a merge (see `refactor::split_notice`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<SplitCodes>,
}

/// The two codes of a split: codings went from `from` to `into`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SplitCodes {
    pub from: CodeId,
    pub into: CodeId,
}

/// A code a journaled decision removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedCode {
    /// The code as it was, so it can be restored.
    pub code: Code,
    /// The code its codings went to (merge, delete --reassign-to, demote
    /// --merge-codes); None when they were deleted with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into: Option<CodeId>,
}

/// The current UTC time as RFC 3339, to the second.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339_from_unix(secs)
}

/// Formats seconds since 1970 as RFC 3339 UTC (civil-from-days, H. Hinnant).
pub fn rfc3339_from_unix(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339_from_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_from_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_from_unix(1_795_514_283), "2026-11-24T09:58:03Z");
    }
}
