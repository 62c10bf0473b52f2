//! The command-line contract of `payout lint`, `payout schema` and `payout sign --input -`,
//! checked through the real binary: exit codes, the exact `FILE:LINE:COL: SEVERITY: PATH:
//! message` lines, the committed schema, and input read from stdin.

mod common;

use std::io::Write;
use std::process::{Output, Stdio};

use common::{payout, root, tmp, GATEWAYS};
use serde_json::Value;

fn lint<S: AsRef<std::ffi::OsStr>>(files: &[S]) -> Output {
    payout()
        .args(["lint", "--format", "short"])
        .args(files)
        .output()
        .unwrap()
}

fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// `FILE:LINE:COL: SEVERITY: PATH: message`, split; `None` when a line has another shape.
fn parse(line: &str) -> Option<(&str, u32, u32, &str, &str, &str)> {
    let mut parts = line.splitn(6, ": ");
    let (location, severity, path, message) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let mut loc = location.rsplitn(3, ':');
    let col = loc.next()?.parse().ok()?;
    let line_no = loc.next()?.parse().ok()?;
    let file = loc.next()?;
    Some((file, line_no, col, severity, path, message))
}

#[test]
fn lint_of_good_specs_prints_nothing_and_exits_0() {
    let files: Vec<String> = GATEWAYS.iter().map(|g| format!("specs/{g}.yaml")).collect();
    let out = lint(&files);
    assert_eq!(out.status.code(), Some(0), "{:?}", stdout_lines(&out));
    assert!(out.stdout.is_empty(), "{:?}", stdout_lines(&out));
}

