//! Loading and checking a spec from any text (what `payout lint` and the macro do): never
//! panics, whatever the nesting, aliases or size.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (spec, _diagnostics) = payout_spec::lint_str(text, Path::new("fuzz.yaml"));
    if let Some(spec) = spec {
        let _ = payout_runtime::CompiledSpec::new(spec);
    }
});
