//! Caps, the floor under the total, late escalations, and the lines of a
//! credit note or a restatement.

use super::*;
use crate::domain::billing::IncidentInput;
use crate::domain::billing::tests::{fixed_penalty, response_bands};
use crate::domain::incident::{IncidentCategory, Timeliness};
use crate::domain::invoice::difference;
use crate::domain::terms::*;

/// Ten seats (60,000.00) and a first response clause in bands: 50 s costs
/// 10 % of the seat fees, 6,000.00.
fn six_thousand_of_penalties() -> BillingInput {
    let mut t = ten_seats();
    let mut spec = sla("first_response_time", "30", response_bands());
    spec.name = "首次响应时间".into();
    clause(&mut t, spec);
    t.liability.uncapped = vec![PenaltyCategory::Incident];
    let mut input = october(t);
    input.figures.push(response_of(50));
    input
}

#[test]
fn a_monthly_cap_says_its_limit_and_what_it_gave_back() {
    // 5 % of the month's charges 60,000.00 = 3,000.00; penalties 6,000.00: 3,000.00 back.
    let mut input = six_thousand_of_penalties();
    input.parts[0].terms.liability.monthly_cap = Some(Cap {
        amount: None,
        percent_of_fees: Some(dec("5")),
    });
    assert_says(
        &said(&input),
        2,
        words(
            "月度扣款上限返还",
            &[
                "月度扣款上限：当月服务费的 5%，即 3,000.00 元",
                "计入上限的扣款合计 6,000.00 元，超出部分返还：6,000.00 元 − 3,000.00 元 = 3,000.00 元",
                "不受上限限制：事件扣款",
            ],
        ),
        words(
            "Monthly cap applied",
            &[
                "Monthly cap: 5% of the month's charges, CNY 3,000.00",
                "Penalties counted against it come to CNY 6,000.00: CNY 6,000.00 − CNY 3,000.00 = CNY 3,000.00 given back",
                "Outside every cap: incident penalties",
            ],
        ),
    );
}

#[test]
fn an_annual_cap_says_what_earlier_months_used() {
    // Cap 200,000.00 a contract year, 198,000.00 on earlier months: 2,000.00
    // left; penalties 6,000.00: 4,000.00 back.
    let mut input = six_thousand_of_penalties();
    input.parts[0].terms.liability.annual_cap = Some(dec("200000.00"));
    input.penalties_earlier_in_year = dec("198000.00");
    assert_says(
        &said(&input),
        2,
        words(
            "合同年度扣款上限返还",
            &[
                "合同年度扣款上限 200,000.00 元，此前各月已计 198,000.00 元，尚余 2,000.00 元",
                "计入上限的扣款合计 6,000.00 元，超出部分返还：6,000.00 元 − 2,000.00 元 = 4,000.00 元",
                "不受上限限制：事件扣款",
            ],
        ),
        words(
            "Contract-year cap applied",
            &[
                "Contract-year cap CNY 200,000.00: CNY 198,000.00 on earlier months, CNY 2,000.00 left",
                "Penalties counted against it come to CNY 6,000.00: CNY 6,000.00 − CNY 2,000.00 = CNY 4,000.00 given back",
                "Outside every cap: incident penalties",
            ],
        ),
    );
}

#[test]
fn penalties_beyond_the_amount_due_are_said_not_deducted() {
    // Fee 1,000.00, a fixed penalty of 3,000.00 for CSAT 80 % against 90 %:
    // 2,000.00 beyond the amount due is not deducted.
    let mut t = fee("1000.00");
    let mut spec = sla("csat", "90", fixed_penalty("3000.00"));
    spec.name = "满意度".into();
    clause(&mut t, spec);
    let mut input = october(t);
    input
        .figures
        .push(feed("csat", date(10, 1), date(10, 31), 80, 100));
    let said = said(&input);
    assert_says(
        &said,
        1,
        words(
            "条款 2：满意度",
            &[
                "满意度：目标不低于 90.0%，实际 80.0%",
                "未达目标扣 3,000.00 元",
            ],
        ),
        words(
            "Clause 2: 满意度",
            &[
                "CSAT: target at least 90.0%, actual 80.0%",
                "CNY 3,000.00 when the target is missed",
            ],
        ),
    );
    assert_says(
        &said,
        2,
        words(
            "超出应付金额的扣款（不扣减）",
            &[
                "扣款超过应付金额 1,000.00 元（服务费与奖励之和），超出的 2,000.00 元不予扣减，结算金额不为负",
            ],
        ),
        words(
            "Penalties beyond the amount due, not deducted",
            &[
                "Penalties exceed the amount due of CNY 1,000.00 (charges and bonuses): the CNY 2,000.00 beyond it is not deducted, so the total is not negative",
            ],
        ),
    );
}