#[test]
fn lint_of_a_bad_spec_prints_every_error_as_file_line_col_and_exits_1() {
    let out = lint(&["tests/specs/bad/three_problems.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let lines = stdout_lines(&out);
    assert_eq!(
        lines,
        [
            "tests/specs/bad/three_problems.yaml:16:35: error: signing.body_hmac.steps[1].hmac.key: no credential `api_kee`; declared: `api_key`; did you mean `api_key`?",
            "tests/specs/bad/three_problems.yaml:28:25: error: operations.create_payout.body.fields.amount.type: unknown field type `amout`; expected one of `string`, `int`, `decimal`, `amount`, `bool`, `datetime`, `object`, `one_of`, `array`, `any`; did you mean `amount`?",
            "tests/specs/bad/three_problems.yaml:40:9: error: statuses.PAID: unknown unified status `succeded`; expected one of `pending`, `processing`, `succeeded`, `failed`, `reversed`, `cancelled`; did you mean `succeeded`?",
        ]
    );
    for l in &lines {
        let (file, line, col, severity, path, message) =
            parse(l).unwrap_or_else(|| panic!("not FILE:LINE:COL: error: PATH: message: {l}"));
        assert_eq!(file, "tests/specs/bad/three_problems.yaml");
        assert!(line > 1 && col >= 1, "{l}");
        assert_eq!(severity, "error");
        assert!(!path.is_empty() && !message.is_empty(), "{l}");
    }
}

/// The line and column point at the offending text itself.
#[test]
fn lint_positions_point_at_the_offending_text() {
    let out = lint(&["tests/specs/bad/three_problems.yaml"]);
    let src = std::fs::read_to_string(root().join("tests/specs/bad/three_problems.yaml")).unwrap();
    let text: Vec<&str> = src.lines().collect();
    for (l, want) in stdout_lines(&out)
        .iter()
        .zip(["api_kee", "amout", "succeded"])
    {
        let (_, line, col, ..) = parse(l).unwrap();
        let at = &text[line as usize - 1][col as usize - 1..];
        assert!(at.contains(want), "{l}: line {line} col {col} is `{at}`");
    }
}

#[test]
fn lint_with_only_warnings_exits_0_and_prints_them() {
    let out = lint(&["tests/specs/bad/secret_in_plain_text.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let (file, line, col, severity, path, message) = parse(&lines[0]).unwrap();
    assert_eq!(
        (file, line, col, severity, path),
        (
            "tests/specs/bad/secret_in_plain_text.yaml",
            25,
            18,
            "warning",
            "operations.create_payout.headers.X-Api-Key"
        )
    );
    assert!(
        message.starts_with("the secret credential `api_key` is sent as plain text"),
        "{message}"
    );
}

/// One bad spec among good ones fails the run; a spec that cannot be read is an error too.
#[test]
fn lint_fails_if_any_spec_has_an_error() {
    let out = lint(&[
        "specs/cashy.yaml",
        "tests/specs/bad/secret_in_plain_text.yaml",
        "tests/specs/bad/vector_expects_nothing.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let lines = stdout_lines(&out);
    let severities: Vec<&str> = lines.iter().filter_map(|l| parse(l)).map(|p| p.3).collect();
    assert_eq!(severities, ["warning", "error"], "{lines:?}");

    let out = lint(&["tests/specs/bad/no_such_spec.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("tests/specs/bad/no_such_spec.yaml:1:1: error: "),
        "{lines:?}"
    );
}

#[test]
fn schema_prints_the_committed_schema() {
    let out = payout().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read(root().join("specs/payout-spec.schema.json")).unwrap();
    assert!(
        out.stdout == committed,
        "`payout schema` differs from specs/payout-spec.schema.json"
    );
}

/// `--input -` reads the input object from stdin; the request is Cashy's seed example.
#[test]
fn sign_reads_the_input_from_stdin() {
    let dir = tmp("contract-stdin");
    let creds = dir.join("creds.json");
    std::fs::write(
        &creds,
        r#"{"merchant_id":"1002001","api_key":"test-api-key-cashy"}"#,
    )
    .unwrap();
    let mut child = payout()
        .args([
            "sign",
            "--spec",
            "specs/cashy.yaml",
            "--op",
            "create_payout",
        ])
        .arg("--credentials")
        .arg(&creds)
        .args(["--input", "-", "--base-url", "https://sandbox.cocashy.com"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            br#"{"amount":"50000.00","bankId":33,"idType":"1","accountName":"Jeson","mchOrderNo":"order00000001","idCard":"43912345","accountNo":"3023612345","accountType":0,"notifyUrl":"","currency":"COP","remark":"remark","nonceStr":"123456789"}"#,
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["url"], "https://sandbox.cocashy.com/api/payOut");
    let body = r#"{"amount":50000.00,"bankId":33,"idType":"1","accountName":"Jeson","mchOrderNo":"order00000001","idCard":"43912345","accountNo":"3023612345","accountType":"0","notifyUrl":"","currency":"COP","remark":"remark","nonceStr":"123456789"}"#;
    assert_eq!(v["body"], body);
    // printf '%s' '<body above>test-api-key-cashy' | openssl dgst -md5 -r   (uppercased)
    assert_eq!(v["headers"]["Sign"], "6E6C87F65B41988216B850F01669565B");
    assert_eq!(v["headers"]["MerchantId"], "1002001");
    std::fs::remove_dir_all(&dir).ok();
}

/// Input from stdin that is not a JSON object is refused with a message, exit 1.
#[test]
fn sign_refuses_stdin_that_is_not_an_object() {
    let dir = tmp("contract-stdin-bad");
    let creds = dir.join("creds.json");
    std::fs::write(&creds, r#"{"merchant_id":"1","api_key":"k"}"#).unwrap();
    let mut child = payout()
        .args([
            "sign",
            "--spec",
            "specs/cashy.yaml",
            "--op",
            "create_payout",
        ])
        .arg("--credentials")
        .arg(&creds)
        .args(["--input", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"[1, 2]").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("must be a JSON object"), "{err}");
    assert!(out.stdout.is_empty());
    std::fs::remove_dir_all(&dir).ok();
}
