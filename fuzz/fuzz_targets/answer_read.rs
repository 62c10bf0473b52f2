//! Reading any answer to each operation of the five gateways, under the HTTP statuses that
//! matter: never panics, and an unreadable answer to a create always says `may_exist`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use payout_runtime::context::Message;
use payout_runtime::response::{self, Received};
use payout_runtime::source::FixedBytes;
use payout_runtime::spec::OperationRole;

const STATUSES: [u16; 12] = [200, 201, 204, 301, 302, 400, 401, 403, 404, 409, 429, 500];

fuzz_target!(|data: &[u8]| {
    let Some((gw, rest)) = payout_fuzz::pick(data) else {
        return;
    };
    let Some((status, body)) = rest.split_first() else {
        return;
    };
    let got = Received {
        http_status: STATUSES[*status as usize % STATUSES.len()],
        headers: &[],
        body,
    };
    let entropy = FixedBytes::new(&[7; 64]);
    let request = Message::default();
    for (name, op) in &gw.spec.spec().operations {
        let out = response::read(&gw.spec, &gw.creds, &entropy, name, &request, &got);
        if let Err(e) = out {
            if op.role == OperationRole::Create && e.kind == payout_runtime::ErrorKind::MalformedResponse {
                assert!(e.may_exist, "an unreadable answer to a create must say may_exist: {e}");
            }
        }
    }
});
