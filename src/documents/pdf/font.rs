//! The embedded font and the text measured with it: widths from the font's
//! advances, and text broken into lines that fit a column.

use std::sync::LazyLock;

use krilla::text::Font;

static FONT_DATA: &[u8] = include_bytes!("../../../assets/fonts/wqy-microhei.ttc");

/// The font as krilla draws with it, read once.
pub(super) static FONT: LazyLock<Option<Font>> = LazyLock::new(|| Font::new(FONT_DATA.into(), 0));

static FACE: LazyLock<Option<ttf_parser::Face<'static>>> =
    LazyLock::new(|| ttf_parser::Face::parse(FONT_DATA, 0).ok());

/// Width of `text` at `size` points, from the font's advances.
pub(super) fn width(text: &str, size: f32) -> f32 {
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
pub(super) fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::pdf::BODY;

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
