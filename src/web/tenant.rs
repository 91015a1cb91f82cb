//! The tenant's legal particulars — what its settlements print as the buyer —
//! kept by the owner and finance.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::sign_in::see_other;
use super::signed_in::SignedIn;
use super::vendor_form::FieldErrors;
use crate::app::tenant::{self, ProfileBody, TenantView};
use crate::app::vendors::BankBody;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ProfileForm {
    #[serde(default, skip_serializing)]
    csrf: String,
    #[serde(default)]
    legal_name: String,
    #[serde(default)]
    credit_code: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    bank_name: String,
    #[serde(default)]
    account_name: String,
    #[serde(default)]
    account_number: String,
}

fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

impl ProfileForm {
    fn of(tenant: TenantView) -> Self {
        let bank = tenant.bank;
        Self {
            csrf: String::new(),
            legal_name: tenant.legal_name.unwrap_or_default(),
            credit_code: tenant.credit_code.unwrap_or_default(),
            address: tenant.address.unwrap_or_default(),
            bank_name: bank
                .as_ref()
                .map(|b| b.bank_name.clone())
                .unwrap_or_default(),
            account_name: bank
                .as_ref()
                .map(|b| b.account_name.clone())
                .unwrap_or_default(),
            account_number: bank.map(|b| b.account_number).unwrap_or_default(),
        }
    }

    /// Blank fields are left unset; bank details when any of them is given.
    fn body(&self) -> ProfileBody {
        let bank = [&self.bank_name, &self.account_name, &self.account_number]
            .iter()
            .any(|f| !f.trim().is_empty())
            .then(|| BankBody {
                bank_name: self.bank_name.clone(),
                account_name: self.account_name.clone(),
                account_number: self.account_number.clone(),
            });
        ProfileBody {
            legal_name: optional(&self.legal_name),
            credit_code: optional(&self.credit_code),
            address: optional(&self.address),
            bank,
        }
    }
}

#[derive(Serialize)]
struct TenantPage {
    name: String,
    form: ProfileForm,
    errors: FieldErrors,
    saved: bool,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    done: Option<String>,
}

#[get("/tenant")]
pub async fn show(signed: SignedIn, query: web::Query<Done>) -> Result<HttpResponse, WebError> {
    let tenant = tenant::profile(signed.app(), signed.caller())
        .await
        .map_err(|e| signed.fail(e))?;
    let page = TenantPage {
        name: tenant.name.clone(),
        form: ProfileForm::of(tenant),
        errors: FieldErrors::none(),
        saved: query.done.as_deref() == Some("saved"),
    };
    signed
        .render(StatusCode::OK, "tenant", "onboard-tenant-title", &page)
        .await
}

#[post("/tenant")]
pub async fn save(
    signed: SignedIn,
    req: HttpRequest,
    form: web::Form<ProfileForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let form = form.into_inner();
    match tenant::set_profile(signed.app(), signed.caller(), form.body()).await {
        Ok(_) => Ok(see_other("/tenant?done=saved")),
        Err(error) => {
            let (status, errors) =
                FieldErrors::of(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
            let me = signed.me().await.map_err(|e| signed.fail(e))?;
            let page = TenantPage {
                name: me.tenant.name.clone(),
                form,
                errors,
                saved: false,
            };
            signed.render_for(&me, status, "tenant", "onboard-tenant-title", &page)
        }
    }
}
