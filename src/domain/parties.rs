//! The parties an invoice names: the vendor sells, the tenant buys.

use serde::{Deserialize, Serialize};

use super::{Contract, Tenant, Vendor};

/// Seller, buyer and contract as an invoice prints them; taken at issue and
/// kept, so an issued invoice renders the same years later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parties {
    pub seller: Party,
    pub buyer: Party,
    pub contract_number: String,
    pub contract_title: String,
}

/// One side of an invoice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: Option<String>,
    pub address: Option<String>,
    pub bank_name: Option<String>,
    pub account_name: Option<String>,
    pub account_number: Option<String>,
}

impl Parties {
    /// The parties as they stand now: the vendor sells, the tenant buys.
    pub fn of(vendor: &Vendor, tenant: &Tenant, contract: &Contract) -> Self {
        let profile = &tenant.profile;
        Self {
            seller: Party {
                name: vendor.legal_name.clone(),
                credit_code: Some(vendor.credit_code.to_string()),
                address: None,
                bank_name: vendor.bank.as_ref().map(|b| b.bank_name.clone()),
                account_name: vendor.bank.as_ref().map(|b| b.account_name.clone()),
                account_number: vendor.bank.as_ref().map(|b| b.account_number.clone()),
            },
            buyer: Party {
                name: profile
                    .legal_name
                    .clone()
                    .unwrap_or_else(|| tenant.name.clone()),
                credit_code: profile.credit_code.as_ref().map(|c| c.to_string()),
                address: profile.address.clone(),
                bank_name: profile.bank.as_ref().map(|b| b.bank_name.clone()),
                account_name: profile.bank.as_ref().map(|b| b.account_name.clone()),
                account_number: profile.bank.as_ref().map(|b| b.account_number.clone()),
            },
            contract_number: contract.number.clone(),
            contract_title: contract.title.clone(),
        }
    }
}
