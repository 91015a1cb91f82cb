//! Vendors: the outsourcing companies a tenant onboards.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::email::EmailAddress;
use super::message::{Explain, Message, msg};
use super::names::named_enum;
use super::text::{TextError, parse_text};

named_enum!(
    /// Where a vendor stands in onboarding.
    VendorStatus {
        /// Recorded, not yet working under a contract.
        Invited = "invited",
        /// May hold active contracts.
        Active = "active",
        /// No longer works for the tenant; kept for the record.
        Offboarded = "offboarded",
    }
);

/// A status change that onboarding does not allow.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a vendor cannot go from {from} to {to}")]
pub struct StatusChangeRefused {
    pub from: VendorStatus,
    pub to: VendorStatus,
}

impl Explain for StatusChangeRefused {
    fn message(&self) -> Message {
        msg!(
            "error-vendor-status-change",
            from = self.from.word(),
            to = self.to.word()
        )
    }
}

impl VendorStatus {
    /// The status in words, for a person.
    pub fn word(self) -> Message {
        match self {
            Self::Invited => msg!("vendor-status-invited"),
            Self::Active => msg!("vendor-status-active"),
            Self::Offboarded => msg!("vendor-status-offboarded"),
        }
    }

    /// Onboarding runs one way: invited → active → offboarded; an invitation
    /// may also be withdrawn (invited → offboarded). Staying put is allowed.
    pub fn change_to(self, to: VendorStatus) -> Result<VendorStatus, StatusChangeRefused> {
        use VendorStatus::*;
        match (self, to) {
            (from, to) if from == to => Ok(to),
            (Invited, Active) | (Invited, Offboarded) | (Active, Offboarded) => Ok(to),
            (from, to) => Err(StatusChangeRefused { from, to }),
        }
    }
}

pub const LEGAL_NAME_MAX: usize = 200;
pub const CONTACTS_MAX: usize = 20;

/// A person to talk to at the vendor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<EmailAddress>,
}

/// Why a contact was refused, by field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ContactError {
    #[error("{0}")]
    Name(TextError),
    #[error("{0}")]
    Title(TextError),
    #[error("must be 5 to 20 digits, optionally with +, spaces, dashes or brackets")]
    Phone,
}

impl Explain for ContactError {
    fn message(&self) -> Message {
        match self {
            Self::Name(error) | Self::Title(error) => error.message(),
            Self::Phone => msg!("error-phone"),
        }
    }
}

impl Contact {
    pub fn parse(
        name: &str,
        title: Option<&str>,
        phone: Option<&str>,
        email: Option<EmailAddress>,
    ) -> Result<Self, ContactError> {
        let name = parse_text(name, 100).map_err(ContactError::Name)?;
        let title = title
            .map(|t| parse_text(t, 100))
            .transpose()
            .map_err(ContactError::Title)?;
        let phone = phone.map(parse_phone).transpose()?;
        Ok(Self {
            name,
            title,
            phone,
            email,
        })
    }
}

fn parse_phone(raw: &str) -> Result<String, ContactError> {
    let phone = raw.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || " -()".contains(c) || (c == '+' && i == 0));
    if allowed && (5..=20).contains(&digits) {
        Ok(phone.to_owned())
    } else {
        Err(ContactError::Phone)
    }
}

/// Where the vendor is paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankDetails {
    /// The bank and branch, e.g. 招商银行上海分行.
    pub bank_name: String,
    /// The account holder, normally the vendor's legal name.
    pub account_name: String,
    /// The account number, digits only.
    pub account_number: String,
}

/// Why bank details were refused, by field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BankDetailsError {
    #[error("{0}")]
    BankName(TextError),
    #[error("{0}")]
    AccountName(TextError),
    #[error("must be 8 to 30 digits (spaces are ignored)")]
    AccountNumber,
}

impl Explain for BankDetailsError {
    fn message(&self) -> Message {
        match self {
            Self::BankName(error) | Self::AccountName(error) => error.message(),
            Self::AccountNumber => msg!("error-account-number"),
        }
    }
}

