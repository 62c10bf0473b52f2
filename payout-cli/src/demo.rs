//! `payout demo`: every spec in `specs/` against an embedded sandbox, through the ledger
//! (SQLite in a temporary file) and its HTTP service, which takes the gateways' webhooks.
//!
//! For each gateway it pays out the spec's own example (its first create vector, read back
//! into a unified request through the roles) and follows it to its final status; fails one;
//! reverses one; sends the same request again (answered from the ledger, nothing sent); and
//! loses the answer of one create (the gateway stored it, the connection dropped), which the
//! ledger keeps `in_doubt` until the gateway's own word resolves it. Then it prints a table
//! of what the ledger recorded and exits non-zero if anything did not behave as the spec
//! says.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use payout_ledger::{Config, Created, Ledger, NewPayout, Status, Store};
use payout_runtime::{mapping, ClientOptions, CompiledSpec, Credentials, DynamicClient};
use payout_sandbox::{Fault, FaultRule, Gateway, GatewaySetup, Options, Outcome, Sandbox};
use payout_spec::OperationRole;

/// One line of the table.
struct Row {
    gateway: String,
    merchant_ref: String,
    scenario: &'static str,
    /// The ledger's status changes, from its event log.
    changes: Vec<String>,
    /// Creates the gateway received for the reference.
    sent: usize,
    /// The reconciler's queries.
    queries: usize,
    /// Webhooks verified, stored and applied.
    hooks: usize,
    millis: u128,
    problem: Option<String>,
}

/// How long the demo may take.
const LIMIT: Duration = Duration::from_secs(30);

/// How long one payout may take to reach its final status.
const SETTLE: Duration = Duration::from_secs(10);

pub fn run(dir: PathBuf) -> ExitCode {
    let specs = match load_specs(&dir) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let rt = match crate::runtime() {
        Ok(rt) => rt,
        Err(e) => return crate::fail(&[e.to_string()]),
    };
    let started = Instant::now();
    let db = std::env::temp_dir().join(format!("payout-demo-{}.db", std::process::id()));
    let outcome = rt.block_on(demo(specs, &db));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let rows = match outcome {
        Ok(rows) => rows,
        Err(e) => return crate::fail(&[e]),
    };
    print_table(&rows);
    let mut failed = 0;
    for r in &rows {
        if let Some(p) = &r.problem {
            failed += 1;
            crate::out(&format!("FAILED: {} {}: {p}", r.gateway, r.scenario));
        }
    }
    // The demo promises to finish in under 30 s; a slower run is a fault too.
    if started.elapsed() >= LIMIT {
        failed += 1;
        crate::out(&format!(
            "FAILED: the demo took longer than {} s",
            LIMIT.as_secs()
        ));
    }
    let gateways = rows
        .iter()
        .map(|r| &r.gateway)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    crate::out(&format!(
        "\n{} scenarios on {gateways} gateways in {:.1} s: {}",
        rows.len(),
        started.elapsed().as_secs_f64(),
        if failed == 0 {
            "everything behaved as the specs say".to_string()
        } else {
            format!("{failed} did NOT behave as the spec says")
        }
    ));
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn load_specs(dir: &Path) -> Result<Vec<Arc<CompiledSpec>>, ExitCode> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        crate::fail(&[format!(
            "cannot read the specs folder {}: {e} (run from the repository root, or give --specs DIR)",
            dir.display()
        )])
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| crate::load_spec(p).map(Arc::new))
        .collect()
}

/// Everything the scenarios share.
struct World {
    sandbox: Sandbox,
    ledger: Arc<Ledger>,
}

async fn demo(specs: Vec<Arc<CompiledSpec>>, db: &Path) -> Result<Vec<Row>, String> {
    let setups: Vec<GatewaySetup> = specs
        .iter()
        .map(|s| GatewaySetup::with_test_credentials(s.clone()))
        .collect::<Result<_, _>>()?;
    let creds: Vec<_> = setups
        .iter()
        .map(|s| (s.spec.clone(), s.credentials.clone()))
        .collect();
    let sandbox = Sandbox::start(setups, Options::default()).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| format!("cannot listen: {e}"))?;
    let url = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let mut clients = Vec::new();
    for (spec, c) in creds {
        let id = spec.spec().provider.id.clone();
        let options = ClientOptions {
            allow_insecure_http: true,
            ..ClientOptions::default()
        };
        let c = Credentials::new(spec.spec(), c).map_err(|p| p.to_string())?;
        let base = sandbox.base_url(&id).unwrap_or_default();
        clients.push(DynamicClient::new(spec, c, &base, options).map_err(|e| e.to_string())?);
        if let Some(gw) = sandbox.gateway(&id) {
            gw.set_notify_url(Some(format!("{url}/webhooks/{id}")));
        }
    }
    let store = Store::open(&format!("sqlite://{}", db.display()))
        .await
        .map_err(|e| e.to_string())?;
    let config = Config {
        check_base: Duration::from_millis(100),
        check_cap: Duration::from_secs(1),
        not_found_grace: Duration::from_secs(2),
        poll: Duration::from_millis(50),
        public_url: Some(url),
        ..Config::default()
    };
    let ledger = Arc::new(Ledger::new(store, clients, config));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(payout_ledger::serve::serve(
        ledger.clone(),
        listener,
        async move {
            let _ = stopped.await;
        },
    ));
    let world = World { sandbox, ledger };
    let mut rows = Vec::new();
    for s in &specs {
        rows.extend(gateway(&world, s).await);
    }
    let _ = stop.send(());
    let _ = server.await;
    Ok(rows)
}

