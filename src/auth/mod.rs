//! Credentials: password hashes, signed tokens, vendor API keys and the
//! brake on guessing. Pure functions and small in-memory state; no storage.

pub mod api_key;
pub mod password;
pub mod session;
pub mod throttle;
pub mod token;

pub use api_key::ApiKeySecret;
pub use throttle::LoginThrottle;
pub use token::{Claims, JwtKeys};

/// Bytes from the operating system's CSPRNG (through the thread RNG, seeded from it).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::fill(&mut bytes);
    bytes
}
