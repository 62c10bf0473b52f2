//! One simulated gateway: it verifies each request's signature with the spec's recipe,
//! validates the fields, keeps orders unique by merchant reference, moves them through
//! statuses, and answers in the gateway's own shapes, signed where the spec says so.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use indexmap::IndexMap;
use payout_runtime::context::Message;
use payout_runtime::credentials::GatewayKeys;
use payout_runtime::extract::unified_status;
use payout_runtime::http::header_pairs;
use payout_runtime::message::Finished;
use payout_runtime::plan::MessagePlan;
use payout_runtime::request;
use payout_runtime::signing::{Engine, Signer};
use payout_runtime::source::{self, Clock, OsEntropy, SystemClock};
use payout_runtime::validate::Generated;
use payout_runtime::verify::{self, Refusal};
use payout_runtime::{message, webhook as rt_webhook, CompiledSpec, Credentials, PayoutError};
use payout_spec::{
    BodyEncoding, ErrorKind, Json, JsonMap, Location, NonceFormat, Operation, OperationRole,
    PayoutStatus, Role, SandboxReversal,
};
use rust_decimal::Decimal;

use crate::faults::{Fault, FaultRule, Faults};
use crate::log::{Refused, RequestLog};
use crate::notify::{self, Delivery};
use crate::plan::{RequestPlan, RequestPlans};
use crate::roles::RequestRoles;
use crate::server::DropConnection;
use crate::store::{Order, Outcome, Store};
use crate::Shared;

/// A simulated gateway. Tests drive it through these methods; the admin HTTP endpoints
/// call the same ones.
pub struct Gateway {
    pub(crate) id: String,
    pub(crate) spec: Arc<CompiledSpec>,
    pub(crate) creds: Credentials,
    /// The same credentials with every secret altered, for wrong-signature faults.
    pub(crate) wrong_creds: Credentials,
    pub(crate) keys: GatewayKeys,
    /// Keys that sign wrongly, for wrong-signature faults.
    wrong_keys: GatewayKeys,
    store: Mutex<Store>,
    pub(crate) faults: Mutex<Faults>,
    outcomes: Mutex<HashMap<String, Outcome>>,
    pub(crate) deliveries: Mutex<Vec<Delivery>>,
    /// Requests received (signature verified), by operation and merchant reference.
    received: Mutex<HashMap<(String, String), usize>>,
    notify_url: Mutex<Option<String>>,
    /// Tokens and resources handed out by the spec's flow steps.
    pub(crate) flows: Mutex<crate::flows::FlowStore>,
    /// Where each operation's request carries each role.
    pub(crate) roles: RequestRoles,
    /// What checking each operation's request needs from the spec.
    plans: RequestPlans,
    pub(crate) shared: Arc<Shared>,
}

