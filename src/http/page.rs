//! Keyset pagination: `?after=<last id>&limit=<n>`, at most 100 rows a page.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::ApiError;
use crate::domain::message::msg;
use crate::store::Page;

const DEFAULT_LIMIT: i64 = 50;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Return rows after this id: the `next_after` of the previous page.
    pub after: Option<i64>,
    /// Rows per page, 1 to 100 (default 50).
    pub limit: Option<i64>,
}

impl PageQuery {
    pub fn page(&self) -> Result<Page, ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=Page::MAX_LIMIT).contains(&limit) {
            return Err(ApiError::invalid(
                "limit",
                msg!("error-between", min = 1i64, max = Page::MAX_LIMIT),
            ));
        }
        Ok(Page {
            after: self.after,
            limit,
        })
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next_after: Option<i64>,
}

impl<T> Paged<T> {
    /// Wraps the rows fetched for a page (up to one more than it holds); `id`
    /// tells each row's id for the next cursor.
    pub fn new(mut items: Vec<T>, page: Page, id: impl Fn(&T) -> i64) -> Self {
        let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
        let more = items.len() > limit;
        items.truncate(limit);
        let next_after = if more { items.last().map(id) } else { None };
        Self { items, next_after }
    }
}
