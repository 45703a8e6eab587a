//! The small parsers: Retry-After values, URLs for Hawk signing, every named format, dates,
//! and the close-match suggestion.
#![no_main]

use customer_update::auth::hawk;
use customer_update::rules::{suggest, CivilDate, DateStyle, Format};
use customer_update::{encode, retry};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = retry::parse_retry_after(&s, 1_700_000_000_000.0);
    if let Ok(h) = hawk::header("id", "key", "PUT", &s, 1, "n", None) {
        assert!(h.starts_with("Hawk "));
    }
    let today = CivilDate::from_unix_days(20_000);
    for f in [
        Format::Email,
        Format::E164,
        Format::Digits {
            min: 4,
            max: 15,
            leading_zero: true,
        },
        Format::Date {
            style: DateStyle::Iso,
            past: true,
        },
        Format::Date {
            style: DateStyle::DayMonthYear,
            past: false,
        },
        Format::Pan,
        Format::Pin,
        Format::CountryCode,
        Format::SaId,
        Format::Name,
        Format::Uuid,
        Format::HeaderText,
    ] {
        let _ = f.check(&s, today);
        let _ = f.invalid("Field", &s);
    }
    let _ = suggest::closest(&s, ["email_address", "first_name", "mobile_country_code"]);
    assert_eq!(encode::percent_decode(&encode::path_segment(&s)), s);
    assert_eq!(encode::form_decode(&encode::form_component(&s)), s);
});
