//! A world for end-to-end tests: the sandbox imitating all five gateways on loopback, a
//! client per gateway (the generated typed clients, or dynamic ones), and the merchant's
//! webhook receiver.

#![allow(dead_code)] // each test file uses a part

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use indexmap::IndexMap;
use payout::runtime::*;
use payout_sandbox::receiver::{Received, Receiver};
use payout_sandbox::{GatewaySetup, Options, Sandbox};

/// The gateways with a generated client, from the one list in `src/gateways.rs`.
pub use payout::gateways::IDS as GATEWAYS;

pub struct World {
    pub sandbox: Sandbox,
    pub receiver: Receiver,
    pub clients: IndexMap<String, Arc<dyn PayoutProvider>>,
    pub specs: IndexMap<String, Arc<CompiledSpec>>,
}

pub fn spec(id: &str) -> Arc<CompiledSpec> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("specs/{id}.yaml"));
    Arc::new(CompiledSpec::from_file(path).unwrap_or_else(|e| panic!("{e}")))
}

pub fn client_options() -> ClientOptions {
    ClientOptions {
        allow_insecure_http: true,
        request_timeout: Duration::from_secs(5),
        retry_backoff: Duration::from_millis(20),
        ..ClientOptions::default()
    }
}

/// Which clients a world uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clients {
    /// The typed clients `payout::provider!` generated (`payout::gateways`).
    Generated,
    /// `DynamicClient`s over the spec files, loaded at run time.
    Dynamic,
}

/// Starts the sandbox with every gateway, a generated client for each, and the receiver;
/// webhooks of payouts that name no notify URL go to the receiver too.
pub async fn world() -> World {
    world_with(client_options(), Clients::Generated).await
}

pub async fn world_with(options: ClientOptions, kind: Clients) -> World {
    let mut setups = Vec::new();
    let mut specs = IndexMap::new();
    for id in GATEWAYS {
        let s = spec(id);
        specs.insert(id.to_string(), s.clone());
        setups.push(GatewaySetup::with_test_credentials(s).unwrap());
    }
    let creds: IndexMap<String, IndexMap<String, String>> = setups
        .iter()
        .map(|s| (s.spec.spec().provider.id.clone(), s.credentials.clone()))
        .collect();
    let sandbox = Sandbox::start(setups, Options::default()).await.unwrap();
    let mut clients = IndexMap::new();
    for id in GATEWAYS {
        let s = specs[id].clone();
        let base = sandbox.base_url(id).unwrap();
        let client: Arc<dyn PayoutProvider> = match kind {
            Clients::Generated => payout::gateways::unified(id, &creds[id], &base, options.clone())
                .expect("a generated client")
                .unwrap(),
            Clients::Dynamic => {
                let c = Credentials::new(s.spec(), creds[id].clone()).unwrap();
                Arc::new(DynamicClient::new(s, c, &base, options.clone()).unwrap())
            }
        };
        clients.insert(id.to_string(), client);
    }
    let providers: HashMap<String, Arc<dyn PayoutProvider>> = clients
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let receiver = Receiver::start(providers).await.unwrap();
    for id in GATEWAYS {
        sandbox
            .gateway(id)
            .unwrap()
            .set_notify_url(Some(receiver.url(id)));
    }
    World {
        sandbox,
        receiver,
        clients,
        specs,
    }
}

impl World {
    pub fn client(&self, id: &str) -> &Arc<dyn PayoutProvider> {
        &self.clients[id]
    }

    pub fn gateway(&self, id: &str) -> Arc<payout_sandbox::Gateway> {
        self.sandbox.gateway(id).unwrap()
    }

    /// A unified payout that the gateway accepts.
    pub fn payout(&self, id: &str, merchant_ref: &str) -> CreatePayout {
        payout_for(id, merchant_ref, Some(self.receiver.url(id)))
    }

    /// Creates a payout (through the unified create, or by hand at the sandbox for a
    /// gateway without a create operation: Tecpay).
    pub async fn create(&self, id: &str, merchant_ref: &str) -> Option<PayoutResult> {
        let c = self.client(id);
        if c.supports(Capability::Create) {
            let r = c.create_payout(&self.payout(id, merchant_ref)).await;
            Some(r.unwrap_or_else(|e| panic!("{id}: create {merchant_ref}: {e}")))
        } else {
            self.gateway(id)
                .insert_order(merchant_ref, "100.00".parse().unwrap(), None)
                .unwrap();
            None
        }
    }

    /// Queries by the reference the gateway needs (Xettle queries by its own reference).
    pub async fn query(&self, id: &str, merchant_ref: &str) -> Result<PayoutResult, PayoutError> {
        let order = self.gateway(id).order(merchant_ref);
        let r = match order {
            Some(o) => PayoutRef::Both {
                merchant: merchant_ref.to_string(),
                provider: o.provider_ref,
            },
            None => PayoutRef::Merchant(merchant_ref.to_string()),
        };
        self.client(id).query_payout(&r).await
    }

