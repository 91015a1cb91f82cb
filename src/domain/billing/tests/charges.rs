//! Hand-worked examples of the fee schedule: seats prorated across phases,
//! graduated and volume tiers, included units, commissions, fixed and
//! one-time fees, a minimum commitment, and an amendment mid-month.

use super::*;

fn per_unit(pricing: TierPricing, included: &str, tiers: &[(&str, &str)]) -> ChargeSpec {
    ChargeSpec::PerUnit(PerUnitCharge {
        name: "咨询计件".into(),
        metric: "consultations".into(),
        pricing,
        included: dec(included),
        tiers: tiers
            .iter()
            .map(|(from, price)| PriceTier {
                from: dec(from),
                unit_price: dec(price),
            })
            .collect(),
    })
}

#[test]
fn seats_are_prorated_across_two_phases_in_a_31_day_month() {
    // Phase 1: Oct 1–10 (end Oct 11 exclusive) = 10 days, 5 seats:
    //   5 × 6000 × 10/31 = 300000/31 = 9677.419354… → 9677.42
    // Phase 2: Oct 11–31 = 21 days, 10 seats:
    //   10 × 6000 × 21/31 = 1260000/31 = 40645.161290… → 40645.16
    // Charges 50322.58; tax 6 % = 3019.3548 → 3019.35; total 53341.93.
    let mut t = terms();
    phase(&mut t, "试点", date(10, 1), date(10, 11), 5);
    phase(&mut t, "扩量", date(10, 11), date(11, 1), 10);
    charge(&mut t, seats("6000.00"));
    let draft = compute(&october(t));
    assert_eq!(
        amounts(&draft),
        vec![
            (LineKind::Charge, dec("9677.42")),
            (LineKind::Charge, dec("40645.16"))
        ]
    );
    assert_eq!(draft.lines[0].explanation.from, Some(date(10, 1)));
    assert_eq!(draft.lines[0].explanation.to, Some(date(10, 10)));
    assert_eq!(
        draft.lines[0].explanation.exact,
        Some(dec("9677.4193548387096774193548387"))
    );
    assert_eq!(draft.charges, dec("50322.58"));
    assert_eq!(draft.tax, dec("3019.35"));
    assert_eq!(draft.total, dec("53341.93"));
}

#[test]
fn graduated_and_volume_tiers_price_the_same_usage_differently() {
    // 1500 consultations; tiers from 0 at 1.20, from 1000 at 1.00.
    // Graduated: 1000 × 1.20 + 500 × 1.00 = 1700.00
    // Volume: 1500 reach the second tier, all at 1.00 = 1500.00
    let tiers = [("0", "1.20"), ("1000", "1.00")];
    let usage = feed("consultations", date(10, 1), date(10, 30), 50, 1); // 30 × 50 = 1500
    for (pricing, expected) in [
        (TierPricing::Graduated, "1700.00"),
        (TierPricing::Volume, "1500.00"),
    ] {
        let mut t = terms();
        charge(&mut t, per_unit(pricing, "0", &tiers));
        let mut input = october(t);
        input.figures.push(usage.clone());
        let draft = compute(&input);
        assert_eq!(draft.charges, dec(expected), "{pricing}");
        assert_eq!(draft.lines[0].explanation.quantity, Some(dec("1500")));
    }
}

#[test]
fn included_units_are_free_and_tiers_count_the_rest() {
    // 1500 consultations, 200 included: 1300 billable.
    // Graduated: 1000 × 1.20 + 300 × 1.00 = 1500.00
    let mut t = terms();
    charge(
        &mut t,
        per_unit(
            TierPricing::Graduated,
            "200",
            &[("0", "1.20"), ("1000", "1.00")],
        ),
    );
    let mut input = october(t);
    input
        .figures
        .push(feed("consultations", date(10, 1), date(10, 30), 50, 1));
    let draft = compute(&input);
    assert_eq!(draft.charges, dec("1500.00"));
    assert_eq!(draft.lines[0].explanation.quantity, Some(dec("1300")));
}

fn commission(
    percent: Option<&str>,
    tier_by: Option<TierBy>,
    kpi: Option<&str>,
    tiers: &[(&str, &str)],
) -> ChargeSpec {
    ChargeSpec::Commission(CommissionCharge {
        name: "销售提成".into(),
        percent: percent.map(dec),
        tier_by,
        kpi_metric: kpi.map(str::to_owned),
        tiers: tiers
            .iter()
            .map(|(from, p)| PercentTier {
                from: dec(from),
                percent: dec(p),
            })
            .collect(),
    })
}

/// CS-assisted sales: `fen` minor units on one day.
fn sales(fen: i64) -> MetricInput {
    feed("cs_sales", date(10, 5), date(10, 5), fen, 1)
}

#[test]
fn a_flat_commission_is_a_percentage_of_cs_assisted_sales() {
    // Sales 12,345.67 × 2 % = 246.9134 → 246.91
    let mut t = terms();
    charge(&mut t, commission(Some("2"), None, None, &[]));
    let mut input = october(t);
    input.figures.push(sales(1_234_567));
    let draft = compute(&input);
    assert_eq!(draft.charges, dec("246.91"));
    assert_eq!(draft.lines[0].explanation.quantity, Some(dec("12345.67")));
}