/// A request as the router hands it over.
pub struct Incoming {
    pub method: String,
    /// The path after the gateway's prefix (`/api/payOut`).
    pub path: String,
    /// The full URL the client used, query included.
    pub url: String,
    pub query: Option<String>,
    pub params: HashMap<String, String>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// Locks a mutex, recovering the data if a holder panicked (a test thread, say): the
/// sandbox keeps answering.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Gateway {
    pub(crate) fn new(
        spec: Arc<CompiledSpec>,
        credentials: IndexMap<String, String>,
        keys: GatewayKeys,
        notify_url: Option<String>,
        shared: Arc<Shared>,
    ) -> Result<Self, String> {
        let s = spec.spec();
        let creds = Credentials::new(s, credentials.clone()).map_err(|p| p.to_string())?;
        let wrong = crate::credentials::wrong(s, &credentials);
        let wrong_creds = Credentials::new(s, wrong).map_err(|p| p.to_string())?;
        let wrong_keys = crate::credentials::wrong_gateway_keys(&keys)?;
        let roles = RequestRoles::new(s);
        let plans = RequestPlans::new(&spec);
        Ok(Gateway {
            id: s.provider.id.clone(),
            spec,
            creds,
            wrong_creds,
            keys,
            wrong_keys,
            store: Mutex::new(Store::default()),
            faults: Mutex::new(Faults::default()),
            outcomes: Mutex::new(HashMap::new()),
            deliveries: Mutex::new(Vec::new()),
            received: Mutex::new(HashMap::new()),
            notify_url: Mutex::new(notify_url),
            flows: Mutex::new(Default::default()),
            roles,
            plans,
            shared,
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn spec(&self) -> &CompiledSpec {
        &self.spec
    }

    /// Adds a fault rule.
    pub fn add_fault(&self, rule: FaultRule) {
        lock(&self.faults).add(rule);
    }

    pub fn clear_faults(&self) {
        lock(&self.faults).clear();
    }

    pub fn fault_rules(&self) -> Vec<FaultRule> {
        lock(&self.faults).rules().to_vec()
    }

    /// Decides how the payout with this reference will end (default: it succeeds).
    pub fn set_outcome(&self, merchant_ref: &str, outcome: Outcome) {
        lock(&self.outcomes).insert(merchant_ref.to_string(), outcome);
    }

    /// Where webhooks go for payouts whose request named no notify URL.
    pub fn set_notify_url(&self, url: Option<String>) {
        *lock(&self.notify_url) = url;
    }

    /// How many payouts exist with this merchant reference.
    pub fn count(&self, merchant_ref: &str) -> usize {
        lock(&self.store).count(merchant_ref)
    }

    /// How many requests of an operation for a merchant reference arrived (and verified):
    /// shows whether a client sent a create once or retried it.
    pub fn requests(&self, operation: &str, merchant_ref: &str) -> usize {
        lock(&self.received)
            .get(&(operation.to_string(), merchant_ref.to_string()))
            .copied()
            .unwrap_or(0)
    }

    pub fn order(&self, merchant_ref: &str) -> Option<Order> {
        lock(&self.store).by_merchant_ref(merchant_ref).cloned()
    }

    pub fn orders(&self) -> Vec<Order> {
        lock(&self.store).all().to_vec()
    }

    /// Every webhook delivery attempt so far.
    pub fn deliveries(&self) -> Vec<Delivery> {
        lock(&self.deliveries).clone()
    }

    /// The provider statuses a payout goes through.
    fn path_for(&self, outcome: Outcome) -> Vec<String> {
        let s = self.spec.spec();
        if let Some(sb) = &s.sandbox {
            let p = match outcome {
                Outcome::Succeed => &sb.success_path,
                Outcome::Fail => &sb.failure_path,
            };
            if !p.is_empty() {
                return p.clone();
            }
        }
        // No sandbox section: the first mapped non-final status, then the first final one.
        let first = |want: &dyn Fn(PayoutStatus) -> bool| {
            s.statuses
                .iter()
                .find(|(_, e)| want(e.unified()))
                .map(|(k, _)| k.clone())
        };
        let end = match outcome {
            Outcome::Succeed => first(&|u| u == PayoutStatus::Succeeded),
            Outcome::Fail => first(&|u| u == PayoutStatus::Failed),
        };
        first(&|u| !u.is_final()).into_iter().chain(end).collect()
    }

    /// Stores a payout directly, as if created through a channel the spec does not describe
    /// (Tecpay documents only its status query).
    ///
    /// Refused when the merchant reference exists: the check and the insert are one step
    /// under the store's lock, so two creates racing with one reference make one payout.
    pub fn insert_order(
        self: &Arc<Self>,
        merchant_ref: &str,
        amount: Decimal,
        notify_url: Option<String>,
    ) -> Result<Order, String> {
        self.insert_order_as(merchant_ref, amount, notify_url, None)
    }

    /// [`Gateway::insert_order`], with the gateway's id already made by a step of the flow
    /// (Wise's transfer) instead of a new one.
    pub(crate) fn insert_order_as(
        self: &Arc<Self>,
        merchant_ref: &str,
        amount: Decimal,
        notify_url: Option<String>,
        provider_ref: Option<String>,
    ) -> Result<Order, String> {
        let outcome = lock(&self.outcomes)
            .get(merchant_ref)
            .copied()
            .unwrap_or(Outcome::Succeed);
        let path = self.path_for(outcome);
        let prefix = self
            .spec
            .spec()
            .sandbox
            .as_ref()
            .and_then(|s| s.provider_ref_prefix.as_deref())
            .unwrap_or("SBX");
        let now = SystemClock.now_millis();
        let mut store = lock(&self.store);
        if store.count(merchant_ref) > 0 {
            return Err(format!("merchant reference {merchant_ref} already used"));
        }
        let order = Order {
            merchant_ref: merchant_ref.to_string(),
            provider_ref: provider_ref.unwrap_or_else(|| store.next_ref(prefix)),
            amount,
            status: path.first().cloned().unwrap_or_default(),
            history: path.first().cloned().into_iter().collect(),
            path,
            step: 0,
            reason: None,
            notify_url,
            utr: None,
            created_ms: now,
            updated_ms: now,
        };
        if !store.insert(order.clone()) {
            return Err(format!("merchant reference {merchant_ref} already used"));
        }
        drop(store);
        self.schedule(merchant_ref);
        Ok(order)
    }

    /// Moves a payout on by its schedule, when the sandbox runs one.
    fn schedule(self: &Arc<Self>, merchant_ref: &str) {
        let Some(step) = self.shared.options.step_delay else {
            return;
        };
        let gw = self.clone();
        let r = merchant_ref.to_string();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(step).await;
                match gw.advance(&r) {
                    Ok(Some(_)) => continue,
                    _ => break,
                }
            }
        });
    }

    /// Moves a payout to the next status of its path; `None` when it is at the end.
    pub fn advance(self: &Arc<Self>, merchant_ref: &str) -> Result<Option<String>, String> {
        let snapshot = {
            let mut store = lock(&self.store);
            let o = store
                .get_mut(merchant_ref)
                .ok_or_else(|| format!("no payout `{merchant_ref}`"))?;
            if o.step + 1 >= o.path.len() {
                return Ok(None);
            }
            o.step += 1;
            let next = o.path[o.step].clone();
            self.change(o, next, None);
            o.clone()
        };
        notify::send(self, &snapshot);
        Ok(Some(snapshot.status))
    }

