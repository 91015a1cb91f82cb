//! The document as a PDF, drawn in-process with krilla. The Chinese font
//! ships with kefu (WenQuanYi Micro Hei, Apache-2.0) and is embedded as a
//! subset of the glyphs used, with a Unicode map, so the text can be
//! searched, copied and extracted.

mod font;
mod heading;
mod pen;
mod table;

use krilla::Document as Pdf;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

use super::Document;
use font::FONT;
use heading::heading;
use pen::Pen;
use table::{line_text, table_header, table_row, totals, totals_height};

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
