//! An application using the generated clients: all five behind one collection of
//! `Box<dyn PayoutProvider>`, each one's typed requests (struct literals that name every
//! required field) sent with `send`, typed webhooks, and a sixth gateway that is only a YAML
//! file plus one `provider!` line.

mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use payout::gateways::{cashy, eanishop, tecpay, teemopay, xettle};
use payout::runtime::codegen::FromJson;
use payout::runtime::{
    ClientOptions, Decimal, ErrorKind, Json, JsonRef, PayoutProvider, PayoutRef, PayoutStatus,
    WebhookRequest,
};
use payout_sandbox::receiver::{Received, Receiver};
use payout_sandbox::{GatewaySetup, Options, Sandbox};

// A sixth gateway, written only in YAML: this line is all the Rust it needs.
payout::provider!(mod acme = "examples/acme.yaml");

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn credentials(w: &common::World, id: &str) -> payout::runtime::IndexMap<String, String> {
    payout_sandbox::credentials::merchant(w.specs[id].spec())
}

/// A webhook as the merchant's server received it: URL, headers and exact body.
fn request(raw: &Received) -> WebhookRequest<'_> {
    WebhookRequest::new(&raw.headers, &raw.body).at(&raw.url)
}

/// The five generated clients in one `Vec<Box<dyn PayoutProvider>>`: create, query, webhook.
#[tokio::test]
async fn five_generated_clients_behind_one_trait_object() {
    let w = common::world().await;
    let opts = common::client_options();
    let base = |id: &str| w.sandbox.base_url(id).unwrap();
    let providers: Vec<Box<dyn PayoutProvider>> = vec![
        Box::new(
            xettle::Client::with_base_url(
                xettle::Credentials::from_map(&credentials(&w, "xettle")).unwrap(),
                &base("xettle"),
                opts.clone(),
            )
            .unwrap(),
        ),
        Box::new(
            eanishop::Client::with_base_url(
                eanishop::Credentials::from_map(&credentials(&w, "eanishop")).unwrap(),
                &base("eanishop"),
                opts.clone(),
            )
            .unwrap(),
        ),
        Box::new(
            teemopay::Client::with_base_url(
                teemopay::Credentials::from_map(&credentials(&w, "teemopay")).unwrap(),
                &base("teemopay"),
                opts.clone(),
            )
            .unwrap(),
        ),
        Box::new(
            tecpay::Client::with_base_url(
                tecpay::Credentials::from_map(&credentials(&w, "tecpay")).unwrap(),
                &base("tecpay"),
                opts.clone(),
            )
            .unwrap(),
        ),
        Box::new(
            cashy::Client::with_base_url(
                cashy::Credentials::from_map(&credentials(&w, "cashy")).unwrap(),
                &base("cashy"),
                opts.clone(),
            )
            .unwrap(),
        ),
    ];
    for p in &providers {
        let id = p.provider_id().to_string();
        let r = format!("{id}-BOX-1");
        if p.supports(payout::runtime::Capability::Create) {
            let created = p
                .create_payout(&w.payout(&id, &r))
                .await
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(
                created.status.is_some_and(|s| !s.is_final()),
                "{id}: {created:?}"
            );
        } else {
            w.gateway(&id).insert_order(&r, d("100.00"), None).unwrap();
        }
        let gw = w.gateway(&id);
        while gw.advance(&r).unwrap().is_some() {}
        let last = gw.order(&r).unwrap();
        // The webhook, verified by the same kind of generated client at the merchant's end.
        let raw = w.verified_webhook(&id, &r, &last.status).await;
        let event = p
            .parse_webhook(&WebhookRequest::new(&raw.headers, &raw.body).at(&raw.url))
            .unwrap();
        assert_eq!(event.status, Some(PayoutStatus::Succeeded), "{id}");
        let q = p
            .query_payout(&PayoutRef::Both {
                merchant: r.clone(),
                provider: last.provider_ref.clone(),
            })
            .await
            .unwrap();
        assert_eq!(q.status, Some(PayoutStatus::Succeeded), "{id}");
    }
}

