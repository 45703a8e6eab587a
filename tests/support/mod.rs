//! Helpers shared by the native test files (`mod support;`).

use customer_update::request::Secrets;
use customer_update::rules::CivilDate;

/// The fixed "today" of the tests.
#[allow(dead_code)]
pub fn today() -> CivilDate {
    CivilDate::new(2026, 11, 22).unwrap()
}

/// Proxy mode: no credentials, a fixed request id.
pub struct NoSecrets;

impl Secrets for NoSecrets {
    fn config(&self, _: &str) -> Option<String> {
        None
    }
    fn token(&self) -> Option<String> {
        None
    }
    fn hawk(&mut self, _: &str, _: &str) -> Option<String> {
        None
    }
    fn uuid(&mut self) -> String {
        "00000000-0000-4000-8000-000000000000".into()
    }
}
