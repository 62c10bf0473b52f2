//! What the `payout serve` process tests share: the two gateways they pay through, a
//! payout's body for each, a sandbox whose test credentials are written where `serve` reads
//! them, and the `serve` process itself.
#![allow(dead_code)] // each test file uses a part

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use payout_runtime::CompiledSpec;
use payout_sandbox::{GatewaySetup, Options, Sandbox};
use serde_json::{json, Value};

pub fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// Cashy is queried by merchant reference and takes a notify URL per payout; Xettle
/// resolves doubt by a duplicate probe, is queried by its own reference, and sends webhooks
/// to one merchant URL.
pub const GATEWAYS: [&str; 2] = ["cashy", "xettle"];

/// The body of `POST /payouts` for one of [`GATEWAYS`].
pub fn body(id: &str, r: &str) -> Value {
    match id {
        "cashy" => json!({
            "gateway": "cashy", "merchant_ref": r, "amount": "50000.00", "currency": "COP", "remark": "salary",
            "beneficiary": {"name": "Jeson", "account_number": "3023612345", "id_type": "1", "id_number": "43912345", "account_type": "0"},
            "extras": {"bankId": 33}
        }),
        _ => json!({
            "gateway": "xettle", "merchant_ref": r, "amount": "150.50", "currency": "INR", "remark": "salary",
            "purpose": "salary_disbursement", "transfer_mode": "IMPS",
            "beneficiary": {"method": "contact", "contact_id": "CONT_TEST0001"}
        }),
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A sandbox of [`GATEWAYS`], with each one's test credentials written to `creds/ID.json`
/// for `payout serve --credentials`.
pub async fn sandbox(creds: &Path, options: Options) -> Sandbox {
    std::fs::create_dir_all(creds).unwrap();
    let mut setups = Vec::new();
    for id in GATEWAYS {
        let spec = Arc::new(CompiledSpec::from_file(specs().join(format!("{id}.yaml"))).unwrap());
        let s = GatewaySetup::with_test_credentials(spec).unwrap();
        std::fs::write(
            creds.join(format!("{id}.json")),
            serde_json::to_string(&s.credentials).unwrap(),
        )
        .unwrap();
        setups.push(s);
    }
    Sandbox::start(setups, options).await.unwrap()
}

/// A `payout serve` process.
pub struct Server {
    pub child: Child,
    pub url: String,
}

/// Starts `payout serve` and checks its first line; its log goes to `log` (at debug for
/// the ledger), or nowhere.
pub fn start(db: &str, creds: &Path, port: u16, sandbox: &Sandbox, log: Option<&Path>) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_payout"));
    cmd.arg("serve")
        .arg("--specs")
        .arg(specs())
        .arg("--db")
        .arg(db)
        .arg("--credentials")
        .arg(creds)
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--insecure-http")
        .args(["--check-interval-ms", "100", "--not-found-grace-secs", "3"]);
    for id in GATEWAYS {
        cmd.arg("--base-url")
            .arg(format!("{id}={}", sandbox.base_url(id).unwrap()));
    }
    match log {
        Some(path) => cmd
            .stderr(std::fs::File::create(path).unwrap())
            .env("RUST_LOG", "info,payout_ledger=debug"),
        None => cmd.stderr(Stdio::null()),
    };
    let mut child = cmd.stdout(Stdio::piped()).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(
        first.trim_end(),
        format!("payout serve on http://127.0.0.1:{port}")
    );
    Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
    }
}
