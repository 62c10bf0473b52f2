//! Verifying a received message against the templates that say where its signatures are.
//!
//! A header such as `V2_SHA256 appId={{ credentials.app_id }},sign={{ signatures.v2 }},
//! timestamp={{ timestamp }},nonce={{ nonce }}` is read back into its parts: the
//! timestamp and nonce join the context, credentials must match ours, and each signature
//! is recomputed (or its random step undone) and compared in constant time.

use crate::compiled::CompiledSpec;
use crate::context::Message;
use crate::credentials::Credentials;
use crate::crypto::ct;
use crate::signing::{Engine, Signer};
use crate::source::Entropy;

/// A template of the message and the value received for it (`None`: not received).
pub struct Carrier {
    /// The template's YAML path.
    pub path: String,
    /// What carries it, for messages (`header Sign`, `field sign`).
    pub what: String,
    pub received: Option<String>,
}

/// Checks every signature a message carries. `Ok(n)` is how many were verified; the error
/// says which one failed and why, never with a secret.
pub fn verify(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    msg: &Message,
    carriers: &[Carrier],
    signer: Signer,
) -> Result<usize, String> {
    let mut msg = msg.clone();
    let mut checks: Vec<(String, String, String)> = Vec::new();
    for c in carriers {
        let Some(info) = spec.info(&c.path) else {
            continue;
        };
        if info.signatures.is_empty() {
            continue;
        }
        let received = c
            .received
            .as_deref()
            .ok_or_else(|| format!("the {} that carries the signature is missing", c.what))?;
        let segments = info
            .segments
            .as_ref()
            .ok_or_else(|| format!("the {} template cannot be read back", c.what))?;
        let parts = payout_spec::template::read_back(segments, received)
            .ok_or_else(|| format!("the {} does not have the expected shape", c.what))?;
        for (name, text) in parts {
            match name.split_once('.') {
                Some(("signatures", r)) => checks.push((r.to_string(), text, c.what.clone())),
                Some(("credentials", cred)) => {
                    let ours = creds
                        .get(cred)
                        .map(|s| s.expose().as_bytes())
                        .unwrap_or_default();
                    if !ct::eq(ours, text.as_bytes()) {
                        return Err(format!("the {} names another `{cred}` than ours", c.what));
                    }
                }
                None if name == "timestamp" => msg.timestamp = Some(text),
                None if name == "nonce" => msg.nonce = Some(text),
                _ => {}
            }
        }
    }
    let mut engine = Engine::new(spec, creds, entropy);
    for (recipe, text, what) in &checks {
        let ok = engine
            .verify(recipe, &msg, text, signer)
            .map_err(|e| e.to_string())?;
        if !ok {
            return Err(format!(
                "the signature in the {what} does not match (recipe `{recipe}`)"
            ));
        }
    }
    Ok(checks.len())
}
