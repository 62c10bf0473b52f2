//! Strings built from body fields: the canonical `k=v&k=v` string many gateways sign, and
//! form encoding.
//!
//! Sorting is by the keys' bytes (`B` < `a` < `b`), as `ksort` in PHP and `TreeMap` in Java
//! order them; minijinja's `dictsort` ignores case and would sign a different string. Values
//! keep their JSON text (`50000.00` stays `50000.00`), because the gateway signs what it
//! received, not a number re-printed.

use payout_spec::{Canonical, Json, JsonMap};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The canonical string of `fields` under `opts` (see [`Canonical`]).
pub fn canonical(fields: &JsonMap, opts: &Canonical) -> String {
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
/// percent-encoding (a space is `%20`, not `+`); null fields are left out. Nested objects
/// and arrays are written bracket style, in their order, as PHP's `http_build_query` and
/// Stripe's libraries do: `metadata[order_id]=…`, `items[0][amount]=…` (the brackets
/// percent-encoded like every reserved character, `metadata%5Border_id%5D`).
pub fn form(fields: &JsonMap) -> String {
    let mut pairs = Vec::new();
    for (key, value) in fields {
        flatten(key.clone(), value, &mut pairs);
    }
    join(
        pairs.into_iter().map(|(key, value)| {
            format!(
                "{}={}",
                percent_encode_rfc3986(&key),
                percent_encode_rfc3986(&value)
            )
        }),
        "&",
    )
}

/// A value under `key` as form pairs: scalars as one pair, objects and arrays as one pair
/// per leaf with `[name]` or `[index]` appended; nulls and empty containers give none.
fn flatten(key: String, value: &Json, out: &mut Vec<(String, String)>) {
    match value {
        Json::Null => {}
        Json::Object(m) => {
            for (k, v) in m {
                flatten(format!("{key}[{k}]"), v, out);
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(format!("{key}[{i}]"), v, out);
            }
        }
        _ => out.push((key, value_text(value))),
    }
}

/// The reverse of [`form`]'s nesting: `a[b][0]=x` pairs into `{"a": {"b": ["x"]}}`. An
/// object whose keys are exactly `0`, `1`, … becomes an array. Keys nest at most
/// `MAX_FORM_DEPTH` deep (the rest of the key stays one name), so hostile input cannot
/// build a deep tree. A key given twice keeps its last value, as PHP does.
pub fn unflatten(pairs: Vec<(String, String)>) -> JsonMap {
    let mut root: JsonMap = JsonMap::default();
    for (key, value) in pairs {
        let path = key_path(&key);
        insert(&mut root, &path, Json::String(value));
    }
    root.into_iter().map(|(k, v)| (k, arrays(v))).collect()
}

const MAX_FORM_DEPTH: usize = 8;

/// `a[b][0]` → `["a", "b", "0"]`; a key that is not well bracketed is one name.
fn key_path(key: &str) -> Vec<String> {
    let Some(open) = key.find('[') else {
        return vec![key.to_string()];
    };
    if open == 0 || !key.ends_with(']') {
        return vec![key.to_string()];
    }
    let inner = &key[open + 1..key.len() - 1];
    let parts: Vec<&str> = inner.split("][").collect();
    if parts.len() >= MAX_FORM_DEPTH || parts.iter().any(|p| p.contains(['[', ']'])) {
        return vec![key.to_string()];
    }
    std::iter::once(&key[..open])
        .chain(parts)
        .map(str::to_string)
        .collect()
}

fn insert(map: &mut JsonMap, path: &[String], value: Json) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        map.insert(first.clone(), value);
        return;
    }
    let slot = map
        .entry(first.clone())
        .or_insert_with(|| Json::Object(JsonMap::default()));
    if !matches!(slot, Json::Object(_)) {
        *slot = Json::Object(JsonMap::default());
    }
    if let Json::Object(inner) = slot {
        insert(inner, rest, value);
    }
}

/// Objects keyed `0..n` in order become arrays, all the way down.
fn arrays(v: Json) -> Json {
    match v {
        Json::Object(m) => {
            let indexed = !m.is_empty()
                && m.keys()
                    .enumerate()
                    .all(|(i, k)| k.parse::<usize>().is_ok_and(|n| n == i));
            if indexed {
                Json::Array(m.into_values().map(arrays).collect())
            } else {
                Json::Object(m.into_iter().map(|(k, v)| (k, arrays(v))).collect())
            }
        }
        other => other,
    }
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

    /// Nested objects and arrays are written bracket style in their order, and read back.
    #[test]
    fn form_writes_nested_keys_bracket_style() {
        let body = fields(
            r#"{"amount":1000,"currency":"usd","metadata":{"order_id":"ORD 1","note":"a/b"},"items":[{"amount":5},{"amount":7,"tags":["x"]}],"gone":null,"empty":{}}"#,
        );
        // python3 -c "from urllib.parse import quote; pairs=[('amount','1000'),('currency','usd'),('metadata[order_id]','ORD 1'),('metadata[note]','a/b'),('items[0][amount]','5'),('items[1][amount]','7'),('items[1][tags][0]','x')]; print('&'.join(quote(k,safe='-._~')+'='+quote(v,safe='-._~') for k,v in pairs))"
        let expected = "amount=1000&currency=usd&metadata%5Border_id%5D=ORD%201&metadata%5Bnote%5D=a%2Fb&items%5B0%5D%5Bamount%5D=5&items%5B1%5D%5Bamount%5D=7&items%5B1%5D%5Btags%5D%5B0%5D=x";
        assert_eq!(form(&body), expected);
        let pairs = vec![
            ("amount".to_string(), "1000".to_string()),
            ("metadata[order_id]".into(), "ORD 1".into()),
            ("items[0][amount]".into(), "5".into()),
            ("items[1][amount]".into(), "7".into()),
            ("odd[".into(), "kept".into()),
            ("a[b][c][d][e][f][g][h][i]".into(), "deep".into()),
        ];
        let back = Json::Object(unflatten(pairs));
        assert_eq!(
            back.to_compact(false),
            r#"{"amount":"1000","metadata":{"order_id":"ORD 1"},"items":[{"amount":"5"},{"amount":"7"}],"odd[":"kept","a[b][c][d][e][f][g][h][i]":"deep"}"#
        );
    }

    fn fields(json: &str) -> JsonMap {
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
        // An object is written bracket style, never as JSON inside the form:
        // python3 -c "from urllib.parse import quote; print('&'.join(quote(k,safe='~')+'='+quote(v,safe='~') for k,v in [('z','x y'),('amount','50000.00'),('blank',''),('ok','false'),('obj[a]','1')]))"
        assert_eq!(
            form(&body),
            "z=x%20y&amount=50000.00&blank=&ok=false&obj%5Ba%5D=1"
        );
        assert_eq!(form(&JsonMap::default()), "");
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
