//! 大写金额: an amount of yuan written out in the financial numerals that
//! Chinese invoices carry beside the figures, so that no digit can be altered.

use rust_decimal::{Decimal, RoundingStrategy};

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES: [&str; 4] = ["", "拾", "佰", "仟"];
const SECTIONS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];

/// Writes `amount` (rounded to the fen) in words: `1234.56` → 壹仟贰佰叁拾肆元伍角陆分.
/// `None` past 10^20 yuan, which no invoice reaches.
pub fn yuan_in_words(amount: Decimal) -> Option<String> {
    let fen_total = amount
        .abs()
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        * Decimal::ONE_HUNDRED;
    let fen_total = u128::try_from(fen_total.trunc()).ok()?;
    let (yuan, jiao, fen) = (
        fen_total / 100,
        (fen_total / 10 % 10) as usize,
        (fen_total % 10) as usize,
    );

    let mut words = String::new();
    if amount.is_sign_negative() && fen_total > 0 {
        words.push('负');
    }
    words.push_str(&integer_in_words(yuan)?);
    if yuan > 0 {
        words.push('元');
    }
    match (jiao, fen) {
        (0, 0) if yuan == 0 => words.push_str("零元整"),
        (0, 0) => words.push('整'),
        (0, fen) => {
            if yuan > 0 {
                words.push('零');
            }
            words.push(DIGITS[fen]);
            words.push('分');
        }
        (jiao, 0) => {
            words.push(DIGITS[jiao]);
            words.push_str("角整");
        }
        (jiao, fen) => {
            words.push(DIGITS[jiao]);
            words.push('角');
            words.push(DIGITS[fen]);
            words.push('分');
        }
    }
    Some(words)
}

/// The integer part, by groups of four digits (万, 亿): a run of zeros inside
/// the number reads as one 零, zeros at the end of a group read as nothing.
fn integer_in_words(mut value: u128) -> Option<String> {
    let mut groups = Vec::new();
    while value > 0 {
        groups.push((value % 10_000) as usize);
        value /= 10_000;
    }
    if groups.len() > SECTIONS.len() {
        return None;
    }
    let mut words = String::new();
    let mut zero_pending = false;
    for (section, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            zero_pending = !words.is_empty();
            continue;
        }
        for place in (0..4).rev() {
            let digit = group / 10_usize.pow(place as u32) % 10;
            if digit == 0 {
                zero_pending = zero_pending || !words.is_empty();
                continue;
            }
            if zero_pending {
                words.push('零');
                zero_pending = false;
            }
            words.push(DIGITS[digit]);
            words.push_str(PLACES[place]);
        }
        words.push_str(SECTIONS[section]);
        zero_pending = false;
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn words(amount: &str) -> String {
        Decimal::from_str(amount)
            .ok()
            .and_then(yuan_in_words)
            .unwrap_or_default()
    }

    #[test]
    fn writes_amounts_as_a_bank_clerk_would() {
        for (amount, expected) in [
            ("0", "零元整"),
            ("0.05", "伍分"),
            ("0.50", "伍角整"),
            ("1", "壹元整"),
            ("10", "壹拾元整"),
            ("1.05", "壹元零伍分"),
            ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
            ("1001", "壹仟零壹元整"),
            ("10010", "壹万零壹拾元整"),
            ("100000", "壹拾万元整"),
            ("100010", "壹拾万零壹拾元整"),
            ("105000", "壹拾万伍仟元整"),
            ("100000000", "壹亿元整"),
            ("100000001", "壹亿零壹元整"),
            ("201000000", "贰亿零壹佰万元整"),
            ("6360.00", "陆仟叁佰陆拾元整"),
            ("1000000000000", "壹万亿元整"),
            ("-150.30", "负壹佰伍拾元叁角整"),
        ] {
            assert_eq!(words(amount), expected, "{amount}");
        }
    }

    #[test]
    fn rounds_to_the_fen_first() {
        assert_eq!(words("0.005"), "壹分");
        assert_eq!(words("-0.001"), "零元整");
    }
}