/// Each generated client's own typed methods, requests and webhooks.
#[tokio::test]
async fn typed_methods_of_each_generated_client() {
    let w = common::world().await;
    let opts = common::client_options();
    let base = |id: &str| w.sandbox.base_url(id).unwrap();

    // Xettle: an enum field, a path parameter, typed statuses.
    let x = xettle::Client::with_base_url(
        xettle::Credentials::from_map(&credentials(&w, "xettle")).unwrap(),
        &base("xettle"),
        opts.clone(),
    )
    .unwrap();
    let req = xettle::CreatePayoutRequest {
        contact_id: "CONT_TEST0001".into(),
        amount: d("150.50"),
        purpose: "salary_disbursement".into(),
        mode: xettle::CreatePayoutRequestMode::Imps,
        client_ref_id: "X-TYPED-1".into(),
        optional: Default::default(),
    }
    .remark("salary");
    assert_eq!(req.optional.remark.as_deref(), Some("salary"));
    let created = x.send(&req).await.unwrap();
    assert_eq!(created.status, Some(xettle::Status::Queued));
    assert_eq!(
        created.status.as_ref().and_then(|s| s.unified(None)),
        Some(PayoutStatus::Pending)
    );
    let data = created.body.data.clone().unwrap();
    assert_eq!(data.client_ref_id.as_deref(), Some("X-TYPED-1"));
    let order_ref = data.order_ref_id.unwrap();
    w.gateway("xettle").advance("X-TYPED-1").unwrap();
    let q = x
        .send(&xettle::QueryPayoutRequest {
            order_ref_id: order_ref.clone(),
        })
        .await
        .unwrap();
    assert_eq!(q.status, Some(xettle::Status::Processing));
    w.gateway("xettle").advance("X-TYPED-1").unwrap();
    let raw = w.verified_webhook("xettle", "X-TYPED-1", "processed").await;
    match x
        .webhook(&WebhookRequest::new(&raw.headers, &raw.body))
        .unwrap()
    {
        xettle::Webhook::PayoutTransfer(ev) => {
            assert_eq!(ev.status, Some(xettle::Status::Processed));
            assert_eq!(
                ev.body.event,
                Some(xettle::PayoutTransferBodyEvent::PayoutTransferSuccess)
            );
            let data = ev.body.data.unwrap();
            assert_eq!(data.status, Some(xettle::Status::Processed));
            assert_eq!(data.client_ref_id.as_deref(), Some("X-TYPED-1"));
            assert_eq!(data.order_ref_id, Some(order_ref));
            assert_eq!(data.amount, Some(d("150.50")));
            assert_eq!(ev.event.status, Some(PayoutStatus::Succeeded));
        }
    }

    // EaniShop: a tagged one-of (UPI), signed responses.
    let e = eanishop::Client::with_base_url(
        eanishop::Credentials::from_map(&credentials(&w, "eanishop")).unwrap(),
        &base("eanishop"),
        opts.clone(),
    )
    .unwrap();
    let method = eanishop::CreatePayoutRequestPayoutMethod::Upi(
        eanishop::CreatePayoutRequestPayoutMethodUpi {
            vpa: "asha@okbank".into(),
            payee_name: "Asha Rao".into(),
        },
    );
    let created = e
        .send(&eanishop::CreatePayoutRequest {
            merchant_trade_no: "E-TYPED-1".into(),
            amount: d("100"),
            payout_method: method,
            optional: eanishop::CreatePayoutRequestOptional {
                notify_url: Some(w.receiver.url("eanishop")),
                ..Default::default()
            },
        })
        .await
        .unwrap();
    assert_eq!(created.status, Some(eanishop::Status::Pending));
    assert!(
        created.result.verified_signatures >= 1,
        "the response signature was verified"
    );
    let payout_no = created.body.data.unwrap().payout_no.unwrap();
    let q = e
        .send(&eanishop::QueryPayoutRequest::default().payout_no(payout_no))
        .await
        .unwrap();
    assert_eq!(
        q.body.data.unwrap().merchant_trade_no.as_deref(),
        Some("E-TYPED-1")
    );
    w.gateway("eanishop").advance("E-TYPED-1").unwrap();
    let raw = w
        .verified_webhook("eanishop", "E-TYPED-1", "PROCESSING")
        .await;
    // EaniShop signs webhooks over the URL they are delivered to.
    let eanishop::Webhook::PayoutNotify(ev) = e.webhook(&request(&raw)).unwrap();
    assert_eq!(ev.status, Some(eanishop::Status::Processing));
    let data = ev.body.data.unwrap();
    assert_eq!(data.status, Some(eanishop::Status::Processing));
    assert_eq!(data.merchant_trade_no.as_deref(), Some("E-TYPED-1"));
    assert_eq!(data.amount, Some(d("100")));
    assert_eq!(ev.event.status, Some(PayoutStatus::Processing));
    // The same webhook read as delivered elsewhere: the signed URL differs.
    let err = e
        .webhook(&WebhookRequest::new(&raw.headers, &raw.body).at("http://elsewhere.example/hook"))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::BadSignature, "{err}");

    // TeemoPay: an int enum sent as "701", RSA-signed body.
    let t = teemopay::Client::with_base_url(
        teemopay::Credentials::from_map(&credentials(&w, "teemopay")).unwrap(),
        &base("teemopay"),
        opts.clone(),
    )
    .unwrap();
    let req = teemopay::CreatePayoutRequest {
        merchant_order_no: "T-TYPED-1".into(),
        amount: d("10000"),
        account_type: teemopay::CreatePayoutRequestAccountType::Transfer,
        bank_account: "08123456789".into(),
        real_name: "Budi Santoso".into(),
        phone: "08123456789".into(),
        optional: Default::default(),
    };
    let created = t.send(&req).await.unwrap();
    assert_eq!(created.status, Some(teemopay::Status::V1));
    let q = t
        .send(&teemopay::QueryPayoutRequest {
            merchant_order_no: "T-TYPED-1".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        q.status.and_then(|s| s.unified(None)),
        Some(PayoutStatus::Processing)
    );
    assert_eq!(q.body.data.unwrap().status, Some(teemopay::Status::V1));
    w.gateway("teemopay").advance("T-TYPED-1").unwrap();
    let raw = w.verified_webhook("teemopay", "T-TYPED-1", "2").await;
    let teemopay::Webhook::PayoutResult(ev) = t.webhook(&request(&raw)).unwrap();
    assert_eq!(ev.status, Some(teemopay::Status::V2));
    assert_eq!(ev.body.status, Some(teemopay::Status::V2));
    assert_eq!(ev.body.merchant_order_no.as_deref(), Some("T-TYPED-1"));
    assert_eq!(ev.body.amount, Some(d("10000")));
    assert_eq!(ev.event.status, Some(PayoutStatus::Succeeded));
    // Limits the types cannot carry are checked before sending, all at once.
    let bad = teemopay::CreatePayoutRequest {
        merchant_order_no: "T-TYPED-2".into(),
        amount: d("10000.5"),
        account_type: teemopay::CreatePayoutRequestAccountType::Transfer,
        bank_account: "0812".into(),
        real_name: "B".into(),
        phone: "1".into(),
        optional: Default::default(),
    };
    let err = t.send(&bad).await.unwrap_err();
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    for f in ["amount", "bankAccount", "phone"] {
        assert!(fields.contains(&f), "{f}: {err}");
    }
    assert_eq!(w.gateway("teemopay").count("T-TYPED-2"), 0);

    // Tecpay: the query only, with a random-IV encrypted hash both ways.
    let tc = tecpay::Client::with_base_url(
        tecpay::Credentials::from_map(&credentials(&w, "tecpay")).unwrap(),
        &base("tecpay"),
        opts.clone(),
    )
    .unwrap();
    w.gateway("tecpay")
        .insert_order("TC-TYPED-1", d("250.00"), None)
        .unwrap();
    let q = tc
        .send(&tecpay::QueryPayoutRequest {
            order_id: "TC-TYPED-1".into(),
        })
        .await
        .unwrap();
    assert_eq!(q.status, Some(tecpay::Status::Pending));
    assert_eq!(q.body.status, Some(tecpay::Status::Pending));
    assert!(q.result.verified_signatures >= 1);
    assert_eq!(q.body.processed_amount, Some(d("250.00")));
    w.gateway("tecpay").advance("TC-TYPED-1").unwrap();
    let raw = w.verified_webhook("tecpay", "TC-TYPED-1", "SUCCESS").await;
    let tecpay::Webhook::PayoutStatus(ev) = tc.webhook(&request(&raw)).unwrap();
    assert_eq!(ev.status, Some(tecpay::Status::Success));
    assert_eq!(ev.body.status, Some(tecpay::Status::Success));
    assert_eq!(ev.body.order_id.as_deref(), Some("TC-TYPED-1"));
    assert_eq!(ev.body.processed_amount, Some(d("250.00")));
    assert_eq!(ev.event.status, Some(PayoutStatus::Succeeded));

    // Cashy: a reason that turns a failure into a reversal.
    let c = cashy::Client::with_base_url(
        cashy::Credentials::from_map(&credentials(&w, "cashy")).unwrap(),
        &base("cashy"),
        opts,
    )
    .unwrap();
    let req = cashy::CreatePayoutRequest {
        amount: d("50000"),
        bank_id: 33,
        id_type: "1".into(),
        account_name: "Jeson".into(),
        mch_order_no: "C-TYPED-1".into(),
        id_card: "43912345".into(),
        account_no: "3023612345".into(),
        account_type: 0,
        notify_url: w.receiver.url("cashy"),
        remark: "salary".into(),
        optional: Default::default(),
    };
    let created = c.send(&req).await.unwrap();
    assert_eq!(created.status, Some(cashy::Status::Processing));
    assert_eq!(
        created.body.data.unwrap().order_status,
        Some(cashy::Status::Processing)
    );
    let gw = w.gateway("cashy");
    while gw.advance("C-TYPED-1").unwrap().is_some() {}
    let raw = w.verified_webhook("cashy", "C-TYPED-1", "SUCCESS").await;
    let cashy::Webhook::PayoutResult(ev) = c.webhook(&request(&raw)).unwrap();
    assert_eq!(ev.status, Some(cashy::Status::Success));
    assert_eq!(ev.body.order_status, Some(cashy::Status::Success));
    assert_eq!(ev.body.mch_order_no.as_deref(), Some("C-TYPED-1"));
    assert_eq!(ev.body.amount, Some(d("50000")));
    assert_eq!(ev.event.status, Some(PayoutStatus::Succeeded));
    // A forged one is an error, never an event.
    let mut forged = raw.clone();
    forged.body = String::from_utf8(raw.body.clone())
        .unwrap()
        .replace("SUCCESS", "FAIL")
        .into_bytes();
    let err = c.webhook(&request(&forged)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::BadSignature, "{err}");
    assert_eq!(
        cashy::Status::Fail.unified(Some("PAYMENT_OFFSET")),
        Some(PayoutStatus::Reversed)
    );
    assert_eq!(
        cashy::Status::from_provider("ON_HOLD"),
        cashy::Status::Other("ON_HOLD".into())
    );
    assert_eq!(cashy::Status::Other("ON_HOLD".into()).unified(None), None);
}

