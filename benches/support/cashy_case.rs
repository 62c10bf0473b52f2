//! One Cashy case, run by the engine's typed client and by the hand-written client
//! (`cashy_by_hand.rs`): the same create, the same webhook, the same answer. Shared by the
//! criterion benchmark (`benches/typed.rs`) and the instruction counter (`examples/ops.rs`),
//! so that both measure exactly the same work.

#![allow(dead_code)] // Each target that includes this file uses part of it.

use std::hint::black_box;
use std::sync::Arc;

use payout::gateways::cashy;
use payout::runtime::codegen::ToJson;
use payout::runtime::response::{self, Received};
use payout::runtime::source::{FixedClock, OsEntropy};
use payout::runtime::{
    ClientOptions, CompiledSpec, Credentials, Decimal, IndexMap, Json, JsonMap, Operation,
    PayoutResult, PayoutStatus, RequestOptions, Secret, WebhookRequest,
};

use crate::cashy_by_hand::{self, Create};

pub const BASE_URL: &str = "https://sandbox.cocashy.com";

/// A webhook as Cashy documents it. Its signature, independently:
/// `printf '%s%s' "$BODY" test-api-key-cashy | openssl md5` → 9a2fe1f57cde21d402955321117dbeaf
pub const WEBHOOK: &str = r#"{"amount":60000.00,"completionTime":"2024-12-02 08:42:54","fee":5150.0000,"mchOrderNo":"1863484722378907648","merchantId":"3002124","nonceStr":"1733103774518","orderNo":"PAYOUT8551739282639106048","orderStatus":"SUCCESS","payType":"11"}"#;
pub const WEBHOOK_SIGN: &str = "9A2FE1F57CDE21D402955321117DBEAF";

/// A create's answer as Cashy documents it.
pub const ANSWER: &str = r#"{"code":200,"msg":"SUCCESS","data":{"merchantId":"1002001","mchOrderNo":"order00000001","orderNo":"PAYOUT8551739282639106048","amount":50000.00,"fee":1500.00,"orderStatus":"PROCESSING"}}"#;

pub struct Case {
    pub client: cashy::Client,
    pub typed: cashy::CreatePayoutRequest,
    pub input: JsonMap,
    pub hand: Create<'static>,
    pub headers: Vec<(String, String)>,
    /// What the client holds, for reading an answer outside a call.
    pub spec: Arc<CompiledSpec>,
    pub credentials: Credentials,
}

impl Case {
    pub fn new() -> Case {
        let credentials = cashy::Credentials {
            merchant_id: cashy_by_hand::MERCHANT_ID.into(),
            api_key: Secret::new(cashy_by_hand::API_KEY.to_string()),
        };
        let client = cashy::Client::with_base_url(credentials, BASE_URL, ClientOptions::default())
            .expect("a client")
            .with_sources(Arc::new(FixedClock(1_733_103_774_518)), Arc::new(OsEntropy));
        // A name with a quote and a non-ASCII letter: both sides must escape and count
        // characters, not bytes.
        let typed = cashy::CreatePayoutRequest {
            amount: Decimal::new(5_000_000, 2),
            bank_id: 33,
            id_type: "1".into(),
            account_name: "José \"Pepe\" Núñez".into(),
            mch_order_no: "order00000001".into(),
            id_card: "43912345".into(),
            account_no: "3023612345".into(),
            account_type: 0,
            notify_url: "https://merchant.example/hooks/cashy".into(),
            remark: "remark".into(),
            optional: Default::default(),
        }
        .nonce_str("123456789");
        let Json::Object(input) = typed.to_json() else {
            panic!("the typed request is an object")
        };
        let spec = cashy::Client::spec().expect("the embedded spec");
        let credentials = Credentials::new(
            spec.spec(),
            IndexMap::from([
                (
                    "merchant_id".to_string(),
                    cashy_by_hand::MERCHANT_ID.to_string(),
                ),
                ("api_key".to_string(), cashy_by_hand::API_KEY.to_string()),
            ]),
        )
        .expect("credentials");
        let hand = Create {
            amount: Decimal::new(5_000_000, 2),
            bank_id: 33,
            id_type: "1",
            account_name: "José \"Pepe\" Núñez",
            mch_order_no: "order00000001",
            id_card: "43912345",
            account_no: "3023612345",
            account_type: 0,
            notify_url: "https://merchant.example/hooks/cashy",
            remark: "remark",
            nonce_str: "123456789",
            phone: None,
            email: None,
        };
        let headers = vec![
            (
                "MerchantId".to_string(),
                cashy_by_hand::MERCHANT_ID.to_string(),
            ),
            ("Sign".to_string(), WEBHOOK_SIGN.to_string()),
        ];
        Case {
            client,
            typed,
            input,
            hand,
            headers,
            spec,
            credentials,
        }
    }

