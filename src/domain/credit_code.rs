//! The unified social credit code (统一社会信用代码) of GB 32100-2015.
//!
//! Eighteen characters: registration authority (1), organisation category (1),
//! administrative division (6, digits), organisation code (9) and a check
//! character computed over the first seventeen.

use std::fmt;

use serde::Serialize;
use thiserror::Error;

use super::message::{Explain, Message, msg};

/// The 31 characters the standard uses; I, O, Z, S and V are left out.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weight of each of the first 17 positions: 3^i mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// Registration authorities the standard assigns (position 1).
const AUTHORITIES: &[u8] = b"123456789ANY";

/// Why a credit code was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CreditCodeError {
    #[error("must be 18 characters, got {0}")]
    WrongLength(usize),
    #[error(
        "character {position} ('{found}') is not allowed: use 0-9 and capital letters except I, O, S, V, Z"
    )]
    InvalidCharacter { position: usize, found: char },
    #[error("first character ('{0}') is not a registration authority code (1-9, A, N, Y)")]
    UnknownAuthority(char),
    #[error("characters 3 to 8 must be digits (the administrative division code)")]
    DivisionNotNumeric,
    #[error("check character is '{found}' but the first 17 characters give '{expected}'")]
    WrongCheckCharacter { found: char, expected: char },
}

impl Explain for CreditCodeError {
    fn message(&self) -> Message {
        match *self {
            Self::WrongLength(length) => msg!("error-credit-code-length", length = length),
            Self::InvalidCharacter { position, found } => msg!(
                "error-credit-code-character",
                position = position,
                found = found
            ),
            Self::UnknownAuthority(found) => msg!("error-credit-code-authority", found = found),
            Self::DivisionNotNumeric => msg!("error-credit-code-division"),
            Self::WrongCheckCharacter { found, expected } => msg!(
                "error-credit-code-check",
                found = found,
                expected = expected
            ),
        }
    }
}

/// A unified social credit code whose check character is right.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses a code; surrounding spaces are ignored and letters may be lower case.
    pub fn parse(raw: &str) -> Result<Self, CreditCodeError> {
        let code = raw.trim().to_ascii_uppercase();
        let chars: Vec<char> = code.chars().collect();
        if chars.len() != 18 {
            return Err(CreditCodeError::WrongLength(chars.len()));
        }
        let mut values = [0u32; 18];
        for (index, &found) in chars.iter().enumerate() {
            values[index] = value_of(found).ok_or(CreditCodeError::InvalidCharacter {
                position: index + 1,
                found,
            })?;
        }
        if !AUTHORITIES.contains(&(chars[0] as u8)) {
            return Err(CreditCodeError::UnknownAuthority(chars[0]));
        }
        if !chars[2..8].iter().all(char::is_ascii_digit) {
            return Err(CreditCodeError::DivisionNotNumeric);
        }
        let expected = check_character(&values[..17]);
        if chars[17] != expected {
            return Err(CreditCodeError::WrongCheckCharacter {
                found: chars[17],
                expected,
            });
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn value_of(c: char) -> Option<u32> {
    let byte = u8::try_from(c).ok()?;
    let index = ALPHABET.iter().position(|&a| a == byte)?;
    u32::try_from(index).ok()
}

fn check_character(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    char::from(ALPHABET[check as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    // Codes as printed on real business licences.
    const VALID: &[&str] = &[
        "91350100M000100Y43",
        "91110000802100433B",
        "91440300708461136T",
    ];

    #[test]
    fn accepts_codes_from_real_licences() {
        for code in VALID {
            assert_eq!(
                CreditCode::parse(code).map(|c| c.to_string()).as_deref(),
                Ok(*code)
            );
        }
    }

    #[test]
    fn normalises_case_and_spaces() {
        let code = CreditCode::parse(" 91350100m000100y43 ").map(|c| c.to_string());
        assert_eq!(code.as_deref(), Ok("91350100M000100Y43"));
    }

    #[test]
    fn hand_worked_check_character() {
        // 9 1 3 5 0 1 0 0 M 0 0 0 1 0 0 Y 4, with M = 21 and Y = 30:
        // 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + 21·20 + 0·29 + 0·25
        // + 0·13 + 1·8 + 0·24 + 0·10 + 30·30 + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(CreditCodeError::WrongCheckCharacter {
                found: '4',
                expected: '3'
            })
        );
    }

    #[test]
    fn refuses_malformed_codes() {
        let cases: &[(&str, CreditCodeError)] = &[
            ("9135010", CreditCodeError::WrongLength(7)),
            ("91350100M000100Y430", CreditCodeError::WrongLength(19)),
            (
                "91350100M00010OY43",
                CreditCodeError::InvalidCharacter {
                    position: 15,
                    found: 'O',
                },
            ),
            ("B1350100M000100Y43", CreditCodeError::UnknownAuthority('B')),
            ("9135A100M000100Y43", CreditCodeError::DivisionNotNumeric),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                &CreditCode::parse(raw).unwrap_err(),
                expected,
                "input {raw}"
            );
        }
    }
}
