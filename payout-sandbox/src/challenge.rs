//! How the sandbox imitates a gateway's challenge (`operations.NAME.challenge`, Wise's
//! strong customer authentication): when it is on, a request without an answer is refused
//! with the challenge's status and a fresh one-time token; the resend must carry a token
//! handed out and not yet used, and the answer headers the merchant's keys give for it.

use axum::http::StatusCode;
use axum::response::Response;
use payout_runtime::context::Message;
use payout_runtime::crypto::ct;
use payout_runtime::message;
use payout_runtime::signing::Engine;
use payout_runtime::source::{uuid_v4, OsEntropy};
use payout_spec::ErrorKind;
use payout_spec::Operation;

use crate::gateway::{insert_headers, lock, plain, Gateway};

impl Gateway {
    /// Turns challenges on or off for the operations that declare one (default off).
    pub fn set_challenge(&self, on: bool) {
        lock(&self.flows).challenge_on = on;
    }

    /// How many challenges were answered with a valid signature.
    pub fn challenges_answered(&self) -> usize {
        lock(&self.flows).answered
    }

    /// `None` when the request may go on; else the refusal: a new challenge, or an answer
    /// that does not verify.
    pub(crate) fn challenge(
        &self,
        op_name: &str,
        op: &Operation,
        msg: &Message,
    ) -> Option<Response> {
        let ch = op.challenge.as_ref()?;
        if !lock(&self.flows).challenge_on {
            return None;
        }
        let given = msg.header(&ch.header).map(str::to_string);
        let Some(token) = given else {
            return Some(self.new_challenge(ch.status, &ch.header));
        };
        // One use only: a replayed answer is challenged again.
        if !lock(&self.flows).challenges.remove(&token) {
            return Some(self.new_challenge(ch.status, &ch.header));
        }
        // The answer the merchant's keys give for this token (RSA PKCS#1 v1.5 and HMAC
        // are deterministic), compared in constant time.
        let mut expected = Message {
            challenge: Some(token),
            ..msg.clone()
        };
        let mut engine = Engine::new(&self.spec, &self.creds, &OsEntropy);
        let plan = self.spec.plan().operation(op_name);
        let headers = plan.map_or(&[][..], |p| &p.challenge[..]);
        let answer = match message::render_headers(&mut engine, &mut expected, headers) {
            Ok((sent, _)) => sent,
            Err(e) => return Some(self.error(ErrorKind::Ambiguous, &format!("sandbox: {e}"))),
        };
        for (name, want) in answer {
            let got = msg.header(&name).unwrap_or_default();
            if !ct::eq(got.as_bytes(), want.as_bytes()) {
                return Some(self.error(
                    ErrorKind::Unauthorized,
                    &format!("the answer to the challenge (`{name}`) does not verify"),
                ));
            }
        }
        lock(&self.flows).answered += 1;
        None
    }

    /// A refusal carrying a fresh one-time token.
    fn new_challenge(&self, status: u16, header: &str) -> Response {
        let Ok(token) = uuid_v4(&OsEntropy) else {
            return self.error(ErrorKind::Ambiguous, "no randomness for a one-time token");
        };
        lock(&self.flows).challenges.insert(token.clone());
        let body = br#"{"error":"Forbidden","message":"You are forbidden to send this request"}"#;
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::FORBIDDEN);
        let mut resp = plain(status, "application/json", body.to_vec());
        insert_headers(&mut resp, vec![(header.to_string(), token)]);
        resp
    }
}
