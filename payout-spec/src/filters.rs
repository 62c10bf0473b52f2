//! The filters payout adds to minijinja's: dates written from the message's timestamp,
//! and a name-based UUID for gateways whose idempotency key must be a UUID.
//!
//! Each takes epoch **milliseconds** (the `timestamp` every message has, which comes from
//! the client's injectable clock, so vectors with a fixed `timestamp` pin the output) as an
//! integer or digits, and writes it in UTC. They are pure functions: no filter reads the
//! system clock, so the same message always signs the same.

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, Utc};
use minijinja::{Error, ErrorKind, Value};

/// Name → filter, in the order the README lists them.
pub const NAMES: &[&str] = &["strftime", "iso8601_ms", "http_date", "uuid5"];

/// Registers every payout filter.
pub fn register(env: &mut minijinja::Environment<'_>) {
    env.add_filter("strftime", strftime);
    env.add_filter("iso8601_ms", iso8601_ms);
    env.add_filter("http_date", http_date);
    env.add_filter("uuid5", uuid5);
}

/// `{{ value | uuid5("6ba7b811-9dad-11d1-80b4-00c04fd430c8") }}`: the UUID version 5
/// (RFC 9562, SHA-1) of the text under a namespace UUID, lower-case hyphenated. The same
/// merchant reference always gives the same UUID, so a gateway that wants a UUID as its
/// idempotency key (Wise's `customerTransactionId`) sees the same key when a payout is
/// sent again. The namespace is a required argument: which one is a spec's choice.
pub fn uuid5(name: Value, namespace: &str) -> Result<String, Error> {
    let ns = uuid::Uuid::parse_str(namespace).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("uuid5 takes a namespace UUID, not `{namespace}`"),
        )
    })?;
    let text = match name.as_str() {
        Some(s) => s.to_string(),
        None => name.to_string(),
    };
    Ok(uuid::Uuid::new_v5(&ns, text.as_bytes())
        .hyphenated()
        .to_string())
}

/// `{{ timestamp | strftime("%Y%m%d%H%M%S") }}`: chrono's strftime-style format, in UTC.
/// An unknown specifier is an error, never a panic.
pub fn strftime(ms: Value, format: &str) -> Result<String, Error> {
    let at = instant(&ms)?;
    format_utc(at, format).map_err(|e| Error::new(ErrorKind::InvalidOperation, e))
}

