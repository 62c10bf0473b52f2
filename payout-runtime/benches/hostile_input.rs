//! What hostile input costs (issue 8): reading JSON by nesting depth and by size, a forged
//! webhook by depth, and linting a spec by its number of keys. Each group has a baseline
//! in the same run: serde_json reading the same text into its own `Value` (with its own
//! depth limit of 128), and, for specs, parsing the same YAML with yaml-rust2 alone.
//! Linear cost shows as time per byte (or per key) staying flat across the sizes.
//!
//! `cargo bench -p payout-runtime --bench hostile_input`

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use payout_runtime::source::FixedBytes;
use payout_runtime::{webhook, CompiledSpec, Credentials, IndexMap, Json, WebhookRequest};

fn nested(depth: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
}

/// A flat object of `n` string members, as a large answer would be.
fn flat(n: usize) -> String {
    let members: Vec<String> = (0..n).map(|i| format!(r#""k{i}":"v{i}""#)).collect();
    format!("{{{}}}", members.join(","))
}

/// The minimal spec with `n` extra status entries: a spec of `n` keys.
fn spec_with_statuses(n: usize) -> String {
    let mut s = include_str!("../../tests/specs/minimal.yaml").to_string();
    let at = s
        .find("statuses:\n")
        .map(|i| i + "statuses:\n".len())
        .unwrap_or(0);
    let extra: String = (0..n).map(|i| format!("  S{i}: processing\n")).collect();
    s.insert_str(at, &extra);
    s
}

fn bench(c: &mut Criterion) {
    // The set-up checks what is measured: deep text is refused, flat text is read.
    assert!(Json::parse(&nested(50_000)).is_err());
    assert!(Json::parse(&flat(10)).is_ok());
    let (spec, diags) = payout_spec::lint_str(&spec_with_statuses(100), Path::new("b.yaml"));
    assert!(spec.is_some_and(|s| s.statuses.len() == 103), "{diags:?}");

    let mut g = c.benchmark_group("json_depth");
    for depth in [16usize, 128, 1_000, 50_000] {
        let text = nested(depth);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("payout", depth), &text, |b, t| {
            b.iter(|| black_box(Json::parse(t)).is_ok())
        });
        g.bench_with_input(BenchmarkId::new("serde_json", depth), &text, |b, t| {
            b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(t)).is_ok())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("json_size");
    for n in [100usize, 10_000, 100_000] {
        let text = flat(n);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("payout", text.len()), &text, |b, t| {
            b.iter(|| black_box(Json::parse(t)).is_ok())
        });
        g.bench_with_input(BenchmarkId::new("serde_json", text.len()), &text, |b, t| {
            b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(t)).is_ok())
        });
    }
    g.finish();

    // A forged Tecpay webhook (signature in the body, so it is parsed first): refused at
    // the depth limit, whatever the depth.
    let tecpay =
        CompiledSpec::from_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/tecpay.yaml"))
            .expect("tecpay spec");
    let mut values = IndexMap::new();
    values.insert("pid".to_string(), "TEC1001".to_string());
    values.insert(
        "secret_key".to_string(),
        "tecpay-test-secret-key".to_string(),
    );
    let creds = Credentials::new(tecpay.spec(), values).expect("credentials");
    let entropy = FixedBytes::new(&[]);
    let mut g = c.benchmark_group("forged_webhook_depth");
    for depth in [128usize, 5_000, 50_000] {
        let body = nested(depth);
        g.throughput(Throughput::Bytes(body.len() as u64));
        g.bench_with_input(BenchmarkId::new("payout", depth), &body, |b, body| {
            b.iter(|| {
                let req = WebhookRequest::new(&[], body.as_bytes());
                black_box(webhook::receive(&tecpay, &creds, &entropy, &req)).is_err()
            })
        });
        g.bench_with_input(BenchmarkId::new("serde_json", depth), &body, |b, t| {
            b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(t)).is_ok())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("lint_time");
    g.sample_size(10);
    for n in [5_000usize, 40_000, 100_000] {
        let src = spec_with_statuses(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("payout_lint", n), &src, |b, src| {
            b.iter(|| {
                black_box(payout_spec::lint_str(src, Path::new("b.yaml")))
                    .1
                    .len()
            })
        });
        g.bench_with_input(BenchmarkId::new("yaml_rust2_parse", n), &src, |b, src| {
            b.iter(|| black_box(yaml_rust2::YamlLoader::load_from_str(src)).is_ok())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
