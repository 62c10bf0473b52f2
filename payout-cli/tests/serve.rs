//! `payout serve` as a process: its first line, and the crash test — the server is killed
//! with SIGKILL several times while payouts are being created, restarted on the same
//! SQLite file each time, and still converges to the sandbox's truth with no duplicate.

mod serving;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use payout_sandbox::{Fault, FaultRule, Options, Outcome};
use serde_json::Value;
use serving::{body, specs, start, Server, GATEWAYS};

/// Kills a server with SIGKILL.
trait Kill {
    fn kill(self);
}

impl Kill for Server {
    fn kill(mut self) {
        // SIGKILL: no chance to finish anything.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

/// SplitMix64 for the kill times.
fn next(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_and_restarted_it_converges_with_no_duplicate() {
    let dir = std::env::temp_dir().join(format!("payout-serve-crash-{}", std::process::id()));
    let creds = dir.join("creds");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // Payouts move on every second: most webhooks come after the kills, some during them.
    let sandbox = serving::sandbox(
        &creds,
        Options {
            step_delay: Some(Duration::from_millis(1000)),
            minute: Duration::from_millis(20),
            ..Options::default()
        },
    )
    .await;
    for id in GATEWAYS {
        // Xettle takes no notify URL per payout: its webhooks go to the merchant's one.
        sandbox
            .gateway(id)
            .unwrap()
            .set_notify_url(Some(format!("http://127.0.0.1:{port}/webhooks/{id}")));
    }
    let db = format!("sqlite://{}/ledger.db", dir.display());
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let payouts: Vec<(&str, String)> = (0..120)
        .map(|i| (GATEWAYS[i % 2], format!("{}-CRASH-{i}", GATEWAYS[i % 2])))
        .collect();
    for (i, (id, r)) in payouts.iter().enumerate() {
        let gw = sandbox.gateway(id).unwrap();
        if i % 5 == 0 {
            gw.set_outcome(r, Outcome::Fail);
        }
        if i % 7 == 0 {
            // Slow answers widen the window between the intent and the outcome.
            gw.add_fault(
                FaultRule::always(Fault::delay(Duration::from_millis(400)))
                    .for_ref(r)
                    .for_operation("create_payout")
                    .once(),
            );
        }
    }
    let mut seed = 20_261_130u64;
    let kills = 5;
    let mut answered = vec![false; payouts.len()];
    for round in 0..=kills {
        let server = start(&db, &creds, port, &sandbox, None);
        let mut tasks = tokio::task::JoinSet::new();
        for (i, (id, r)) in payouts.iter().enumerate() {
            if answered[i] {
                continue;
            }
            let (http, url, b) = (http.clone(), server.url.clone(), body(id, r));
            tasks.spawn(async move {
                let ok = match http.post(format!("{url}/payouts")).json(&b).send().await {
                    Ok(res) => res.status().is_success(),
                    Err(_) => false,
                };
                (i, ok)
            });
        }
        if round < kills {
            let wait = 150 + next(&mut seed) % 400;
            tokio::time::sleep(Duration::from_millis(wait)).await;
            server.kill();
            while let Some(done) = tasks.join_next().await {
                let (i, ok) = done.unwrap();
                answered[i] |= ok;
            }
        } else {
            while let Some(done) = tasks.join_next().await {
                let (i, ok) = done.unwrap();
                answered[i] |= ok;
            }
            assert!(
                answered.iter().all(|a| *a),
                "every payout answered after the last restart"
            );
            // Converge: every payout as the gateway says, none twice.
            let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
            let mut in_doubt_seen = 0;
            let mut unknowable = 0;
            for (id, r) in &payouts {
                let gw = sandbox.gateway(id).unwrap();
                loop {
                    let p: Value = http
                        .get(format!("{}/payouts/{id}/{r}", server.url))
                        .send()
                        .await
                        .unwrap()
                        .json()
                        .await
                        .unwrap();
                    let truth = gw
                        .order(r)
                        .and_then(|o| gw.unified(&o))
                        .map(|s| s.to_string());
                    let ok = match &truth {
                        Some(t) => p["status"] == t.as_str() && (t == "succeeded" || t == "failed"),
                        None => p["status"] == "refused",
                    };
                    // Xettle sends each webhook once, and its query needs the provider
                    // reference. A payout whose create answer died with the server and
                    // whose only webhook came while it was down is proven to exist (a
                    // duplicate probe said so), but nothing the spec offers can tell its
                    // status: the ledger keeps it `in_doubt` with that evidence, for a
                    // person, and never claims a status. Exactly that is asserted.
                    let h = p["history"].as_array().unwrap();
                    let final_at_gateway = truth
                        .as_deref()
                        .is_some_and(|t| t == "succeeded" || t == "failed");
                    let ours: Vec<_> = gw
                        .deliveries()
                        .into_iter()
                        .filter(|d| &d.merchant_ref == r)
                        .collect();
                    let stuck = *id == "xettle"
                        && p["status"] == "in_doubt"
                        && p["provider_ref"].is_null()
                        && p["reason"]
                            .as_str()
                            .is_some_and(|m| m.contains("exists at the gateway"))
                        && h.iter()
                            .any(|o| o["source"] == "probe" && o["status"] == "exists")
                        && final_at_gateway
                        && gw.count(r) == 1
                        && !ours.is_empty()
                        // Sent while the server was down: no answer at all.
                        && ours.iter().all(|d| !d.accepted && d.http_status.is_none());
                    if ok || stuck {
                        in_doubt_seen += usize::from(h.iter().any(|o| o["source"] == "recovery"));
                        unknowable += usize::from(stuck && !ok);
                        break;
                    }
                    assert!(
                        tokio::time::Instant::now() < deadline,
                        "{id}/{r}: gateway {truth:?}, ledger {p:#}; deliveries {:?}",
                        gw.deliveries()
                            .iter()
                            .filter(|d| &d.merchant_ref == r)
                            .collect::<Vec<_>>()
                    );
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                assert!(gw.count(r) <= 1, "{id}/{r}: created twice");
            }
            println!(
                "crash test: {} payouts, {kills} SIGKILLs, {in_doubt_seen} found unfinished after a restart, {} converged to the sandbox's truth, {unknowable} in_doubt with evidence (Xettle: exists, webhook sent once while down, no query without the provider reference), 0 duplicates",
                payouts.len(),
                payouts.len() - unknowable
            );
            let mut s = server;
            // A graceful stop this time.
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(s.child.id().to_string())
                .status();
            let status = s.child.wait().unwrap();
            assert!(status.success(), "{status:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The README's "The ledger" commands, as written, with free ports instead of 8080/8090:
/// the sandbox writes credentials, `payout serve` takes a payout and shows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_ledger_commands_run_as_written() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let section = &readme[readme.find("## The ledger").unwrap()..];
    let block = &section[section.find("```sh\n").unwrap() + 6..];
    let block = &block[..block.find("```").unwrap()];
    let commands: Vec<String> = block
        .replace("\\\n", " ")
        .lines()
        .map(|l| l.trim().trim_end_matches('&').trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(commands.len(), 2, "{commands:?}");
    let dir = std::env::temp_dir().join(format!("payout-readme-ledger-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let free = || {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let (gw_port, serve_port) = (free(), free());
    let run = |line: &str| {
        let line = line.replace("127.0.0.1:8080", &format!("127.0.0.1:{gw_port}"));
        let mut words = line.split_whitespace();
        assert_eq!(words.next(), Some("payout"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_payout"));
        cmd.current_dir(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for w in words {
            // The README's relative `specs` folder is the repository's.
            if w == "specs" || w.starts_with("specs/") {
                cmd.arg(specs().join(w.trim_start_matches("specs").trim_start_matches('/')));
            } else {
                cmd.arg(w);
            }
        }
        cmd
    };
    let mut sandbox = run(&commands[0]).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(sandbox.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("payout sandbox on"), "{line}");
    let mut serve = run(&commands[1])
        .arg("--listen")
        .arg(format!("127.0.0.1:{serve_port}"))
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(serve.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(
        first.trim_end(),
        format!("payout serve on http://127.0.0.1:{serve_port}")
    );
    let http = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{serve_port}");
    let res = http
        .post(format!("{url}/payouts"))
        .json(&body("cashy", "README-1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["merchant_ref"], "README-1");
    assert!(p["provider_ref"].is_string(), "{p}");
    let events: Value = http
        .get(format!("{url}/events?after=0"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(events["events"][0]["status"], "submitting", "{events}");
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(serve.id().to_string())
        .status();
    assert!(serve.wait().unwrap().success());
    sandbox.kill().unwrap();
    sandbox.wait().unwrap();
    assert!(
        dir.join("ledger.db").exists(),
        "the SQLite file is where the README says"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
