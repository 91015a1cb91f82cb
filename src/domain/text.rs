//! Bounded, trimmed text: names, titles, free-form identifiers.

use thiserror::Error;

/// Why a piece of text was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most {max} characters")]
    TooLong { max: usize },
    #[error("must not contain control characters")]
    ControlCharacter,
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
    fn counts_characters_not_bytes() {
        // Five Chinese characters are fifteen bytes of UTF-8 but five characters.
        assert!(parse_text("客服外包商", 5).is_ok());
    }
}