impl BankDetails {
    pub fn parse(
        bank_name: &str,
        account_name: &str,
        account_number: &str,
    ) -> Result<Self, BankDetailsError> {
        let bank_name = parse_text(bank_name, 100).map_err(BankDetailsError::BankName)?;
        let account_name =
            parse_text(account_name, LEGAL_NAME_MAX).map_err(BankDetailsError::AccountName)?;
        let account_number: String = account_number
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !(8..=30).contains(&account_number.len())
            || !account_number.chars().all(|c| c.is_ascii_digit())
        {
            return Err(BankDetailsError::AccountNumber);
        }
        Ok(Self {
            bank_name,
            account_name,
            account_number,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use VendorStatus::*;

    #[test]
    fn onboarding_runs_one_way() {
        assert_eq!(Invited.change_to(Active), Ok(Active));
        assert_eq!(Active.change_to(Offboarded), Ok(Offboarded));
        assert_eq!(Invited.change_to(Offboarded), Ok(Offboarded));
        assert!(Offboarded.change_to(Active).is_err());
        assert!(Active.change_to(Invited).is_err());
    }

    #[test]
    fn bank_account_numbers_are_digits() {
        let ok = BankDetails::parse(
            "招商银行上海分行",
            "上海某某客服外包有限公司",
            "6225 8802 1234 5678",
        );
        assert_eq!(
            ok.map(|b| b.account_number).as_deref(),
            Ok("6225880212345678")
        );
        assert_eq!(
            BankDetails::parse("招商银行", "某公司", "6225-8802"),
            Err(BankDetailsError::AccountNumber)
        );
    }

    #[test]
    fn phones_allow_the_usual_punctuation() {
        assert!(Contact::parse("王经理", None, Some("+86 (21) 5555-1234"), None).is_ok());
        assert_eq!(
            Contact::parse("王经理", None, Some("call me"), None),
            Err(ContactError::Phone)
        );
    }
}

/// An outsourcing company the tenant works with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vendor {
    pub id: super::VendorId,
    pub tenant_id: super::TenantId,
    pub legal_name: String,
    pub credit_code: super::CreditCode,
    pub contacts: Vec<Contact>,
    pub billing_email: EmailAddress,
    pub bank: Option<BankDetails>,
    pub status: VendorStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// When the vendor last submitted its particulars for review; cleared
    /// when the merchant sends them back.
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    /// What the merchant asked the vendor to correct, when it sent them back.
    pub review_comment: Option<String>,
}

/// A vendor being onboarded; it starts `invited`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVendor {
    pub legal_name: String,
    pub credit_code: super::CreditCode,
    pub contacts: Vec<Contact>,
    pub billing_email: EmailAddress,
    pub bank: Option<BankDetails>,
}

/// A change to a vendor: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VendorChanges {
    pub legal_name: Option<String>,
    pub credit_code: Option<super::CreditCode>,
    pub contacts: Option<Vec<Contact>>,
    pub billing_email: Option<EmailAddress>,
    pub bank: Option<Option<BankDetails>>,
    pub status: Option<VendorStatus>,
}

/// Why a vendor cannot take a change.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum VendorChangeError {
    #[error(transparent)]
    Status(#[from] StatusChangeRefused),
    #[error("an active vendor needs bank details to be paid")]
    ActiveWithoutBank,
}

impl Explain for VendorChangeError {
    fn message(&self) -> Message {
        match self {
            Self::Status(refused) => refused.message(),
            Self::ActiveWithoutBank => msg!("error-vendor-active-without-bank"),
        }
    }
}

impl Vendor {
    /// Applies a change, keeping onboarding's rules: status moves one way, and
    /// a vendor that can be billed for has somewhere to be paid.
    pub fn apply(&mut self, changes: VendorChanges) -> Result<(), VendorChangeError> {
        if let Some(status) = changes.status {
            let from = self.status;
            self.status = self.status.change_to(status)?;
            if from == VendorStatus::Invited && self.status != from {
                // Approved or withdrawn: nothing is waiting for review any more.
                self.review_comment = None;
            }
        }
        if let Some(legal_name) = changes.legal_name {
            self.legal_name = legal_name;
        }
        if let Some(code) = changes.credit_code {
            self.credit_code = code;
        }
        if let Some(contacts) = changes.contacts {
            self.contacts = contacts;
        }
        if let Some(email) = changes.billing_email {
            self.billing_email = email;
        }
        if let Some(bank) = changes.bank {
            self.bank = bank;
        }
        if self.status == VendorStatus::Active && self.bank.is_none() {
            return Err(VendorChangeError::ActiveWithoutBank);
        }
        Ok(())
    }
}

/// The longest comment the merchant sends back with a vendor's particulars.
pub const REVIEW_COMMENT_MAX: usize = 2000;

/// Why a step of onboarding's review was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReviewRefused {
    #[error("the vendor is {0}: its particulars are reviewed only while it is invited")]
    NotInvited(VendorStatus),
    #[error("the particulars were submitted and wait for the merchant's review")]
    AwaitingReview,
    #[error("the particulars have not been submitted for review")]
    NotSubmitted,
    #[error("bank details are needed before the particulars can be submitted")]
    WithoutBank,
}

impl Explain for ReviewRefused {
    fn message(&self) -> Message {
        match self {
            Self::NotInvited(status) => msg!("onboard-error-not-invited", status = status.word()),
            Self::AwaitingReview => msg!("onboard-error-awaiting-review"),
            Self::NotSubmitted => msg!("onboard-error-not-submitted"),
            Self::WithoutBank => msg!("onboard-error-submit-without-bank"),
        }
    }
}

