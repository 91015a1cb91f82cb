//! Every invoice line in words, in the document's language: where it comes
//! from (the charge, the clause, the cap), the figures it was judged on at
//! the metric's places, the schedule as the contract writes it, and the
//! arithmetic that gives its amount.
//!
//! One presenter for the documents and the pages. It reads the line's
//! structured [`Explanation`](crate::domain::billing::Explanation) and the
//! terms it was billed on; it computes nothing the engine did not (the
//! tier split and the proration are the engine's own functions), and its
//! words are all in the catalogue (`line-…` in `locales/*/documents.ftl`).
//! The English `formula` of a line stays what the API and stored invoices
//! carry; it is not printed.

mod caps;
mod charges;
mod clauses;
mod terms;
#[cfg(test)]
mod tests;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::amount;
use crate::catalogue::Language;
use crate::domain::Period;
use crate::domain::billing::{Line, Rule};
use crate::domain::metric::{Metric, Unit};
use crate::domain::terms::ChargeKindName;
pub use clauses::clause_in_words;
pub use terms::BilledTerms;

/// What the presenter needs to know of the document around a line.
#[derive(Debug, Clone, Copy)]
pub struct Explainer<'a> {
    pub language: Language,
    /// ISO code of the invoice's currency.
    pub currency: &'a str,
    pub minor_digits: u32,
    pub period: Period,
    pub terms: &'a BilledTerms,
    /// The lines are a credit note's: the invoice's lines, negated.
    pub credit_note: bool,
}

/// A line in words: its name and the sentences that explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explained {
    pub label: String,
    pub detail: Vec<String>,
}

impl Explainer<'_> {
    /// The line's name and its explanation.
    pub fn explain(&self, line: &Line) -> Explained {
        let (amount, afterword) = self.amount_explained(line);
        let (label, mut detail) = match line.explanation.rule {
            Rule::Charge => (line.label.clone(), charges::explain(self, line, amount)),
            Rule::Clause => clauses::penalty(self, line, amount),
            Rule::Bonus => clauses::bonus(self, line, amount),
            Rule::Incident => caps::incident(self, line, amount),
            Rule::ClauseMaximum | Rule::MonthlyCap | Rule::AnnualCap | Rule::AmountDue => {
                caps::cap(self, line, amount)
            }
        };
        detail.extend(afterword);
        Explained { label, detail }
    }

    /// Sentences of an explanation as one text, for a cell of a table.
    pub fn joined(&self, detail: &[String]) -> String {
        let end = self.t("line-sentence-end", &[]);
        detail
            .iter()
            .map(|sentence| format!("{sentence}{end}"))
            .collect::<String>()
            .trim_end()
            .to_owned()
    }

    /// The amount the explanation arrives at, as a positive figure (the kind
    /// column says whether it is owed or deducted), and for a credit note or
    /// restatement the sentence that says what became of it.
    fn amount_explained(&self, line: &Line) -> (Decimal, Option<String>) {
        match line.explanation.restated {
            Some(restated) => {
                // A line that went is explained as it was; any other as it is now.
                let basis = if restated.now.is_zero() {
                    restated.was
                } else {
                    restated.now
                };
                let sentence = self.t(
                    "line-restated",
                    &[
                        ("was", self.money(restated.was)),
                        ("now", self.money(restated.now)),
                        ("difference", self.money(line.amount)),
                    ],
                );
                (basis.abs(), Some(sentence))
            }
            None if self.credit_note => (line.amount.abs(), Some(self.t("line-credited", &[]))),
            None => (line.amount.abs(), None),
        }
    }

    fn t(&self, id: &str, args: &[(&str, String)]) -> String {
        let text = self.language.text(id, args);
        match self.language {
            Language::Zh => tighten(&text),
            Language::En => text,
        }
    }

    /// Money to the minor unit with its currency: `6,000.00 元`, `CNY 6,000.00`.
    fn money(&self, value: Decimal) -> String {
        self.currency_text(amount(value, self.minor_digits))
    }

    /// A price or rate as written, to the minor unit or beyond (`1.2345 元`).
    fn price(&self, value: Decimal) -> String {
        let places = value.normalize().scale().max(self.minor_digits);
        self.currency_text(amount(value, places))
    }

    fn currency_text(&self, figure: String) -> String {
        if self.currency == "CNY" {
            self.t("line-money-cny", &[("amount", figure)])
        } else {
            self.t(
                "line-money",
                &[("amount", figure), ("currency", self.currency.to_owned())],
            )
        }
    }

    /// A value of `metric` with its unit, already at the places to show.
    fn value(&self, metric: &Metric, shown: Decimal) -> String {
        with_unit(self.language, metric, shown, |v| self.money(v))
    }

    /// A figure of the terms (target, threshold) with its unit.
    fn term(&self, metric: &Metric, value: Decimal) -> String {
        self.value(metric, metric.shown_term(value))
    }

    /// A measured figure with its unit, honest against `against`.
    fn measure(&self, metric: &Metric, value: Decimal, against: &[Decimal]) -> String {
        self.value(metric, metric.shown_measure(value, against))
    }

    /// A distance between two values of `metric`: percentages differ by
    /// percentage points (百分点), not by per cent.
    fn gap(&self, metric: &Metric, shown: Decimal) -> String {
        match metric.unit {
            Unit::Percent => self.t(
                "line-gap-percent",
                &[("value", shown.to_string()), ("plural", plural(shown))],
            ),
            _ => self.value(metric, shown),
        }
    }

    fn metric_name(&self, metric: &Metric) -> &'static str {
        self.language.metric_name(metric)
    }

    fn list(&self, items: Vec<String>) -> String {
        items.join(&self.t("line-list-separator", &[]))
    }

    fn charge_kinds(&self, kinds: &[ChargeKindName]) -> String {
        self.list(
            kinds
                .iter()
                .map(|kind| {
                    let id = format!("charge-kind-{}", kind.as_str().replace('_', "-"));
                    self.t(&id, &[])
                })
                .collect(),
        )
    }

    /// Whether `from..=to` is the whole period, so that its days go unsaid.
    fn whole_period(&self, from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>) -> bool {
        from.is_none_or(|d| d == self.period.first_day())
            && to.is_none_or(|d| d == self.period.last_day())
    }

    /// "Days billed: …" or "Measured from …", for days short of the period.
    fn days(
        &self,
        id: &str,
        from: Option<chrono::NaiveDate>,
        to: Option<chrono::NaiveDate>,
    ) -> Option<String> {
        let (Some(from), Some(to)) = (from, to) else {
            return None;
        };
        (!self.whole_period(Some(from), Some(to)))
            .then(|| self.t(id, &[("from", from.to_string()), ("to", to.to_string())]))
    }
}

