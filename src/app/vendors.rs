//! Vendors being onboarded and worked with: their particulars, contacts, bank
//! details and onboarding status. Vendor users see only their own.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::patch::double_option;
use super::{App, AppError, AppResult, Caller};
use crate::domain::message::msg;
use crate::domain::text::parse_text;
use crate::domain::vendor::{
    BankDetailsError, CONTACTS_MAX, ContactError, LEGAL_NAME_MAX, REVIEW_COMMENT_MAX,
    ReviewRefused, VendorChangeError,
};
use crate::domain::violation::Violations;
use crate::domain::{
    BankDetails, Contact, ContractStatus, CreditCode, EmailAddress, NewVendor, Permission, Vendor,
    VendorChanges, VendorId, VendorStatus,
};
use crate::store::{self, Page};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactBody {
    pub name: String,
    /// e.g. 客户经理 (account manager).
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BankBody {
    /// The bank and branch, e.g. 招商银行上海分行.
    pub bank_name: String,
    pub account_name: String,
    /// 8 to 30 digits; spaces are ignored.
    pub account_number: String,
}

impl From<BankDetails> for BankBody {
    fn from(bank: BankDetails) -> Self {
        Self {
            bank_name: bank.bank_name,
            account_name: bank.account_name,
            account_number: bank.account_number,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VendorView {
    pub id: i64,
    pub legal_name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    pub contacts: Vec<ContactBody>,
    pub billing_email: String,
    pub bank: Option<BankBody>,
    pub status: VendorStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the vendor submitted its particulars for review; `null` until it
    /// does, and again once the merchant sends them back.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Whether the particulars wait for the merchant: `invited` and submitted.
    pub awaits_review: bool,
    /// What the merchant asked the vendor to correct, when it sent them back.
    pub review_comment: Option<String>,
}

impl From<Vendor> for VendorView {
    fn from(vendor: Vendor) -> Self {
        Self {
            awaits_review: vendor.awaits_review(),
            submitted_at: vendor.submitted_at,
            review_comment: vendor.review_comment,
            id: vendor.id.get(),
            legal_name: vendor.legal_name,
            credit_code: vendor.credit_code.to_string(),
            contacts: vendor
                .contacts
                .into_iter()
                .map(|c| ContactBody {
                    name: c.name,
                    title: c.title,
                    phone: c.phone,
                    email: c.email.map(|e| e.to_string()),
                })
                .collect(),
            billing_email: vendor.billing_email.to_string(),
            bank: vendor.bank.map(BankBody::from),
            status: vendor.status,
            created_at: vendor.created_at,
            updated_at: vendor.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVendorBody {
    pub legal_name: String,
    /// 统一社会信用代码: 18 characters with a valid check character (GB 32100-2015).
    pub credit_code: String,
    #[serde(default)]
    pub contacts: Vec<ContactBody>,
    /// Where invoices and statements go.
    pub billing_email: String,
    /// Needed before the vendor can be made `active`.
    pub bank: Option<BankBody>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VendorPatch {
    pub legal_name: Option<String>,
    pub credit_code: Option<String>,
    pub contacts: Option<Vec<ContactBody>>,
    pub billing_email: Option<String>,
    /// `null` removes the bank details (not allowed while `active`).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<BankBody>)]
    pub bank: Option<Option<BankBody>>,
    /// Onboarding moves one way: `invited` → `active` → `offboarded` (or `invited` → `offboarded`).
    pub status: Option<VendorStatus>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VendorQuery {
    pub status: Option<VendorStatus>,
}

fn parse_contacts(errors: &mut Violations, contacts: &[ContactBody]) -> Option<Vec<Contact>> {
    if contacts.len() > CONTACTS_MAX {
        errors.add("contacts", msg!("error-contacts-max", max = CONTACTS_MAX));
        return None;
    }
    let parsed: Vec<Option<Contact>> = contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let email = c
                .email
                .as_deref()
                .map(|e| errors.check(format!("contacts[{i}].email"), EmailAddress::parse(e)));
            let email = match email {
                Some(None) => return None,
                Some(Some(email)) => Some(email),
                None => None,
            };
            Contact::parse(&c.name, c.title.as_deref(), c.phone.as_deref(), email)
                .map_err(|error| {
                    let field = match error {
                        ContactError::Name(_) => "name",
                        ContactError::Title(_) => "title",
                        ContactError::Phone => "phone",
                    };
                    errors.add(format!("contacts[{i}].{field}"), error);
                })
                .ok()
        })
        .collect();
    parsed.into_iter().collect()
}

/// Bank details as sent, each broken rule on its own field under `bank`.
pub(crate) fn parse_bank(errors: &mut Violations, bank: &BankBody) -> Option<BankDetails> {
    BankDetails::parse(&bank.bank_name, &bank.account_name, &bank.account_number)
        .map_err(|error| {
            let field = match error {
                BankDetailsError::BankName(_) => "bank.bank_name",
                BankDetailsError::AccountName(_) => "bank.account_name",
                BankDetailsError::AccountNumber => "bank.account_number",
            };
            errors.add(field, error);
        })
        .ok()
}

/// Lists vendors; a vendor user sees only its own.
pub async fn list(
    app: &App,
    caller: Caller,
    query: VendorQuery,
    page: Page,
) -> AppResult<Vec<VendorView>> {
    app.read(caller, Permission::ReadVendors, move |conn, auth| {
        let vendors = store::vendors::list(conn, auth.scope, query.status, page)?;
        Ok(vendors.into_iter().map(VendorView::from).collect())
    })
    .await
}

/// Onboards a vendor; it starts `invited`.
pub async fn create(app: &App, caller: Caller, body: NewVendorBody) -> AppResult<VendorView> {
    let new = particulars(&body)?;
    app.write(caller, Permission::WriteVendors, move |conn, auth| {
        Ok(store::vendors::create(conn, auth.tenant(), &new)?.into())
    })
    .await
}

/// A vendor's particulars as sent, every field checked.
fn particulars(body: &NewVendorBody) -> Result<NewVendor, Violations> {
    let mut errors = Violations::default();
    let legal_name = errors.check("legal_name", parse_text(&body.legal_name, LEGAL_NAME_MAX));
    let credit_code = errors.check("credit_code", CreditCode::parse(&body.credit_code));
    let contacts = parse_contacts(&mut errors, &body.contacts);
    let billing_email = errors.check("billing_email", EmailAddress::parse(&body.billing_email));
    let bank = body.bank.as_ref().map(|b| parse_bank(&mut errors, b));
    errors.finish(|| {
        Some(NewVendor {
            legal_name: legal_name?,
            credit_code: credit_code?,
            contacts: contacts?,
            billing_email: billing_email?,
            bank: bank.flatten(),
        })
    })
}

/// One vendor.
pub async fn show(app: &App, caller: Caller, id: VendorId) -> AppResult<VendorView> {
    app.read(caller, Permission::ReadVendors, move |conn, auth| {
        Ok(store::vendors::get(conn, auth.scope, id)?.into())
    })
    .await
}

/// Changes a vendor, including its onboarding status.
pub async fn update(
    app: &App,
    caller: Caller,
    id: VendorId,
    body: VendorPatch,
) -> AppResult<VendorView> {
    let changes = changes(body)?;
    app.write(caller, Permission::WriteVendors, move |conn, auth| {
        let mut vendor = store::vendors::get(conn, auth.scope, id)?;
        vendor.apply(changes).map_err(|error| match error {
            VendorChangeError::Status(refused) => AppError::from(refused),
            VendorChangeError::ActiveWithoutBank => AppError::invalid("bank", error),
        })?;
        Ok(store::vendors::save(conn, &vendor)?.into())
    })
    .await
}

/// The changes a patch asks for, every field that was sent checked.
fn changes(body: VendorPatch) -> Result<VendorChanges, Violations> {
    let mut errors = Violations::default();
    let legal_name = body
        .legal_name
        .as_deref()
        .map(|n| errors.check("legal_name", parse_text(n, LEGAL_NAME_MAX)));
    let credit_code = body
        .credit_code
        .as_deref()
        .map(|c| errors.check("credit_code", CreditCode::parse(c)));
    let contacts = body
        .contacts
        .as_deref()
        .map(|c| parse_contacts(&mut errors, c));
    let billing_email = body
        .billing_email
        .as_deref()
        .map(|e| errors.check("billing_email", EmailAddress::parse(e)));
    let bank = body.bank.as_ref().map(|bank| match bank {
        Some(b) => parse_bank(&mut errors, b).map(Some),
        None => Some(None),
    });
    // Outer option: the field was sent; inner: it passed its check (always, once errors are empty).
    errors.finish(|| {
        Some(VendorChanges {
            legal_name: legal_name.flatten(),
            credit_code: credit_code.flatten(),
            contacts: contacts.flatten(),
            billing_email: billing_email.flatten(),
            bank: bank.flatten(),
            status: body.status,
        })
    })
}

/// Deletes a vendor nothing refers to; one with users, keys or contracts is offboarded instead.
pub async fn remove(app: &App, caller: Caller, id: VendorId) -> AppResult<()> {
    app.write(caller, Permission::WriteVendors, move |conn, auth| {
        Ok(store::vendors::delete(conn, auth.tenant(), id)?)
    })
    .await
}

/// What the merchant says when it sends particulars back.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = VendorSendBackBody)]
pub struct SendBackBody {
    /// What the vendor should correct; shown on its form. 1 to 2000 characters.
    pub comment: String,
}

/// A refusal of onboarding's review, as the use cases answer it: no bank
/// details is the bank field's; the others are the vendor's state.
fn review_refused(error: ReviewRefused) -> AppError {
    match error {
        ReviewRefused::WithoutBank => AppError::invalid("bank", error),
        other => AppError::conflict(other),
    }
}

/// The vendor's user fills in its own vendor's particulars while it is
/// invited and not waiting for review; its status is not the vendor's to
/// change. Another vendor is not found.
pub async fn fill_in(
    app: &App,
    caller: Caller,
    id: VendorId,
    body: NewVendorBody,
) -> AppResult<VendorView> {
    let particulars = particulars(&body)?;
    app.write(caller, Permission::FillParticulars, move |conn, auth| {
        let mut vendor = store::vendors::get(conn, auth.scope, id)?;
        vendor.fill_in(particulars).map_err(review_refused)?;
        Ok(store::vendors::save(conn, &vendor)?.into())
    })
    .await
}

/// The vendor's user submits its particulars for the merchant's review.
pub async fn submit(app: &App, caller: Caller, id: VendorId) -> AppResult<VendorView> {
    app.write(caller, Permission::FillParticulars, move |conn, auth| {
        let mut vendor = store::vendors::get(conn, auth.scope, id)?;
        vendor.submit(Utc::now()).map_err(review_refused)?;
        Ok(store::vendors::save(conn, &vendor)?.into())
    })
    .await
}

/// The merchant sends submitted particulars back with a comment the vendor
/// sees on its form. (Approving is the change of status to `active`.)
pub async fn send_back(
    app: &App,
    caller: Caller,
    id: VendorId,
    body: SendBackBody,
) -> AppResult<VendorView> {
    let comment = parse_text(&body.comment, REVIEW_COMMENT_MAX)
        .map_err(|e| AppError::invalid("comment", e))?;
    app.write(caller, Permission::WriteVendors, move |conn, auth| {
        let mut vendor = store::vendors::get(conn, auth.scope, id)?;
        vendor.send_back(comment).map_err(review_refused)?;
        Ok(store::vendors::save(conn, &vendor)?.into())
    })
    .await
}

/// A person offboarding would shut out.
#[derive(Debug, Serialize)]
pub struct EndedUser {
    pub id: i64,
    pub display_name: String,
    pub email: String,
}

/// A key offboarding would stop.
#[derive(Debug, Serialize)]
pub struct EndedKey {
    pub id: i64,
    pub name: String,
    pub prefix: String,
}

/// A contract still running with the vendor.
#[derive(Debug, Serialize)]
pub struct RunningContract {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub status: ContractStatus,
}

/// What offboarding a vendor ends, read before it is done.
#[derive(Debug, Serialize)]
pub struct Offboarding {
    pub vendor: VendorView,
    /// Its active users: none of them can sign in once it is offboarded.
    pub users: Vec<EndedUser>,
    /// Its keys not yet revoked: every one is refused once it is offboarded.
    pub api_keys: Vec<EndedKey>,
    /// Its contracts active or suspended: offboarding does not end them (they
    /// are terminated on their own page), but no one of the vendor's can
    /// report on them any more.
    pub contracts: Vec<RunningContract>,
}

/// What offboarding `id` would end, for those who may offboard it.
pub async fn offboarding(app: &App, caller: Caller, id: VendorId) -> AppResult<Offboarding> {
    app.read(caller, Permission::WriteVendors, move |conn, auth| {
        let vendor = store::vendors::get(conn, auth.scope, id)?;
        let all = Page {
            after: None,
            limit: Page::MAX_LIMIT,
        };
        let users = store::users::list(
            conn,
            auth.tenant(),
            store::users::UserFilter {
                role: None,
                vendor: Some(id),
                active: Some(true),
            },
            all,
        )?;
        let keys = store::api_keys::list(conn, auth.scope, id, all)?;
        let mut contracts = Vec::new();
        for status in [ContractStatus::Active, ContractStatus::Suspended] {
            let filter = store::contracts::ContractFilter {
                status: Some(status),
                vendor: Some(id),
            };
            contracts.extend(store::contracts::list(conn, auth.scope, filter, all)?);
        }
        Ok(Offboarding {
            vendor: vendor.into(),
            users: users
                .into_iter()
                .map(|u| EndedUser {
                    id: u.id.get(),
                    display_name: u.display_name,
                    email: u.email.to_string(),
                })
                .collect(),
            api_keys: keys
                .into_iter()
                .filter(|k| k.revoked_at.is_none())
                .map(|k| EndedKey {
                    id: k.id.get(),
                    name: k.name,
                    prefix: k.prefix,
                })
                .collect(),
            contracts: contracts
                .into_iter()
                .map(|c| RunningContract {
                    id: c.id.get(),
                    number: c.number,
                    title: c.title,
                    status: c.status,
                })
                .collect(),
        })
    })
    .await
}