#[test]
fn a_late_escalation_says_its_duty_and_how_late_it_was() {
    // A critical incident escalated after 95 minutes against 30 costs 5,000.00;
    // another never escalated costs as much.
    let mut input = october(fee("10000.00"));
    let incident = |id, timeliness, minutes| IncidentInput {
        id,
        severity: Severity::Critical,
        category: IncidentCategory::DataLeak,
        timeliness,
        minutes_to_escalation: minutes,
        deadline_minutes: Some(30),
        amount: Some(dec("5000.00")),
    };
    input.incidents = vec![
        incident(7, Timeliness::Late, Some(95)),
        incident(8, Timeliness::Overdue, None),
    ];
    let said = said(&input);
    assert_says(
        &said,
        1,
        words(
            "事件 7 未按时上报",
            &[
                "严重程度：严重；须在 30 分钟内上报，实际 95 分钟后上报",
                "每次迟报扣 5,000.00 元",
            ],
        ),
        words(
            "Late escalation of incident 7",
            &[
                "Severity critical: to be escalated within 30 minutes, escalated after 95",
                "Each late escalation costs CNY 5,000.00",
            ],
        ),
    );
    assert_says(
        &said,
        2,
        words(
            "事件 8 未按时上报",
            &[
                "严重程度：严重；须在 30 分钟内上报，结算时仍未上报",
                "每次迟报扣 5,000.00 元",
            ],
        ),
        words(
            "Late escalation of incident 8",
            &[
                "Severity critical: to be escalated within 30 minutes, not escalated by the time of billing",
                "Each late escalation costs CNY 5,000.00",
            ],
        ),
    );
}

#[test]
fn a_credited_or_restated_line_says_what_became_of_it() {
    // A credit note's line is the invoice's, negated: explained as it was.
    let mut t = fee("1000.00");
    let mut spec = sla("csat", "90", fixed_penalty("300.00"));
    spec.name = "满意度".into();
    clause(&mut t, spec);
    let mut input = october(t);
    input
        .figures
        .push(feed("csat", date(10, 1), date(10, 31), 85, 100));
    assert_says(
        &said_as(&input, true),
        1,
        words(
            "条款 2：满意度",
            &[
                "满意度：目标不低于 90.0%，实际 85.0%",
                "未达目标扣 300.00 元",
                "冲销原结算单中的此行",
            ],
        ),
        words(
            "Clause 2: 满意度",
            &[
                "CSAT: target at least 90.0%, actual 85.0%",
                "CNY 300.00 when the target is missed",
                "Credits this line of the invoice",
            ],
        ),
    );

    // Restated at 92 %, the penalty goes: the line of the difference says so.
    let issued = compute(&input);
    input.figures[0] = feed("csat", date(10, 1), date(10, 31), 92, 100);
    let restated = difference(&issued, &compute(&input));
    let terms = BilledTerms::of_input(&input);
    let explainer = Explainer {
        language: Language::Zh,
        currency: "CNY",
        minor_digits: 2,
        period: input.period,
        terms: &terms,
        credit_note: false,
    };
    let words_of = explainer.explain(&restated.lines[0]);
    assert_eq!(
        words_of.detail.last().map(String::as_str),
        Some("原结算单此行 -300.00 元，重算后 0.00 元，调整 300.00 元")
    );
    assert_eq!(
        explainer.joined(&words_of.detail),
        "满意度：目标不低于 90.0%，实际 85.0%。未达目标扣 300.00 元。原结算单此行 -300.00 元，重算后 0.00 元，调整 300.00 元。"
    );
}
