//! Receiving a webhook anyone could have POSTed, for each of the five gateways: never
//! panics, and nothing unsigned becomes an event.
#![no_main]

use libfuzzer_sys::fuzz_target;
use payout_runtime::source::FixedBytes;
use payout_runtime::{webhook, WebhookRequest};

fuzz_target!(|data: &[u8]| {
    let Some((gw, rest)) = payout_fuzz::pick(data) else {
        return;
    };
    // Input: `header value \n body`; the value goes into every header the spec reads.
    let (value, body) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (&[][..], rest),
    };
    let value = String::from_utf8_lossy(value).into_owned();
    let headers: Vec<(String, String)> = gw
        .spec
        .spec()
        .webhooks
        .values()
        .flat_map(|w| w.headers.keys())
        .map(|k| (k.clone(), value.clone()))
        .collect();
    let entropy = FixedBytes::new(&[7; 64]);
    let req = WebhookRequest::new(&headers, body).at("https://merchant.test/hooks");
    let _ = webhook::receive(&gw.spec, &gw.creds, &entropy, &req);
});