    /// How the gateway reverses a paid payout: the spec's `sandbox.reversal`, else the
    /// first status mapped to `reversed`; `None` when it has no reversal.
    pub fn reversal(&self) -> Option<SandboxReversal> {
        let s = self.spec.spec();
        s.sandbox
            .as_ref()
            .and_then(|sb| sb.reversal.clone())
            .or_else(|| {
                s.statuses
                    .iter()
                    .find(|(_, e)| e.unified() == PayoutStatus::Reversed)
                    .map(|(k, _)| SandboxReversal {
                        status: k.clone(),
                        reason: None,
                    })
            })
    }

    /// Reverses a paid payout, as the gateway does.
    pub fn reverse(self: &Arc<Self>, merchant_ref: &str) -> Result<String, String> {
        let rev = self
            .reversal()
            .ok_or_else(|| format!("{} has no reversal", self.id))?;
        let snapshot = {
            let mut store = lock(&self.store);
            let o = store
                .get_mut(merchant_ref)
                .ok_or_else(|| format!("no payout `{merchant_ref}`"))?;
            if self.unified(o) != Some(PayoutStatus::Succeeded) {
                return Err(format!(
                    "`{merchant_ref}` is {} , not paid: only a paid payout can be reversed",
                    o.status
                ));
            }
            self.change(o, rev.status.clone(), rev.reason.clone());
            // Off its path now: the schedule stops moving it.
            o.step = o.path.len();
            o.clone()
        };
        notify::send(self, &snapshot);
        Ok(snapshot.status)
    }

    /// Sets any status (and reason) by hand.
    pub fn set_status(
        self: &Arc<Self>,
        merchant_ref: &str,
        status: &str,
        reason: Option<String>,
    ) -> Result<String, String> {
        let snapshot = {
            let mut store = lock(&self.store);
            let o = store
                .get_mut(merchant_ref)
                .ok_or_else(|| format!("no payout `{merchant_ref}`"))?;
            self.change(o, status.to_string(), reason);
            o.step = o.path.len();
            o.clone()
        };
        notify::send(self, &snapshot);
        Ok(snapshot.status)
    }

    fn change(&self, o: &mut Order, status: String, reason: Option<String>) {
        o.status = status.clone();
        o.reason = reason;
        o.updated_ms = SystemClock.now_millis();
        o.history.push(status.clone());
        if self.unified(o) == Some(PayoutStatus::Succeeded) && o.utr.is_none() {
            o.utr = Some(format!("{:012}", o.updated_ms % 1_000_000_000_000));
        }
    }

    /// The unified status of an order: its provider status with its reason (Cashy's FAIL
    /// with PAYMENT_OFFSET is a reversal).
    pub fn unified(&self, o: &Order) -> Option<PayoutStatus> {
        unified_status(self.spec.spec(), &o.status, o.reason.as_deref())
    }

    pub(crate) fn default_notify_url(&self) -> Option<String> {
        lock(&self.notify_url).clone()
    }

    /// Handles one request to one operation, and logs it.
    pub(crate) async fn handle(self: Arc<Self>, op_name: &str, req: Incoming) -> Response {
        let started = std::time::Instant::now();
        let mut log = RequestLog::default();
        let resp = self.clone().respond(op_name, req, &mut log).await;
        crate::log::request(&self.id, op_name, &log, &resp, started.elapsed());
        resp
    }