/// A gateway that is only a spec file: one `provider!` line gives it a typed client that
/// works against the sandbox imitating it, with no other Rust.
#[tokio::test]
async fn a_sixth_gateway_written_only_in_yaml() {
    // The sandbox imitates the gateway from the same (embedded) spec.
    let spec = acme::Client::spec().unwrap();
    let setup = GatewaySetup::with_test_credentials(spec).unwrap();
    let creds = acme::Credentials::from_map(&setup.credentials).unwrap();
    let sb = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let opts = ClientOptions {
        allow_insecure_http: true,
        ..ClientOptions::default()
    };
    let client = acme::Client::with_base_url(creds, &sb.base_url("acme").unwrap(), opts).unwrap();
    // The merchant's webhook endpoint, verifying with this client.
    let provider: Arc<dyn PayoutProvider> = Arc::new(client.clone());
    let receiver = Receiver::start(HashMap::from([("acme".to_string(), provider)]))
        .await
        .unwrap();
    let req = acme::CreatePayoutRequest {
        reference: "ACME-T-1".into(),
        amount: d("2500"),
        beneficiary: acme::CreatePayoutRequestBeneficiary {
            name: "Asha Rao".into(),
            account_number: "000123456789".into(),
            ifsc: "HDFC0001234".into(),
        },
        optional: Default::default(),
    }
    .purpose(acme::CreatePayoutRequestPurpose::Salary);
    let created = client.send(&req).await.unwrap();
    assert_eq!(created.status, Some(acme::Status::Pending));
    let id = created.body.data.unwrap().id.unwrap();
    let query = acme::QueryPayoutRequest { id: id.clone() };
    let gw = sb.gateway("acme").unwrap();
    gw.set_notify_url(Some(receiver.url("acme")));
    gw.advance("ACME-T-1").unwrap();
    gw.advance("ACME-T-1").unwrap();
    let q = client.send(&query).await.unwrap();
    assert_eq!(q.status, Some(acme::Status::Paid));
    assert_eq!(q.body.data.unwrap().state, Some(acme::Status::Paid));
    assert!(q.result.is_final());
    let raw = receiver
        .wait_for(
            Duration::from_secs(5),
            |r| matches!(&r.outcome, Ok(e) if e.provider_status.as_deref() == Some("PAID")),
        )
        .await
        .expect("a verified PAID webhook");
    let acme::Webhook::PayoutEvent(ev) = client.webhook(&request(&raw)).unwrap();
    assert_eq!(ev.status, Some(acme::Status::Paid));
    assert_eq!(ev.body.event.as_deref(), Some("payout.paid"));
    let data = ev.body.data.unwrap();
    assert_eq!(data.state, Some(acme::Status::Paid));
    assert_eq!(data.reference.as_deref(), Some("ACME-T-1"));
    assert_eq!(data.id.as_deref(), Some(id.as_str()));
    assert_eq!(data.amount, Some(d("2500")));
    assert_eq!(ev.event.status, Some(PayoutStatus::Succeeded));
    let dup = client.send(&req).await.unwrap_err();
    assert_eq!(dup.kind, ErrorKind::Duplicate, "{dup}");
    assert!(dup.may_exist);
    assert_eq!(gw.count("ACME-T-1"), 1);
    // The second create reached the gateway and was refused there.
    assert_eq!(gw.requests("create_payout", "ACME-T-1"), 2);
}