    /// Both sides produce the same request, accept the same webhook and read the same
    /// values from it and from the answer; both refuse the same bad input and forgery.
    pub fn check(&self) {
        let engine = self
            .client
            .prepare(&self.typed, &RequestOptions::default())
            .expect("the engine prepares the create");
        let hand = cashy_by_hand::create_request(BASE_URL, &self.hand).expect("valid");
        assert_eq!(engine.body_text(), String::from_utf8_lossy(&hand.body));
        assert_eq!(engine.header("Sign"), Some(hand.headers[2].1.as_str()));
        assert_eq!(engine.url(), hand.url);
        let dynamic = self.dynamic_create();
        assert_eq!(dynamic.body, hand.body);

        // Too many decimals and a name too long: both refuse, naming both.
        let mut bad = self.typed.clone();
        bad.amount = Decimal::new(50_000_001, 3);
        bad.account_name = "x".repeat(33);
        let err = self
            .client
            .prepare(&bad, &RequestOptions::default())
            .expect_err("the engine refuses");
        assert_eq!(err.fields.len(), 2, "{err}");
        let mut bad_hand = self.hand.clone();
        bad_hand.amount = bad.amount;
        let long = "x".repeat(33);
        bad_hand.account_name = &long;
        let refused = cashy_by_hand::create_request(BASE_URL, &bad_hand).expect_err("refused");
        assert_eq!(refused.0.len(), 2, "{refused:?}");

        let cashy::Webhook::PayoutResult(typed) = self.typed_webhook().expect("verified");
        let hand = self.hand_webhook().expect("verified by hand");
        assert_eq!(typed.event.status, Some(PayoutStatus::Succeeded));
        assert_eq!(typed.event.status, hand.status);
        assert_eq!(typed.event.amount, hand.amount);
        assert_eq!(typed.body.fee, hand.fee);
        assert_eq!(typed.event.provider_ref, hand.provider_ref);
        assert_eq!(typed.event.merchant_ref, hand.merchant_ref);
        assert_eq!(typed.event.ack.status, hand.ack.0);
        let forged = WEBHOOK.replace("SUCCESS", "FAIL");
        let req = WebhookRequest::new(&self.headers, forged.as_bytes());
        assert!(self.client.webhook(&req).is_err());
        assert!(cashy_by_hand::webhook(&self.headers, forged.as_bytes()).is_err());

        let typed = self.typed_answer().expect("read");
        let hand = self.hand_answer().expect("read by hand");
        assert_eq!(typed.result.status, Some(PayoutStatus::Processing));
        assert_eq!(typed.result.status, hand.status);
        assert_eq!(typed.result.amount, hand.amount);
        assert_eq!(typed.result.fee, hand.fee);
        assert_eq!(typed.result.provider_ref, hand.provider_ref);
        assert_eq!(
            typed.body.data.and_then(|d| d.merchant_id),
            hand.merchant_id
        );
    }

    pub fn typed_create(&self) -> payout::runtime::PreparedRequest {
        match self
            .client
            .prepare(black_box(&self.typed), &RequestOptions::default())
        {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        }
    }

    pub fn dynamic_create(&self) -> payout::runtime::PreparedRequest {
        match self.client.dynamic().prepare(
            "create_payout",
            black_box(&self.input),
            &RequestOptions::default(),
        ) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        }
    }

    pub fn hand_create(&self) -> cashy_by_hand::Request {
        match cashy_by_hand::create_request(BASE_URL, black_box(&self.hand)) {
            Ok(r) => r,
            Err(e) => panic!("{e:?}"),
        }
    }

    pub fn typed_webhook(&self) -> Result<cashy::Webhook, payout::runtime::PayoutError> {
        let req = WebhookRequest::new(&self.headers, black_box(WEBHOOK.as_bytes()));
        self.client.webhook(&req)
    }

    pub fn hand_webhook(&self) -> Result<cashy_by_hand::Webhook, String> {
        cashy_by_hand::webhook(&self.headers, black_box(WEBHOOK.as_bytes()))
    }

    /// What the typed client does with an answer: read it against the request it answers,
    /// then type it from the same reading.
    pub fn typed_answer(
        &self,
    ) -> Result<cashy::CreatePayoutResponse, payout::runtime::PayoutError> {
        let prepared = self.typed_create_once();
        let got = Received {
            http_status: 200,
            headers: &[],
            body: black_box(ANSWER.as_bytes()),
        };
        let (read, fields) = response::read_viewed(
            &self.spec,
            &self.credentials,
            &OsEntropy,
            "create_payout",
            &prepared.message,
            &got,
        )?;
        let result = PayoutResult {
            status: read.extracted.status,
            provider_status: read.extracted.provider_status,
            merchant_ref: read.extracted.merchant_ref,
            provider_ref: read.extracted.provider_ref,
            amount: read.extracted.amount,
            fee: read.extracted.fee,
            utr: read.extracted.utr,
            failure_reason: read.extracted.failure_reason,
            response: read.response,
            verified_signatures: read.verified_signatures,
        };
        Ok(<cashy::CreatePayoutRequest as Operation>::response(
            result, &fields,
        ))
    }

    pub fn hand_answer(&self) -> Result<cashy_by_hand::Answer, String> {
        cashy_by_hand::answer(200, black_box(ANSWER.as_bytes()))
    }

    /// The request an answer is read against, prepared once per process.
    fn typed_create_once(&self) -> &'static payout::runtime::PreparedRequest {
        static PREPARED: std::sync::OnceLock<payout::runtime::PreparedRequest> =
            std::sync::OnceLock::new();
        PREPARED.get_or_init(|| self.typed_create())
    }
}
