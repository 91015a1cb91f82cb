//! A vendor's particulars as a form — the merchant's new vendor and the
//! vendor's own form share it — and a use case's refusal shown beside the
//! field it concerns, in the visitor's language.

use actix_web::http::StatusCode;
use serde::{Deserialize, Serialize};

use crate::app::AppError;
use crate::app::vendors::{BankBody, ContactBody, NewVendorBody, VendorView};
use crate::catalogue::Language;
use crate::domain::message::Message;

/// The rows of contacts a form offers; blank rows are ignored.
pub const CONTACT_ROWS: usize = 3;

/// The particulars as posted: every field a string, kept as typed.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct ParticularsForm {
    #[serde(default, skip_serializing)]
    pub csrf: String,
    #[serde(default)]
    pub legal_name: String,
    #[serde(default)]
    pub credit_code: String,
    #[serde(default)]
    pub billing_email: String,
    #[serde(default)]
    pub contact0_name: String,
    #[serde(default)]
    pub contact0_title: String,
    #[serde(default)]
    pub contact0_phone: String,
    #[serde(default)]
    pub contact0_email: String,
    #[serde(default)]
    pub contact1_name: String,
    #[serde(default)]
    pub contact1_title: String,
    #[serde(default)]
    pub contact1_phone: String,
    #[serde(default)]
    pub contact1_email: String,
    #[serde(default)]
    pub contact2_name: String,
    #[serde(default)]
    pub contact2_title: String,
    #[serde(default)]
    pub contact2_phone: String,
    #[serde(default)]
    pub contact2_email: String,
    #[serde(default)]
    pub bank_name: String,
    #[serde(default)]
    pub account_name: String,
    #[serde(default)]
    pub account_number: String,
}

fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

impl ParticularsForm {
    fn contact_fields(&self) -> [[&String; 4]; CONTACT_ROWS] {
        [
            [
                &self.contact0_name,
                &self.contact0_title,
                &self.contact0_phone,
                &self.contact0_email,
            ],
            [
                &self.contact1_name,
                &self.contact1_title,
                &self.contact1_phone,
                &self.contact1_email,
            ],
            [
                &self.contact2_name,
                &self.contact2_title,
                &self.contact2_phone,
                &self.contact2_email,
            ],
        ]
    }

    /// The body the use cases take: blank contact rows left out, no bank
    /// details when all three bank fields are blank.
    pub fn body(&self) -> NewVendorBody {
        let contacts = self
            .contact_fields()
            .iter()
            .filter(|row| row.iter().any(|f| !f.trim().is_empty()))
            .map(|[name, title, phone, email]| ContactBody {
                name: (*name).clone(),
                title: optional(title),
                phone: optional(phone),
                email: optional(email),
            })
            .collect();
        let bank = [&self.bank_name, &self.account_name, &self.account_number]
            .iter()
            .any(|f| !f.trim().is_empty())
            .then(|| BankBody {
                bank_name: self.bank_name.clone(),
                account_name: self.account_name.clone(),
                account_number: self.account_number.clone(),
            });
        NewVendorBody {
            legal_name: self.legal_name.clone(),
            credit_code: self.credit_code.clone(),
            contacts,
            billing_email: self.billing_email.clone(),
            bank,
        }
    }

    /// A vendor's particulars as the form shows them.
    pub fn of(vendor: &VendorView) -> Self {
        let mut form = Self {
            legal_name: vendor.legal_name.clone(),
            credit_code: vendor.credit_code.clone(),
            billing_email: vendor.billing_email.clone(),
            ..Self::default()
        };
        if let Some(bank) = &vendor.bank {
            form.bank_name = bank.bank_name.clone();
            form.account_name = bank.account_name.clone();
            form.account_number = bank.account_number.clone();
        }
        let slots = [
            (
                &mut form.contact0_name,
                &mut form.contact0_title,
                &mut form.contact0_phone,
                &mut form.contact0_email,
            ),
            (
                &mut form.contact1_name,
                &mut form.contact1_title,
                &mut form.contact1_phone,
                &mut form.contact1_email,
            ),
            (
                &mut form.contact2_name,
                &mut form.contact2_title,
                &mut form.contact2_phone,
                &mut form.contact2_email,
            ),
        ];
        for ((name, title, phone, email), contact) in slots.into_iter().zip(&vendor.contacts) {
            *name = contact.name.clone();
            *title = contact.title.clone().unwrap_or_default();
            *phone = contact.phone.clone().unwrap_or_default();
            *email = contact.email.clone().unwrap_or_default();
        }
        form
    }

