//! The first page's heading: title and stamp, the document's facts, the two
//! parties side by side and the reason of a credit note.

use super::font::{width, wrap};
use super::pen::Pen;
use super::{BODY, INK, MARGIN, MUTED, RED, WIDTH};
use crate::documents::{Document, Labels, Party};

/// Title, facts and parties; returns where the table starts.
pub(super) fn heading(pen: &mut Pen<'_, '_>, d: &Document) -> f32 {
    let labels = d.labels;
    pen.color(INK);
    pen.text(MARGIN, MARGIN + 18.0, 18.0, d.title);
    let stamp = match (d.draft, d.void) {
        (true, _) => Some(labels.draft.as_str()),
        (_, true) => Some(labels.void.as_str()),
        _ => None,
    };
    if let Some(stamp) = stamp {
        pen.color(RED);
        pen.text(
            MARGIN + width(d.title, 18.0) + 12.0,
            MARGIN + 18.0,
            14.0,
            stamp,
        );
    }
    pen.color(MUTED);
    pen.text(
        MARGIN,
        MARGIN + 36.0,
        BODY,
        &format!(
            "{}: {} · {}",
            labels.contract, d.contract_number, d.contract_title
        ),
    );

    let mut facts = vec![(labels.number.as_str(), d.number.as_str())];
    if let Some(refers_to) = &d.refers_to {
        facts.push((&labels.refers_to, refers_to));
    }
    facts.push((&labels.period, &d.period));
    if let Some(issued_on) = &d.issued_on {
        facts.push((&labels.issued_on, issued_on));
    }
    if let Some(due_on) = &d.due_on {
        facts.push((&labels.due_on, due_on));
    }
    facts.push((&labels.currency, &d.currency));
    let mut y = MARGIN + 8.0;
    for (label, value) in facts {
        pen.color(MUTED);
        pen.text(WIDTH - MARGIN - 190.0, y, BODY, label);
        pen.color(INK);
        pen.right(WIDTH - MARGIN, y, BODY, value);
        y += 12.0;
    }
    y = y.max(MARGIN + 44.0) + 4.0;
    pen.rule(y, 1.2, INK);

    let top = y + 16.0;
    let half = (WIDTH - 2.0 * MARGIN) / 2.0;
    let left = party(
        pen,
        &labels.seller,
        &d.seller,
        labels,
        MARGIN,
        top,
        half - 12.0,
    );
    let right = party(
        pen,
        &labels.buyer,
        &d.buyer,
        labels,
        MARGIN + half,
        top,
        half - 12.0,
    );
    let mut y = left.max(right) + 6.0;
    if let Some(reason) = &d.reason {
        pen.color(INK);
        for line in wrap(
            &format!("{}: {reason}", labels.reason),
            BODY,
            WIDTH - 2.0 * MARGIN,
        ) {
            pen.text(MARGIN, y, BODY, &line);
            y += 12.0;
        }
    }
    y + 4.0
}

fn party(
    pen: &mut Pen<'_, '_>,
    title: &str,
    party: &Party,
    labels: &Labels,
    x: f32,
    top: f32,
    max: f32,
) -> f32 {
    pen.color(MUTED);
    pen.text(x, top, BODY, title);
    pen.color(INK);
    let mut y = top + 14.0;
    for line in wrap(&party.name, 10.5, max) {
        pen.text(x, y, 10.5, &line);
        y += 13.0;
    }
    let fields = [
        (&labels.credit_code, &party.credit_code),
        (&labels.address, &party.address),
        (&labels.bank, &party.bank_name),
        (&labels.account_name, &party.account_name),
        (&labels.account_number, &party.account_number),
    ];
    for (label, value) in fields {
        if let Some(value) = value {
            for line in wrap(&format!("{label}: {value}"), BODY, max) {
                pen.text(x, y, BODY, &line);
                y += 11.5;
            }
        }
    }
    y
}
