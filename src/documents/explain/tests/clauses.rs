//! Penalty and bonus lines: bands of a percentage of the base, per-step
//! schedules with their maximum, a bonus with its further conditions,
//! missing figures, a target window of part of the month.

use super::*;
use crate::domain::billing::tests::response_bands;
use crate::domain::terms::*;

fn per_step(step: &str, amount: &str, counting: StepCounting, max: &str) -> Schedule {
    Schedule::PerStep(PerStepSchedule {
        step: dec(step),
        amount: dec(amount),
        counting,
        max: Some(dec(max)),
    })
}

fn bands(base: ChargeKindName, inclusive: bool, bands: &[(&str, &str)]) -> Schedule {
    Schedule::Bands(BandsSchedule {
        fee_base: Some(FeeBase {
            charge_kinds: vec![base],
        }),
        bands: bands
            .iter()
            .map(|(threshold, percent)| Band {
                threshold: dec(threshold),
                inclusive,
                amount: None,
                percent: Some(dec(percent)),
            })
            .collect(),
    })
}

fn named(name: &str, mut spec: SlaClauseSpec) -> SlaClauseSpec {
    spec.name = name.into();
    spec
}

#[test]
fn a_band_penalty_names_the_band_reached_and_its_base() {
    // 50 s against at most 30 s reaches the band from 45 s (included):
    // 10 % of the seat fees 60,000.00 = 6,000.00.
    let mut t = ten_seats();
    let spec = sla("first_response_time", "30", response_bands());
    clause(&mut t, named("首次响应时间", spec));
    let mut input = october(t);
    input.figures.push(response_of(50));
    assert_says(
        &said(&input),
        1,
        words(
            "条款 3：首次响应时间",
            &[
                "首次响应时间：目标不超过 30 秒，实际 50 秒",
                "档位：30 秒以上扣基数的 5%；45 秒以上扣基数的 10%；60 秒以上扣基数的 20%",
                "基数：当期座席费合计",
                "达到第 2 档（45 秒以上）：基数 60,000.00 元 × 10% = 6,000.00 元",
            ],
        ),
        words(
            "Clause 3: 首次响应时间",
            &[
                "First response time: target at most 30 s, actual 50 s",
                "Bands: 30 s or above, 5% of the base; 45 s or above, 10% of the base; 60 s or above, 20% of the base",
                "The base is the sum of the period's seat fees",
                "Band 2 reached (45 s or above): base CNY 60,000.00 × 10% = CNY 6,000.00",
            ],
        ),
    );
}

#[test]
fn a_band_that_leaves_out_its_threshold_says_below() {
    // Service level 98.5 % (985 of 1000 a day): below 99 % (not 99 itself),
    // not below 95 %: band 2, 25 % of the management fee 10,000.00 = 2,500.00.
    let mut t = fee("10000.00");
    let schedule = bands(
        ChargeKindName::Fixed,
        false,
        &[("99.9", "10"), ("99", "25"), ("95", "100")],
    );
    clause(
        &mut t,
        named("服务水平", sla("service_level", "99.9", schedule)),
    );
    let mut input = october(t);
    input
        .figures
        .push(feed("service_level", date(10, 1), date(10, 31), 985, 1000));
    assert_says(
        &said(&input),
        1,
        words(
            "条款 2：服务水平",
            &[
                "服务水平：目标不低于 99.9%，实际 98.5%",
                "档位：低于 99.9% 扣基数的 10%；低于 99.0% 扣基数的 25%；低于 95.0% 扣基数的 100%",
                "基数：当期固定费用合计",
                "达到第 2 档（低于 99.0%）：基数 10,000.00 元 × 25% = 2,500.00 元",
            ],
        ),
        words(
            "Clause 2: 服务水平",
            &[
                "Service level: target at least 99.9%, actual 98.5%",
                "Bands: below 99.9%, 10% of the base; below 99.0%, 25% of the base; below 95.0%, 100% of the base",
                "The base is the sum of the period's fixed fees",
                "Band 2 reached (below 99.0%): base CNY 10,000.00 × 25% = CNY 2,500.00",
            ],
        ),
    );
}

#[test]
fn a_per_step_penalty_counts_its_steps_in_words() {
    // Service level 97.1 % against at least 99 %: 1.9 points short, steps of
    // 0.5 counted whole: 3 steps × 500.00 = 1,500.00 (the maximum 2,000.00 not reached).
    let mut t = fee("10000.00");
    let schedule = per_step("0.5", "500.00", StepCounting::Whole, "2000.00");
    clause(
        &mut t,
        named("服务水平", sla("service_level", "99", schedule)),
    );
    let mut input = october(t);
    input
        .figures
        .push(feed("service_level", date(10, 1), date(10, 31), 971, 1000));
    assert_says(
        &said(&input),
        1,
        words(
            "条款 2：服务水平",
            &[
                "服务水平：目标不低于 99.0%，实际 97.1%",
                "每低于目标 0.5 个百分点扣 500.00 元，不足一级不计，最多扣 2,000.00 元",
                "低于目标 1.9 个百分点，共 3 级：3 × 500.00 元 = 1,500.00 元",
            ],
        ),
        words(
            "Clause 2: 服务水平",
            &[
                "Service level: target at least 99.0%, actual 97.1%",
                "CNY 500.00 for every 0.5 percentage points below the target; part of a step does not count; at most CNY 2,000.00",
                "1.9 percentage points below the target: 3 steps × CNY 500.00 = CNY 1,500.00",
            ],
        ),
    );
}

