//! What a received answer or webhook may be trusted for: the HTTP statuses that are the
//! gateway's own word.

use super::Ctx;

/// `http_statuses` lists error statuses: 4xx and 5xx, each once.
pub fn check_http_statuses(cx: &mut Ctx) {
    let mut seen = std::collections::HashSet::new();
    for (i, status) in cx.spec.http_statuses.iter().enumerate() {
        let path = format!("http_statuses[{i}]");
        if !(400..=599).contains(status) {
            cx.issues.error(
                path,
                format!("`{status}` is not an HTTP error status: list the 4xx and 5xx statuses the gateway itself answers with"),
            );
        } else if !seen.insert(*status) {
            cx.issues.error(path, format!("`{status}` is listed twice"));
        }
    }
}