    /// Moves the contacts' refusals from the rows the use case saw (blank
    /// rows left out) to the rows of the form.
    pub fn realign(&self, errors: &mut FieldErrors) {
        let filled: Vec<usize> = self
            .contact_fields()
            .iter()
            .enumerate()
            .filter(|(_, row)| row.iter().any(|f| !f.trim().is_empty()))
            .map(|(i, _)| i)
            .collect();
        let mut moved = vec![None; CONTACT_ROWS];
        for (sent, error) in errors.contacts.drain(..).enumerate() {
            if let Some(error) = error {
                let row = filled.get(sent).copied().unwrap_or(0);
                moved[row] = Some(error);
            }
        }
        errors.contacts = moved;
    }

    /// The contact rows for the template, each with its refusal.
    pub fn rows(&self, errors: &FieldErrors) -> Vec<ContactRow> {
        self.contact_fields()
            .iter()
            .enumerate()
            .map(|(index, [name, title, phone, email])| ContactRow {
                index,
                number: index + 1,
                name: (*name).clone(),
                title: (*title).clone(),
                phone: (*phone).clone(),
                email: (*email).clone(),
                error: errors.contacts.get(index).cloned().flatten(),
            })
            .collect()
    }
}

/// One row of contacts in a form.
#[derive(Debug, Serialize)]
pub struct ContactRow {
    pub index: usize,
    pub number: usize,
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub error: Option<String>,
}

/// The refusals of a form, each beside its field; what belongs to no field
/// is shown above the form.
#[derive(Debug, Default, Serialize)]
pub struct FieldErrors {
    pub legal_name: Option<String>,
    pub credit_code: Option<String>,
    pub billing_email: Option<String>,
    pub contacts: Vec<Option<String>>,
    pub bank: Option<String>,
    pub bank_name: Option<String>,
    pub account_name: Option<String>,
    pub account_number: Option<String>,
    pub address: Option<String>,
    pub comment: Option<String>,
    pub email: Option<String>,
    pub display_name: Option<String>,
    pub role: Option<String>,
    pub vendor_id: Option<String>,
    pub other: Vec<String>,
}

impl FieldErrors {
    /// A use case's refusal of a form, beside its fields; any other error is
    /// not the form's to show.
    pub fn of(language: Language, error: AppError) -> Result<(StatusCode, Self), AppError> {
        let mut errors = Self {
            contacts: vec![None; CONTACT_ROWS],
            ..Self::default()
        };
        match error {
            AppError::Invalid(violations) => {
                for v in violations.iter() {
                    errors.add(language, &v.field, &v.message);
                }
                Ok((StatusCode::UNPROCESSABLE_ENTITY, errors))
            }
            AppError::Conflict { field, message } => {
                errors.add(language, field.as_deref().unwrap_or(""), &message);
                Ok((StatusCode::CONFLICT, errors))
            }
            other => Err(other),
        }
    }

    /// No refusal yet.
    pub fn none() -> Self {
        Self {
            contacts: vec![None; CONTACT_ROWS],
            ..Self::default()
        }
    }

    fn add(&mut self, language: Language, field: &str, message: &Message) {
        let text = language.message(message);
        let slot = match field {
            "legal_name" => &mut self.legal_name,
            "credit_code" => &mut self.credit_code,
            "billing_email" => &mut self.billing_email,
            "bank" => &mut self.bank,
            "bank.bank_name" => &mut self.bank_name,
            "bank.account_name" => &mut self.account_name,
            "bank.account_number" => &mut self.account_number,
            "address" => &mut self.address,
            "comment" => &mut self.comment,
            "email" => &mut self.email,
            "display_name" => &mut self.display_name,
            "role" => &mut self.role,
            "vendor_id" => &mut self.vendor_id,
            other => {
                // `contacts[1].phone`: the row's; `contacts` (too many): the first row's.
                let row = other
                    .strip_prefix("contacts")
                    .map(|rest| {
                        rest.strip_prefix('[')
                            .and_then(|r| r.split(']').next())
                            .and_then(|i| i.parse::<usize>().ok())
                            .unwrap_or(0)
                    })
                    .filter(|row| *row < CONTACT_ROWS);
                match row {
                    Some(row) => &mut self.contacts[row],
                    None => {
                        self.other.push(text);
                        return;
                    }
                }
            }
        };
        match slot {
            Some(existing) => {
                existing.push('；');
                existing.push_str(&text);
            }
            None => *slot = Some(text),
        }
    }
}
