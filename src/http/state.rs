//! What every handler shares: the application (its use cases are called
//! with it), and where upload bodies wait.

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

use crate::app::App;

pub struct AppState {
    pub app: Arc<App>,
    /// Where upload bodies wait, on disk, until they have arrived whole.
    pub spool_dir: PathBuf,
}

impl Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}
