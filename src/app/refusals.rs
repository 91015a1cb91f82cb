//! The domain's refusals of a step, mapped once: each is a conflict with what
//! is stored, on the thing's `status`, in the domain's own message.

use super::AppError;
use crate::domain::invoice::LifecycleError;
use crate::domain::versions::PhaseChangeRefused;
use crate::domain::{contract, report, vendor};

macro_rules! refused_on_status {
    ($($refusal:ty),* $(,)?) => {
        $(impl From<$refusal> for AppError {
            fn from(refusal: $refusal) -> Self {
                AppError::conflict_on("status", refusal)
            }
        })*
    };
}

refused_on_status!(
    LifecycleError,
    report::StepRefused,
    contract::StatusChangeRefused,
    vendor::StatusChangeRefused,
    PhaseChangeRefused,
);
