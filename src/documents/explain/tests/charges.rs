//! Charge lines: seats by the day, units in tiers, commissions, fixed and
//! one-time fees, a minimum, an amendment mid-month.

use super::*;
use crate::domain::billing::TermsPart;
use crate::domain::billing::tests::{phase, seats, terms};
use crate::domain::terms::*;

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

fn commission(tier_by: Option<TierBy>, kpi: Option<&str>, tiers: &[(&str, &str)]) -> ChargeSpec {
    ChargeSpec::Commission(CommissionCharge {
        name: "销售提成".into(),
        percent: None,
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

#[test]
fn seats_are_said_phase_by_phase_with_their_days() {
    // 5 × 6000 × 10/31 = 9677.419… → 9677.42; 10 × 6000 × 21/31 = 40645.161… → 40645.16
    let mut t = terms();
    phase(&mut t, "试点", date(10, 1), date(10, 11), 5);
    phase(&mut t, "扩量", date(10, 11), date(11, 1), 10);
    charge(&mut t, seats("6000.00"));
    let said = said(&october(t));
    assert_says(
        &said,
        0,
        words(
            "坐席费 — 试点",
            &[
                "座席 5 个 × 6,000.00 元/座席·月 × 10/31 天 = 9,677.42 元",
                "计费期间：2026-10-01 至 2026-10-10",
            ],
        ),
        words(
            "坐席费 — 试点",
            &[
                "5 seats × CNY 6,000.00 per seat-month × 10/31 days = CNY 9,677.42",
                "Days billed: 2026-10-01 to 2026-10-10",
            ],
        ),
    );
    assert_says(
        &said,
        1,
        words(
            "坐席费 — 扩量",
            &[
                "座席 10 个 × 6,000.00 元/座席·月 × 21/31 天 = 40,645.16 元",
                "计费期间：2026-10-11 至 2026-10-31",
            ],
        ),
        words(
            "坐席费 — 扩量",
            &[
                "10 seats × CNY 6,000.00 per seat-month × 21/31 days = CNY 40,645.16",
                "Days billed: 2026-10-11 to 2026-10-31",
            ],
        ),
    );
}

#[test]
fn units_beyond_the_included_are_priced_tier_by_tier() {
    // 30 days × 50 = 1500 consultations, 200 included: 1300 billable.
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
    assert_says(
        &said(&input),
        0,
        words(
            "咨询计件",
            &[
                "咨询量 1,500，扣除每月包含的 200，计费 1,300",
                "分段计价：1,000 × 1.20 元 + 300 × 1.00 元 = 1,500.00 元",
            ],
        ),
        words(
            "咨询计件",
            &[
                "Consultations: 1,500, less 200 included each month: 1,300 billable",
                "Graduated tiers: 1,000 × CNY 1.20 + 300 × CNY 1.00 = CNY 1,500.00",
            ],
        ),
    );
}

#[test]
fn volume_pricing_names_the_tier_every_unit_is_priced_at() {
    // 1500 consultations reach the tier from 1000: all at 1.00 = 1500.00.
    let mut t = terms();
    charge(
        &mut t,
        per_unit(TierPricing::Volume, "0", &[("0", "1.20"), ("1000", "1.00")]),
    );
    let mut input = october(t);
    input
        .figures
        .push(feed("consultations", date(10, 1), date(10, 30), 50, 1));
    assert_says(
        &said(&input),
        0,
        words(
            "咨询计件",
            &[
                "咨询量 1,500，全部计费",
                "达到第 2 档（1,000 以上），全部按单价 1.00 元计：1,500 × 1.00 元 = 1,500.00 元",
            ],
        ),
        words(
            "咨询计件",
            &[
                "Consultations: 1,500, all billable",
                "Tier 2 reached (1,000 or more), every unit at CNY 1.00: 1,500 × CNY 1.00 = CNY 1,500.00",
            ],
        ),
    );
}

#[test]
fn a_commission_says_which_tier_its_rate_comes_from() {
    // Conversion 31 × 35 / 31 × 100 = 35 %: tier 2 (from 30 %) at 1.5 %.
    // Sales 200,000.00 × 1.5 % = 3000.00
    let mut t = terms();
    charge(
        &mut t,
        commission(
            Some(TierBy::Kpi),
            Some("conversion_rate"),
            &[("0", "1"), ("30", "1.5"), ("40", "2")],
        ),
    );
    let mut input = october(t);
    input
        .figures
        .push(feed("cs_sales", date(10, 5), date(10, 5), 20_000_000, 1));
    input
        .figures
        .push(feed("conversion_rate", date(10, 1), date(10, 31), 35, 100));
    assert_says(
        &said(&input),
        0,
        words(
            "销售提成",
            &[
                "询单转化率 35.0%，达到第 2 档（30.0% 以上），提成比例 1.5%",
                "客服销售额 200,000.00 元 × 1.5% = 3,000.00 元",
            ],
        ),
        words(
            "销售提成",
            &[
                "Inquiry conversion rate 35.0% reaches tier 2 (30.0% or more): a rate of 1.5%",
                "CS-assisted sales CNY 200,000.00 × 1.5% = CNY 3,000.00",
            ],
        ),
    );

    // Tiered by sales: 150,000.00 reach the tier from 100,000.00 at 2 % = 3000.00
    let mut t = terms();
    charge(
        &mut t,
        commission(Some(TierBy::Sales), None, &[("0", "1"), ("100000", "2")]),
    );
    let mut input = october(t);
    input
        .figures
        .push(feed("cs_sales", date(10, 5), date(10, 5), 15_000_000, 1));
    assert_says(
        &said(&input),
        0,
        words(
            "销售提成",
            &[
                "客服销售额达到第 2 档（100,000.00 元以上），提成比例 2%",
                "客服销售额 150,000.00 元 × 2% = 3,000.00 元",
            ],
        ),
        words(
            "销售提成",
            &[
                "Sales reach tier 2 (CNY 100,000.00 or more): a rate of 2%",
                "CS-assisted sales CNY 150,000.00 × 2% = CNY 3,000.00",
            ],
        ),
    );
}

#[test]
fn fixed_and_one_time_fees_and_a_minimum_top_up() {
    // 100 consultations × 10.00 = 1000.00 under a floor of 3000.00: top-up 2000.00.
    // Management fee 500.00; training 2000.00 once, on October 15.
    let mut t = terms();
    let unit = charge(
        &mut t,
        per_unit(TierPricing::Volume, "0", &[("0", "10.00")]),
    );
    charge(&mut t, fixed("管理费", "500.00"));
    charge(
        &mut t,
        ChargeSpec::OneTime(OneTimeCharge {
            name: "培训费".into(),
            amount: dec("2000.00"),
            date: date(10, 15),
        }),
    );
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
    let said = said(&input);
    assert_says(
        &said,
        0,
        words(
            "咨询计件",
            &[
                "咨询量 100，全部计费",
                "第 1 档，单价 10.00 元：100 × 10.00 元 = 1,000.00 元",
            ],
        ),
        words(
            "咨询计件",
            &[
                "Consultations: 100, all billable",
                "Tier 1, every unit at CNY 10.00: 100 × CNY 10.00 = CNY 1,000.00",
            ],
        ),
    );
    assert_says(
        &said,
        1,
        words("管理费", &["每月固定 500.00 元"]),
        words("管理费", &["CNY 500.00 a month"]),
    );
    assert_says(
        &said,
        2,
        words("培训费", &["一次性收取（2026-10-15）"]),
        words("培训费", &["Once, on 2026-10-15"]),
    );
    assert_says(
        &said,
        3,
        words(
            "最低消费",
            &[
                "每月最低 3,000.00 元",
                "其下各项（咨询计件）合计 1,000.00 元，补足差额：3,000.00 元 − 1,000.00 元 = 2,000.00 元",
            ],
        ),
        words(
            "最低消费",
            &[
                "A monthly minimum of CNY 3,000.00",
                "The charges under it (咨询计件) come to CNY 1,000.00; the top-up is CNY 3,000.00 − CNY 1,000.00 = CNY 2,000.00",
            ],
        ),
    );
}

#[test]
fn a_fee_of_part_of_the_month_is_prorated_by_day() {
    // Version 1 (Oct 1–15): 3100.00 × 15/31 = 1500.00
    // Version 2 (Oct 16–31): 6200.00 × 16/31 = 3200.00
    let (one, two) = (fee("3100.00"), fee("6200.00"));
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
    let said = said(&input);
    assert_says(
        &said,
        0,
        words(
            "管理费",
            &[
                "每月 3,100.00 元 × 15/31 天 = 1,500.00 元",
                "计费期间：2026-10-01 至 2026-10-15",
            ],
        ),
        words(
            "管理费",
            &[
                "CNY 3,100.00 a month × 15/31 days = CNY 1,500.00",
                "Days billed: 2026-10-01 to 2026-10-15",
            ],
        ),
    );
    assert_says(
        &said,
        1,
        words(
            "管理费",
            &[
                "每月 6,200.00 元 × 16/31 天 = 3,200.00 元",
                "计费期间：2026-10-16 至 2026-10-31",
            ],
        ),
        words(
            "管理费",
            &[
                "CNY 6,200.00 a month × 16/31 days = CNY 3,200.00",
                "Days billed: 2026-10-16 to 2026-10-31",
            ],
        ),
    );
}