    async fn respond(
        self: Arc<Self>,
        op_name: &str,
        req: Incoming,
        log: &mut RequestLog,
    ) -> Response {
        let s = self.spec.spec();
        let (Some(op), Some(plan)) = (s.operations.get(op_name), self.plans.get(op_name)) else {
            return self.error(ErrorKind::NotFound, "no such operation");
        };
        let body = match parse_body(op, &req.body) {
            Ok(b) => b,
            Err(m) => return self.error(ErrorKind::InvalidRequest, &m),
        };
        let mut msg = Message {
            params: req
                .params
                .into_iter()
                .map(|(k, v)| (k, Json::String(v)))
                .collect(),
            query: req
                .query
                .as_deref()
                .map(rt_webhook::parse_form)
                .unwrap_or_default(),
            body,
            headers: header_pairs(&req.headers),
            method: req.method.into(),
            path: req.path,
            url: req.url,
            body_bytes: Some(req.body),
            ..Message::default()
        };
        if let Err(refusal) = self.verify(plan, &mut msg) {
            log.merchant_ref = self.request_refs(op_name, &msg).merchant;
            crate::log::refused_signature(&self.id, op_name, &refusal);
            return self.refuse(op_name, op, &msg, ErrorKind::Unauthorized, &refusal.message);
        }
        if plan.names_obtained {
            if let Err((kind, m)) = self.check_obtained(op_name, op, &msg) {
                if kind == ErrorKind::Unauthorized {
                    return self.refuse(op_name, op, &msg, kind, &m);
                }
            }
        }
        if let Err(m) = self.validate(op, plan, &mut msg) {
            return self.refuse(op_name, op, &msg, ErrorKind::InvalidRequest, &m);
        }
        if plan.names_obtained {
            if let Err((kind, m)) = self.check_obtained(op_name, op, &msg) {
                return self.refuse(op_name, op, &msg, kind, &m);
            }
        }
        if plan.is_postback {
            if let Err((kind, m)) = self.check_postback(op, &msg) {
                return self.refuse(op_name, op, &msg, kind, &m);
            }
        }
        if let Some(resp) = self.challenge(op_name, op, &msg) {
            return resp;
        }
        let refs = self.request_refs(op_name, &msg);
        // Faults are keyed by merchant reference; a query may name only the gateway's.
        // Or only the resource a step made for it (Wise's fund names the transfer).
        let merchant = refs
            .merchant
            .clone()
            .or_else(|| {
                let store = lock(&self.store);
                let p = refs.provider.as_deref()?;
                store.by_provider_ref(p).map(|o| o.merchant_ref.clone())
            })
            .or_else(|| {
                plan.names_obtained
                    .then(|| self.named_resources(op, &msg).merchant_ref)?
            });
        log.merchant_ref = merchant.clone().or_else(|| refs.provider.clone());
        if let Some(m) = &merchant {
            *lock(&self.received)
                .entry((op_name.to_string(), m.clone()))
                .or_default() += 1;
        }
        // A payout's faults are meant for its money step and its queries: the steps of a
        // flow before it (Wise's quote and transfer) carry the same reference, but take only
        // the faults that name no payout.
        let fault_ref = merchant.as_deref().filter(|_| !plan.is_step);
        let faults = lock(&self.faults).take(op_name, fault_ref);
        log.faults(&faults);
        for f in &faults {
            if let Fault::Delay { millis } = f {
                tokio::time::sleep(Duration::from_millis(*millis)).await;
            }
        }
        if let Some((status, after)) = faults.iter().find_map(|f| match f {
            Fault::Throttle {
                status,
                retry_after,
            } => Some((*status, retry_after)),
            _ => None,
        }) {
            return throttled(status, after);
        }
        let has = |f: &Fault| faults.contains(f);
        let refusal = faults.iter().find_map(|f| match f {
            Fault::Refuse { error } => Some(*error),
            _ => None,
        });
        if let Some(kind) = refusal {
            let wrong = has(&Fault::WrongSignature);
            return self.refuse_signed(
                op_name,
                op,
                &msg,
                kind,
                "refused by a sandbox fault",
                wrong,
            );
        }
        let order = match op.role {
            OperationRole::Create => {
                if has(&Fault::DropBeforeStore) {
                    return drop_connection();
                }
                // The money step of a flow may name only what its steps made (Wise's
                // fund names the transfer): the reference and amount are theirs.
                let made = if plan.names_obtained {
                    self.named_resources(op, &msg)
                } else {
                    Default::default()
                };
                let Some(mref) = refs.merchant.clone().or(made.merchant_ref) else {
                    return self.refuse(
                        op_name,
                        op,
                        &msg,
                        ErrorKind::InvalidRequest,
                        "no merchant reference",
                    );
                };
                let amount = self
                    .roles
                    .amount(s, op_name, &msg)
                    .or(made.amount)
                    .unwrap_or_default();
                let notify = self
                    .roles
                    .text(op_name, &Role::NotifyUrl, &msg)
                    .filter(|u| !u.is_empty())
                    .or_else(|| self.default_notify_url());
                let order = match self.insert_order_as(&mref, amount, notify, made.provider_ref) {
                    Ok(o) => o,
                    Err(m) => return self.refuse(op_name, op, &msg, ErrorKind::Duplicate, &m),
                };
                if has(&Fault::DropAfterStore) {
                    return drop_connection();
                }
                Some(order)
            }
            OperationRole::Query | OperationRole::Cancel => {
                let found = {
                    let store = lock(&self.store);
                    refs.provider
                        .as_deref()
                        .and_then(|p| store.by_provider_ref(p))
                        .or_else(|| {
                            refs.merchant
                                .as_deref()
                                .and_then(|m| store.by_merchant_ref(m))
                        })
                        .cloned()
                };
                match found {
                    Some(o) => Some(o),
                    None => {
                        return self.refuse(
                            op_name,
                            op,
                            &msg,
                            ErrorKind::NotFound,
                            "order does not exist",
                        )
                    }
                }
            }
            _ => None,
        };
        if has(&Fault::ServerError) {
            return self.server_error();
        }
        if has(&Fault::SystemError) {
            return self.refuse(op_name, op, &msg, ErrorKind::Ambiguous, "system error");
        }
        if has(&Fault::MalformedBody) {
            return plain(
                StatusCode::OK,
                "application/json",
                "{\"code\":200,\"data\":{\"orderStatus\":".into(),
            );
        }
        let issued = self.issue(op_name, op, &msg);
        self.success(
            op_name,
            op,
            order.as_ref(),
            &msg,
            &issued,
            has(&Fault::WrongSignature),
        )
    }

    /// The merchant's and provider's references a request carries.
    fn request_refs(&self, op_name: &str, msg: &Message) -> Refs {
        let non_empty = |role| {
            self.roles
                .text(op_name, role, msg)
                .filter(|s| !s.is_empty())
        };
        Refs {
            merchant: non_empty(&Role::MerchantRef),
            provider: non_empty(&Role::ProviderRef),
        }
    }

