//! The billing engine alone: contract-months invoiced per second on one core.
//!
//! `cargo bench --bench engine`

#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
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
        group.bench_function(name, |b| {
            b.iter_batched_ref(
                || (),
                |_| compute(std::hint::black_box(&input)),
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
