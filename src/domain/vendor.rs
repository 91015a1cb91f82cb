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
            self.status = self.status.change_to(status)?;
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
