//! Roles and what each may do. The one place that answers "may this role do that?".

use super::names::named_enum;

named_enum!(
    /// A user's role within its tenant.
    Role {
        /// Signed the tenant up; manages users.
        Owner = "owner",
        /// Onboards vendors, writes contracts.
        Manager = "manager",
        /// Closes the month, issues and sends invoices.
        Finance = "finance",
        /// Staff of one vendor: sees only that vendor's things.
        Vendor = "vendor",
        /// Reads everything, writes nothing.
        Auditor = "auditor",
    }
);

/// Something a request wants to do, as far as roles are concerned.
///
/// Which *object* a vendor user may touch is a separate question, answered by
/// scoping queries to its vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See who one is: every role.
    ReadSelf,
    ReadUsers,
    ManageUsers,
    ReadShops,
    WriteShops,
    ReadVendors,
    WriteVendors,
    /// Fill in and submit one's own vendor's particulars while it is being
    /// onboarded: the vendor's people (its own vendor only, by scope).
    FillParticulars,
    ReadApiKeys,
    ManageApiKeys,
    /// Vendor users read their own vendor's contracts only (by scope).
    ReadContracts,
    WriteContracts,
    /// Send daily KPI figures: vendors as `vendor`, the merchant's people as `merchant` or `system`.
    WriteKpi,
    /// Log incidents and their escalation: both sides.
    LogIncidents,
    /// Draft and submit the monthly report: the vendor.
    DraftReports,
    /// Accept or dispute a submitted report: the merchant.
    ReviewReports,
    /// See invoices: everyone; vendor users their own vendor's only (by scope).
    ReadInvoices,
    /// Make, recompute and simulate drafts, close the month: the merchant's people.
    DraftInvoices,
    /// Issue, void, record payments, credit: finance (and the owner).
    IssueInvoices,
    /// The tenant's legal particulars printed on invoices: the owner and finance.
    ManageTenant,
    /// Email invoices and retry failed mails: finance (and the owner).
    SendMail,
    /// See the outbox: the merchant's people.
    ReadOutbox,
}

impl Role {
    pub fn may(self, permission: Permission) -> bool {
        use Permission::*;
        use Role::*;
        match permission {
            ReadSelf => true,
            ManageUsers => self == Owner,
            ReadUsers => matches!(self, Owner | Manager | Auditor),
            ReadShops => self != Vendor,
            WriteShops | WriteVendors => matches!(self, Owner | Manager),
            ReadVendors => true,
            ReadApiKeys => self != Finance,
            ManageApiKeys => matches!(self, Owner | Manager | Vendor),
            ReadContracts => true,
            WriteContracts | ReviewReports => matches!(self, Owner | Manager),
            WriteKpi | LogIncidents => matches!(self, Owner | Manager | Vendor),
            DraftReports | FillParticulars => self == Vendor,
            ReadInvoices => true,
            DraftInvoices => matches!(self, Owner | Manager | Finance),
            IssueInvoices | ManageTenant | SendMail => matches!(self, Owner | Finance),
            ReadOutbox => self != Vendor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auditor_reads_but_never_writes() {
        let auditor = Role::Auditor;
        assert!(auditor.may(Permission::ReadVendors) && auditor.may(Permission::ReadShops));
        for write in [
            Permission::ManageUsers,
            Permission::WriteShops,
            Permission::WriteVendors,
            Permission::ManageApiKeys,
            Permission::WriteContracts,
            Permission::WriteKpi,
            Permission::LogIncidents,
            Permission::DraftReports,
            Permission::FillParticulars,
            Permission::ReviewReports,
            Permission::DraftInvoices,
            Permission::IssueInvoices,
            Permission::ManageTenant,
            Permission::SendMail,
        ] {
            assert!(!auditor.may(write), "auditor may {write:?}");
        }
    }

    #[test]
    fn only_the_owner_manages_users() {
        let managers: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| r.may(Permission::ManageUsers))
            .collect();
        assert_eq!(managers, vec![Role::Owner]);
    }

    #[test]
    fn names_round_trip() {
        for &role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("admin".parse::<Role>().is_err());
    }
}
