//! Property tests of the entry points that read hostile text (issue 8): JSON bodies and
//! spec files. Bounded case counts and sizes, with a fixed seed,
//! so the suite stays fast; `fuzz/` explores the same entry points without bounds.

use std::path::Path;

use payout_spec::json::MAX_DEPTH;
use payout_spec::{Json, JsonRef};
use proptest::prelude::*;

/// Any JSON value, a few levels deep; numbers as JSON writes them.
fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(|n| Json::Number(n.to_string())),
        (any::<i32>(), 0u32..1000).prop_map(|(i, f)| Json::Number(format!("{i}.{f:03}"))),
        any::<String>().prop_map(Json::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Json::Array),
            prop::collection::vec((any::<String>(), inner), 0..8).prop_map(|members| {
                let mut m = payout_spec::JsonMap::default();
                for (k, v) in members {
                    m.insert(k, v);
                }
                Json::Object(m)
            }),
        ]
    })
}

proptest! {
    // A fixed seed: every run tries the same cases (the regressions file adds the ones
    // found before); `fuzz/` explores without bounds.
    #![proptest_config(ProptestConfig {
        cases: 256,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_0011),
        ..ProptestConfig::default()
    })]

    /// What is written reads back the same, in both slash styles.
    #[test]
    fn json_round_trips(v in json()) {
        prop_assert_eq!(Json::parse(&v.to_compact(false)).unwrap(), v.clone());
        prop_assert_eq!(Json::parse(&v.to_compact(true)).unwrap(), v);
    }

    /// Any text: an answer or an error, never a panic; accepted only if serde_json accepts.
    #[test]
    fn json_never_panics_and_agrees_with_serde_json(text in "\\PC{0,64}|[\\[\\]{}:,\"0-9a-z\\\\ .eE+-]{0,64}") {
        if Json::parse(&text).is_ok() {
            prop_assert!(serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok(), "{:?}", text);
        }
    }

    /// The borrowed reading of any text is the owned one: the same value (a name written
    /// twice keeping its last value) or the same error, word for word.
    #[test]
    fn borrowed_and_owned_readings_agree(text in "\\PC{0,64}|[\\[\\]{}:,\"0-9a-z\\\\ .eE+-]{0,64}") {
        prop_assert_eq!(JsonRef::parse(&text).map(|v| v.to_json()), Json::parse(&text));
    }

    /// Written values read back the same borrowed, and a tree lends itself unchanged.
    #[test]
    fn borrowed_readings_round_trip(v in json()) {
        let text = v.to_compact(false);
        let borrowed = JsonRef::parse(&text).unwrap();
        prop_assert_eq!(borrowed.to_json(), v.clone());
        prop_assert_eq!(borrowed.clone().into_owned(), borrowed);
        prop_assert_eq!(v.view().to_json(), v);
    }

    /// Any nesting of brackets: within the limit it parses, past it the error names it.
    #[test]
    fn depth_is_bounded(opens in prop::collection::vec(any::<bool>(), 1..400)) {
        let mut text = String::new();
        for &o in &opens {
            text.push(if o { '[' } else { '{' });
            if !o {
                text.push_str("\"k\":");
            }
        }
        text.push('1');
        for &o in opens.iter().rev() {
            text.push(if o { ']' } else { '}' });
        }
        match Json::parse(&text) {
            Ok(_) => prop_assert!(opens.len() <= MAX_DEPTH),
            Err(e) => {
                prop_assert!(opens.len() > MAX_DEPTH);
                prop_assert!(e.message.contains("deeper than 128 levels"), "{}", e);
            }
        }
    }

    /// Any text as a spec: diagnostics, never a panic.
    #[test]
    fn lint_never_panics(text in "\\PC{0,200}|[a-z:{}\\[\\]&*!|>'\" \\n-]{0,200}") {
        let _ = payout_spec::lint_str(&text, Path::new("p.yaml"));
    }

    /// A real spec with one line changed: diagnostics, never a panic.
    #[test]
    fn lint_of_a_mangled_spec_never_panics(line in 0usize..60, junk in "[a-z:{}\\[\\]&*! -]{0,12}") {
        let src = include_str!("../../tests/specs/minimal.yaml");
        let mangled: Vec<String> = src
            .lines()
            .enumerate()
            .map(|(i, l)| if i == line { format!("{l}{junk}") } else { l.to_string() })
            .collect();
        let _ = payout_spec::lint_str(&mangled.join("\n"), Path::new("p.yaml"));
    }
}
