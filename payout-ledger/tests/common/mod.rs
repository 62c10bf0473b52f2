//! A sandbox and a ledger served on loopback, and a PostgreSQL cluster of our own.
#![allow(dead_code)] // each test file uses a part

pub mod campaign;
pub mod postgres;
pub mod replay;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use indexmap::IndexMap;
use payout_ledger::{Config, Ledger, Store};
use payout_runtime::{ClientOptions, CompiledSpec, Credentials, DynamicClient};
use payout_sandbox::{GatewaySetup, Options, Sandbox};
use serde_json::{json, Value};

/// Gateways with a create operation (Tecpay's payouts are made in its dashboard).
pub const CREATORS: [&str; 4] = ["cashy", "eanishop", "teemopay", "xettle"];

pub fn specs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

pub fn spec(id: &str) -> Arc<CompiledSpec> {
    let path = specs_dir().join(format!("{id}.yaml"));
    Arc::new(CompiledSpec::from_file(path).unwrap_or_else(|e| panic!("{e}")))
}

pub fn client_options() -> ClientOptions {
    ClientOptions {
        allow_insecure_http: true,
        request_timeout: Duration::from_secs(3),
        query_attempts: 1,
        ..ClientOptions::default()
    }
}

/// The body of `POST /payouts` for a gateway, by unified names.
pub fn payout_json(id: &str, merchant_ref: &str) -> Value {
    let (amount, currency, beneficiary, extra) = match id {
        "xettle" => (
            "150.50",
            "INR",
            json!({"method": "contact", "contact_id": "CONT_TEST0001"}),
            json!({"purpose": "salary_disbursement", "transfer_mode": "IMPS"}),
        ),
        "eanishop" => (
            "100.00",
            "INR",
            json!({"method": "upi", "vpa": "asha@okbank", "name": "Asha Rao"}),
            json!({}),
        ),
        "teemopay" => (
            "10000",
            "IDR",
            json!({"method": "wallet", "account_number": "08123456789", "name": "Budi Santoso", "phone": "08123456789"}),
            json!({}),
        ),
        "cashy" => (
            "50000.00",
            "COP",
            json!({"name": "Jeson", "account_number": "3023612345", "id_type": "1", "id_number": "43912345", "account_type": "0"}),
            json!({"extras": {"bankId": 33}}),
        ),
        _ => ("100.00", "INR", json!({}), json!({})),
    };
    let mut v = json!({
        "gateway": id,
        "merchant_ref": merchant_ref,
        "amount": amount,
        "currency": currency,
        "beneficiary": beneficiary,
        "remark": "salary",
    });
    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        for (k, x) in e {
            o.insert(k.clone(), x.clone());
        }
    }
    v
}

/// A ledger served on loopback against a sandbox imitating every gateway.
pub struct World {
    pub sandbox: Sandbox,
    pub creds: IndexMap<String, IndexMap<String, String>>,
    pub config: Config,
    pub ledger: Arc<Ledger>,
    pub url: String,
    pub http: reqwest::Client,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

/// The merchant credentials the sandbox expects, by gateway.
pub fn sandbox_setups() -> Vec<GatewaySetup> {
    ["cashy", "eanishop", "teemopay", "xettle", "tecpay"]
        .iter()
        .map(|id| GatewaySetup::with_test_credentials(spec(id)).unwrap())
        .collect()
}

pub fn clients(
    sandbox: &Sandbox,
    creds: &IndexMap<String, IndexMap<String, String>>,
) -> Vec<DynamicClient> {
    creds
        .iter()
        .map(|(id, c)| {
            let s = spec(id);
            let c = Credentials::new(s.spec(), c.clone()).unwrap();
            DynamicClient::new(s, c, &sandbox.base_url(id).unwrap(), client_options()).unwrap()
        })
        .collect()
}

/// Quick reconciler settings for tests.
pub fn test_config() -> Config {
    Config {
        send_lease: Duration::from_secs(5),
        check_lease: Duration::from_secs(10),
        check_base: Duration::from_millis(100),
        check_cap: Duration::from_millis(800),
        webhook_deadline: Duration::from_secs(5),
        not_found_grace: Duration::from_secs(4),
        poll: Duration::from_millis(50),
        ..Config::default()
    }
}

impl World {
    pub async fn start(db: &str, sandbox_options: Options) -> World {
        World::start_with(db, sandbox_options, test_config()).await
    }

