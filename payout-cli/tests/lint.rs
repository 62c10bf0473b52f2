//! `payout lint` in each format, through the real binary: the human form's source line and
//! caret, the JSON objects, a SARIF log valid against the SARIF 2.1.0 schema (vendored in
//! `tests/fixtures/`), directories and patterns as arguments, and the summary line.

#[allow(dead_code, unused_imports)]
mod common;

use std::process::Output;

use common::{payout, root};
use serde_json::Value;

const BAD: &str = "tests/specs/bad/unknown_hash.yaml";

fn lint(args: &[&str]) -> Output {
    payout().arg("lint").args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The line of `BAD` the problem is on, as the file has it (line 16, the `hmac` step).
fn source_line() -> String {
    let text = std::fs::read_to_string(root().join(BAD)).unwrap();
    text.lines().nth(15).unwrap().to_string()
}

#[test]
fn human_shows_the_source_line_with_a_caret_under_the_problem() {
    let out = lint(&[BAD]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    // Not a terminal, no --color: no escape sequences.
    assert!(!text.contains('\x1b'), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "error: unknown hash `sha265`; expected one of `sha1`, `sha256`, `sha512`"
    );
    assert_eq!(lines[1].trim_start(), format!("--> {BAD}:16:22"));
    let src = source_line();
    let shown = lines
        .iter()
        .find(|l| l.starts_with("16 | "))
        .unwrap_or_else(|| panic!("no source line in:\n{text}"));
    assert_eq!(shown["16 | ".len()..], src);
    // The caret line is the one after the source line: carets exactly under `sha265`.
    let at = lines.iter().position(|l| l == shown).unwrap();
    let caret = lines[at + 1];
    let start = caret.find('^').expect("a caret");
    let end = caret.rfind('^').unwrap() + 1;
    assert_eq!(&shown[start..end], "sha265", "\n{shown}\n{caret}");
    assert!(
        caret[end..].contains("signing.body_hmac.steps[1].hmac.alg"),
        "{caret}"
    );
    assert!(text.contains("= help: did you mean `sha256`?"), "{text}");
    assert_eq!(lines.last(), Some(&"checked 1 spec: 1 error"));
}

#[test]
fn color_always_colours_and_no_color_never_does() {
    let out = lint(&["--color", "always", BAD]);
    assert!(stdout(&out).contains("\x1b["), "{}", stdout(&out));
    let out = lint(&["--color", "never", BAD]);
    assert!(!stdout(&out).contains('\x1b'));
}

#[test]
fn json_prints_one_object_per_problem() {
    let out = lint(&[
        "--format",
        "json",
        BAD,
        "tests/specs/bad/secret_in_plain_text.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let objects: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(objects.len(), 2, "{objects:?}");
    assert_eq!(
        objects[0],
        serde_json::json!({
            "file": BAD,
            "line": 16,
            "column": 22,
            "severity": "error",
            "path": "signing.body_hmac.steps[1].hmac.alg",
            "message": "unknown hash `sha265`; expected one of `sha1`, `sha256`, `sha512`; did you mean `sha256`?",
            "suggestion": "sha256",
        })
    );
    assert_eq!(objects[1]["severity"], "warning");
    assert_eq!(objects[1]["suggestion"], Value::Null);
    assert_eq!(
        objects[1]["path"],
        "operations.create_payout.headers.X-Api-Key"
    );
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let out = lint(&[
        "--format",
        "sarif",
        BAD,
        "tests/specs/bad/secret_in_plain_text.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("payout-cli/tests/fixtures/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft4::new(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema allows much; the content is checked here.
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let r = &results[0];
    assert_eq!(r["level"], "error");
    assert_eq!(r["ruleId"], "spec-error");
    let loc = &r["locations"][0];
    assert_eq!(loc["physicalLocation"]["artifactLocation"]["uri"], BAD);
    assert_eq!(loc["physicalLocation"]["region"]["startLine"], 16);
    assert_eq!(loc["physicalLocation"]["region"]["startColumn"], 22);
    // `sha265` is six characters: the region ends just after it.
    assert_eq!(loc["physicalLocation"]["region"]["endColumn"], 28);
    assert_eq!(
        loc["logicalLocations"][0]["fullyQualifiedName"],
        "signing.body_hmac.steps[1].hmac.alg"
    );
    assert_eq!(results[1]["level"], "warning");

    // And a negative control: the validator does refuse a wrong log.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn directories_and_patterns_are_expanded() {
    let specs = std::fs::read_dir(root().join("specs"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "yaml" || x == "yml")
        })
        .count();
    let out = lint(&["specs"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out).trim(),
        format!("checked {specs} specs: no problems")
    );

    let out = lint(&["--format", "short", "tests/specs/bad/unknown_h*.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with(&format!("{BAD}:16:22: error: ")), "{text}");

    let out = lint(&[
        "--format",
        "short",
        "tests/specs/bad/nothing_like_this*.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("no file matches this pattern"));
}