/// Chinese sets a space between a Han character and a figure, none between
/// two Han characters. The catalogue's texts put a space around each value,
/// which is right beside a figure (低于 99.0%) but not where the value ends
/// in a unit that is itself a character: 30 秒 以上 reads 30 秒以上.
fn tighten(text: &str) -> String {
    let han = |c: Option<&char>| c.is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(c));
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            let between = i > 0 && han(chars.get(i - 1)) && han(chars.get(i + 1));
            !(*c == ' ' && between)
        })
        .map(|(_, c)| *c)
        .collect()
}

/// A count or quantity with thousands separators, to at most two places
/// (a quantity prorated to part of a month has more).
/// A figure of `metric`, already at the places it is shown with, with its
/// unit in `language` (`28.4 秒`, `36.25%`, `4.82 分`); money as `money`
/// writes it. For the documents and the pages alike.
pub fn with_unit(
    language: Language,
    metric: &Metric,
    shown: Decimal,
    money: impl FnOnce(Decimal) -> String,
) -> String {
    let id = match metric.unit {
        Unit::Money => return money(shown),
        Unit::Count => return language.text("line-value-count", &[("value", count(shown))]),
        Unit::Percent => "line-value-percent",
        Unit::Seconds => "line-value-seconds",
        Unit::Score => "line-value-score",
    };
    language.text(id, &[("value", shown.to_string())])
}

fn count(value: Decimal) -> String {
    let shown = value
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    amount(shown, shown.scale())
}

/// A plain figure: a percentage rate, a number of steps (`2.5`, `25`).
fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// English's plural category of a figure, for the catalogue to choose a form.
fn plural(value: Decimal) -> String {
    if value == Decimal::ONE {
        "one"
    } else {
        "other"
    }
    .to_owned()
}