    /// Waits for a webhook of this payout carrying this provider status that the merchant's
    /// receiver verified, as it arrived (URL, headers, exact body) and as it was read.
    pub async fn verified_webhook(
        &self,
        id: &str,
        merchant_ref: &str,
        provider_status: &str,
    ) -> Received {
        // A webhook that names only the gateway's id (Wise's) is this payout's by that id.
        let provider_ref = self.gateway(id).order(merchant_ref).map(|o| o.provider_ref);
        let got = self
            .receiver
            .wait_for(Duration::from_secs(5), |r: &Received| {
                r.provider == id
                    && matches!(&r.outcome, Ok(e) if (e.merchant_ref.as_deref() == Some(merchant_ref)
                            || (e.merchant_ref.is_none() && e.provider_ref.is_some() && e.provider_ref == provider_ref))
                        && e.provider_status.as_deref() == Some(provider_status))
            })
            .await;
        match got {
            Some(r) => r,
            None => panic!(
                "{id}: no verified webhook {merchant_ref}/{provider_status}; received: {:?}; deliveries: {:?}",
                self.receiver.received().iter().filter(|r| r.provider == id).map(|r| r.outcome.as_ref().map(|e| e.provider_status.clone()).map_err(|e| e.to_string())).collect::<Vec<_>>(),
                self.gateway(id).deliveries()
            ),
        }
    }

    /// Waits for a verified webhook of this payout carrying this provider status.
    pub async fn webhook(
        &self,
        id: &str,
        merchant_ref: &str,
        provider_status: &str,
    ) -> WebhookEvent {
        let r = self
            .verified_webhook(id, merchant_ref, provider_status)
            .await;
        r.outcome.unwrap()
    }

    /// How many requests of the gateway's create operation for this merchant reference
    /// reached the sandbox with a valid signature (refused ones included).
    pub fn create_requests(&self, id: &str, merchant_ref: &str) -> usize {
        let op = self.create_operation(id);
        self.gateway(id).requests(&op, merchant_ref)
    }

    /// The name of the gateway's create operation (Paystack's is `create_transfer`).
    pub fn create_operation(&self, id: &str) -> String {
        self.operation(id, payout::spec::OperationRole::Create)
    }

    /// The name of the gateway's operation with a unified role.
    pub fn operation(&self, id: &str, role: payout::spec::OperationRole) -> String {
        self.specs[id]
            .spec()
            .operation_for(role)
            .map(|(name, _)| name.to_string())
            .unwrap_or_else(|| panic!("{id} has no {role} operation"))
    }

    /// The unified status the spec maps a provider status to.
    /// Whether the answer to a create carries the payout's status. Wise's does not: its
    /// money step funds a transfer and answers `COMPLETED`, not the transfer's state.
    pub fn create_reports_status(&self, id: &str) -> bool {
        fn has(fields: &IndexMap<String, payout_spec::Field>) -> bool {
            fields.values().any(|f| {
                f.role == Some(payout::spec::Role::Status)
                    || f.fields.as_ref().is_some_and(has)
                    || f.items
                        .as_ref()
                        .and_then(|i| i.fields.as_ref())
                        .is_some_and(has)
            })
        }
        self.specs[id]
            .spec()
            .operation_for(payout_spec::OperationRole::Create)
            .and_then(|(_, op)| op.response.body.as_ref())
            .is_some_and(|b| has(&b.fields))
    }

    pub fn mapped(&self, id: &str, provider_status: &str) -> PayoutStatus {
        self.specs[id]
            .spec()
            .status(provider_status)
            .unwrap()
            .unified()
    }
}

/// The unified request each gateway accepts: the beneficiary parts its spec needs, and
/// the gateway-specific fields in `extras`.
pub fn payout_for(id: &str, merchant_ref: &str, notify: Option<String>) -> CreatePayout {
    let (amount, currency) = match id {
        "xettle" => ("150.50", "INR"),
        "eanishop" => ("100.00", "INR"),
        "teemopay" => ("10000", "IDR"),
        "cashy" => ("50000.00", "COP"),
        "stripe" => ("10.00", "USD"),
        "paystack" => ("1000.00", "NGN"),
        "paypal" => ("9.87", "USD"),
        "wise" => ("110.00", "GBP"),
        _ => ("100.00", "INR"),
    };
    let mut p = CreatePayout::new(merchant_ref, Money::parse(amount, currency).unwrap());
    p.notify_url = notify;
    p.remark = Some("salary".into());
    let b = &mut p.beneficiary;
    match id {
        "xettle" => {
            b.method = Some(PayoutMethod::Contact);
            b.contact_id = Some("CONT_TEST0001".into());
            p.purpose = Some("salary_disbursement".into());
            p.transfer_mode = Some("IMPS".into());
        }
        "eanishop" => {
            b.method = Some(PayoutMethod::Upi);
            b.vpa = Some("asha@okbank".into());
            b.name = Some("Asha Rao".into());
        }
        "teemopay" => {
            b.method = Some(PayoutMethod::Wallet);
            b.account_number = Some("08123456789".into());
            b.name = Some("Budi Santoso".into());
            b.phone = Some("08123456789".into());
        }
        "cashy" => {
            b.name = Some("Jeson".into());
            b.account_number = Some("3023612345".into());
            b.id_type = Some("1".into());
            b.id_number = Some("43912345".into());
            b.account_type = Some("0".into());
            p.extras.insert("bankId".into(), Json::from(33i64));
        }
        "paypal" => {
            b.email = Some("receiver@example.com".into());
            p.purpose = Some("Thanks for your patronage!".into());
        }
        "paystack" => {
            b.name = Some("Tolu Robert".into());
            b.account_number = Some("0001234567".into());
            b.bank_code = Some("058".into());
        }
        "wise" => {
            b.name = Some("Ann Johnson".into());
            b.account_number = Some("37778842".into());
            b.bank_code = Some("040075".into());
        }
        _ => {}
    }
    p
}
