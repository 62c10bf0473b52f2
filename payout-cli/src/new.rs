//! `payout new GATEWAY_ID`: a starter spec to fill in from the gateway's documentation.
//!
//! The starter is complete and lints clean — modeline, credentials, one signed operation,
//! a recipe, statuses and a known-answer vector — so every edit from there on is checked
//! by `payout lint` as it is made. It is checked again before it is written: an id the
//! spec language refuses is reported with the spec's own diagnostic.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The command line of `payout new`.
#[derive(clap::Args)]
pub struct Args {
    /// The gateway's id: lowercase letters, digits and `_`, starting with a letter (it
    /// names the sandbox prefix and the generated Rust module).
    #[arg(value_name = "GATEWAY_ID")]
    pub id: String,
    /// Where to write the spec (default: `GATEWAY_ID.yaml` in the current directory).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// The schema file the modeline names, beside the spec.
const SCHEMA_FILE: &str = "payout-spec.schema.json";

/// The starter; `GATEWAY_ID` is replaced by the id.
const STARTER: &str = r#"# yaml-language-server: $schema=payout-spec.schema.json
# A starter spec for the gateway `GATEWAY_ID`. Fill it in from the gateway's API documentation
# (every TODO marks a guess), run `payout lint` after each change, and replace the vector
# at the end with the documentation's own example request and signature.
spec_version: 1
provider: { id: GATEWAY_ID, name: GATEWAY_ID }  # TODO: the gateway's name
environments:
  sandbox: { base_url: "https://sandbox.GATEWAY_ID.example" }  # TODO
  production: { base_url: "https://api.GATEWAY_ID.example" }  # TODO
credentials:
  merchant_id: { description: Your merchant id at the gateway. }
  secret: { secret: true, description: The key requests are signed with. }
money:
  currency: INR  # TODO
  amount: { encoding: string, decimals: 2, min: "1" }
signing:
  # TODO: the gateway's signature, one step at a time.
  body_hmac:
    description: Lowercase hex HMAC-SHA256 of the request body, keyed with the secret.
    steps:
      - input: body_bytes
      - hmac: { alg: sha256, key: "{{ credentials.secret }}" }
      - encode: hex
operations:
  create_payout:
    role: create
    description: Pay out to a bank account.
    method: POST
    path: /payouts  # TODO
    headers:
      X-Merchant-Id: "{{ credentials.merchant_id }}"
      X-Signature: "{{ signatures.body_hmac }}"
    body:
      fields:
        reference: { type: string, required: true, max_len: 40, role: merchant_ref, description: Your reference; unique. }
        amount: { type: amount, required: true, role: amount }
        currency: { type: string, required: true, enum: [INR], role: currency }
        account_number: { type: string, required: true, pattern: "[0-9]{9,18}", role: beneficiary.account_number }
        bank_code: { type: string, required: true, role: beneficiary.bank_code }
        name: { type: string, required: true, max_len: 80, role: beneficiary.name }
    response:
      success: status == "ok"  # TODO: how the gateway says yes
      error: { code: error.code, message: error.message }
      body:
        fields:
          status: { type: string }
          data:
            type: object
            fields:
              id: { type: string, role: provider_ref }
              state: { type: string, role: status }
statuses:  # TODO: the gateway's status values
  PENDING: { unified: pending, description: Accepted. }
  PROCESSING: { unified: processing, description: Sent to the bank. }
  PAID: { unified: succeeded, description: Credited to the beneficiary. }
  FAILED: { unified: failed, description: Refused by the bank. }
vectors:
  # TODO: the documentation's example: its credentials, input, exact body and signature.
  - name: create
    operation: create_payout
    credentials: { merchant_id: M-TEST-1, secret: test-secret }
    input:
      reference: ORDER-1
      amount: "100"
      currency: INR
      account_number: "000123456789"
      bank_code: HDFC0001234
      name: Asha Rao
    expect:
      body: '{"reference":"ORDER-1","amount":"100.00","currency":"INR","account_number":"000123456789","bank_code":"HDFC0001234","name":"Asha Rao"}'
      headers:
        X-Merchant-Id: M-TEST-1
        # printf '%s' '<body above>' | openssl dgst -sha256 -hmac test-secret
        X-Signature: cb49b52a5d9dc9c815c67b67be9ec282a0ed84c83a5ea310dcc90c824d7d197a
"#;

/// The starter spec for `id`.
pub fn starter(id: &str) -> String {
    STARTER.replace("GATEWAY_ID", id)
}

pub fn run(a: Args) -> ExitCode {
    let path = a
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.yaml", a.id)));
    let text = starter(&a.id);
    // An id the language refuses (or one that breaks the YAML) is reported as lint would.
    let (_, diagnostics) = payout_spec::lint_str(&text, &path);
    if !diagnostics.is_empty() {
        crate::err(&format!("payout new: `{}` cannot be a gateway id:", a.id));
        return crate::fail(
            &diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>(),
        );
    }
    if path.exists() && !a.force {
        return crate::fail(&[format!(
            "{} exists; pass --force to replace it",
            path.display()
        )]);
    }
    if let Err(e) = std::fs::write(&path, &text) {
        return crate::fail(&[format!("cannot write {}: {e}", path.display())]);
    }
    crate::err(&format!("wrote {}", path.display()));
    let schema = path.parent().map_or_else(
        || Path::new(SCHEMA_FILE).to_path_buf(),
        |d| d.join(SCHEMA_FILE),
    );
    if !schema.exists() {
        let text = payout_spec::schema::json_schema_text();
        if let Err(e) = std::fs::write(&schema, text) {
            return crate::fail(&[format!("cannot write {}: {e}", schema.display())]);
        }
        crate::err(&format!(
            "wrote {} (the modeline's schema, for editor completion)",
            schema.display()
        ));
    }
    ExitCode::SUCCESS
}
