//! Today's UTC date, from the host: `Date.now()` in wasm (where `SystemTime::now` would trap),
//! the system clock natively.

use crate::rules::CivilDate;

const MS_PER_DAY: f64 = 86_400_000.0;

/// Today's date in UTC.
pub fn today() -> CivilDate {
    CivilDate::from_unix_days(now_ms().div_euclid(MS_PER_DAY) as i64)
}

/// Unix time in milliseconds, from the host.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Unix time in milliseconds, from the host.
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_millis() as f64,
        Err(e) => -(e.duration().as_millis() as f64),
    }
}
