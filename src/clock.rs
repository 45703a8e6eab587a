//! Today's UTC date, from the host: `Date.now()` in wasm (where `SystemTime::now` would trap),
//! the system clock natively.

use crate::rules::CivilDate;

const MS_PER_DAY: i64 = 86_400_000;

/// Today's date in UTC. The milliseconds are made an integer first (`as` saturates; the host's
/// clock gives whole milliseconds): an `f64` `div_euclid` would pull `fmod` and 128-bit division
/// into the wasm (about 1.5 KB raw, measured with twiggy).
pub fn today() -> CivilDate {
    CivilDate::from_unix_days(unix_day(now_ms()))
}

/// The Unix day (days since 1970-01-01, UTC) of a time in milliseconds.
pub(crate) fn unix_day(ms: f64) -> i64 {
    (ms as i64).div_euclid(MS_PER_DAY)
}

/// Unix time in milliseconds, from the host.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    date_now()
}

// `Date.now` imported here rather than through js-sys, which only the `requests` feature brings
// (the validators-only wasm then keeps none of js-sys: 977 B gzip less, and 310 B gzip of glue;
// bench/targets.md, "Session 7: validators wasm leftovers").
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
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

#[cfg(test)]
mod tests {
    use super::unix_day;

    #[test]
    fn days_start_at_utc_midnight() {
        assert_eq!(unix_day(0.0), 0);
        assert_eq!(unix_day(86_399_999.0), 0);
        assert_eq!(unix_day(86_400_000.0), 1);
        assert_eq!(unix_day(-1.0), -1);
        assert_eq!(unix_day(-86_400_000.0), -1);
        assert_eq!(unix_day(-86_400_001.0), -2);
        // 2026-12-06T07:41:51Z
        assert_eq!(unix_day(1_796_542_911_000.0), 20_793);
    }
}
