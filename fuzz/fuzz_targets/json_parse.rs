//! `Json::parse` on any text: never panics, never overflows; what it accepts, serde_json
//! accepts too, and it reads back the same after writing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use payout_spec::Json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(v) = Json::parse(text) {
        assert!(
            serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok(),
            "accepted what serde_json refuses: {text:?}"
        );
        let again = Json::parse(&v.to_compact(false)).expect("its own output parses");
        assert_eq!(again, v);
    }
});
