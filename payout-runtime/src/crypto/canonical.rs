//! Strings built from body fields: the canonical `k=v&k=v` string many gateways sign, and
//! form encoding.
//!
//! Sorting is by the keys' bytes (`B` < `a` < `b`), as `ksort` in PHP and `TreeMap` in Java
//! order them; minijinja's `dictsort` ignores case and would sign a different string. Values
//! keep their JSON text (`50000.00` stays `50000.00`), because the gateway signs what it
//! received, not a number re-printed.

use indexmap::IndexMap;
use payout_spec::{Canonical, Json};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The canonical string of `fields` under `opts` (see [`Canonical`]).
pub fn canonical(fields: &IndexMap<String, Json>, opts: &Canonical) -> String {
    let mut pairs: Vec<(&str, String)> = fields
        .iter()
        .filter(|(key, value)| keep(key, value, opts))
        .map(|(key, value)| (key.as_str(), value_text(value)))
        .collect();
    if opts.sort {
        pairs.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    }
    let encode = |s: &str| {
        if opts.percent_encode {
            percent_encode_rfc3986(s)
        } else {
            s.to_string()
        }
    };
    join(
        pairs
            .iter()
            .map(|(key, value)| format!("{}{}{}", encode(key), opts.pair, encode(value))),
        &opts.separator,
    )
}

/// `application/x-www-form-urlencoded` of `fields` in their order, with RFC 3986
/// percent-encoding (a space is `%20`, not `+`); null fields are left out.
pub fn form(fields: &IndexMap<String, Json>) -> String {
    join(
        fields
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(key, value)| {
                format!(
                    "{}={}",
                    percent_encode_rfc3986(key),
                    percent_encode_rfc3986(&value_text(value))
                )
            }),
        "&",
    )
}

/// Every byte but the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`). The set is
/// spelt out because encoders disagree on `~`, `*` and spaces, and signatures depend on
/// every byte.
const RFC3986_RESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes every byte of the UTF-8 except the RFC 3986 unreserved characters, with
/// uppercase hex (`%2F`); a space is `%20`, never `+`.
pub fn percent_encode_rfc3986(s: &str) -> String {
    utf8_percent_encode(s, RFC3986_RESERVED).to_string()
}

/// Whether a field takes part in the canonical string.
fn keep(key: &str, value: &Json, opts: &Canonical) -> bool {
    if opts.exclude.iter().any(|x| x == key) {
        return false;
    }
    match value {
        Json::Null => !opts.skip_null,
        Json::String(s) => !(opts.skip_blank && s.chars().all(char::is_whitespace)),
        _ => true,
    }
}

/// A value as gateways write it into a signed string: strings unquoted, numbers as written,
/// `true`/`false`, null as nothing, arrays and objects as compact JSON.
fn value_text(value: &Json) -> String {
    match value {
        Json::Null => String::new(),
        Json::Array(_) | Json::Object(_) => value.to_compact(false),
        Json::String(s) => s.clone(),
        Json::Number(n) => n.clone(),
        Json::Bool(b) => b.to_string(),
    }
}

fn join(items: impl Iterator<Item = String>, separator: &str) -> String {
    items.collect::<Vec<_>>().join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(json: &str) -> IndexMap<String, Json> {
        Json::parse(json).unwrap().as_object().unwrap().clone()
    }

    fn opts() -> Canonical {
        Canonical::default()
    }

    #[test]
    fn sorted_by_key_bytes_with_exclusions_and_skipping() {
        let body = fields(
            r#"{"sign":"XYZ","merchantOrderNo":"ORD1","amount":50000.00,"accountType":701,
                "Bank":"BCA","bankAccount":"123","remark":"","note":"  ","extra":null,"flag":true}"#,
        );
        let o = Canonical {
            exclude: vec!["sign".into()],
            ..opts()
        };
        // python3 -c "d={'merchantOrderNo':'ORD1','amount':'50000.00','accountType':'701','Bank':'BCA','bankAccount':'123','flag':'true'}; print('&'.join(k+'='+d[k] for k in sorted(d, key=lambda k: k.encode())))"
        // ("Bank" sorts before "accountType" by bytes; case-insensitively it would come after "amount".)
        assert_eq!(
            canonical(&body, &o),
            "Bank=BCA&accountType=701&amount=50000.00&bankAccount=123&flag=true&merchantOrderNo=ORD1"
        );
    }

    #[test]
    fn unsorted_keeps_body_order_and_nulls_and_blanks_can_be_kept() {
        let body = fields(r#"{"b":"2","a":null,"c":" ","d":1.50}"#);
        let o = Canonical {
            sort: false,
            skip_null: false,
            skip_blank: false,
            separator: "|".into(),
            pair: ":".into(),
            ..opts()
        };
        assert_eq!(canonical(&body, &o), "b:2|a:|c: |d:1.50");
        assert_eq!(canonical(&body, &opts()), "b=2&d=1.50");
    }

    #[test]
    fn nested_values_are_compact_json() {
        let body = fields(r#"{"payee": { "name" : "A/B", "ids": [1, 2.0] }, "amount": "10.00"}"#);
        assert_eq!(
            canonical(&body, &opts()),
            r#"amount=10.00&payee={"name":"A/B","ids":[1,2.0]}"#
        );
    }

    #[test]
    fn percent_encoded_canonical() {
        let body = fields(r#"{"name":"Jo Doe","memo":"a&b=c","key one":"~ok"}"#);
        let o = Canonical {
            percent_encode: true,
            ..opts()
        };
        // python3 -c "from urllib.parse import quote; d={'name':'Jo Doe','memo':'a&b=c','key one':'~ok'}; print('&'.join(quote(k,safe='~')+'='+quote(d[k],safe='~') for k in sorted(d)))"
        assert_eq!(
            canonical(&body, &o),
            "key%20one=~ok&memo=a%26b%3Dc&name=Jo%20Doe"
        );
    }

    #[test]
    fn form_keeps_order_and_drops_nulls() {
        let body =
            fields(r#"{"z":"x y","amount":50000.00,"n":null,"blank":"","ok":false,"obj":{"a":1}}"#);
        // python3 -c "from urllib.parse import quote; print('&'.join(k+'='+quote(v,safe='~') for k,v in [('z','x y'),('amount','50000.00'),('blank',''),('ok','false'),('obj','{\"a\":1}')]))"
        assert_eq!(
            form(&body),
            "z=x%20y&amount=50000.00&blank=&ok=false&obj=%7B%22a%22%3A1%7D"
        );
        assert_eq!(form(&IndexMap::new()), "");
    }

    #[test]
    fn rfc3986_percent_encoding() {
        // python3 -c "from urllib.parse import quote; print(quote('a b+c/d?e=f&g~h*i', safe='~'))"
        assert_eq!(
            percent_encode_rfc3986("a b+c/d?e=f&g~h*i"),
            "a%20b%2Bc%2Fd%3Fe%3Df%26g~h%2Ai"
        );
        // python3 -c "from urllib.parse import quote; print(quote('José ₹€', safe='~'))"
        assert_eq!(
            percent_encode_rfc3986("José ₹€"),
            "Jos%C3%A9%20%E2%82%B9%E2%82%AC"
        );
        assert_eq!(percent_encode_rfc3986("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(percent_encode_rfc3986(""), "");
    }
}