    /// Verifies the request's signatures and credentials as the gateway would (with the
    /// merchant's key), wherever the spec puts them: headers, path, query or body. What
    /// verifying writes into the message (the timestamp and nonce read back, the signatures
    /// computed) is taken out again: the rest of the handling sees the request as received.
    fn verify(&self, plan: &RequestPlan, msg: &mut Message) -> Result<(), Refusal> {
        let carriers = plan.carriers(msg);
        let kept = (
            msg.timestamp.take(),
            msg.nonce.take(),
            std::mem::take(&mut msg.signatures),
        );
        let checked = verify::check(
            &self.spec,
            &self.creds,
            &OsEntropy,
            msg,
            None,
            &carriers,
            Signer::Merchant,
            Some(&self.keys),
        );
        (msg.timestamp, msg.nonce, msg.signatures) = kept;
        checked.map(|_| ())
    }

    /// Checks the fields as the gateway would, with the checks a client runs before
    /// sending: types, limits, required fields, rules, in the path, query and body.
    ///
    /// Amounts arrive in the wire's unit; input is in major units (`unit: minor` is how
    /// an amount is written, not how it is given), so they are read back first. A request
    /// with only a body and no computed fields (most creates) is checked in place: its
    /// amounts are rewritten for the check and put back after, instead of copying every
    /// value into a separate input.
    fn validate(
        &self,
        op: &Operation,
        plan: &RequestPlan,
        msg: &mut Message,
    ) -> Result<(), String> {
        let s = self.spec.spec();
        let gen = Generated {
            nonce: msg.nonce.as_deref().unwrap_or_default(),
            timestamp_ms: SystemClock.now_millis(),
            entropy: &OsEntropy,
        };
        if plan.has_computed || !msg.params.is_empty() || !msg.query.is_empty() {
            let mut input = merchant_input(op, msg);
            let money = amounts_money(s, op, (&input).into());
            for (name, f) in &plan.amount_fields {
                if let Some(v) = input.get_mut(name) {
                    to_major_units(f, v, &money.amount);
                }
            }
            return request::normalize_input(s, op, &input, &gen)
                .map(|_| ())
                .map_err(|e| e.to_string());
        }
        let money = amounts_money(s, op, (&msg.body).into());
        let mut received = Vec::new();
        for (name, f) in &plan.amount_fields {
            if let Some(v) = msg.body.get_mut(name) {
                received.push((name, v.clone()));
                to_major_units(f, v, &money.amount);
            }
        }
        let checked = request::normalize_input(s, op, &msg.body, &gen);
        for (name, v) in received {
            if let Some(slot) = msg.body.get_mut(name) {
                *slot = v;
            }
        }
        checked.map(|_| ()).map_err(|e| e.to_string())
    }

