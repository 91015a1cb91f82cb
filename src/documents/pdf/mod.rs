//! The document as a PDF, drawn in-process with krilla. The Chinese font
//! ships with kefu (WenQuanYi Micro Hei, Apache-2.0) and is embedded as a
//! subset of the glyphs used, with a Unicode map, so the text can be
//! searched, copied and extracted.

use std::sync::LazyLock;

use krilla::Document as Pdf;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::{Document, DocumentLine};
use crate::domain::billing::LineKind;

static FONT_DATA: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

/// The font as krilla draws with it, read once.
static FONT: LazyLock<Option<Font>> = LazyLock::new(|| Font::new(FONT_DATA.into(), 0));

static FACE: LazyLock<Option<ttf_parser::Face<'static>>> =
    LazyLock::new(|| ttf_parser::Face::parse(FONT_DATA, 0).ok());

/// A4 in points.
const WIDTH: f32 = 595.28;
const HEIGHT: f32 = 841.89;
const MARGIN: f32 = 42.0;
const BOTTOM: f32 = HEIGHT - MARGIN - 14.0;

const BODY: f32 = 9.0;
const SMALL: f32 = 7.5;

const INK: (u8, u8, u8) = (29, 36, 51);
const MUTED: (u8, u8, u8) = (91, 100, 116);
const RED: (u8, u8, u8) = (180, 35, 24);
const GREEN: (u8, u8, u8) = (6, 118, 71);
const RULE: (u8, u8, u8) = (208, 213, 221);

/// Column edges of the lines table: #, item, kind, quantity, unit price, amount.
const COLUMNS: [f32; 7] = [
    MARGIN,
    MARGIN + 22.0,
    MARGIN + 282.0,
    MARGIN + 337.0,
    MARGIN + 392.0,
    MARGIN + 447.0,
    WIDTH - MARGIN,
];

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font could not be read")]
    Font,
    #[error("writing the PDF: {0:?}")]
    Write(krilla::error::KrillaError),
}

/// Width of `text` at `size` points, from the font's advances.
fn width(text: &str, size: f32) -> f32 {
    let Some(face) = FACE.as_ref() else {
        return 0.0;
    };
    let per_unit = size / f32::from(face.units_per_em());
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(size / 2.0, |a| f32::from(a) * per_unit)
        })
        .sum()
}

/// Breaks `text` into lines no wider than `max`: at a space where there is one, else anywhere
/// (Chinese has no spaces and breaks between any two characters).
fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for c in paragraph.chars() {
            line.push(c);
            if width(&line, size) > max && line.chars().count() > 1 {
                let cut = line
                    .rfind(' ')
                    .filter(|&i| i > 0)
                    .unwrap_or_else(|| line.len() - c.len_utf8());
                let rest = line.split_off(cut);
                lines.push(line.trim_end().to_owned());
                line = rest.trim_start().to_owned();
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

struct Pen<'a, 'b> {
    surface: Surface<'a>,
    font: &'b Font,
}

impl Pen<'_, '_> {
    fn color(&mut self, (r, g, b): (u8, u8, u8)) {
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(r, g, b).into(),
            ..Fill::default()
        }));
    }

    fn text(&mut self, x: f32, y: f32, size: f32, text: &str) {
        if !text.is_empty() {
            self.surface.draw_text(
                Point::from_xy(x, y),
                self.font.clone(),
                size,
                text,
                false,
                TextDirection::Auto,
            );
        }
    }

    fn right(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.text(x - width(text, size), y, size, text);
    }

    fn rule(&mut self, y: f32, weight: f32, color: (u8, u8, u8)) {
        let mut path = PathBuilder::new();
        path.move_to(MARGIN, y);
        path.line_to(WIDTH - MARGIN, y);
        if let Some(path) = path.finish() {
            let (r, g, b) = color;
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(r, g, b).into(),
                width: weight,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
        }
    }

    fn band(&mut self, y: f32, height: f32) {
        let Some(rect) = Rect::from_xywh(MARGIN, y, WIDTH - 2.0 * MARGIN, height) else {
            return;
        };
        let mut path = PathBuilder::new();
        path.push_rect(rect);
        if let Some(path) = path.finish() {
            self.color((242, 244, 247));
            self.surface.draw_path(&path);
        }
    }
}

