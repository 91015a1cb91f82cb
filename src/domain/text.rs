//! Bounded, trimmed text: names, titles, free-form identifiers.

use thiserror::Error;

use super::message::{Explain, Message, msg};

/// Why a piece of text was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most {max} characters")]
    TooLong { max: usize },
    #[error("must not contain control characters")]
    ControlCharacter,
    #[error("must contain a visible character, not only spaces or invisible ones")]
    Invisible,
}

impl Explain for TextError {
    fn message(&self) -> Message {
        match *self {
            Self::Empty => msg!("error-empty"),
            Self::TooLong { max } => msg!("error-too-long", max = max),
            Self::ControlCharacter => msg!("error-control-character"),
            Self::Invisible => msg!("error-invisible"),
        }
    }
}

/// Whether a character shows: not a space, a control, a format character
/// (zero-width space, joiners, direction marks, soft hyphen, byte-order
/// mark) nor one of the letters that are drawn as blank (Hangul fillers,
/// the blank Braille pattern).
pub fn is_visible(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    !(c.is_whitespace()
        || c.is_control()
        || c.general_category() == GeneralCategory::Format
        || matches!(
            c,
            '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2800}'
        ))
}

/// Trimmed text, not empty, at most `max` characters, without control characters.
pub fn parse_text(raw: &str, max: usize) -> Result<String, TextError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    if text.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    if text.chars().any(char::is_control) {
        return Err(TextError::ControlCharacter);
    }
    if !text.chars().any(is_visible) {
        return Err(TextError::Invisible);
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds() {
        assert_eq!(parse_text("  天猫旗舰店 ", 10).as_deref(), Ok("天猫旗舰店"));
        assert_eq!(parse_text("   ", 10), Err(TextError::Empty));
        assert_eq!(parse_text("abcdef", 5), Err(TextError::TooLong { max: 5 }));
        assert_eq!(parse_text("a\u{0}b", 5), Err(TextError::ControlCharacter));
    }

    #[test]
    fn a_name_of_invisible_characters_is_as_empty_as_one_of_spaces() {
        for invisible in [
            "\u{200B}\u{200B}",    // zero-width spaces
            "\u{200C}\u{200D}",    // zero-width non-joiner and joiner
            "\u{2060}\u{FEFF}",    // word joiner, byte-order mark
            "\u{202E}\u{00AD}",    // right-to-left override, soft hyphen
            "\u{3164}",            // Hangul filler
            " \u{200B} \u{3000} ", // with spaces, the ideographic one too
        ] {
            assert_eq!(
                parse_text(invisible, 10),
                Err(TextError::Invisible),
                "{invisible:?}"
            );
        }
        // A visible character among them is a name.
        assert!(parse_text("\u{200B}客服", 10).is_ok());
    }

    #[test]
    fn counts_characters_not_bytes() {
        // Five Chinese characters are fifteen bytes of UTF-8 but five characters.
        assert!(parse_text("客服外包商", 5).is_ok());
    }
}