    /// A successful answer, generated from the response fields' roles, signed as the
    /// gateway (or with altered secrets for a wrong-signature fault).
    fn success(
        &self,
        op_name: &str,
        op: &Operation,
        order: Option<&Order>,
        req: &Message,
        issued: &[(String, Json)],
        wrong: bool,
    ) -> Response {
        let s = self.spec.spec();
        let role_value = |role: &Role| -> Option<Json> {
            match order {
                Some(o) => self.role_value(o, role),
                None => self.roles.text(op_name, role, req).map(Json::String),
            }
        };
        let no_extras = JsonMap::default();
        let Some(plan) = self.spec.plan().operation(op_name) else {
            return self.error(
                ErrorKind::Ambiguous,
                &format!("sandbox: no plan for `{op_name}`"),
            );
        };
        let reply = Outgoing {
            plan: &plan.response,
            body: op.response.body.as_ref(),
            nonce: op.nonce.unwrap_or_default(),
            extras: s.sandbox.as_ref().map_or(&no_extras, |sb| &sb.success),
            issued,
            seed: Message {
                method: req.method.clone(),
                path: req.path.clone(),
                url: req.url.clone(),
                params: req.params.clone(),
                query: req.query.clone(),
                ..Message::default()
            },
        };
        match self.sign_outgoing(reply, &role_value, wrong) {
            Ok(finished) => {
                let mut resp = plain(StatusCode::OK, "application/json", finished.body);
                insert_headers(&mut resp, finished.headers);
                resp
            }
            Err(e) => plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "text/plain",
                format!("sandbox: {e}").into_bytes(),
            ),
        }
    }

    /// The value an order gives a role in what the gateway sends (the event name from
    /// `sandbox.events`).
    pub(crate) fn role_value(&self, order: &Order, role: &Role) -> Option<Json> {
        let s = self.spec.spec();
        if *role == Role::CompletedAt {
            // Only a payout at a final status has completed: before, the gateways send null.
            if !self.unified(order).is_some_and(|u| u.is_final()) {
                return Some(Json::Null);
            }
        }
        // Only the event role reads the event name: no lookup for the others.
        let event = match role {
            Role::Event => s
                .sandbox
                .as_ref()
                .and_then(|sb| sb.events.get(&order.status)),
            _ => None,
        };
        order.role_value(role, &s.money.currency, event)
    }

    /// A message the gateway sends (a response, a webhook): its fields generated from
    /// roles, signed as the gateway, or with altered secrets when `wrong`.
    pub(crate) fn sign_outgoing(
        &self,
        out: Outgoing<'_>,
        role_value: &dyn Fn(&Role) -> Option<Json>,
        wrong: bool,
    ) -> Result<Finished, PayoutError> {
        let s = self.spec.spec();
        let nonce = source::nonce(&out.nonce, &OsEntropy).map_err(PayoutError::config)?;
        let now = SystemClock.now_millis();
        let no_fields = IndexMap::new();
        let fields = out.body.map_or(&no_fields, |b| &b.fields);
        let mut body = message::generate(s, fields, role_value, &nonce, now, &OsEntropy);
        if !out.extras.is_empty() {
            for (k, v) in out.extras {
                body.insert(k.clone(), v.clone());
            }
            message::reorder(&mut body, fields);
        }
        for (path, v) in out.issued {
            crate::flows::set_path(&mut body, path, v.clone());
        }
        if !out.issued.is_empty() {
            message::reorder(&mut body, fields);
        }
        // A seed may carry the time already written in the gateway's unit (a webhook in
        // epoch seconds); otherwise epoch milliseconds.
        let timestamp = out
            .seed
            .timestamp
            .clone()
            .unwrap_or_else(|| now.to_string());
        let mut msg = Message {
            body,
            timestamp: Some(timestamp),
            nonce: Some(nonce),
            ..out.seed
        };
        let mut engine = self.signer(wrong);
        message::finish(&mut engine, &mut msg, out.body, out.plan)
    }

    /// The engine that signs what the gateway sends: with its keys, or with altered
    /// secrets for a wrong-signature fault.
    fn signer(&self, wrong: bool) -> Engine<'_> {
        let (creds, keys) = if wrong {
            (&self.wrong_creds, &self.wrong_keys)
        } else {
            (&self.creds, &self.keys)
        };
        Engine::new(&self.spec, creds, &OsEntropy).as_gateway(keys)
    }

    /// An error in the gateway's own shape (`sandbox.errors.KIND`), or a plain one.
    pub(crate) fn error(&self, kind: ErrorKind, message: &str) -> Response {
        let (status, body) = self.error_reply(kind, message);
        let mut resp = plain(
            status,
            "application/json",
            body.to_compact(false).into_bytes(),
        );
        resp.extensions_mut().insert(Refused(kind));
        resp
    }

    /// The status and body of an error reply.
    fn error_reply(&self, kind: ErrorKind, message: &str) -> (StatusCode, Json) {
        let s = self.spec.spec();
        let key = kind.sandbox_reply();
        let reply = s
            .sandbox
            .as_ref()
            .zip(key)
            .and_then(|(sb, key)| sb.errors.get(key));
        let (Some(reply), Some(key)) = (reply, key) else {
            let status = match kind {
                ErrorKind::Unauthorized => StatusCode::UNAUTHORIZED,
                ErrorKind::Duplicate => StatusCode::CONFLICT,
                ErrorKind::NotFound => StatusCode::NOT_FOUND,
                ErrorKind::Ambiguous => StatusCode::INTERNAL_SERVER_ERROR,
                _ => StatusCode::BAD_REQUEST,
            };
            let body = [("error".to_string(), Json::from(message))]
                .into_iter()
                .collect();
            return (status, Json::Object(body));
        };
        let ctx: minijinja::Value = [("message", minijinja::Value::from(message))]
            .into_iter()
            .collect();
        let body = render_reply(
            &self.spec,
            &reply.body,
            &format!("sandbox.errors.{key}.body"),
            &ctx,
        );
        let status = StatusCode::from_u16(reply.http_status).unwrap_or(StatusCode::OK);
        (status, body)
    }

    /// An error answering a request to `op`, signed in the response's headers as the
    /// gateway signs its answers (EaniShop's `Authorization`), so that a client can tell a
    /// real refusal from a forged one.
    fn refuse(
        &self,
        op_name: &str,
        op: &Operation,
        req: &Message,
        kind: ErrorKind,
        message: &str,
    ) -> Response {
        self.refuse_signed(op_name, op, req, kind, message, false)
    }

    /// [`Gateway::refuse`], signed with altered secrets when `wrong`.
    fn refuse_signed(
        &self,
        op_name: &str,
        op: &Operation,
        req: &Message,
        kind: ErrorKind,
        message: &str,
        wrong: bool,
    ) -> Response {
        let (status, json) = self.error_reply(kind, message);
        let body = json.to_compact(false).into_bytes();
        if op.response.headers.is_empty() {
            let mut resp = plain(status, "application/json", body);
            resp.extensions_mut().insert(Refused(kind));
            return resp;
        }
        let now = SystemClock.now_millis();
        let signed = source::nonce(&op.nonce.unwrap_or_default(), &OsEntropy).and_then(|nonce| {
            let mut msg = Message {
                method: req.method.clone(),
                path: req.path.clone(),
                url: req.url.clone(),
                params: req.params.clone(),
                query: req.query.clone(),
                timestamp: Some(now.to_string()),
                nonce: Some(nonce),
                body: json.as_object().cloned().unwrap_or_default(),
                body_bytes: Some(body.clone()),
                ..Message::default()
            };
            let mut engine = self.signer(wrong);
            let plan = self
                .spec
                .plan()
                .operation(op_name)
                .ok_or_else(|| format!("no plan for `{op_name}`"))?;
            message::render_headers(&mut engine, &mut msg, &plan.response.headers)
                .map(|(headers, _)| headers)
                .map_err(|e| e.to_string())
        });
        let mut resp = plain(status, "application/json", body);
        resp.extensions_mut().insert(Refused(kind));
        match signed {
            Ok(headers) => insert_headers(&mut resp, headers),
            Err(e) => tracing::warn!(gateway = %self.id, "cannot sign the refusal: {e}"),
        }
        resp
    }

    /// HTTP 500 with the gateway's server-error body, if it has one.
    fn server_error(&self) -> Response {
        let mut r = self.error(ErrorKind::Ambiguous, "internal error");
        *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        r
    }
}