#[test]
fn a_started_step_counts_whole_and_the_clause_maximum_gives_back_the_rest() {
    // 58.2 s against at most 30 s: 28.2 s over, a started step counts whole:
    // 29 × 200.00 = 5,800.00; the clause's maximum 5,000.00 gives back 800.00.
    let mut t = fee("10000.00");
    let schedule = per_step("1", "200.00", StepCounting::Started, "5000.00");
    let spec = sla("first_response_time", "30", schedule);
    clause(&mut t, named("首次响应时间", spec));
    let mut input = october(t);
    input.figures.push(feed(
        "first_response_time",
        date(10, 1),
        date(10, 31),
        58_200,
        1,
    ));
    let said = said(&input);
    assert_says(
        &said,
        1,
        words(
            "条款 2：首次响应时间",
            &[
                "首次响应时间：目标不超过 30 秒，实际 58.2 秒",
                "每超过目标 1 秒扣 200.00 元，不足一级按一级计，最多扣 5,000.00 元",
                "超过目标 28.2 秒，共 29 级：29 × 200.00 元 = 5,800.00 元",
            ],
        ),
        words(
            "Clause 2: 首次响应时间",
            &[
                "First response time: target at most 30 s, actual 58.2 s",
                "CNY 200.00 for every 1 s above the target; a started step counts as a whole one; at most CNY 5,000.00",
                "28.2 s above the target: 29 steps × CNY 200.00 = CNY 5,800.00",
            ],
        ),
    );
    assert_says(
        &said,
        2,
        words(
            "单项扣款上限返还",
            &[
                "条款 2「首次响应时间」扣款 5,800.00 元，超过该条款最高扣款额 5,000.00 元，返还 5,800.00 元 − 5,000.00 元 = 800.00 元",
            ],
        ),
        words(
            "Clause maximum applied",
            &[
                "Clause 2 (首次响应时间) came to CNY 5,800.00, above its maximum of CNY 5,000.00: CNY 5,800.00 − CNY 5,000.00 = CNY 800.00 given back",
            ],
        ),
    );
}

#[test]
fn a_bonus_names_every_condition_and_the_figure_that_met_it() {
    // DSR 4.85 (485 of 100 ratings a day) against at least 4.7 reaches the
    // bonus band from 4.8 (included), not the one from 4.9: 2,000.00 —
    // as CSAT, 93.5 %, is at least 90 %.
    let mut t = fee("10000.00");
    let bonus_bands = [("4.8", "2000.00"), ("4.9", "5000.00")]
        .iter()
        .map(|(threshold, amount)| Band {
            threshold: dec(threshold),
            inclusive: true,
            amount: Some(dec(amount)),
            percent: None,
        })
        .collect();
    let mut spec = named(
        "DSR服务评分",
        sla(
            "dsr_service",
            "4.7",
            crate::domain::billing::tests::fixed_penalty("3000.00"),
        ),
    );
    spec.bonus = Some(Bonus {
        schedule: Schedule::Bands(BandsSchedule {
            fee_base: None,
            bands: bonus_bands,
        }),
        also_requires: vec![Condition {
            metric: "csat".into(),
            threshold: dec("90"),
        }],
    });
    clause(&mut t, spec);
    let mut input = october(t);
    input
        .figures
        .push(feed("dsr_service", date(10, 1), date(10, 31), 485, 100));
    input
        .figures
        .push(feed("csat", date(10, 1), date(10, 31), 935, 1000));
    assert_says(
        &said(&input),
        1,
        words(
            "条款 2：DSR服务评分",
            &[
                "DSR服务评分：目标不低于 4.70 分，实际 4.85 分",
                "同时须满足：满意度不低于 90.0%（实际 93.5%）",
                "档位：4.80 分以上奖励 2,000.00 元；4.90 分以上奖励 5,000.00 元",
                "达到第 1 档（4.80 分以上）：2,000.00 元",
            ],
        ),
        words(
            "Clause 2: DSR服务评分",
            &[
                "DSR service score: target at least 4.70, actual 4.85",
                "Also required: CSAT at least 90.0% (actual 93.5%)",
                "Bands: 4.80 or above, CNY 2,000.00; 4.90 or above, CNY 5,000.00",
                "Band 1 reached (4.80 or above): CNY 2,000.00",
            ],
        ),
    );
}

