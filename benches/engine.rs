//! The billing engine alone: contract-months invoiced per second on one core.
//!
//! `cargo bench --bench engine`

#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kefu::domain::billing::compute;

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

criterion_group!(benches, engine);
criterion_main!(benches);
