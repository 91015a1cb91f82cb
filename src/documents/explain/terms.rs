//! The terms an invoice was billed on, as its lines name them: each line
//! carries the version of the terms and the id of its charge or clause, and
//! the words of a schedule, a tier or a cap are read from there.

use crate::domain::billing::BillingInput;
use crate::domain::terms::{Charge, SlaClause, Terms};

/// The versions of the terms an invoice's lines refer to, by number.
#[derive(Debug, Clone, Default)]
pub struct BilledTerms {
    /// In date order: the last governs the caps.
    versions: Vec<(u32, Terms)>,
}

impl BilledTerms {
    /// The versions kept with an issued invoice.
    pub fn of_input(input: &BillingInput) -> Self {
        Self::new(
            input
                .parts
                .iter()
                .map(|part| (part.version, part.terms.clone()))
                .collect(),
        )
    }

    /// Versions read from the contract (for a draft, which keeps no input),
    /// in date order.
    pub fn new(versions: Vec<(u32, Terms)>) -> Self {
        Self { versions }
    }

    fn version(&self, version: Option<u32>) -> Option<&Terms> {
        let version = version?;
        self.versions
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, terms)| terms)
    }

    /// The clause `id` of `version`.
    pub fn clause(&self, version: Option<u32>, id: Option<i64>) -> Option<&SlaClause> {
        let id = u32::try_from(id?).ok()?;
        self.version(version)?
            .sla_clauses
            .iter()
            .find(|c| c.id == id)
    }

    /// The charge `id` of `version`.
    pub fn charge(&self, version: Option<u32>, id: Option<i64>) -> Option<&Charge> {
        let id = u32::try_from(id?).ok()?;
        self.version(version)?.charges.iter().find(|c| c.id == id)
    }

    /// The terms in force at the end of the period, whose liability terms
    /// the caps follow.
    pub fn last(&self) -> Option<&Terms> {
        self.versions.last().map(|(_, terms)| terms)
    }
}
