//! Compile-time behaviour of `payout::provider!`, with trybuild: a bad spec is a compile
//! error per problem (the lint line: file, line:col, YAML path, message), a generated
//! client refuses misuse at compile time, and generated code compiles without warnings.
//!
//! trybuild builds each case as a crate under `target/tests/trybuild/`, which is the
//! `CARGO_MANIFEST_DIR` the macro resolves spec paths against: the cases reach this
//! repository's files with `../../../../`, so these tests need the default target
//! directory. `TRYBUILD=overwrite cargo test --test ui` rewrites the expected `.stderr`.

#[test]
fn ui() {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_default();
    assert!(
        target.is_empty()
            || std::path::Path::new(&target)
                == std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        "the UI tests reach fixtures relative to <repo>/target: unset CARGO_TARGET_DIR"
    );
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    // Cases that must compile, with every warning denied.
    t.pass("tests/ui/pass/*.rs");
}
