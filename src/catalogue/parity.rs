//! Every error type a person can meet says, in English, what its `Display`
//! says (the logs' and the command line's words), for each of its variants:
//! the English API reads as it did before its words moved to the catalogue,
//! and the two cannot drift apart.

use std::time::Duration;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Language;
use crate::app::AppError;
use crate::auth::password::PasswordError;
use crate::domain::contract::{self, ContractStatus, UnknownCurrency, UnknownTimeZone};
use crate::domain::decimal::DecimalError;
use crate::domain::email::EmailError;
use crate::domain::exclusion::WindowError;
use crate::domain::incident::TimeError;
use crate::domain::invoice::{InvoiceStatus, LifecycleError};
use crate::domain::kpi::{Bound, RowError};
use crate::domain::message::{Explain, msg};
use crate::domain::names::UnknownName;
use crate::domain::period::BadPeriod;
use crate::domain::report::{ReportStatus, Step, StepRefused};
use crate::domain::tagged::TagError;
use crate::domain::text::TextError;
use crate::domain::user::AssignmentError;
use crate::domain::vendor::{self, BankDetailsError, ContactError, VendorChangeError};
use crate::domain::versions::{EffectiveDateError, PhaseChangeRefused, PhaseStatus};
use crate::domain::violation::Violations;
use crate::domain::{VendorStatus, api_key::NoScopes, credit_code::CreditCodeError};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, d).unwrap_or_default()
}

fn explained<E: Explain + std::fmt::Display>(errors: Vec<E>) -> Vec<(String, String)> {
    errors
        .into_iter()
        .map(|e| (e.to_string(), Language::En.message(&e.message())))
        .collect()
}

