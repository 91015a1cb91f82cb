//! The billing engine alone: contract-months invoiced per second on one core.
//! Beside it, reading a contract's terms as they are stored (a close reads
//! ten thousand), with its yardstick: the same document read as plain JSON.
//!
//! `cargo bench --bench engine`

#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kefu::domain::billing::compute;
use kefu::domain::terms::Terms;

#[path = "support/fixture.rs"]
mod fixture;

fn engine(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(1));
    for (name, summed) in [("summed_feed", true), ("daily_feed", false)] {
        let input = fixture::october(1, summed);
        let draft = compute(&input);
        assert!(draft.lines.len() >= 6, "the fixture bills: {draft:?}");
        // Each draft is dropped inside the timed loop: freeing it is part of the work.
        group.bench_function(name, |b| b.iter(|| compute(std::hint::black_box(&input))));
    }
    group.finish();
}

fn terms(c: &mut Criterion) {
    let mut group = c.benchmark_group("terms");
    group.throughput(Throughput::Elements(1));
    let stored = serde_json::to_string(&fixture::terms()).unwrap();
    let read: Terms = serde_json::from_str(&stored).unwrap();
    assert_eq!(read, fixture::terms(), "the stored terms read back");
    group.bench_function("read", |b| {
        b.iter(|| serde_json::from_str::<Terms>(std::hint::black_box(&stored)).unwrap())
    });
    group.bench_function("yardstick_plain_json", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(std::hint::black_box(&stored)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, engine, terms);
criterion_main!(benches);