/// `Debug` of each gateway's `Credentials` shows the non-secret values and none of the
/// secret ones (RSA keys included).
#[test]
fn credentials_debug_hides_every_secret() {
    fn check(id: &str, debug: &str, spec: &payout::spec::Spec) {
        let values = payout_sandbox::credentials::merchant(spec);
        let mut secrets = 0;
        for (name, value) in &values {
            let secret = spec.credentials[name].is_secret();
            assert!(!value.is_empty(), "{id}.{name}");
            if secret {
                secrets += 1;
                assert!(
                    !debug.contains(value.as_str()),
                    "{id}: `{name}` shown: {debug}"
                );
                assert!(
                    !debug.contains(&format!("{value:?}")),
                    "{id}: `{name}` shown"
                );
                // Not even a line of a key.
                for line in value.lines().filter(|l| l.len() > 8) {
                    assert!(
                        !debug.contains(line),
                        "{id}: part of `{name}` shown: {debug}"
                    );
                }
            } else {
                // As `Debug` writes a string: quoted, newlines escaped.
                let shown = format!("{value:?}");
                assert!(debug.contains(&shown), "{id}: `{name}` hidden: {debug}");
            }
        }
        assert!(secrets >= 1, "{id} has no secret credential");
        assert_eq!(
            debug.matches("<redacted>").count(),
            secrets,
            "{id}: {debug}"
        );
    }
    macro_rules! debug_of {
        ($($module:ident),*) => {$({
            let spec = $module::Client::spec().unwrap();
            let values = payout_sandbox::credentials::merchant(spec.spec());
            let creds = $module::Credentials::from_map(&values).unwrap();
            check($module::PROVIDER_ID, &format!("{creds:?}"), spec.spec());
            // The pretty form too.
            check($module::PROVIDER_ID, &format!("{creds:#?}"), spec.spec());
        })*};
    }
    debug_of!(xettle, eanishop, teemopay, tecpay, cashy, acme);
}