#[test]
fn missing_figures_take_the_worst_band_as_the_clause_says() {
    // No conversion figures, treated as a breach: the worst band, 20 % of
    // the seat fees 60,000.00 = 12,000.00.
    let mut t = ten_seats();
    let schedule = bands(
        ChargeKindName::SeatMonthly,
        true,
        &[("40", "5"), ("35", "10"), ("30", "20")],
    );
    clause(
        &mut t,
        named("询单转化率", sla("conversion_rate", "40", schedule)),
    );
    assert_says(
        &said(&october(t)),
        1,
        words(
            "条款 3：询单转化率",
            &[
                "询单转化率：目标不低于 40.0%，无数据，按条款视为未达标",
                "档位：40.0% 以下扣基数的 5%；35.0% 以下扣基数的 10%；30.0% 以下扣基数的 20%",
                "基数：当期座席费合计",
                "按最严重的第 3 档（30.0% 以下）计：基数 60,000.00 元 × 20% = 12,000.00 元",
            ],
        ),
        words(
            "Clause 3: 询单转化率",
            &[
                "Inquiry conversion rate: target at least 40.0%; no figures, which the clause counts as missing it",
                "Bands: 40.0% or below, 5% of the base; 35.0% or below, 10% of the base; 30.0% or below, 20% of the base",
                "The base is the sum of the period's seat fees",
                "Taken at the worst band, 3 (30.0% or below): base CNY 60,000.00 × 20% = CNY 12,000.00",
            ],
        ),
    );
}

#[test]
fn a_target_window_says_its_days_and_prorates_the_base() {
    // 双11 (Oct 1–10) allows 45 s; 50 s reaches the band from 45 s: 10 % of
    // the seat fees for 10 of 31 days, 60000 × 10/31 = 19354.838… → 1,935.48.
    let mut t = ten_seats();
    let mut spec = named(
        "首次响应时间",
        sla("first_response_time", "30", response_bands()),
    );
    spec.overrides = vec![TargetOverride {
        label: "双11".into(),
        from: date(10, 1),
        to: date(10, 10),
        target: dec("45"),
    }];
    clause(&mut t, spec);
    let mut input = october(t);
    input.figures.push(response_of(50));
    let said = said(&input);
    let window = said
        .iter()
        .find(|(zh, _)| zh.label.contains("双11"))
        .expect("a line for the window");
    assert_says(
        std::slice::from_ref(window),
        0,
        words(
            "条款 3：首次响应时间 (双11)",
            &[
                "首次响应时间：目标不超过 45 秒，实际 50 秒",
                "考核期间：2026-10-01 至 2026-10-10",
                "档位：30 秒以上扣基数的 5%；45 秒以上扣基数的 10%；60 秒以上扣基数的 20%",
                "基数：当期座席费合计",
                "达到第 2 档（45 秒以上）：基数 19,354.84 元 × 10% = 1,935.48 元",
                "基数按考核期间的天数折算",
            ],
        ),
        words(
            "Clause 3: 首次响应时间 (双11)",
            &[
                "First response time: target at most 45 s, actual 50 s",
                "Measured from 2026-10-01 to 2026-10-10",
                "Bands: 30 s or above, 5% of the base; 45 s or above, 10% of the base; 60 s or above, 20% of the base",
                "The base is the sum of the period's seat fees",
                "Band 2 reached (45 s or above): base CNY 19,354.84 × 10% = CNY 1,935.48",
                "The base is prorated to the days measured",
            ],
        ),
    );
}

#[test]
fn a_clause_as_written_reads_in_plain_words_in_each_language() {
    let spec: SlaClauseSpec = serde_json::from_value(serde_json::json!({
        "name": "首次响应", "metric": "first_response_time", "target": "30", "min_sample": 500,
        "overrides": [{ "label": "双11", "from": "2026-11-01", "to": "2026-11-12", "target": "45" }],
        "penalty": { "type": "per_step", "step": "1", "amount": "50.00", "max": "2000.00" }
    }))
    .unwrap();
    let zh = crate::documents::explain::clause_in_words(Language::Zh, "CNY", 2, &spec, &[]);
    assert_eq!(
        zh,
        [
            "首次响应时间按月考核，目标不超过 30 秒",
            "扣款：每超过目标 1 秒扣 50.00 元，不足一级不计，最多扣 2,000.00 元",
            "双11期间（2026-11-01 至 2026-11-12）目标不超过 45 秒",
            "适用于所有阶段",
            "当月样本量不足 500 时不考核",
            "缺少数据时视为未达标",
        ]
    );
    let en = crate::documents::explain::clause_in_words(Language::En, "CNY", 2, &spec, &[]);
    assert_eq!(
        en[0],
        "First response time, measured monthly: target at most 30 s"
    );
    assert!(
        en[1].starts_with("Penalty: CNY 50.00 for every 1 s"),
        "{}",
        en[1]
    );
}