/// `{{ timestamp | iso8601_ms }}`: ISO 8601 in UTC with milliseconds,
/// `2024-04-26T11:33:48.114Z`.
pub fn iso8601_ms(ms: Value) -> Result<String, Error> {
    Ok(instant(&ms)?.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
}

/// `{{ timestamp | http_date }}`: the HTTP-date of RFC 9110 (IMF-fixdate),
/// `Fri, 26 Apr 2024 11:33:48 GMT`.
pub fn http_date(ms: Value) -> Result<String, Error> {
    Ok(instant(&ms)?
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string())
}

/// Formats with a strftime-style pattern, refusing patterns chrono cannot write (its
/// `Display` would otherwise fail half-way, and `to_string` panic).
pub fn format_utc(at: DateTime<Utc>, format: &str) -> Result<String, String> {
    check_format(format)?;
    let mut out = String::new();
    use std::fmt::Write;
    write!(out, "{}", at.format(format))
        .map_err(|_| format!("`{format}` cannot be written as a date"))?;
    Ok(out)
}

/// Whether a strftime-style pattern has only specifiers chrono knows.
pub fn check_format(format: &str) -> Result<(), String> {
    if StrftimeItems::new(format).any(|i| matches!(i, Item::Error)) {
        return Err(format!(
            "`{format}` is not a valid strftime format (see chrono's `format::strftime`)"
        ));
    }
    Ok(())
}

/// Epoch milliseconds (an integer, or a string of digits as `timestamp` is) → an instant.
fn instant(ms: &Value) -> Result<DateTime<Utc>, Error> {
    let bad = || {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("a date filter takes epoch milliseconds (`timestamp`), not `{ms}`"),
        )
    };
    let n: i64 = if let Some(s) = ms.as_str() {
        s.trim().parse().map_err(|_| bad())?
    } else {
        i64::try_from(ms.clone()).map_err(|_| bad())?
    };
    DateTime::from_timestamp_millis(n).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    //! Expected values come from GNU date and Python, never from this code.

    use super::*;

    // 1714131228114 ms: date -u -d @1714131228.114 '+%Y-%m-%dT%H:%M:%S.%3NZ'
    //   -> 2024-04-26T11:33:48.114Z
    const MS: i64 = 1_714_131_228_114;

    /// RFC 9562's URL namespace.
    const URL_NS: &str = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

    #[test]
    fn uuid5_matches_python() {
        // python3 -c 'import uuid;print(uuid.uuid5(uuid.NAMESPACE_URL,"acme-wise-0001"))'
        assert_eq!(
            uuid5(Value::from("acme-wise-0001"), URL_NS).unwrap(),
            "56f256b0-de89-51f7-b234-47cf0761cbca"
        );
        // python3 -c 'import uuid;print(uuid.uuid5(uuid.NAMESPACE_URL,""))'
        assert_eq!(
            uuid5(Value::from(""), URL_NS).unwrap(),
            "1b4db7eb-4057-5ddf-91e0-36dec72071f5"
        );
        // python3 -c 'import uuid;print(uuid.uuid5(uuid.NAMESPACE_URL,"é-ref"))' (UTF-8 bytes)
        assert_eq!(
            uuid5(Value::from("é-ref"), URL_NS).unwrap(),
            "e87a6433-4c4f-5659-9a37-14b026376d18"
        );
    }

    #[test]
    fn uuid5_refuses_a_bad_namespace() {
        let e = uuid5(Value::from("x"), "not-a-uuid").unwrap_err();
        assert!(e.to_string().contains("namespace UUID"), "{e}");
    }

    #[test]
    fn iso8601_with_milliseconds() {
        assert_eq!(
            iso8601_ms(Value::from(MS)).unwrap(),
            "2024-04-26T11:33:48.114Z"
        );
        assert_eq!(
            iso8601_ms(Value::from("1714131228114")).unwrap(),
            "2024-04-26T11:33:48.114Z"
        );
        // date -u -d @0 '+%Y-%m-%dT%H:%M:%S.%3NZ' -> 1970-01-01T00:00:00.000Z
        assert_eq!(
            iso8601_ms(Value::from(0)).unwrap(),
            "1970-01-01T00:00:00.000Z"
        );
    }

    #[test]
    fn http_date_is_imf_fixdate() {
        // python3 -c "from email.utils import formatdate; print(formatdate(1714131228.114, usegmt=True))"
        //   -> Fri, 26 Apr 2024 11:33:48 GMT
        assert_eq!(
            http_date(Value::from(MS)).unwrap(),
            "Fri, 26 Apr 2024 11:33:48 GMT"
        );
        // python3 -c "from email.utils import formatdate; print(formatdate(1704067200, usegmt=True))"
        //   -> Mon, 01 Jan 2024 00:00:00 GMT
        assert_eq!(
            http_date(Value::from(1_704_067_200_000i64)).unwrap(),
            "Mon, 01 Jan 2024 00:00:00 GMT"
        );
    }

    #[test]
    fn strftime_formats_in_utc() {
        // date -u -d @1714131228 '+%Y%m%d%H%M%S' -> 20240426113348
        assert_eq!(
            strftime(Value::from(MS), "%Y%m%d%H%M%S").unwrap(),
            "20240426113348"
        );
        // date -u -d @1714131228 '+%d/%m/%Y %H:%M' -> 26/04/2024 11:33
        assert_eq!(
            strftime(Value::from(MS), "%d/%m/%Y %H:%M").unwrap(),
            "26/04/2024 11:33"
        );
    }

    #[test]
    fn bad_input_and_formats_are_errors() {
        assert!(strftime(Value::from(MS), "%Q").is_err());
        assert!(check_format("%Y-%!").is_err());
        assert!(check_format("%Y-%m-%d").is_ok());
        assert!(iso8601_ms(Value::from("yesterday")).is_err());
        assert!(iso8601_ms(Value::from(i64::MAX)).is_err());
        assert!(http_date(Value::from(1.5)).is_err());
    }
}
