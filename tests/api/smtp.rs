//! A real SMTP server on a loopback port, for the tests that follow a mail
//! to where it arrives.

use std::io;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin_embedded::{Handler, Response, Server, response};

/// One message as the SMTP server took it.
#[derive(Debug, Clone)]
pub struct Received {
    pub recipients: Vec<String>,
    pub raw: Vec<u8>,
}

#[derive(Clone)]
struct Inbox {
    received: Arc<Mutex<Vec<Received>>>,
    refuse: Option<&'static str>,
    recipients: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Inbox {
    fn rcpt(&mut self, to: &str) -> Response {
        if self.refuse == Some(to) {
            return response::NO_MAILBOX;
        }
        self.recipients.push(to.to_owned());
        response::OK
    }

    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> Response {
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.received.lock().unwrap().push(Received {
            recipients: std::mem::take(&mut self.recipients),
            raw: std::mem::take(&mut self.data),
        });
        response::OK
    }
}

/// An SMTP server on a loopback port, serving from a thread until the tests end.
pub struct Smtp {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Smtp {
    pub fn start(refuse: Option<&'static str>) -> Smtp {
        Smtp::on(TcpListener::bind("127.0.0.1:0").unwrap(), refuse)
    }

    pub fn on(listener: TcpListener, refuse: Option<&'static str>) -> Smtp {
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let mut server = Server::new(Inbox {
            received: received.clone(),
            refuse,
            recipients: Vec::new(),
            data: Vec::new(),
        });
        server.with_name("mail.test").with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        Smtp { port, received }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

impl Smtp {
    /// Waits (up to ten seconds) for the `n`th message to arrive.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..200 {
            let received = self.received();
            if received.len() >= n {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{n} mail(s) expected, {} arrived", self.received().len());
    }
}