#[test]
fn a_commission_tiered_by_sales_takes_the_rate_of_the_tier_reached() {
    // Tiers: from 0 at 1 %, from 100,000 at 2 %. Sales 150,000.00 reach tier 2:
    // 150000 × 2 % = 3000.00
    let mut t = terms();
    charge(
        &mut t,
        commission(
            None,
            Some(TierBy::Sales),
            None,
            &[("0", "1"), ("100000", "2")],
        ),
    );
    let mut input = october(t);
    input.figures.push(sales(15_000_000));
    let draft = compute(&input);
    assert_eq!(draft.charges, dec("3000.00"));
    assert_eq!(draft.lines[0].explanation.band, Some(2));
}

#[test]
fn a_kpi_tiered_commission_takes_the_rate_of_the_band_the_kpi_reaches() {
    // Conversion: 31 days × 35 ordered / 100 inquired = 1085/3100 = 35 %.
    // Tiers: from 0 at 1 %, from 30 at 1.5 %, from 40 at 2 % → 1.5 %.
    // Sales 200,000.00 × 1.5 % = 3000.00
    let mut t = terms();
    charge(
        &mut t,
        commission(
            None,
            Some(TierBy::Kpi),
            Some("conversion_rate"),
            &[("0", "1"), ("30", "1.5"), ("40", "2")],
        ),
    );
    let mut input = october(t);
    input.figures.push(sales(20_000_000));
    input
        .figures
        .push(feed("conversion_rate", date(10, 1), date(10, 31), 35, 100));
    let draft = compute(&input);
    assert_eq!(draft.charges, dec("3000.00"));
    let e = &draft.lines[0].explanation;
    assert_eq!(
        (e.actual, e.band, e.rate),
        (Some(dec("35")), Some(2), Some(dec("1.5")))
    );
}

#[test]
fn fixed_fees_every_month_and_one_time_fees_in_their_month() {
    // October: management fee 5000.00 + setup 2000.00 (Oct 15) = 7000.00
    // November: 5000.00 only.
    let mut t = terms();
    charge(&mut t, fixed("管理费", "5000.00"));
    charge(
        &mut t,
        ChargeSpec::OneTime(OneTimeCharge {
            name: "培训费".into(),
            amount: dec("2000.00"),
            date: date(10, 15),
        }),
    );
    assert_eq!(compute(&october(t.clone())).charges, dec("7000.00"));
    assert_eq!(compute(&month(11, t)).charges, dec("5000.00"));
}

#[test]
fn a_minimum_commitment_tops_up_the_charges_it_covers() {
    // 100 consultations × 10.00 = 1000.00; the floor of 3000.00 covers it:
    // top-up 3000.00 − 1000.00 = 2000.00. The fixed fee is not under the floor.
    let mut t = terms();
    let unit = charge(
        &mut t,
        per_unit(TierPricing::Volume, "0", &[("0", "10.00")]),
    );
    charge(&mut t, fixed("管理费", "500.00"));
    charge(
        &mut t,
        ChargeSpec::MinimumCommitment(MinimumCommitmentCharge {
            name: "最低消费".into(),
            amount: dec("3000.00"),
            covers: vec![unit],
        }),
    );
    let mut input = october(t);
    input
        .figures
        .push(feed("consultations", date(10, 1), date(10, 10), 10, 1));
    let draft = compute(&input);
    assert_eq!(
        amounts(&draft),
        vec![
            (LineKind::Charge, dec("1000.00")),
            (LineKind::Charge, dec("500.00")),
            (LineKind::Charge, dec("2000.00"))
        ]
    );
    assert_eq!(
        draft.lines[2].charge_kind,
        Some(ChargeKindName::MinimumCommitment)
    );
}

#[test]
fn an_amendment_mid_month_bills_each_part_on_its_own_terms() {
    // Version 1 (Oct 1–15): fee 3100.00 × 15/31 = 1500.00
    // Version 2 (Oct 16–31): fee 6200.00 × 16/31 = 3200.00
    let mut one = terms();
    charge(&mut one, fixed("管理费", "3100.00"));
    let mut two = terms();
    charge(&mut two, fixed("管理费", "6200.00"));
    let mut input = october(one.clone());
    input.parts = vec![
        TermsPart {
            version: 1,
            from: date(10, 1),
            to: date(10, 15),
            terms: one,
        },
        TermsPart {
            version: 2,
            from: date(10, 16),
            to: date(10, 31),
            terms: two,
        },
    ];
    let draft = compute(&input);
    assert_eq!(
        amounts(&draft),
        vec![
            (LineKind::Charge, dec("1500.00")),
            (LineKind::Charge, dec("3200.00"))
        ]
    );
    assert_eq!(draft.lines[1].explanation.terms_version, Some(2));
}
