//! One Cashy operation run N times, by the typed client or the hand-written one, for
//! counting: `scripts/callgrind.sh` runs it under callgrind for instruction counts, and it
//! prints the allocations per operation itself (a counting allocator).
//!
//! `cargo run --release --example ops -- OPERATION SIDE N`: OPERATION is `create`, `webhook`
//! or `answer`; SIDE is `typed`, `dynamic` (the engine with input by the gateway's names;
//! create only) or `hand`.

#[path = "../benches/support/cashy_by_hand.rs"]
mod cashy_by_hand;
#[path = "../benches/support/cashy_case.rs"]
mod cashy_case;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

/// The system allocator, counting allocations.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded as given.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as given.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded as given.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(op), Some(side), Some(n)) = (
        args.first(),
        args.get(1),
        args.get(2).and_then(|n| n.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: ops create|webhook|answer typed|dynamic|hand N");
        std::process::exit(2);
    };
    let case = cashy_case::Case::new();
    case.check();
    let run: Box<dyn Fn()> = match (op.as_str(), side.as_str()) {
        ("create", "typed") => Box::new(|| drop(black_box(case.typed_create()))),
        ("create", "dynamic") => Box::new(|| drop(black_box(case.dynamic_create()))),
        ("create", "hand") => Box::new(|| drop(black_box(case.hand_create()))),
        ("webhook", "typed") => Box::new(|| drop(black_box(case.typed_webhook()))),
        ("webhook", "hand") => Box::new(|| drop(black_box(case.hand_webhook()))),
        ("answer", "typed") => Box::new(|| drop(black_box(case.typed_answer()))),
        ("answer", "hand") => Box::new(|| drop(black_box(case.hand_answer()))),
        _ => {
            eprintln!("no such case: {op} {side}");
            std::process::exit(2);
        }
    };
    // Once before counting: what is built on first use (the answer's request) is not counted.
    run();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..n {
        run();
    }
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    println!(
        "{op} {side}: {n} runs, {} allocations per run",
        allocations / n.max(1)
    );
}