    pub async fn start_with(db: &str, sandbox_options: Options, mut config: Config) -> World {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let setups = sandbox_setups();
        let creds: IndexMap<String, IndexMap<String, String>> = setups
            .iter()
            .map(|s| (s.spec.spec().provider.id.clone(), s.credentials.clone()))
            .collect();
        let sandbox = Sandbox::start(setups, sandbox_options).await.unwrap();
        for id in creds.keys() {
            sandbox
                .gateway(id)
                .unwrap()
                .set_notify_url(Some(format!("{url}/webhooks/{id}")));
        }
        let store = Store::open(db)
            .await
            .unwrap_or_else(|e| panic!("{db}: {e}"));
        config.public_url = Some(url.clone());
        let ledger = Arc::new(Ledger::new(store, clients(&sandbox, &creds), config));
        ledger.recover().await.unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(payout_ledger::serve::serve(
            ledger.clone(),
            listener,
            async move {
                let _ = stopped.await;
            },
        ));
        World {
            sandbox,
            creds,
            config: ledger.config().clone(),
            ledger,
            url,
            http: reqwest::Client::new(),
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Another `payout serve` instance on a database, against the same sandbox.
    pub async fn another(&self, db: &str) -> Instance {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let store = Store::open(db)
            .await
            .unwrap_or_else(|e| panic!("{db}: {e}"));
        let config = Config {
            owner: format!("second-{}", url),
            public_url: Some(url.clone()),
            ..self.config.clone()
        };
        let ledger = Arc::new(Ledger::new(
            store,
            clients(&self.sandbox, &self.creds),
            config,
        ));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(payout_ledger::serve::serve(
            ledger.clone(),
            listener,
            async move {
                let _ = stopped.await;
            },
        ));
        Instance {
            ledger,
            url,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn gateway(&self, id: &str) -> Arc<payout_sandbox::Gateway> {
        self.sandbox.gateway(id).unwrap()
    }

    pub async fn post(&self, body: &Value) -> (u16, Value) {
        let r = self
            .http
            .post(format!("{}/payouts", self.url))
            .json(body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        let r = self
            .http
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn payout(&self, id: &str, merchant_ref: &str) -> Value {
        let (s, v) = self.get(&format!("/payouts/{id}/{merchant_ref}")).await;
        assert_eq!(s, 200, "{v}");
        v
    }

    /// Waits until the payout has this status (or panics with its history).
    pub async fn wait_status(
        &self,
        id: &str,
        merchant_ref: &str,
        status: &str,
        within: Duration,
    ) -> Value {
        self.wait_until(id, merchant_ref, |s| s == status, within)
            .await
    }

    /// Waits until the payout's status passes `ok` (or panics with its history).
    pub async fn wait_until(
        &self,
        id: &str,
        merchant_ref: &str,
        ok: impl Fn(&str) -> bool,
        within: Duration,
    ) -> Value {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let p = self.payout(id, merchant_ref).await;
            if ok(p["status"].as_str().unwrap_or("")) {
                return p;
            }
            if tokio::time::Instant::now() > deadline {
                panic!("{id}/{merchant_ref} never got there: {p:#}");
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            t.await.unwrap().unwrap();
        }
    }
}

/// A second ledger instance.
pub struct Instance {
    pub ledger: Arc<Ledger>,
    pub url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Instance {
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            t.await.unwrap().unwrap();
        }
    }
}

/// Records the webhooks a gateway sends and refuses them (HTTP 500), so a test can deliver
/// them to the ledger in the order it likes.
pub async fn recorder() -> (
    String,
    std::sync::Arc<std::sync::Mutex<Vec<(Vec<(String, String)>, Vec<u8>)>>>,
) {
    use axum::routing::post;
    let got = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = got.clone();
    let app = axum::Router::new().route(
        "/hook",
        post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let keep = keep.clone();
                async move {
                    let h = headers
                        .iter()
                        .filter_map(|(k, v)| Some((k.to_string(), v.to_str().ok()?.to_string())))
                        .collect();
                    keep.lock().unwrap().push((h, body.to_vec()));
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR
                }
            },
        ),
    );
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, app).await });
    (url, got)
}
