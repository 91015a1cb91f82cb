//! The pen a page is drawn with: coloured text, right-aligned text, rules
//! across the page and shaded bands.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::font::width;
use super::{MARGIN, WIDTH};

pub(super) struct Pen<'a, 'b> {
    pub(super) surface: Surface<'a>,
    pub(super) font: &'b Font,
}

impl Pen<'_, '_> {
    pub(super) fn color(&mut self, (r, g, b): (u8, u8, u8)) {
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(r, g, b).into(),
            ..Fill::default()
        }));
    }

    pub(super) fn text(&mut self, x: f32, y: f32, size: f32, text: &str) {
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

    pub(super) fn right(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.text(x - width(text, size), y, size, text);
    }

    pub(super) fn rule(&mut self, y: f32, weight: f32, color: (u8, u8, u8)) {
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

    pub(super) fn band(&mut self, y: f32, height: f32) {
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