impl Vendor {
    /// Whether the vendor's particulars wait for the merchant's review.
    pub fn awaits_review(&self) -> bool {
        self.status == VendorStatus::Invited && self.submitted_at.is_some()
    }

    fn require_invited(&self) -> Result<(), ReviewRefused> {
        if self.status == VendorStatus::Invited {
            Ok(())
        } else {
            Err(ReviewRefused::NotInvited(self.status))
        }
    }

    /// The vendor fills in its own particulars: while it is invited and its
    /// particulars are not waiting for review. Its status is not its to change.
    pub fn fill_in(&mut self, particulars: NewVendor) -> Result<(), ReviewRefused> {
        self.require_invited()?;
        if self.submitted_at.is_some() {
            return Err(ReviewRefused::AwaitingReview);
        }
        self.legal_name = particulars.legal_name;
        self.credit_code = particulars.credit_code;
        self.contacts = particulars.contacts;
        self.billing_email = particulars.billing_email;
        self.bank = particulars.bank;
        Ok(())
    }

    /// The vendor submits its particulars for review: once, until the
    /// merchant answers; with somewhere to be paid, which approval needs.
    pub fn submit(&mut self, now: chrono::DateTime<chrono::Utc>) -> Result<(), ReviewRefused> {
        self.require_invited()?;
        if self.submitted_at.is_some() {
            return Err(ReviewRefused::AwaitingReview);
        }
        if self.bank.is_none() {
            return Err(ReviewRefused::WithoutBank);
        }
        self.submitted_at = Some(now);
        Ok(())
    }

    /// The merchant sends submitted particulars back with what to correct;
    /// the vendor may change them again and resubmit.
    pub fn send_back(&mut self, comment: String) -> Result<(), ReviewRefused> {
        self.require_invited()?;
        if self.submitted_at.is_none() {
            return Err(ReviewRefused::NotSubmitted);
        }
        self.submitted_at = None;
        self.review_comment = Some(comment);
        Ok(())
    }
}

#[cfg(test)]
mod review_tests {
    use super::*;
    use crate::domain::{CreditCode, TenantId, VendorId};

    fn invited(bank: bool) -> Vendor {
        let now = chrono::Utc::now();
        Vendor {
            id: VendorId::new(1),
            tenant_id: TenantId::new(1),
            legal_name: "上海某某客服外包有限公司".into(),
            credit_code: CreditCode::parse("91350100M000100Y43").unwrap(),
            contacts: Vec::new(),
            billing_email: EmailAddress::parse("billing@vendor.example").unwrap(),
            bank: bank.then(|| {
                BankDetails::parse(
                    "招商银行上海分行",
                    "上海某某客服外包有限公司",
                    "6225880212345678",
                )
                .unwrap()
            }),
            status: VendorStatus::Invited,
            created_at: now,
            updated_at: now,
            submitted_at: None,
            review_comment: None,
        }
    }

    fn particulars(vendor: &Vendor, legal_name: &str) -> NewVendor {
        NewVendor {
            legal_name: legal_name.into(),
            credit_code: vendor.credit_code.clone(),
            contacts: Vec::new(),
            billing_email: vendor.billing_email.clone(),
            bank: vendor.bank.clone(),
        }
    }

    #[test]
    fn particulars_are_submitted_sent_back_and_resubmitted() {
        let mut vendor = invited(true);
        vendor.submit(chrono::Utc::now()).unwrap();
        assert!(vendor.awaits_review());
        let locked = particulars(&vendor, "改名");
        assert_eq!(vendor.fill_in(locked), Err(ReviewRefused::AwaitingReview));
        assert_eq!(
            vendor.submit(chrono::Utc::now()),
            Err(ReviewRefused::AwaitingReview)
        );
        vendor.send_back("请补充开户行支行".into()).unwrap();
        assert!(!vendor.awaits_review());
        assert_eq!(vendor.review_comment.as_deref(), Some("请补充开户行支行"));
        assert_eq!(
            vendor.send_back("again".into()),
            Err(ReviewRefused::NotSubmitted)
        );
        vendor
            .fill_in(particulars(&vendor, "上海某某客服有限公司"))
            .unwrap();
        vendor.submit(chrono::Utc::now()).unwrap();
        vendor
            .apply(VendorChanges {
                status: Some(VendorStatus::Active),
                ..VendorChanges::default()
            })
            .unwrap();
        assert_eq!(vendor.review_comment, None, "approval closes the review");
        assert!(!vendor.awaits_review());
        assert_eq!(
            vendor.fill_in(particulars(&vendor, "x")),
            Err(ReviewRefused::NotInvited(VendorStatus::Active))
        );
    }

    #[test]
    fn submitting_needs_bank_details() {
        let mut vendor = invited(false);
        assert_eq!(
            vendor.submit(chrono::Utc::now()),
            Err(ReviewRefused::WithoutBank)
        );
        assert_eq!(vendor.submitted_at, None);
    }
}
