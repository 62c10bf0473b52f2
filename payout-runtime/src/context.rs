//! The values templates and recipes see while one message is built or read.

use std::borrow::Cow;
use std::collections::HashMap;

use indexmap::IndexMap;
use minijinja::Value;
use payout_spec::{Json, JsonMap};

use crate::credentials::Credentials;
use crate::redact;

/// The signatures computed for one message, by recipe name (names the spec chose, so a
/// fast hasher).
pub type Signatures = HashMap<String, Signature, foldhash::fast::RandomState>;

/// A computed signature: its text, and how it is shown when it reveals a secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    pub text: String,
    /// When the text reveals a secret (a Basic auth value is the password, merely
    /// encoded): the label it is shown as, `<redacted:NAME>` (see [`redact::label`]).
    pub redacted: Option<String>,
}

impl Signature {
    /// The text, or with `redacted` what may be shown of it.
    pub fn shown(&self, redacted: bool) -> &str {
        match &self.redacted {
            Some(label) if redacted => label,
            _ => &self.text,
        }
    }

    /// Whether the text reveals a secret.
    pub fn reveals_secret(&self) -> bool {
        self.redacted.is_some()
    }
}

/// Shows only what may be shown.
impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.shown(true))
    }
}

/// A value obtained by a flow step (a token, a recipient's id), as a template sees it.
#[derive(Clone, PartialEq, Eq)]
pub struct ObtainedValue {
    pub text: String,
    /// A secret (a bearer token): shown as `<redacted:obtained.NAME>`.
    pub secret: bool,
}

impl ObtainedValue {
    /// The text, or with `redacted` what may be shown of the value obtained as `name`.
    pub fn shown(&self, name: &str, redacted: bool) -> Cow<'_, str> {
        if redacted && self.secret {
            Cow::Owned(redact::obtained_label(name))
        } else {
            Cow::Borrowed(&self.text)
        }
    }
}

/// Never shows a secret value.
impl std::fmt::Debug for ObtainedValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.secret {
            f.write_str("<redacted>")
        } else {
            write!(f, "{:?}", self.text)
        }
    }
}

/// One message (request, response or webhook) as templates see it. Its `Debug` shows names
/// and sizes only: headers, URL and body may carry credentials.
#[derive(Clone, Default)]
pub struct Message {
    /// The HTTP method: the spec's, lent (`POST`), or as received.
    pub method: Cow<'static, str>,
    /// The path with parameters filled in, without the query.
    pub path: String,
    /// The full URL, query included.
    pub url: String,
    pub params: JsonMap,
    pub query: JsonMap,
    /// The body's top-level fields (wire values).
    pub body: JsonMap,
    /// The exact body bytes, once they exist.
    pub body_bytes: Option<Vec<u8>>,
    /// Headers of a received message (or rendered so far, for a request).
    pub headers: Vec<(String, String)>,
    /// Epoch milliseconds, as text.
    pub timestamp: Option<String>,
    pub nonce: Option<String>,
    /// Recipe results computed for this message.
    pub signatures: Signatures,
    /// Values obtained by flow steps before this request (`obtained.NAME`).
    pub obtained: IndexMap<String, ObtainedValue>,
    /// The one-time token of a gateway's challenge, when the request answers one
    /// (`challenge` in templates).
    pub challenge: Option<String>,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Message")
            .field("method", &self.method)
            .field("path", &self.path)
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("body_fields", &self.body.keys().collect::<Vec<_>>())
            .field("body_bytes", &self.body_bytes.as_ref().map(Vec::len))
            .field("signatures", &self.signatures)
            .field("obtained", &self.obtained)
            .finish_non_exhaustive()
    }
}

impl Message {
    /// A header's value, names compared without regard to case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The whole template context. `redacted` replaces secrets with `<redacted:NAME>`, for
    /// `--explain`; `input` is a recipe's previous output.
    ///
    /// Templates are not rendered with it: the plan writes plain ones directly and gives the
    /// others only the names they read (`plan::Template::context`). It is the definition
    /// those are tested against, and what a caller outside the plan may render with.
    pub fn context(&self, creds: &Credentials, redacted: bool, input: Option<&str>) -> Value {
        let signatures: Value = self
            .signatures
            .iter()
            .map(|(k, s)| (k.clone(), Value::from(s.shown(redacted))))
            .collect();
        let mut ctx: Vec<(&str, Value)> = vec![
            ("credentials", creds.template_value(redacted).clone()),
            ("body", object(&self.body)),
            ("params", object(&self.params)),
            ("query", object(&self.query)),
            ("method", Value::from(self.method.clone())),
            ("path", Value::from(self.path.clone())),
            ("url", Value::from(self.url.clone())),
            ("signatures", signatures),
        ];
        if !self.obtained.is_empty() {
            let obtained: Value = self
                .obtained
                .iter()
                .map(|(k, v)| (k.clone(), Value::from(v.shown(k, redacted).into_owned())))
                .collect();
            ctx.push(("obtained", obtained));
        }
        if let Some(c) = &self.challenge {
            ctx.push(("challenge", Value::from(c.clone())));
        }
        // Absent values stay undefined, so a template using them fails loudly.
        if let Some(t) = &self.timestamp {
            ctx.push(("timestamp", Value::from(t.clone())));
        }
        if let Some(n) = &self.nonce {
            ctx.push(("nonce", Value::from(n.clone())));
        }
        if let Some(i) = input {
            ctx.push(("input", Value::from(i.to_string())));
        }
        ctx.into_iter().collect()
    }
}

/// The path part of a URL (`https://h/a/b?q` → `/a/b`).
pub fn path_of(url: &str) -> String {
    // A byte search: `str::split_once("://")` sets up a substring searcher, which costs more
    // than a webhook's whole URL (often empty) takes to read.
    let after_scheme = url
        .as_bytes()
        .windows(3)
        .position(|w| w == b"://")
        .map_or(url, |i| &url[i + 3..]);
    // The path starts at the first `/` of what follows the host, unless the query starts
    // first (`https://h?x=/y` has no path).
    let path = match after_scheme.find(['/', '?']) {
        Some(i) if after_scheme[i..].starts_with('/') => &after_scheme[i..],
        _ => "",
    };
    path.split('?').next().unwrap_or("").to_string()
}

/// A JSON object as a template value.
pub fn object(m: &JsonMap) -> Value {
    m.iter().map(|(k, v)| (k.clone(), to_value(v))).collect()
}

/// JSON → template value. Whole numbers become integers (so `code == 200` works); other
/// numbers stay text, so they print exactly as the gateway wrote them.
pub fn to_value(v: &Json) -> Value {
    match v {
        Json::Null => Value::from(()),
        Json::Bool(b) => Value::from(*b),
        Json::Number(n) => match n.parse::<i64>() {
            Ok(i) => Value::from(i),
            Err(_) => Value::from(n.clone()),
        },
        Json::String(s) => Value::from(s.clone()),
        Json::Array(items) => items.iter().map(to_value).collect(),
        Json::Object(m) => object(m),
    }
}

#[cfg(test)]
mod tests {
    use super::path_of;

    #[test]
    fn the_path_of_a_url_leaves_out_scheme_host_and_query() {
        for (url, path) in [
            ("https://h.example/a/b?q=1", "/a/b"),
            ("https://h.example", ""),
            ("https://h.example?x=/y", ""),
            ("h.example:8080/x", "/x"),
            ("a:b://c/d", "/d"),
            ("/only/a/path", "/only/a/path"),
            ("", ""),
        ] {
            assert_eq!(path_of(url), path, "{url}");
        }
    }
}