/// A typed body keeps what the spec does not list: an unknown status is `Status::Other`, an
/// unknown enum value is the enum's `Other`, not `None`.
#[test]
fn typed_bodies_keep_unlisted_values() {
    let raw = JsonRef::parse(
        r#"{"event":"payout.transfer.held","code":"0x0200","data":{"status":"on_hold","amount":"1.50","utr":7}}"#,
    )
    .unwrap();
    let body = xettle::PayoutTransferBody::from_json(&raw).unwrap();
    assert_eq!(
        body.event,
        Some(xettle::PayoutTransferBodyEvent::Other(
            "payout.transfer.held".into()
        ))
    );
    assert_eq!(
        body.event.as_ref().map(|e| e.as_str()),
        Some("payout.transfer.held")
    );
    let data = body.data.unwrap();
    assert_eq!(data.status, Some(xettle::Status::Other("on_hold".into())));
    assert_eq!(data.amount, Some(d("1.50")));
    // A number where text is declared is read as its text; absent fields are `None`.
    assert_eq!(data.utr.as_deref(), Some("7"));
    assert_eq!(data.reason, None);
    // Listed values are read as their variants; an int status as its text.
    // A tree one holds reads the same, through its view.
    let raw = Json::parse(r#"{"status":4,"merchantOrderNo":"T-1"}"#).unwrap();
    let body = teemopay::PayoutResultBody::from_json(&raw.view()).unwrap();
    assert_eq!(body.status, Some(teemopay::Status::V4));
    assert_eq!(
        body.status.and_then(|s| s.unified(None)),
        Some(PayoutStatus::Reversed)
    );
}
