//! A real browser for the journeys: Chromium, headless, driven through
//! chromedriver over WebDriver, against the real server on loopback.
//!
//! Where no chromedriver is installed the journeys say they were skipped and
//! pass; with `KEFU_REQUIRE_BROWSER=1` (as `.ci/run` sets) a skip fails.
//! With `KEFU_SCREENSHOTS=<folder>` each journey saves its pages there as PNG.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::LazyLock;
use std::time::Duration;

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tempfile::TempDir;
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::helpers::TestApp;

/// Browsers at once: each is a chromedriver and a Chromium, and the machine has two cores.
static BROWSERS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(2));

pub struct Browser {
    pub client: Client,
    base: String,
    _driver: Driver,
    _permit: SemaphorePermit<'static>,
}

/// A chromedriver in a process group of its own, killed with its Chromium
/// when the test ends, even by a panic.
struct Driver {
    child: Child,
    _profile: TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

fn chromedriver() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("KEFU_CHROMEDRIVER") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromedriver"))
        .find(|candidate| candidate.is_file())
}

impl Browser {
    /// A fresh browser on `app`, or `None` (the journey is skipped) where there is none.
    pub async fn open(app: &TestApp, journey: &str) -> Option<Browser> {
        let Some(driver) = chromedriver() else {
            assert!(
                std::env::var("KEFU_REQUIRE_BROWSER").is_err(),
                "{journey}: no chromedriver on PATH, and KEFU_REQUIRE_BROWSER is set"
            );
            eprintln!(
                "skipped: {journey} needs chromedriver and Chromium, and there are none here"
            );
            return None;
        };
        let permit = BROWSERS.acquire().await.unwrap();
        let (driver, port) = start(driver).await;
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities(driver._profile.path()))
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session");
        Some(Browser {
            client,
            base: app.address.clone(),
            _driver: driver,
            _permit: permit,
        })
    }

    pub async fn go(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    /// The path (and query) of the page shown.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    pub async fn fill(&self, selector: &str, text: &str) {
        let field = self.client.find(Locator::Css(selector)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Clicks and waits for the next page.
    pub async fn click(&self, selector: &str) {
        let before = self.client.find(Locator::Css("html")).await.unwrap();
        self.client
            .find(Locator::Css(selector))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        // The old page's root goes stale once the next page has loaded.
        for _ in 0..100 {
            if before.tag_name().await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Chooses `file` in the file input `selector`, as the file picker would.
    pub async fn send_file(&self, selector: &str, file: &std::path::Path) {
        let input = self.client.find(Locator::Css(selector)).await.unwrap();
        input.send_keys(&file.display().to_string()).await.unwrap();
    }

    /// The text a person reads in `selector`.
    pub async fn text(&self, selector: &str) -> String {
        self.client
            .find(Locator::Css(selector))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Waits (up to ten seconds) for `selector` to be on the page: for a
    /// part of the page that a script swaps in.
    pub async fn wait_for(&self, selector: &str) {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("{selector} never came: {e}"));
    }

    /// Waits (up to ten seconds) until `selector`'s text holds `expected`.
    pub async fn wait_for_text(&self, selector: &str, expected: &str) -> String {
        let mut text = String::new();
        for _ in 0..200 {
            if let Ok(element) = self.client.find(Locator::Css(selector)).await {
                text = element.text().await.unwrap_or_default();
                if text.contains(expected) {
                    return text;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("'{expected}' never appeared in {selector}: {text}");
    }

    /// The text a person reads on the page, the parts matching `left_out` taken away.
    pub async fn text_without(&self, left_out: &str) -> String {
        let script = "const hidden = [...document.querySelectorAll(arguments[0])];\
            const was = hidden.map(e => e.style.display);\
            hidden.forEach(e => e.style.display = 'none');\
            const text = document.body.innerText;\
            hidden.forEach((e, i) => e.style.display = was[i]);\
            return text;";
        self.client
            .execute(script, vec![serde_json::Value::String(left_out.to_owned())])
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Saves the page as `<KEFU_SCREENSHOTS>/<name>.png` when asked to.
    pub async fn screenshot(&self, name: &str) {
        let Ok(folder) = std::env::var("KEFU_SCREENSHOTS") else {
            return;
        };
        // The whole page, as someone scrolling would see it, not only its first screen.
        let height = self
            .client
            .execute("return document.documentElement.scrollHeight", vec![])
            .await
            .ok()
            .and_then(|h| h.as_u64())
            .unwrap_or(860)
            .clamp(860, 4000);
        let (width, before) = self.client.get_window_size().await.unwrap();
        self.client
            .set_window_size(width as u32, height as u32 + 140)
            .await
            .unwrap();
        let png = self.client.screenshot().await.unwrap();
        self.client
            .set_window_size(width as u32, before as u32)
            .await
            .unwrap();
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(PathBuf::from(folder).join(format!("{name}.png")), png).unwrap();
    }

    pub async fn close(self) {
        self.client.clone().close().await.unwrap();
    }
}

/// Starts chromedriver on a port of its choosing and reads which. A driver
/// that ends before saying it (seen when many start at once on a busy
/// machine) is started again, three times at most.
async fn start(path: PathBuf) -> (Driver, u16) {
    for attempt in 1..=3 {
        if let Some(started) = start_once(&path).await {
            return started;
        }
        eprintln!("chromedriver ended before saying its port (attempt {attempt} of 3)");
        tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
    }
    panic!("chromedriver says its port");
}

async fn start_once(path: &std::path::Path) -> Option<(Driver, u16)> {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(path)
        .arg("--port=0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("chromedriver starts");
    let stdout = child.stdout.take().unwrap();
    let driver = Driver {
        child,
        _profile: profile,
    };
    let port = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find_map(|line| {
                let rest = line.split("started successfully on port ").nth(1)?;
                rest.trim_end_matches('.').trim().parse::<u16>().ok()
            })
    });
    let port = tokio::time::timeout(Duration::from_secs(20), port)
        .await
        .expect("chromedriver says its port within 20 s")
        .unwrap()?;
    Some((driver, port))
}

fn capabilities(profile: &std::path::Path) -> Capabilities {
    let options = json!({
        "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-quic", "--window-size=1280,860", "--lang=zh-CN",
            format!("--user-data-dir={}", profile.display()),
        ],
        // Without these the first command can stall on the new-tab page.
        // A browser set up in Chinese, as our users' are.
        "prefs": {
            "intl.accept_languages": "zh-CN,zh",
            "session.restore_on_startup": 4,
            "session.startup_urls": ["about:blank"],
        },
    });
    let mut capabilities = Capabilities::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    capabilities
}
