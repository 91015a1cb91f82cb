//! The benchmarks bill kefu's own input: their fixture must still be terms
//! kefu takes, or a benchmark fails only when someone next runs it.

#[path = "../../benches/support/fixture.rs"]
mod fixture;

#[test]
fn the_benchmark_fixture_is_a_contract_kefu_still_bills() {
    let summed = kefu::domain::billing::compute(&fixture::october(1, true));
    let daily = kefu::domain::billing::compute(&fixture::october(1, false));
    assert!(summed.lines.len() >= 6, "{:?}", summed.lines);
    assert_eq!(
        summed, daily,
        "summed between breakpoints, it bills as day by day"
    );
}
