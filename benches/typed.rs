//! The typed client generated for Cashy against a careful client written by hand for Cashy
//! alone (`benches/support/cashy_by_hand.rs`: every limit validated, JSON escaped, decimals
//! rescaled, signatures compared in constant time, answers read whole), in the same run:
//! preparing a create, verifying and reading a webhook, reading a create's answer. The
//! engine's dynamic path (input by the gateway's names) is measured beside the typed one.
//!
//! `cargo bench -p payout --bench typed`; instruction counts of the same operations, which
//! the machine's load does not move: `scripts/callgrind.sh`. These are the figures the
//! compiled plan (issue 11) is to bring within 2× (create) and 1.5× (webhook).

#[path = "support/cashy_by_hand.rs"]
mod cashy_by_hand;
#[path = "support/cashy_case.rs"]
mod cashy_case;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use cashy_case::Case;

fn bench(c: &mut Criterion) {
    let case = Case::new();
    // Set-up asserts that both sides produce the same request and read the same values
    // (`cargo test --benches` runs this part only).
    case.check();

    let mut g = c.benchmark_group("cashy create preparation");
    g.bench_function("typed client", |b| b.iter(|| case.typed_create()));
    g.bench_function("engine, dynamic input", |b| {
        b.iter(|| case.dynamic_create())
    });
    g.bench_function("hand-written", |b| b.iter(|| case.hand_create()));
    g.finish();

    let mut g = c.benchmark_group("cashy webhook verify and read");
    g.bench_function("typed client", |b| b.iter(|| case.typed_webhook()));
    g.bench_function("hand-written", |b| b.iter(|| case.hand_webhook()));
    g.finish();

    let mut g = c.benchmark_group("cashy answer reading");
    g.bench_function("typed client", |b| b.iter(|| case.typed_answer()));
    g.bench_function("hand-written", |b| b.iter(|| case.hand_answer()));
    g.finish();
    black_box(&case);
}

criterion_group!(benches, bench);
criterion_main!(benches);
