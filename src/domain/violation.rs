//! Broken rules found in a document the domain checks as a whole (contract
//! terms): each names the field, as a path into the document, and the rule.

use std::fmt::Display;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub field: String,
    pub message: String,
}

/// Collects the broken rules of one check, so that all are reported at once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    pub fn add(&mut self, field: impl Into<String>, message: impl Display) {
        self.0.push(Violation {
            field: field.into(),
            message: message.to_string(),
        });
    }

    /// Adds `message` under `field` when `broken`.
    pub fn rule(&mut self, broken: bool, field: impl Into<String>, message: impl Display) {
        if broken {
            self.add(field, message);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), Violations> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}
