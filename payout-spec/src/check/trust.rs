//! What a received answer or webhook may be trusted for: the HTTP statuses that are the
//! gateway's own word, and the values its signatures cover.

use super::Ctx;
use crate::{coverage, template};

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

/// A role read from a signed webhook or answer must come from a part a signature covers,
/// or say (`unsigned: why`) why it is trusted anyway.
pub fn check_signed_roles(cx: &mut Ctx) {
    let mut messages = Vec::new();
    for (name, wh) in &cx.spec.webhooks {
        messages.push((format!("webhooks.{name}"), &wh.headers, &wh.body.fields));
    }
    for (name, op) in &cx.spec.operations {
        if let Some(body) = &op.response.body {
            messages.push((
                format!("operations.{name}.response"),
                &op.response.headers,
                &body.fields,
            ));
        }
    }
    for (base, headers, fields) in messages {
        let cov = coverage::of_message(cx.spec, headers, fields);
        for (path, role, field) in coverage::unsigned_roles(&cov, fields) {
            let at = format!("{base}.body.fields.{}", path.replace('.', ".fields."));
            match field.unsigned.as_deref().map(str::trim) {
                None => cx.issues.error(
                    format!("{at}.role"),
                    format!(
                        "`{role}` is read from `{path}`, which no signature of this message covers: anyone on the way could change it and the message would still verify; read it from a signed field, or say why it can be trusted with `unsigned: <reason>`"
                    ),
                ),
                Some("") => cx.issues.error(
                    format!("{at}.unsigned"),
                    "`unsigned` needs the reason why this unsigned value can be trusted",
                ),
                Some(_) => {}
            }
        }
        if !cov.signed {
            continue;
        }
        // A timestamp a signature does not cover says nothing about the message's age.
        for (h, source) in headers {
            let gives_time = template::analyze(source)
                .map(|a| a.roots().contains("timestamp") && a.under("signatures").is_empty())
                .unwrap_or(false);
            if gives_time && !cov.timestamp {
                cx.issues.warning(
                    format!("{base}.headers.{h}"),
                    format!("the timestamp in header `{h}` is not covered by any signature of this message: it cannot be trusted, nor bound the message's age"),
                );
            }
        }
    }
}

/// `max_age` bounds a webhook's age by its timestamp: one its signature covers, in a header.
pub fn check_max_age(cx: &mut Ctx) {
    for (name, wh) in &cx.spec.webhooks {
        let Some(max_age) = wh.max_age else {
            continue;
        };
        let path = format!("webhooks.{name}.max_age");
        if max_age == 0 {
            cx.issues
                .error(path, "`max_age` is in seconds and must be at least 1");
            continue;
        }
        let has_timestamp =
            |source: &str| template::analyze(source).is_ok_and(|a| a.roots().contains("timestamp"));
        if let Some(op) = wh
            .postback
            .as_deref()
            .and_then(|op| cx.spec.operations.get(op))
        {
            // Verified by postback: the gateway's yes covers the headers sent back to it.
            let sent_back: Vec<&str> = op
                .request_fields()
                .filter_map(|(_, _, f)| match &f.role {
                    Some(crate::Role::WebhookHeader(h)) => Some(h.as_str()),
                    _ => None,
                })
                .collect();
            let confirmed = wh.headers.iter().any(|(h, source)| {
                sent_back.iter().any(|s| s.eq_ignore_ascii_case(h)) && has_timestamp(source)
            });
            if !confirmed {
                cx.issues.error(
                    path,
                    "`max_age` needs a `{{ timestamp }}` in a header that the postback operation sends back to the gateway (`role: webhook.header.NAME`): only what the gateway confirms can be trusted",
                );
            }
            continue;
        }
        let cov = coverage::of_message(cx.spec, &wh.headers, &wh.body.fields);
        let carried = wh.headers.values().any(|source| has_timestamp(source));
        if !carried || !cov.timestamp {
            cx.issues.error(
                path,
                "`max_age` needs a `{{ timestamp }}` in a header that the webhook's signature covers: an unsigned timestamp can be changed along with the replay",
            );
        }
    }
}
