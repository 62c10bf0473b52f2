//! A gateway's error code is read as one of the gateway-facing error kinds: the others
//! (`bad_signature`, `timeout`, `config`...) name what the engine itself found, and a
//! gateway's answer cannot be one of them.

use super::Ctx;
use crate::model::ErrorKind;

/// Every `error_codes` entry and every operation's `response.codes` entry names a
/// gateway-facing kind.
pub fn check_error_codes(cx: &mut Ctx) {
    let spec = cx.spec;
    let mut refused = Vec::new();
    for (code, kind) in &spec.error_codes {
        refused.push((format!("error_codes.{code}"), *kind));
    }
    for (name, op) in &spec.operations {
        for (code, kind) in &op.response.codes {
            refused.push((format!("operations.{name}.response.codes.{code}"), *kind));
        }
    }
    for (path, kind) in refused {
        if kind.is_gateway_facing() {
            continue;
        }
        let facing: Vec<&str> = ErrorKind::ALL
            .iter()
            .filter(|k| k.is_gateway_facing())
            .map(ErrorKind::as_str)
            .collect();
        cx.error(
            path,
            format!(
                "`{kind}` is what the engine finds, not what a gateway's code can mean; expected one of {}",
                crate::diag::one_of_list(facing)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    const SPEC: &str = r#"
spec_version: 1
provider: { id: t, name: T }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
error_codes: { "E1": ambiguous, "E2": bad_signature }
operations:
  create_payout:
    role: create
    method: POST
    path: /p
    body: { fields: { ref: { type: string, required: true, role: merchant_ref } } }
    response: { success: "true", codes: { "E3": timeout } }
"#;

    #[test]
    fn an_error_code_names_a_gateway_facing_kind() {
        let (_, diagnostics) = crate::lint_str(SPEC, std::path::Path::new("t.yaml"));
        let text: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        let joined = text.join("\n");
        assert!(
            joined.contains("`bad_signature` is what the engine finds"),
            "{joined}"
        );
        assert!(
            joined.contains("`timeout` is what the engine finds"),
            "{joined}"
        );
        assert!(!joined.contains("`ambiguous` is"), "{joined}");
    }

    /// One list: every kind reads back from its name, in serde as in `FromStr`, and the
    /// sandbox's replies are kinds of it.
    #[test]
    fn every_kind_has_one_name() {
        use crate::model::ErrorKind;
        // The names as the README and the CLI's `kind` write them.
        for (name, k) in [
            ("ambiguous", ErrorKind::Ambiguous),
            ("bad_signature", ErrorKind::BadSignature),
            ("invalid_input", ErrorKind::InvalidInput),
            ("malformed_response", ErrorKind::MalformedResponse),
        ] {
            assert_eq!(name.parse::<ErrorKind>(), Ok(k));
            assert_eq!(k.as_str(), name);
        }
        for k in ErrorKind::ALL {
            assert_eq!(k.as_str().parse::<ErrorKind>(), Ok(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        let replies: Vec<&str> = ErrorKind::ALL
            .iter()
            .filter_map(ErrorKind::sandbox_reply)
            .collect();
        assert_eq!(replies.len(), crate::check::SANDBOX_ERRORS.len());
        for r in crate::check::SANDBOX_ERRORS {
            assert!(replies.contains(r), "{r}");
        }
    }
}
