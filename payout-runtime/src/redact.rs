//! The one way secrets are hidden from what may be shown (`--explain`, `Debug`, logs, the
//! URL and body `payout sign` prints): a secret value is replaced by a label naming where
//! it came from, `<redacted:NAME>` for a credential (or what was derived reversibly from
//! one) and `<redacted:obtained.NAME>` for a secret a flow step obtained.
//!
//! Values carry their own label when they reveal a secret (`Signature::redacted`,
//! `ObtainedValue::secret`, the credentials' redacted view); text already written (a URL,
//! a body a spec sends a secret in) is redacted by replacing the secret values it contains.

use std::borrow::Cow;

/// How a secret credential (or a value derived reversibly from it) is shown.
pub fn label(name: &str) -> String {
    format!("<redacted:{name}>")
}

/// How a secret value obtained by a flow step is shown.
pub fn obtained_label(name: &str) -> String {
    format!("<redacted:obtained.{name}>")
}

/// `text` with every secret value written in it replaced by its label; borrowed when no
/// secret occurs in it. Empty values are skipped (they would match everywhere).
pub fn text<'t, 's>(
    text: &'t str,
    secrets: impl IntoIterator<Item = (&'s str, Cow<'s, str>)>,
) -> Cow<'t, str> {
    let mut out = Cow::Borrowed(text);
    for (value, label) in secrets {
        if !value.is_empty() && out.contains(value) {
            out = Cow::Owned(out.replace(value, &label));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_written_in_text_are_replaced_by_their_labels() {
        let secrets = [
            ("s3cr3t", Cow::Owned(label("api_key"))),
            ("", Cow::Borrowed("never")),
            ("tok", Cow::Owned(obtained_label("token"))),
        ];
        assert_eq!(
            text("a=s3cr3t&b=tok&c=x", secrets.clone()),
            "a=<redacted:api_key>&b=<redacted:obtained.token>&c=x"
        );
        assert!(matches!(text("nothing here", secrets), Cow::Borrowed(_)));
    }
}