/// An empty answer with a status and `Retry-After`, as a proxy or rate limiter in front
/// of a gateway sends it.
fn throttled(status: u16, retry_after: &str) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let mut r = plain(code, "text/plain", Vec::new());
    if let Ok(v) = HeaderValue::from_str(retry_after) {
        r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
    }
    r
}

/// A sandbox reply body with `{{ message }}` rendered in its strings.
fn render_reply(spec: &CompiledSpec, v: &Json, path: &str, ctx: &minijinja::Value) -> Json {
    match v {
        Json::String(_) => Json::String(spec.render(path, ctx).unwrap_or_default()),
        Json::Object(m) => Json::Object(
            m.iter()
                .map(|(k, x)| {
                    (
                        k.clone(),
                        render_reply(spec, x, &format!("{path}.{k}"), ctx),
                    )
                })
                .collect(),
        ),
        Json::Array(items) => Json::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, x)| render_reply(spec, x, &format!("{path}[{i}]"), ctx))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// What the gateway sends, before its fields are generated and it is signed.
pub(crate) struct Outgoing<'a> {
    /// What building it needs: its header templates and computed fields.
    pub plan: &'a MessagePlan,
    pub body: Option<&'a payout_spec::Body>,
    pub nonce: NonceFormat,
    /// Fields set whatever the spec's roles say (`sandbox.success`).
    pub extras: &'a JsonMap,
    /// Values a flow step hands out, by dotted path (a token, a recipient's id).
    pub issued: &'a [(String, Json)],
    /// Method, path, URL, params and query, as the signature sees them.
    pub seed: Message,
}

/// The money format a request's amounts are written in ([`request::request_money`]). A
/// spec with one currency writes every amount in its main format, whatever the request
/// names: that is known without looking for the request's currency field.
fn amounts_money<'s>(
    spec: &'s payout_spec::Spec,
    op: &Operation,
    input: payout_runtime::input::RequestInput,
) -> std::borrow::Cow<'s, payout_spec::Money> {
    if spec.money.currencies.is_empty() {
        std::borrow::Cow::Borrowed(&spec.money)
    } else {
        request::request_money(spec, op, input)
    }
}

/// The merchant's own fields of a request, from its path, query and body, by name; the
/// computed ones (signatures) were verified already and are left out.
fn merchant_input(op: &Operation, msg: &Message) -> JsonMap {
    let mut input = JsonMap::default();
    for (location, values) in [
        (Location::Path, &msg.params),
        (Location::Query, &msg.query),
        (Location::Body, &msg.body),
    ] {
        let defs = match location {
            Location::Path => Some(&op.params),
            Location::Query => Some(&op.query),
            Location::Body => op.body.as_ref().map(|b| &b.fields),
        };
        for (name, v) in values {
            let computed = defs
                .and_then(|d| d.get(name))
                .is_some_and(|f| !f.is_input());
            if !computed {
                input.insert(name.clone(), v.clone());
            }
        }
    }
    input
}

/// An amount as received (in the wire's unit) → major units, in place, through objects,
/// variants and arrays. A value that cannot be read is left for validation to refuse.
fn to_major_units(f: &payout_spec::Field, v: &mut Json, fmt: &payout_spec::AmountFormat) {
    match (f.ty, v) {
        (payout_spec::FieldType::Amount, v) => {
            if let Ok(d) = payout_runtime::money::amount_from_wire(v, fmt) {
                *v = Json::String(d.normalize().to_string());
            }
        }
        (_, Json::Object(obj)) => {
            let variant = f
                .tag
                .as_ref()
                .and_then(|t| obj.get(t))
                .and_then(Json::as_str)
                .and_then(|t| f.variants.as_ref()?.get(t))
                .map(|v| &v.fields);
            for (k, x) in obj.iter_mut() {
                let def = f
                    .fields
                    .as_ref()
                    .and_then(|n| n.get(k))
                    .or_else(|| variant.and_then(|n| n.get(k)));
                if let Some(def) = def {
                    to_major_units(def, x, fmt);
                }
            }
        }
        (_, Json::Array(items)) => {
            if let Some(item) = &f.items {
                for x in items {
                    to_major_units(item, x, fmt);
                }
            }
        }
        _ => {}
    }
}

fn parse_body(op: &Operation, bytes: &[u8]) -> Result<JsonMap, String> {
    let Some(b) = &op.body else {
        return Ok(JsonMap::default());
    };
    // Checked first as UTF-8, which is much cheaper than the lossy conversion; only a body
    // that is not UTF-8 is converted with replacement characters.
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    match b.encoding {
        BodyEncoding::Json => match Json::parse(&text) {
            Ok(Json::Object(m)) => Ok(m),
            Ok(other) => Err(format!(
                "the body must be a JSON object, not {}",
                other.kind()
            )),
            Err(e) => Err(format!("the body is not JSON: {e}")),
        },
        BodyEncoding::Form => Ok(rt_webhook::parse_form(&text)),
    }
}

