//! The lines table and what follows it: the header band, one row per line,
//! the totals and the warnings and notes beneath.

use super::font::wrap;
use super::pen::Pen;
use super::{BODY, COLUMNS, GREEN, INK, MARGIN, MUTED, RED, RULE, SMALL, WIDTH};
use crate::documents::{Document, DocumentLine};
use crate::domain::billing::LineKind;

pub(super) fn table_header(pen: &mut Pen<'_, '_>, d: &Document, y: f32) -> f32 {
    let l = d.labels;
    pen.band(y, 18.0);
    pen.color(INK);
    let base = y + 12.5;
    pen.text(COLUMNS[0] + 3.0, base, BODY, &l.position);
    pen.text(COLUMNS[1] + 3.0, base, BODY, &l.item);
    pen.text(COLUMNS[2] + 3.0, base, BODY, &l.kind);
    pen.right(COLUMNS[4] - 4.0, base, BODY, &l.quantity);
    pen.right(COLUMNS[5] - 4.0, base, BODY, &l.unit_price);
    pen.right(COLUMNS[6] - 4.0, base, BODY, &l.amount);
    y + 18.0
}

/// A line's name, wrapped within the item column, and its explanation,
/// which runs under the kind, quantity and price columns too: those print
/// on the first row only, and the sentences need the room.
pub(super) fn line_text(line: &DocumentLine) -> (Vec<String>, Vec<String>) {
    let detail = line
        .detail
        .iter()
        .flat_map(|sentence| wrap(sentence, SMALL, COLUMNS[5] - COLUMNS[1] - 8.0))
        .collect();
    (
        wrap(&line.label, BODY, COLUMNS[2] - COLUMNS[1] - 8.0),
        detail,
    )
}

pub(super) fn table_row(
    pen: &mut Pen<'_, '_>,
    line: &DocumentLine,
    label: &[String],
    detail: &[String],
    y: f32,
) -> f32 {
    let base = y + 12.0;
    pen.color(INK);
    pen.text(COLUMNS[0] + 3.0, base, BODY, &line.position.to_string());
    let mut text_y = base;
    for part in label {
        pen.text(COLUMNS[1] + 3.0, text_y, BODY, part);
        text_y += 11.0;
    }
    pen.color(MUTED);
    for part in detail {
        pen.text(COLUMNS[1] + 3.0, text_y - 1.5, SMALL, part);
        text_y += 9.5;
    }
    pen.color(INK);
    pen.text(COLUMNS[2] + 3.0, base, BODY, line.kind_label);
    pen.right(COLUMNS[4] - 4.0, base, BODY, &line.quantity);
    pen.right(COLUMNS[5] - 4.0, base, BODY, &line.unit_price);
    pen.color(match line.kind {
        LineKind::Penalty => RED,
        LineKind::Bonus | LineKind::Cap => GREEN,
        _ => INK,
    });
    pen.right(COLUMNS[6] - 4.0, base, BODY, &line.amount);
    let bottom = text_y.max(base + 11.0) - 5.0;
    pen.rule(bottom, 0.5, RULE);
    bottom
}

fn remarks(d: &Document) -> Vec<(&'static str, &[String])> {
    [
        (d.labels.warnings.as_str(), &d.warnings[..]),
        (d.labels.notes.as_str(), &d.notes[..]),
    ]
    .into_iter()
    .filter(|(_, items)| !items.is_empty())
    .collect()
}

pub(super) fn totals_height(d: &Document) -> f32 {
    let remarks: usize = remarks(d)
        .iter()
        .map(|(_, items)| {
            1 + items
                .iter()
                .map(|i| wrap(i, SMALL, WIDTH - 2.0 * MARGIN).len())
                .sum::<usize>()
        })
        .sum();
    70.0 + remarks as f32 * 10.0
}

pub(super) fn totals(pen: &mut Pen<'_, '_>, d: &Document, y: f32) {
    let l = d.labels;
    let label_x = WIDTH - MARGIN - 200.0;
    let mut y = y + 16.0;
    for (label, value) in [
        (l.subtotal.to_owned(), &d.subtotal),
        (format!("{} ({})", l.tax, d.tax_rate), &d.tax),
    ] {
        pen.color(MUTED);
        pen.text(label_x, y, BODY, &label);
        pen.color(INK);
        pen.right(WIDTH - MARGIN - 4.0, y, BODY, value);
        y += 13.0;
    }
    y += 4.0;
    pen.color(INK);
    pen.text(label_x, y, 11.0, &format!("{} ({})", l.total, d.currency));
    pen.right(WIDTH - MARGIN - 4.0, y, 11.0, &d.total);
    y += 15.0;
    if let Some(words) = &d.total_in_words {
        pen.right(
            WIDTH - MARGIN - 4.0,
            y,
            BODY,
            &format!("{}: {words}", l.total_in_words),
        );
        y += 14.0;
    }
    y += 6.0;
    for (title, items) in remarks(d) {
        pen.color(INK);
        pen.text(MARGIN, y, BODY, title);
        y += 11.0;
        pen.color(MUTED);
        for item in items {
            for line in wrap(item, SMALL, WIDTH - 2.0 * MARGIN) {
                pen.text(MARGIN, y, SMALL, &line);
                y += 10.0;
            }
        }
    }
}
