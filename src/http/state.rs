//! What every handler shares: the application, whose use cases it calls.

use std::ops::Deref;
use std::sync::Arc;

use crate::app::App;

pub struct AppState {
    pub app: Arc<App>,
}

impl Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}