/// The merchant's and provider's references a request carries, by role.
struct Refs {
    merchant: Option<String>,
    provider: Option<String>,
}

/// Sets headers the spec renders; a value HTTP cannot carry is left out (the client then
/// reports the missing signature).
pub(crate) fn insert_headers(resp: &mut Response, headers: Vec<(String, String)>) {
    for (k, v) in headers {
        if let (Ok(name), Ok(value)) = (
            axum::http::HeaderName::try_from(k.as_str()),
            HeaderValue::try_from(v.as_str()),
        ) {
            resp.headers_mut().insert(name, value);
        }
    }
}

pub(crate) fn plain(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::try_from(content_type) {
        r.headers_mut().insert(axum::http::header::CONTENT_TYPE, v);
    }
    r
}

/// A response the server turns into a closed connection with no answer.
fn drop_connection() -> Response {
    let mut r = Response::new(Body::empty());
    r.extensions_mut().insert(DropConnection);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use payout_runtime::request::{Preparation, RequestOptions};

    fn gateway(spec: &str) -> Gateway {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let spec =
            Arc::new(CompiledSpec::from_file(root.join("specs").join(spec)).expect("spec loads"));
        let setup = crate::GatewaySetup::with_test_credentials(spec.clone()).expect("setup");
        let shared = Arc::new(Shared {
            options: crate::Options::default(),
            http: reqwest::Client::new(),
        });
        Gateway::new(spec, setup.credentials, setup.gateway_keys, None, shared).expect("gateway")
    }

    /// The request a client built with the engine sends, as the sandbox receives it.
    fn received(gw: &Gateway, op_name: &str, input: &JsonMap) -> Message {
        let prep = Preparation {
            spec: &gw.spec,
            creds: &gw.creds,
            clock: &SystemClock,
            entropy: &OsEntropy,
        };
        let sent = request::prepare(
            &prep,
            op_name,
            "http://127.0.0.1:1",
            input,
            &RequestOptions::default(),
        )
        .expect("the client prepares the request");
        let op = &gw.spec.spec().operations[op_name];
        Message {
            body: parse_body(op, &sent.body).expect("the body reads back"),
            body_bytes: Some(sent.body),
            ..Message::default()
        }
    }

    fn object(json: &str) -> JsonMap {
        Json::parse(json)
            .ok()
            .and_then(|j| j.as_object().cloned())
            .expect("an object")
    }

    /// The in-place check of a body-only request (amounts rewritten to major units for the
    /// check, then put back) gives the verdict the copying check gives, and leaves the body
    /// as received: Cashy's amounts are major-unit JSON numbers, Stripe's minor-unit form
    /// values (`1234` is 12.34), both valid and out of the spec's limits.
    #[test]
    fn checking_in_place_matches_checking_a_copy() {
        // As sent on the wire: Cashy's JSON number, Stripe's form value in cents.
        let cases = [
            ("cashy.yaml", Json::Number("50000.00".into()), true),
            ("cashy.yaml", Json::Number("5.00".into()), false),
            ("stripe.yaml", Json::String("1234".into()), true),
            ("stripe.yaml", Json::String("0".into()), false),
        ];
        let cashy = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/cashy-payout.json"),
        )
        .expect("example input");
        for (spec, amount, valid) in cases {
            let gw = gateway(spec);
            let input = if spec == "cashy.yaml" {
                object(&cashy)
            } else {
                object(r#"{"amount":"10.00","currency":"USD","metadata":{"order_id":"ORDER-42"}}"#)
            };
            let mut msg = received(&gw, "create_payout", &input);
            msg.body.insert("amount".into(), amount);
            let as_received = msg.body.clone();
            let op = &gw.spec.spec().operations["create_payout"];
            let plan = gw.plans.get("create_payout").expect("a plan");
            assert!(
                !plan.has_computed && !plan.amount_fields.is_empty(),
                "{spec}"
            );
            let in_place = gw.validate(op, plan, &mut msg);
            assert_eq!(msg.body, as_received, "{spec}: the body is put back");
            let copying = merchant_input(op, &msg);
            let money = request::request_money(gw.spec.spec(), op, (&copying).into());
            assert_eq!(
                amounts_money(gw.spec.spec(), op, (&copying).into()),
                money,
                "{spec}"
            );
            let mut copying = copying;
            for (name, f) in &plan.amount_fields {
                if let Some(v) = copying.get_mut(name) {
                    to_major_units(f, v, &money.amount);
                }
            }
            let gen = Generated {
                nonce: "",
                timestamp_ms: 0,
                entropy: &OsEntropy,
            };
            let copied = request::normalize_input(gw.spec.spec(), op, &copying, &gen)
                .map(|_| ())
                .map_err(|e| e.to_string());
            assert_eq!(in_place, copied, "{spec} {as_received:?}");
            assert_eq!(in_place.is_ok(), valid, "{spec}: {in_place:?}");
        }
    }
}