/// The scenarios of one gateway.
async fn gateway(w: &World, spec: &CompiledSpec) -> Vec<Row> {
    let id = spec.spec().provider.id.as_str();
    let up = id.to_uppercase();
    let creates = spec.spec().operation_for(OperationRole::Create).is_some();
    let reverses = w
        .sandbox
        .gateway(id)
        .is_some_and(|g| g.reversal().is_some());
    let mut rows = Vec::new();
    let paid = format!("{up}-PAID");
    rows.push(scenario(w, spec, &paid, "paid", Outcome::Succeed, Twist::None).await);
    rows.push(
        scenario(
            w,
            spec,
            &format!("{up}-FAIL"),
            "failed",
            Outcome::Fail,
            Twist::None,
        )
        .await,
    );
    if reverses {
        rows.push(
            scenario(
                w,
                spec,
                &format!("{up}-REV"),
                "reversed",
                Outcome::Succeed,
                Twist::Reverse,
            )
            .await,
        );
    }
    if creates {
        rows.push(again(w, spec, &paid).await);
        rows.push(
            scenario(
                w,
                spec,
                &format!("{up}-DOUBT"),
                "in doubt",
                Outcome::Succeed,
                Twist::LostAnswer,
            )
            .await,
        );
    }
    // A gateway that may challenge its money step (Wise's one-time token): challenged,
    // answered, paid, inside the one create.
    let challenged = spec
        .spec()
        .operation_for(OperationRole::Create)
        .is_some_and(|(_, op)| op.challenge.is_some());
    if challenged {
        rows.push(
            scenario(
                w,
                spec,
                &format!("{up}-SCA"),
                "challenge",
                Outcome::Succeed,
                Twist::Challenge,
            )
            .await,
        );
    }
    rows
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Twist {
    None,
    Reverse,
    /// The gateway stores the payout and the connection drops before the answer.
    LostAnswer,
    /// The gateway challenges the money step; the client answers the one-time token.
    Challenge,
}

/// The spec's example payout as a ledger request, with a new merchant reference.
fn example(spec: &CompiledSpec, merchant_ref: &str) -> Result<NewPayout, String> {
    let s = spec.spec();
    let id = &s.provider.id;
    let Some((op_name, op)) = s.operation_for(OperationRole::Create) else {
        // No create call (Tecpay documents only the status query): a payout made elsewhere.
        return Ok(NewPayout {
            gateway: id.clone(),
            merchant_ref: merchant_ref.to_string(),
            amount: "100.00".parse().unwrap_or_default(),
            currency: s.money.currency.clone(),
            beneficiary: Default::default(),
            purpose: None,
            remark: None,
            transfer_mode: None,
            notify_url: None,
            extras: Default::default(),
        });
    };
    let v = s
        .vectors
        .iter()
        .find(|v| v.operation.as_deref() == Some(op_name) && v.expect.invalid.is_empty())
        .ok_or("the spec has no valid create vector to use as its example payout")?;
    let mut req = mapping::create_from_step_input(s, op, &v.input)?;
    // A flow's earlier steps (a recipient) take their part from their own first vector.
    for name in spec.flow(op_name) {
        let Some(step) = s.obtain.get(name) else {
            continue;
        };
        let Some(sv) = s.vectors.iter().find(|v| {
            v.operation.as_deref() == Some(step.operation.as_str()) && v.expect.invalid.is_empty()
        }) else {
            continue;
        };
        if let Some(step_op) = s.operations.get(&step.operation) {
            mapping::add_step_input(step_op, &sv.input, &mut req)?;
        }
    }
    if req.merchant_ref.is_empty() {
        return Err("the example payout has no merchant reference".into());
    }
    req.merchant_ref = merchant_ref.to_string();
    // The ledger gives each payout its own webhook URL.
    req.notify_url = None;
    Ok(NewPayout::from_create(id, &req))
}

fn create_op(spec: &CompiledSpec) -> Option<String> {
    spec.spec()
        .operation_for(OperationRole::Create)
        .map(|(n, _)| n.to_string())
}

async fn scenario(
    w: &World,
    spec: &CompiledSpec,
    r: &str,
    name: &'static str,
    outcome: Outcome,
    twist: Twist,
) -> Row {
    let id = spec.spec().provider.id.clone();
    let mut row = Row {
        gateway: id.clone(),
        merchant_ref: r.to_string(),
        scenario: name,
        changes: Vec::new(),
        sent: 0,
        queries: 0,
        hooks: 0,
        millis: 0,
        problem: None,
    };
    let started = Instant::now();
    if let Err(e) = follow(w, spec, r, outcome, twist).await {
        row.problem = Some(e);
    }
    row.millis = started.elapsed().as_millis();
    record(w, spec, &mut row).await;
    row
}

async fn follow(
    w: &World,
    spec: &CompiledSpec,
    r: &str,
    outcome: Outcome,
    twist: Twist,
) -> Result<(), String> {
    let id = spec.spec().provider.id.as_str();
    let gw: Arc<Gateway> = w.sandbox.gateway(id).ok_or("no such gateway")?;
    gw.set_outcome(r, outcome);
    let new = example(spec, r)?;
    if let Some(op) = create_op(spec) {
        let answered = gw.challenges_answered();
        gw.set_challenge(twist == Twist::Challenge);
        if twist == Twist::LostAnswer {
            // On the money step: a flow's earlier steps carry the same reference.
            gw.add_fault(
                FaultRule::always(Fault::DropAfterStore)
                    .for_ref(r)
                    .for_operation(op)
                    .once(),
            );
        }
        let p = match w
            .ledger
            .create(new)
            .await
            .map_err(|e| format!("create: {e}"))?
        {
            Created::New(p) => p,
            Created::Stored(_) => return Err("the payout existed before the demo".into()),
        };
        if twist == Twist::Challenge {
            gw.set_challenge(false);
            if gw.challenges_answered() != answered + 1 {
                return Err(format!(
                    "the create was not challenged and answered once ({} answers)",
                    gw.challenges_answered() - answered
                ));
            }
        }
        if twist == Twist::LostAnswer {
            if p.status != Status::InDoubt {
                return Err(format!(
                    "a lost answer left the payout {}, not in_doubt",
                    p.status
                ));
            }
            // Resolved by the gateway's word (a query, or a duplicate probe), never resent
            // blindly. A probe proves the payout exists; where nothing can then ask for its
            // status (Xettle, PayPal, Stripe without their reference), the webhook that
            // follows the payout's progress below settles it.
            wait_for(w, id, r, |p| {
                !matches!(p.status, Status::InDoubt | Status::Submitting)
                    || p.history
                        .iter()
                        .any(|o| o.source == "probe" && o.status.as_deref() == Some("exists"))
            })
            .await?;
        }
    } else {
        w.ledger
            .track(new)
            .await
            .map_err(|e| format!("track: {e}"))?;
        gw.insert_order(r, "100.00".parse().unwrap_or_default(), None)?;
    }
    while gw.advance(r)?.is_some() {}
    let mut want = match outcome {
        Outcome::Succeed => Status::Succeeded,
        Outcome::Fail => Status::Failed,
    };
    wait(w, id, r, |s| s == want).await?;
    if twist == Twist::Reverse {
        gw.reverse(r)?;
        want = Status::Reversed;
        wait(w, id, r, |s| s == want).await?;
    }
    let order = gw.order(r).ok_or("the payout is missing at the gateway")?;
    let truth = gw.unified(&order).map(Status::from_unified);
    if truth != Some(want) {
        return Err(format!("the gateway says {truth:?}, the ledger {want}"));
    }
    Ok(())
}

/// Waits until the ledger's status of a payout passes `ok`.
async fn wait(w: &World, id: &str, r: &str, ok: impl Fn(Status) -> bool) -> Result<(), String> {
    wait_for(w, id, r, |p| ok(p.status)).await
}

/// Waits until the ledger's record of a payout passes `ok`.
async fn wait_for(
    w: &World,
    id: &str,
    r: &str,
    ok: impl Fn(&payout_ledger::Payout) -> bool,
) -> Result<(), String> {
    let deadline = Instant::now() + SETTLE;
    loop {
        let p = w.ledger.get(id, r).await.map_err(|e| e.to_string())?;
        if ok(&p) {
            return Ok(());
        }
        if Instant::now() > deadline {
            let last = p
                .history
                .last()
                .and_then(|o| o.detail.clone())
                .unwrap_or_default();
            return Err(format!("stuck at {} ({last})", p.status));
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The same request again: the stored payout comes back and nothing is sent.
async fn again(w: &World, spec: &CompiledSpec, r: &str) -> Row {
    let id = spec.spec().provider.id.clone();
    let mut row = Row {
        gateway: id.clone(),
        merchant_ref: r.to_string(),
        scenario: "again",
        changes: Vec::new(),
        sent: 0,
        queries: 0,
        hooks: 0,
        millis: 0,
        problem: None,
    };
    let started = Instant::now();
    let result = async {
        let new = example(spec, r)?;
        match w.ledger.create(new).await.map_err(|e| e.to_string())? {
            Created::Stored(p) if p.status == Status::Succeeded => Ok(()),
            Created::Stored(p) => Err(format!("the stored payout is {}", p.status)),
            Created::New(_) => Err("the same request made a new payout".to_string()),
        }
    }
    .await;
    row.millis = started.elapsed().as_millis();
    row.problem = result.err();
    record(w, spec, &mut row).await;
    if row.sent != 1 && row.problem.is_none() {
        row.problem = Some(format!("the gateway received {} creates", row.sent));
    }
    row
}

/// Fills a row from the ledger's event log and history, and the gateway's count of creates.
async fn record(w: &World, spec: &CompiledSpec, row: &mut Row) {
    let id = row.gateway.as_str();
    if let Some(op) = create_op(spec) {
        row.sent = w
            .sandbox
            .gateway(id)
            .map(|g| g.requests(&op, &row.merchant_ref))
            .unwrap_or(0);
    }
    if let Ok(events) = w.ledger.events(0, 100_000).await {
        row.changes = events
            .iter()
            .filter(|e| e.gateway == id && e.merchant_ref == row.merchant_ref)
            .map(|e| e.status.to_string())
            .collect();
    }
    if let Ok(p) = w.ledger.get(id, &row.merchant_ref).await {
        row.queries = p.history.iter().filter(|o| o.source == "query").count();
        row.hooks = p.history.iter().filter(|o| o.source == "webhook").count();
    }
}

/// Width of the status changes column: `submitting → pending → processing → succeeded →
/// reversed`, the longest life of a demo payout.
const CHANGES_WIDTH: usize = 56;

fn print_table(rows: &[Row]) {
    let header = [
        "gateway",
        "scenario",
        "status changes (event log)",
        "sent",
        "queries",
        "hooks",
        "ms",
        "result",
    ];
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            [
                r.gateway.clone(),
                r.scenario.to_string(),
                r.changes.join(" → "),
                r.sent.to_string(),
                r.queries.to_string(),
                r.hooks.to_string(),
                r.millis.to_string(),
                if r.problem.is_none() { "ok" } else { "FAILED" }.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    // The status changes column is as wide as the longest life a payout of the demo has
    // (`submitting → pending → processing → succeeded → reversed`), whatever this run's
    // timing showed: a webhook that lands before a query can skip `processing`, and the
    // table's header (which the README shows) must not move with it.
    widths[2] = widths[2].max(CHANGES_WIDTH);
    for c in &cells {
        for (i, s) in c.iter().enumerate() {
            widths[i] = widths[i].max(s.chars().count());
        }
    }
    let line = |c: &[String]| {
        c.iter()
            .enumerate()
            .map(|(i, s)| format!("{s:<w$}", w = widths[i]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    crate::out(&line(&header.map(String::from)));
    crate::out(
        &widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  "),
    );
    let mut last = String::new();
    for c in &cells {
        if !last.is_empty() && c[0] != last {
            crate::out("");
        }
        last = c[0].clone();
        crate::out(&line(c));
    }
    crate::out("");
    for l in LEGEND {
        crate::out(l);
    }
}

/// What the columns mean, printed under the table (each line within 120 columns, as the
/// table is).
const LEGEND: [&str; 7] = [
    "Each payout's reference: GATEWAY-PAID, -FAIL, -REV, -DOUBT, -SCA; \"again\" sends GATEWAY-PAID's request again.",
    "status changes: the ledger's event log for the payout, as an application reads it (GET /events).",
    "sent: creates the gateway received (1: exactly once; 2: \"in doubt\" added a probe with the same reference, paid once).",
    "queries: the ledger's queries to the gateway; hooks: webhooks verified, stored and applied (duplicates included).",
    "ms: from the create to the final status in the ledger.",
    "in doubt: the gateway stored the payout but its answer was lost; the ledger asked the gateway, never resent blindly.",
    "challenge: the gateway refused the money step with a one-time token; the client signed it and sent it once more.",
];