#[test]
fn every_error_says_in_english_what_its_display_says() {
    let (start, end) = (day(1), day(31));
    let long = TextError::TooLong { max: 200 };
    let mut pairs = Vec::new();
    pairs.extend(explained(vec![
        TextError::Empty,
        long.clone(),
        TextError::ControlCharacter,
        TextError::Invisible,
    ]));
    pairs.extend(explained(vec![
        EmailError::Empty,
        EmailError::TooLong,
        EmailError::Malformed,
    ]));
    pairs.extend(explained(vec![
        CreditCodeError::WrongLength(17),
        CreditCodeError::InvalidCharacter {
            position: 3,
            found: 'I',
        },
        CreditCodeError::UnknownAuthority('B'),
        CreditCodeError::DivisionNotNumeric,
        CreditCodeError::WrongCheckCharacter {
            found: 'X',
            expected: 'W',
        },
    ]));
    pairs.extend(explained(vec![UnknownCurrency("XYZ".into())]));
    pairs.extend(explained(vec![UnknownTimeZone("Mars/Base".into())]));
    pairs.extend(explained(vec![BadPeriod]));
    pairs.extend(explained(vec![UnknownName {
        found: "king".into(),
        expected: "owner manager",
    }]));
    pairs.extend(explained(vec![
        PasswordError::TooShort,
        PasswordError::TooLong,
    ]));
    pairs.extend(explained(vec![
        AssignmentError::VendorMissing,
        AssignmentError::VendorNotAllowed,
    ]));
    pairs.extend(explained(vec![
        ContactError::Name(TextError::Empty),
        ContactError::Title(long.clone()),
        ContactError::Phone,
    ]));
    pairs.extend(explained(vec![
        BankDetailsError::BankName(TextError::Invisible),
        BankDetailsError::AccountName(long),
        BankDetailsError::AccountNumber,
    ]));
    pairs.extend(explained(vec![
        VendorChangeError::Status(vendor::StatusChangeRefused {
            from: VendorStatus::Offboarded,
            to: VendorStatus::Active,
        }),
        VendorChangeError::ActiveWithoutBank,
    ]));
    pairs.extend(explained(vec![
        vendor::ReviewRefused::NotInvited(VendorStatus::Active),
        vendor::ReviewRefused::AwaitingReview,
        vendor::ReviewRefused::NotSubmitted,
        vendor::ReviewRefused::WithoutBank,
    ]));
    pairs.extend(explained(vec![contract::StatusChangeRefused {
        from: ContractStatus::Terminated,
        to: ContractStatus::Active,
    }]));
    pairs.extend(explained(vec![NoScopes]));
    pairs.extend(explained(vec![
        RowError::UnknownMetric,
        RowError::Negative,
        RowError::NotOnePerDay,
        RowError::DenominatorRequired,
        RowError::AboveDenominator,
        RowError::WithoutDenominator,
        RowError::OutsideContract { start, end },
        RowError::Future,
    ]));
    pairs.extend(explained(
        [
            Bound::ObservationsPerDay,
            Bound::CountPerDay,
            Bound::Share,
            Bound::WholeDay,
            Bound::MoneyPerDay,
            Bound::ScorePerObservation,
        ]
        .map(|why| RowError::TooLarge { max: 100, why })
        .to_vec(),
    ));
    pairs.extend(explained(vec![
        WindowError::EndsBeforeStart,
        WindowError::OutsideContract { start, end },
    ]));
    pairs.extend(explained(vec![
        TimeError::Future,
        TimeError::BeforeOccurrence,
        TimeError::AlreadyEscalated,
    ]));
    pairs.extend(explained(vec![
        EffectiveDateError::OutsideContract { start, end },
        EffectiveDateError::BeforeCurrentPeriod(start),
    ]));
    pairs.extend(explained(
        PhaseStatus::ALL
            .iter()
            .map(|&from| PhaseChangeRefused {
                from,
                to: PhaseStatus::Planned,
            })
            .collect(),
    ));
    pairs.extend(explained(
        InvoiceStatus::ALL
            .iter()
            .flat_map(|&status| {
                [
                    LifecycleError::RecomputeNotDraft(status),
                    LifecycleError::IssueNotDraft(status),
                    LifecycleError::NotPayable(status),
                    LifecycleError::NotCreditable(status),
                ]
            })
            .collect(),
    ));
    pairs.extend(explained(vec![
        LifecycleError::UnderDispute,
        LifecycleError::Void,
        LifecycleError::HasPayments,
        LifecycleError::Settled,
        LifecycleError::Overpaid(Decimal::new(123_450, 2)),
    ]));
    pairs.extend(explained(
        ReportStatus::ALL
            .iter()
            .flat_map(|&from| {
                [Step::Edit, Step::Submit, Step::Accept, Step::Dispute]
                    .map(|step| StepRefused { from, step })
            })
            .collect(),
    ));
    pairs.extend(explained(vec![
        DecimalError::Malformed("1e3".into()),
        DecimalError::TooManyPlaces(6),
        DecimalError::Number,
    ]));
    pairs.extend(explained(vec![
        TagError::NotObject,
        TagError::NotString,
        TagError::Missing("bands, per_step, fixed".into()),
        TagError::Unknown {
            found: "stepped".into(),
            expected: "bands, per_step, fixed".into(),
        },
    ]));
    pairs.extend(explained(vec![
        AppError::Unauthorized,
        AppError::BadCredentials,
        AppError::Forbidden,
        AppError::OutOfKeyScope,
        AppError::VendorOffboarded,
        AppError::NotFound,
        AppError::conflict(msg!("error-invoice-changed")),
        AppError::Invalid(Violations::one("name", TextError::Empty)),
        AppError::TooManyRequests {
            retry_after: Duration::from_secs(5),
            reason: msg!("error-login-throttled"),
        },
        AppError::Unavailable(msg!("error-database-down")),
        AppError::Internal(anyhow::anyhow!("a cause the caller never sees")),
    ]));
    let differ: Vec<String> = pairs
        .iter()
        .filter(|(display, english)| display != english)
        .map(|(display, english)| format!("{display:?} reads {english:?}"))
        .collect();
    assert!(pairs.len() > 100, "{}", pairs.len());
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn statuses_read_in_english_as_their_codes() {
    let words = ContractStatus::ALL
        .iter()
        .map(|s| (s.as_str(), s.word()))
        .chain(InvoiceStatus::ALL.iter().map(|s| (s.as_str(), s.word())))
        .chain(ReportStatus::ALL.iter().map(|s| (s.as_str(), s.word())))
        .chain(PhaseStatus::ALL.iter().map(|s| (s.as_str(), s.word())))
        .chain(VendorStatus::ALL.iter().map(|s| (s.as_str(), s.word())));
    for (code, word) in words {
        assert_eq!(Language::En.message(&word), code);
        assert_ne!(
            Language::Zh.message(&word),
            code,
            "{code} has Chinese words"
        );
    }
}