/// Renders `document` as a PDF.
pub fn render(document: &Document) -> Result<Vec<u8>, PdfError> {
    let font = FONT.clone().ok_or(PdfError::Font)?;
    let mut pdf = Pdf::new();
    pdf.set_metadata(
        Metadata::new()
            .title(format!("{} {}", document.title, document.number))
            .language(document.language.to_owned())
            .creator("kefu".to_owned()),
    );
    let mut lines = document.lines.iter().peekable();
    let mut page_number = 1;
    loop {
        let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or(PdfError::Font)?;
        let mut page = pdf.start_page_with(settings);
        let done = {
            let mut pen = Pen {
                surface: page.surface(),
                font: &font,
            };
            let mut y = if page_number == 1 {
                heading(&mut pen, document)
            } else {
                pen.color(MUTED);
                pen.text(
                    MARGIN,
                    MARGIN + 10.0,
                    BODY,
                    &format!("{} {}", document.title, document.number),
                );
                MARGIN + 24.0
            };
            y = table_header(&mut pen, document, y);
            let mut rows = 0;
            while let Some(line) = lines.peek() {
                let (label, detail) = line_text(line);
                let height = 3.0 + label.len() as f32 * 11.0 + detail.len() as f32 * 9.5;
                // A row taller than a page still goes on one, cut off, rather than never.
                if y + height > BOTTOM && rows > 0 {
                    break;
                }
                rows += 1;
                y = table_row(&mut pen, line, &label, &detail, y);
                lines.next();
            }
            let done = lines.peek().is_none() && y + totals_height(document) <= BOTTOM;
            if done {
                totals(&mut pen, document, y);
            }
            pen.color(MUTED);
            pen.right(
                WIDTH - MARGIN,
                HEIGHT - MARGIN + 6.0,
                SMALL,
                &format!("{} · {page_number}", document.number),
            );
            pen.surface.finish();
            done
        };
        page.finish();
        if done {
            break;
        }
        page_number += 1;
    }
    pdf.finish().map_err(PdfError::Write)
}

/// Title, facts and parties; returns where the table starts.
fn heading(pen: &mut Pen<'_, '_>, d: &Document) -> f32 {
    let labels = d.labels;
    pen.color(INK);
    pen.text(MARGIN, MARGIN + 18.0, 18.0, d.title);
    let stamp = match (d.draft, d.void) {
        (true, _) => Some(labels.draft),
        (_, true) => Some(labels.void),
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

    let mut facts = vec![(labels.number, d.number.as_str())];
    if let Some(refers_to) = &d.refers_to {
        facts.push((labels.refers_to, refers_to));
    }
    facts.push((labels.period, &d.period));
    if let Some(issued_on) = &d.issued_on {
        facts.push((labels.issued_on, issued_on));
    }
    if let Some(due_on) = &d.due_on {
        facts.push((labels.due_on, due_on));
    }
    facts.push((labels.currency, &d.currency));
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
        labels.seller,
        &d.seller,
        labels,
        MARGIN,
        top,
        half - 12.0,
    );
    let right = party(
        pen,
        labels.buyer,
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
    party: &super::Party,
    labels: &super::Labels,
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
        (labels.credit_code, &party.credit_code),
        (labels.address, &party.address),
        (labels.bank, &party.bank_name),
        (labels.account_name, &party.account_name),
        (labels.account_number, &party.account_number),
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

fn table_header(pen: &mut Pen<'_, '_>, d: &Document, y: f32) -> f32 {
    let l = d.labels;
    pen.band(y, 18.0);
    pen.color(INK);
    let base = y + 12.5;
    pen.text(COLUMNS[0] + 3.0, base, BODY, l.position);
    pen.text(COLUMNS[1] + 3.0, base, BODY, l.item);
    pen.text(COLUMNS[2] + 3.0, base, BODY, l.kind);
    pen.right(COLUMNS[4] - 4.0, base, BODY, l.quantity);
    pen.right(COLUMNS[5] - 4.0, base, BODY, l.unit_price);
    pen.right(COLUMNS[6] - 4.0, base, BODY, l.amount);
    y + 18.0
}

fn line_text(line: &DocumentLine) -> (Vec<String>, Vec<String>) {
    let max = COLUMNS[2] - COLUMNS[1] - 8.0;
    let detail = if line.detail.is_empty() {
        Vec::new()
    } else {
        wrap(&line.detail, SMALL, max)
    };
    (wrap(&line.label, BODY, max), detail)
}

fn table_row(
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
        (d.labels.warnings, &d.warnings[..]),
        (d.labels.notes, &d.notes[..]),
    ]
    .into_iter()
    .filter(|(_, items)| !items.is_empty())
    .collect()
}

fn totals_height(d: &Document) -> f32 {
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

fn totals(pen: &mut Pen<'_, '_>, d: &Document, y: f32) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_measures_text() {
        let latin = width("Total", BODY);
        let chinese = width("价税合计", BODY);
        assert!(latin > 10.0 && latin < 40.0, "{latin}");
        // Four full-width characters are four ems.
        assert!((chinese - 4.0 * BODY).abs() < 1.0, "{chinese}");
    }

    #[test]
    fn long_text_wraps_within_its_column() {
        let text = "首次响应时间 · 目标 30 · 实际 41.5 · 档位 2 and some English words to wrap";
        let lines = wrap(text, BODY, 120.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, BODY) <= 120.0), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }
}
