//! Unit cases for the shared rule vocabulary (docs/providers.md#formats): every `Format` of
//! `vocab/src/formats.rs`, the calendar code of `vocab/src/date.rs`, the ISO 3166-1 list, Luhn and
//! the "did you mean" suggestion. Every date-dependent case passes a fixed `today`.

use customer_update::rules::country;
use customer_update::rules::date::{days_in_month, is_leap};
use customer_update::rules::formats::{
    is_digits, is_e164, is_email, is_header_text, is_name, is_pan, is_sa_id, is_uuid, luhn_ok,
    Failure,
};
use customer_update::rules::suggest::closest;
use customer_update::rules::{CivilDate, DateStyle, Format};

fn date(y: i32, m: u8, d: u8) -> CivilDate {
    CivilDate::new(y, m, d).unwrap()
}

/// The fixed "today" of the test suite.
fn today() -> CivilDate {
    date(2026, 11, 22)
}

/// An independent Luhn implementation: appends the check digit that makes `first12` valid.
fn with_check_digit(first12: &str) -> String {
    assert_eq!(first12.len(), 12);
    for check in 0..10u32 {
        let candidate = format!("{first12}{check}");
        let sum: u32 = candidate
            .chars()
            .rev()
            .enumerate()
            .map(|(i, c)| {
                let d = c.to_digit(10).unwrap();
                if i % 2 == 1 {
                    let dd = d * 2;
                    if dd > 9 {
                        dd - 9
                    } else {
                        dd
                    }
                } else {
                    d
                }
            })
            .sum();
        if sum % 10 == 0 {
            return candidate;
        }
    }
    unreachable!("some check digit always works")
}

fn check(format: Format, s: &str) -> Result<(), Failure> {
    format.check(s, today())
}

// ---------------------------------------------------------------- SA ID (A.3 sa_id, B.6.1)

#[test]
fn sa_id_documented_examples_are_valid() {
    // The Gathr seed's own id (1985-11-21, male, citizen) and the literature example.
    assert!(is_sa_id("8511215433085", today()));
    assert!(is_sa_id("8001015009087", today()));
    assert_eq!(check(Format::SaId, "8511215433085"), Ok(()));
    assert_eq!(check(Format::SaId, "8001015009087"), Ok(()));
}

#[test]
fn sa_id_with_a_changed_last_digit_fails_luhn() {
    assert!(!is_sa_id("8001015009088", today()));
    assert!(!is_sa_id("8511215433086", today()));
    for last in "0123456789".chars().filter(|c| *c != '5') {
        let id = format!("851121543308{last}");
        assert!(!is_sa_id(&id, today()), "{id}");
        assert_eq!(check(Format::SaId, &id), Err(Failure::Invalid));
    }
}

#[test]
fn sa_id_helper_agrees_with_the_documented_check_digits() {
    assert_eq!(with_check_digit("851121543308"), "8511215433085");
    assert_eq!(with_check_digit("800101500908"), "8001015009087");
}

#[test]
fn sa_id_citizenship_digit_must_be_0_or_1() {
    let citizen = with_check_digit("800101500908");
    let resident = with_check_digit("800101500918");
    let refugee = with_check_digit("800101500928");
    assert_eq!(refugee, "8001015009285");
    assert!(is_sa_id(&citizen, today()));
    assert!(is_sa_id(&resident, today()));
    // Luhn passes, but C = 2 is not accepted (A.3: C in {0,1}).
    assert!(luhn_ok(&refugee));
    assert!(!is_sa_id(&refugee, today()));
    for c in 2..=9 {
        let id = with_check_digit(&format!("8001015009{c}8"));
        assert!(!is_sa_id(&id, today()), "{id}");
    }
}

#[test]
fn sa_id_with_an_impossible_date_is_invalid_even_with_a_good_check_digit() {
    for yymmdd in [
        "850230", "851321", "850001", "850100", "851131", "850431", "030229", "999999",
    ] {
        let id = with_check_digit(&format!("{yymmdd}543308"));
        assert!(luhn_ok(&id));
        assert!(!is_sa_id(&id, today()), "{id} should be rejected");
    }
    assert_eq!(with_check_digit("850230543308"), "8502305433085");
}

#[test]
fn sa_id_leap_days() {
    // 04-02-29: 1904 and 2004 are both leap years.
    assert!(is_sa_id(&with_check_digit("040229500908"), today()));
    // 03-02-29: neither 1903 nor 2003 is.
    assert!(!is_sa_id(&with_check_digit("030229500908"), today()));
}

#[test]
fn sa_id_future_20yy_date_falls_back_to_19yy() {
    // 2030-12-31 is after today, so the id is read as 1930-12-31: valid.
    let id = with_check_digit("301231500908");
    assert!(is_sa_id(&id, today()));
    // Tomorrow in 20YY is in the future; 1926-11-23 is fine.
    assert!(is_sa_id(&with_check_digit("261123500908"), today()));
    // Today itself in 20YY is not in the future.
    assert!(is_sa_id(&with_check_digit("261122500908"), today()));
}

#[test]
fn sa_id_century_must_give_a_date_not_after_today() {
    // YYMMDD 000229: 1900-02-29 does not exist; 2000-02-29 does, but only counts once it has passed.
    let id = with_check_digit("000229500908");
    assert!(!is_sa_id(&id, date(1999, 12, 31)));
    assert!(!is_sa_id(&id, date(2000, 2, 28)));
    assert!(is_sa_id(&id, date(2000, 2, 29)));
    assert!(is_sa_id(&id, today()));
    // Before 2000, an 85 year can only be 1985; still fine.
    assert!(is_sa_id("8511215433085", date(1999, 1, 1)));
    // On 1985-11-20 neither 1985-11-21 nor 2085-11-21 has happened yet.
    assert!(!is_sa_id("8511215433085", date(1985, 11, 20)));
    assert!(is_sa_id("8511215433085", date(1985, 11, 21)));
}

#[test]
fn sa_id_must_be_exactly_13_ascii_digits() {
    for bad in [
        "",
        "851121543308",
        "85112154330850",
        "851121543308a",
        "8511215433O85",
        " 8511215433085",
        "8511215433085 ",
        "851121 5433085",
        "８５１１２１５４３３０８５",
    ] {
        assert!(!is_sa_id(bad, today()), "{bad:?}");
    }
}

// ---------------------------------------------------------------- Luhn

#[test]
fn luhn_known_values() {
    assert!(luhn_ok("79927398713"));
    assert!(!luhn_ok("79927398710"));
    assert!(luhn_ok("0"));
    assert!(luhn_ok("18"));
    assert!(!luhn_ok("19"));
    assert!(luhn_ok("4539578763621486"));
    assert!(!luhn_ok(""), "an empty string has no check digit");
    assert!(!luhn_ok("7992739871a"), "non-digits are never valid");
    assert!(!luhn_ok("-0"));
}

#[test]
fn luhn_matches_the_independent_helper_on_many_prefixes() {
    for n in (0u64..1_000_000_000_000).step_by(7_919_000_001) {
        let prefix = format!("{n:012}");
        let good = with_check_digit(&prefix);
        assert!(luhn_ok(&good), "{good}");
        let last = good.chars().last().unwrap().to_digit(10).unwrap();
        let bad = format!("{prefix}{}", (last + 1) % 10);
        assert!(!luhn_ok(&bad), "{bad}");
    }
}

// ---------------------------------------------------------------- dates (A.3 date, B.6.7)

#[test]
fn leap_year_rule() {
    assert!(is_leap(2024));
    assert!(!is_leap(2023));
    assert!(!is_leap(1900));
    assert!(is_leap(2000));
    assert!(!is_leap(2100));
    assert!(is_leap(1600));
    assert_eq!(days_in_month(2024, 2), 29);
    assert_eq!(days_in_month(2023, 2), 28);
    assert_eq!(days_in_month(1900, 2), 28);
    assert_eq!(days_in_month(2000, 2), 29);
    assert_eq!(days_in_month(2021, 4), 30);
    assert_eq!(days_in_month(2021, 12), 31);
    assert_eq!(days_in_month(2021, 0), 0);
    assert_eq!(days_in_month(2021, 13), 0);
}

#[test]
fn iso_dates() {
    let ok = |s: &str| CivilDate::parse(s, DateStyle::Iso);
    assert_eq!(ok("2024-02-29"), Some(date(2024, 2, 29)));
    assert_eq!(ok("2000-02-29"), Some(date(2000, 2, 29)));
    assert_eq!(ok("2001-01-31"), Some(date(2001, 1, 31)));
    assert_eq!(ok("2023-02-29"), None);
    assert_eq!(ok("1900-02-29"), None);
    assert_eq!(ok("2020-04-31"), None);
    assert_eq!(ok("2001-13-01"), None);
    assert_eq!(ok("2001-00-10"), None);
    assert_eq!(ok("2001-01-00"), None);
    assert_eq!(ok("2001-1-31"), None);
    assert_eq!(ok("2001-01-3"), None);
    assert_eq!(ok("01-01-2001"), None);
    assert_eq!(ok("2001/01/31"), None);
    assert_eq!(ok("31/01/2001"), None);
    assert_eq!(ok(" 2001-01-31"), None);
    assert_eq!(ok("2001-01-31 "), None);
    assert_eq!(ok("2001-01-31T00:00:00Z"), None);
    assert_eq!(ok("+201-01-31"), None);
    assert_eq!(ok("2001-+1-31"), None);
    assert_eq!(ok(""), None);
    assert_eq!(ok("２００１-01-31"), None);
}

#[test]
fn day_month_year_dates() {
    let ok = |s: &str| CivilDate::parse(s, DateStyle::DayMonthYear);
    assert_eq!(ok("10/10/1999"), Some(date(1999, 10, 10)));
    assert_eq!(ok("29/02/2024"), Some(date(2024, 2, 29)));
    assert_eq!(ok("29/02/2000"), Some(date(2000, 2, 29)));
    assert_eq!(ok("29/02/2023"), None);
    assert_eq!(ok("29/02/1900"), None);
    assert_eq!(ok("31/04/2020"), None);
    assert_eq!(ok("00/01/2000"), None);
    assert_eq!(ok("01/13/2000"), None);
    assert_eq!(ok("1/1/1999"), None, "single digits are rejected (B.6.7)");
    assert_eq!(ok("01/1/1999"), None);
    assert_eq!(ok("10-10-1999"), None);
    assert_eq!(ok("1999-10-10"), None);
    assert_eq!(ok("10/10/99"), None);
}

#[test]
fn date_format_checks_the_past() {
    let iso_past = Format::Date {
        style: DateStyle::Iso,
        past: true,
    };
    assert_eq!(
        iso_past.check("2026-11-22", today()),
        Ok(()),
        "today is not in the future"
    );
    assert_eq!(
        iso_past.check("2026-11-23", today()),
        Err(Failure::InFuture)
    );
    assert_eq!(
        iso_past.check("2999-01-01", today()),
        Err(Failure::InFuture)
    );
    assert_eq!(iso_past.check("2024-02-29", today()), Ok(()));
    assert_eq!(iso_past.check("2023-02-29", today()), Err(Failure::Invalid));
    // An impossible future date is invalid, not "in the future".
    assert_eq!(iso_past.check("2099-02-29", today()), Err(Failure::Invalid));

    let iso_any = Format::Date {
        style: DateStyle::Iso,
        past: false,
    };
    assert_eq!(iso_any.check("2999-01-01", today()), Ok(()));

    let dmy_past = Format::Date {
        style: DateStyle::DayMonthYear,
        past: true,
    };
    assert_eq!(dmy_past.check("22/11/2026", today()), Ok(()));
    assert_eq!(
        dmy_past.check("23/11/2026", today()),
        Err(Failure::InFuture)
    );
    assert_eq!(dmy_past.check("29/02/2000", today()), Ok(()));
    assert_eq!(dmy_past.check("29/02/1900", today()), Err(Failure::Invalid));
    assert_eq!(dmy_past.check("1/1/1999", today()), Err(Failure::Invalid));
    assert_eq!(dmy_past.check("31/04/2020", today()), Err(Failure::Invalid));
    assert_eq!(dmy_past.check("2020-04-30", today()), Err(Failure::Invalid));
}

#[test]
fn date_style_patterns() {
    assert_eq!(DateStyle::from_pattern("yyyy-MM-dd"), Some(DateStyle::Iso));
    assert_eq!(
        DateStyle::from_pattern("dd/MM/yyyy"),
        Some(DateStyle::DayMonthYear)
    );
    assert_eq!(DateStyle::from_pattern("YYYY-MM-DD"), None);
    assert_eq!(DateStyle::from_pattern("MM/dd/yyyy"), None);
    for style in [DateStyle::Iso, DateStyle::DayMonthYear] {
        assert_eq!(DateStyle::from_pattern(style.pattern()), Some(style));
        assert!(
            CivilDate::parse(style.example(), style).is_some(),
            "the example of {style:?} parses"
        );
    }
}

#[test]
fn civil_date_new_rejects_impossible_dates() {
    assert!(CivilDate::new(2024, 2, 29).is_some());
    assert!(CivilDate::new(2023, 2, 29).is_none());
    assert!(CivilDate::new(2023, 0, 1).is_none());
    assert!(CivilDate::new(2023, 13, 1).is_none());
    assert!(CivilDate::new(2023, 1, 0).is_none());
    assert!(CivilDate::new(2023, 1, 32).is_none());
    assert!(date(2026, 11, 22) < date(2026, 11, 23));
    assert!(date(2025, 12, 31) < date(2026, 1, 1));
    assert!(date(2026, 2, 1) > date(2026, 1, 31));
}

#[test]
fn from_unix_days_known_points() {
    assert_eq!(CivilDate::from_unix_days(0), date(1970, 1, 1));
    assert_eq!(CivilDate::from_unix_days(-1), date(1969, 12, 31));
    assert_eq!(CivilDate::from_unix_days(59), date(1970, 3, 1));
    assert_eq!(CivilDate::from_unix_days(10_957), date(2000, 1, 1));
    assert_eq!(CivilDate::from_unix_days(11_016), date(2000, 2, 29));
    assert_eq!(CivilDate::from_unix_days(11_017), date(2000, 3, 1));
    assert_eq!(CivilDate::from_unix_days(19_723), date(2024, 1, 1));
    assert_eq!(CivilDate::from_unix_days(19_782), date(2024, 2, 29));
    // 2026-11-22 is 20 779 days after the epoch.
    assert_eq!(CivilDate::from_unix_days(20_779), today());
    assert_eq!(CivilDate::from_unix_days(-25_567), date(1900, 1, 1));
    assert_eq!(CivilDate::from_unix_days(-719_468), date(0, 3, 1));
    assert_eq!(CivilDate::from_unix_days(2_932_896), date(9999, 12, 31));
}

#[test]
fn from_unix_days_walks_the_calendar_one_day_at_a_time() {
    // From 1600-01-01 to 2400-12-31: every next day is the calendar's next day.
    let start = -135_140; // 1600-01-01
    let mut prev = CivilDate::from_unix_days(start);
    assert_eq!(prev, date(1600, 1, 1));
    for days in start + 1..=157_419 {
        let d = CivilDate::from_unix_days(days);
        let expected = if prev.day < days_in_month(prev.year, prev.month) {
            date(prev.year, prev.month, prev.day + 1)
        } else if prev.month < 12 {
            date(prev.year, prev.month + 1, 1)
        } else {
            date(prev.year + 1, 1, 1)
        };
        assert_eq!(d, expected, "unix day {days}");
        prev = d;
    }
    assert_eq!(prev, date(2400, 12, 31));
}

#[test]
fn age_on_counts_whole_years() {
    let born = date(2008, 11, 22);
    assert_eq!(born.age_on(date(2026, 11, 22)), 18, "the 18th birthday");
    assert_eq!(born.age_on(date(2026, 11, 21)), 17, "the day before");
    assert_eq!(date(2008, 11, 23).age_on(today()), 17);
    assert_eq!(date(1990, 1, 1).age_on(today()), 36);
    assert_eq!(today().age_on(today()), 0);
    assert_eq!(date(2026, 11, 23).age_on(today()), -1, "born after today");
    assert_eq!(date(2030, 1, 1).age_on(today()), -4);
    // A leap-day birthday: turns 18 on 1 March in a common year.
    let leap = date(2008, 2, 29);
    assert_eq!(leap.age_on(date(2026, 2, 28)), 17);
    assert_eq!(leap.age_on(date(2026, 3, 1)), 18);
    assert_eq!(leap.age_on(date(2028, 2, 29)), 20);
}

// ---------------------------------------------------------------- e164 (A.3)

#[test]
fn e164_accepts() {
    for ok in [
        "+2348012345678",
        "+123456789",
        "+919876543210",
        "+14155550123",
        "+1234567",
        "+123456789012345",
    ] {
        assert!(is_e164(ok), "{ok}");
        assert_eq!(check(Format::E164, ok), Ok(()));
    }
}

#[test]
fn e164_rejects() {
    for bad in [
        "08012345678",       // domestic form
        "2348012345678",     // no +
        "+02348012345678",   // country code starting with 0
        "+0234801234",       // ditto
        "+1234567890123456", // 16 digits
        "+123456",           // 6 digits
        "+",
        "",
        "++2348012345678",
        "+234 801 234 5678",
        "+234-8012345678",
        " +2348012345678",
        "+2348012345678 ",
        "+23480123456a",
        "+２３４８０１２３４５６７８",
    ] {
        assert!(!is_e164(bad), "{bad:?}");
        assert_eq!(check(Format::E164, bad), Err(Failure::Invalid), "{bad:?}");
    }
}

// ---------------------------------------------------------------- digits

#[test]
fn digits_bounds_and_leading_zero() {
    let account = Format::Digits {
        min: 10,
        max: 10,
        leading_zero: true,
    };
    assert_eq!(
        check(account, "0702334455"),
        Ok(()),
        "Access Bank's own example, which fails NUBAN (not enforced)"
    );
    assert_eq!(check(account, "1934639270"), Ok(()));
    assert_eq!(check(account, "070233445"), Err(Failure::Invalid));
    assert_eq!(check(account, "07023344550"), Err(Failure::Invalid));
    assert_eq!(check(account, "070233445a"), Err(Failure::Invalid));
    assert_eq!(check(account, "0702 34455"), Err(Failure::Invalid));

    let cc = Format::Digits {
        min: 1,
        max: 3,
        leading_zero: false,
    };
    for ok in ["1", "91", "234", "999"] {
        assert_eq!(check(cc, ok), Ok(()), "{ok}");
    }
    for bad in ["0", "091", "1234", "+91", "", "9a"] {
        assert_eq!(check(cc, bad), Err(Failure::Invalid), "{bad:?}");
    }

    assert!(is_digits("0000", 4, 15, true));
    assert!(!is_digits("123", 4, 15, true));
    assert!(
        !is_digits("-9876543210", 4, 15, true),
        "Juspay: negative value -> 400"
    );
    assert!(
        !is_digits("１２３４", 4, 15, true),
        "full-width digits are not ASCII digits"
    );
}

// ---------------------------------------------------------------- pan (A.3)

#[test]
fn pan_accepts_upper_case_aaaaa9999a() {
    assert!(
        is_pan("ABCDE1234F"),
        "M2P's own sample (4th letter D is no holder type, not checked)"
    );
    assert!(is_pan("AJXPC9886A"), "the M2P seed's PAN");
    assert_eq!(check(Format::Pan, "ABCDE1234F"), Ok(()));
}

#[test]
fn pan_rejects() {
    for bad in [
        "abcde1234f",
        "ABCDe1234F",
        "ABCDE1234f",
        "ABCD1234F",
        "ABCDE12345",
        "ABCDE1234FG",
        "1BCDE1234F",
        "ABCDEF234F",
        " ABCDE1234F",
        "",
        "ÀBCDE1234F",
    ] {
        assert!(!is_pan(bad), "{bad:?}");
        assert_eq!(check(Format::Pan, bad), Err(Failure::Invalid), "{bad:?}");
    }
    assert!(invalid(Format::Pan, "abcde1234f").ends_with(". (PANs are upper case: ABCDE1234F)"));
    assert!(invalid(Format::Pan, "12345").ends_with("(e.g. ABCDE1234F)."));
}

// ---------------------------------------------------------------- pin (A.3)

#[test]
fn pin_codes() {
    for ok in ["600100", "560001", "110001", "999999", "100000"] {
        assert_eq!(check(Format::Pin, ok), Ok(()), "{ok}");
    }
    for bad in [
        "060001", "60010", "6001000", "60010a", "", " 600100", "600 100", "000000",
    ] {
        assert_eq!(check(Format::Pin, bad), Err(Failure::Invalid), "{bad:?}");
    }
    // A PIN is a string: sent as a JSON number it is rejected by validation (invalid_type).
    let op = customer_update::operation("m2p.updateCustomer").unwrap();
    let mut input: serde_json::Value = serde_json::from_str(op.example).unwrap();
    assert!(customer_update::validate::issues(op, &input, today()).is_empty());
    input["permanentAddress"]["pin"] = serde_json::json!(600100);
    let issues = customer_update::validate::issues(op, &input, today());
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].code, customer_update::Code::InvalidType);
    assert_eq!(issues[0].path_string(), "permanentAddress.pin");
}

// ---------------------------------------------------------------- country_code (A.3)

#[test]
fn country_codes() {
    for ok in [
        "US", "NG", "ZA", "IN", "GB", "AD", "ZW", "AX", "SS", "CW", "BQ", "SX", "AQ",
    ] {
        assert!(country::is_assigned(ok), "{ok}");
        assert_eq!(check(Format::CountryCode, ok), Ok(()));
    }
    for bad in [
        "UK", "XK", "us", "Us", "uS", "EU", "UN", "ZZ", "AA", "QO", "", "U", "USA", "U S", "ÜS",
        "AN", "YU", "CS",
    ] {
        assert!(!country::is_assigned(bad), "{bad:?}");
        assert_eq!(
            check(Format::CountryCode, bad),
            Err(Failure::Invalid),
            "{bad:?}"
        );
    }
}

#[test]
fn country_list_has_exactly_249_sorted_upper_case_codes() {
    assert_eq!(country::COUNT, 249);
    let codes: Vec<&str> = country::LIST.lines().collect();
    assert_eq!(codes.len(), 249);
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
    assert!(codes
        .iter()
        .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
    assert_eq!(country::check_list(), Ok(()));
    // Every listed code is accepted, and exactly 249 of the 676 two-letter pairs are.
    assert!(codes.iter().all(|c| country::is_assigned(c)));
    let mut accepted = 0;
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            let s = String::from_utf8(vec![a, b]).unwrap();
            if country::is_assigned(&s) {
                accepted += 1;
                assert!(codes.contains(&s.as_str()));
            }
            assert!(!country::is_assigned(&s.to_ascii_lowercase()));
        }
    }
    assert_eq!(accepted, 249);
}

#[test]
fn country_code_hints() {
    let uk = invalid(Format::CountryCode, "UK");
    assert!(
        uk.ends_with("(UK is reserved, not assigned: the United Kingdom is GB)"),
        "{uk}"
    );
    assert!(invalid(Format::CountryCode, "us").ends_with(". (codes are upper case: US)"));
    assert!(invalid(Format::CountryCode, "XK").ends_with("e.g. US."));
    assert!(
        invalid(Format::CountryCode, "xk").ends_with("e.g. US."),
        "xk upper-cased is still not assigned"
    );
}

// ---------------------------------------------------------------- email (A.3 and Juspay's rule)

#[test]
fn email_accepts() {
    for ok in [
        "jane.doe@example.com",
        "tim.david@example.com",
        "chris2@gathr.com",
        "a@b.co",
        "Sean.Bond@disney.com",
        "updated.email@example.com",
        "x+tag@sub.example.co.za",
        "o'brien@example.ie",
        "!#$%&'*+-/=?^_.{|}~`@example.com",
        "a_b@example.com",
        "a-b@ex-ample.com",
        "1234@123.com",
        "user@xn--bcher-kva.example",
    ] {
        assert!(is_email(ok), "{ok}");
        assert_eq!(check(Format::Email, ok), Ok(()), "{ok}");
    }
    assert!(is_email("a!#$%&'*+-/=?^_{|}~`z@example.com"));
}

#[test]
fn email_rejects() {
    for bad in [
        "",
        "plainaddress",
        "@example.com",
        "a@",
        "a@b",              // no TLD
        "a@b.c",            // TLD of one letter
        "a@b.c0",           // TLD with a digit
        "a@b.12",           // numeric TLD
        ".a@example.com",   // . first in the local part
        "a.@example.com",   // . last
        "_a@example.com",   // _ first (Juspay)
        "a_@example.com",   // _ last (Juspay)
        "a..b@example.com", // ..
        "a@@example.com",
        "a@b@example.com",
        "a b@example.com",
        " a@example.com", // not trimmed
        "a@example.com ",
        "a\"b@example.com",
        "a(b)@example.com",
        "a,b@example.com",
        "a@exa_mple.com",
        "a@-example.com",
        "a@example-.com",
        "a@example..com",
        "a@.example.com",
        "a@example.com.",
        "josé@example.com", // non-ASCII local part
        "jose@exämple.com", // non-ASCII domain
        "jose@example.cöm",
        "a@[127.0.0.1]",
    ] {
        assert!(!is_email(bad), "{bad:?}");
        assert_eq!(check(Format::Email, bad), Err(Failure::Invalid), "{bad:?}");
    }
}

// ---------------------------------------------------------------- Juspay names (A.4)

#[test]
fn juspay_names() {
    for ok in [
        "Mary Ann",
        "Tim",
        "David",
        "O.Neil",
        "Jean-Luc",
        "Smith (Jr.)",
        "under_score",
        "A",
        "R2 D2",
        "a b c",
    ] {
        assert!(is_name(ok), "{ok}");
        assert_eq!(check(Format::Name, ok), Ok(()), "{ok}");
    }
    for bad in [
        " Mary",
        "Mary ",
        "Mary  Ann",
        "Mary!",
        "O'Brien",
        "Mary,Ann",
        "",
        " ",
        "Mary\tAnn",
        "Mary\nAnn",
        "José",
        "Zoë",
        "Ann@",
        "A/B",
    ] {
        assert!(!is_name(bad), "{bad:?}");
        assert_eq!(check(Format::Name, bad), Err(Failure::Invalid), "{bad:?}");
    }
}

// ---------------------------------------------------------------- header_text (issue 13 item 2)

#[test]
fn header_text_is_what_a_header_carries_as_it_is() {
    for ok in [
        "cst_om2l6ctlptxwxuzj",
        "cst/1 2",
        "a",
        "!~",
        "a b  c",
        "x=1;y",
    ] {
        assert!(is_header_text(ok), "{ok}");
        assert_eq!(check(Format::HeaderText, ok), Ok(()), "{ok}");
    }
    for bad in [
        "a\r\nX-Evil: 1",
        "a\nb",
        "a\rb",
        "a\0b",
        "a\tb",
        "a\u{7f}b",
        "a\u{1b}b",
        "é",
        "a\u{a0}b",
        "\u{2028}",
        " a",
        "a ",
        " ",
    ] {
        assert!(!is_header_text(bad), "{bad:?}");
        assert_eq!(
            check(Format::HeaderText, bad),
            Err(Failure::Invalid),
            "{bad:?}"
        );
    }
}

// ---------------------------------------------------------------- uuid (issue 13 item 5)

#[test]
fn uuid_is_8_4_4_4_12_hex_digits() {
    for ok in [
        "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
        "16CD33D2-CF0A-66AD-8150-CB39E9B9FF27",
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ] {
        assert!(is_uuid(ok), "{ok}");
        assert_eq!(check(Format::Uuid, ok), Ok(()), "{ok}");
    }
    for bad in [
        "",
        "c-1",
        "16cd33d2cf0a66ad8150cb39e9b9ff27",
        "{16cd33d2-cf0a-66ad-8150-cb39e9b9ff27}",
        "urn:uuid:16cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
        "16cd33d2-cf0a-66ad-8150-cb39e9b9ff2",
        "16cd33d2-cf0a-66ad-8150-cb39e9b9ff277",
        "16cd33d2-cf0a-66ad-8150cb39e9b9ff27-",
        "16cd33d2_cf0a-66ad-8150-cb39e9b9ff27",
        "g6cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
        "16cd33d2-cf0a-66ad-8150-cb39e9b9ff2\u{e9}",
        " 6cd33d2-cf0a-66ad-8150-cb39e9b9ff27",
    ] {
        assert!(!is_uuid(bad), "{bad:?}");
        assert_eq!(check(Format::Uuid, bad), Err(Failure::Invalid), "{bad:?}");
    }
}

// ---------------------------------------------------------------- Format plumbing

#[test]
fn format_names_and_spec_parsing() {
    let built = [
        Format::from_spec("email", None, None, None, None).unwrap(),
        Format::from_spec("e164", None, None, None, None).unwrap(),
        Format::from_spec("digits", Some((10, 10)), None, None, None).unwrap(),
        Format::from_spec("date", None, None, Some("yyyy-MM-dd"), Some(true)).unwrap(),
        Format::from_spec("pan", None, None, None, None).unwrap(),
        Format::from_spec("pin", None, None, None, None).unwrap(),
        Format::from_spec("country_code", None, None, None, None).unwrap(),
        Format::from_spec("sa_id", None, None, None, None).unwrap(),
        Format::from_spec("name", None, None, None, None).unwrap(),
        Format::from_spec("header_text", None, None, None, None).unwrap(),
        Format::from_spec("uuid", None, None, None, None).unwrap(),
    ];
    let names: Vec<&str> = built.iter().map(|f| f.name()).collect();
    assert_eq!(names, Format::NAMES);
    assert_eq!(
        built[2],
        Format::Digits {
            min: 10,
            max: 10,
            leading_zero: true
        }
    );
    assert_eq!(
        built[3],
        Format::Date {
            style: DateStyle::Iso,
            past: true
        }
    );
    assert_eq!(
        Format::from_spec("digits", Some((1, 3)), Some(false), None, None).unwrap(),
        Format::Digits {
            min: 1,
            max: 3,
            leading_zero: false
        }
    );
    assert_eq!(
        Format::from_spec("date", None, None, Some("dd/MM/yyyy"), None).unwrap(),
        Format::Date {
            style: DateStyle::DayMonthYear,
            past: false
        }
    );

    // Spec mistakes are build errors with a message.
    assert!(Format::from_spec("phone", None, None, None, None)
        .unwrap_err()
        .contains("unknown format"));
    assert!(Format::from_spec("email", Some((1, 2)), None, None, None).is_err());
    assert!(Format::from_spec("digits", None, None, None, None).is_err());
    assert!(Format::from_spec("digits", Some((0, 3)), None, None, None).is_err());
    assert!(Format::from_spec("digits", Some((4, 3)), None, None, None).is_err());
    assert!(Format::from_spec("digits", Some((1, 3)), None, Some("yyyy-MM-dd"), None).is_err());
    assert!(Format::from_spec("date", None, None, None, None).is_err());
    assert!(Format::from_spec("date", None, None, Some("MM/dd/yyyy"), None).is_err());
    assert!(Format::from_spec("date", Some((1, 2)), None, Some("yyyy-MM-dd"), None).is_err());

    assert_eq!(built[0].to_rust(), "Format::Email");
    assert_eq!(
        built[2].to_rust(),
        "Format::Digits { min: 10, max: 10, leading_zero: true }"
    );
    assert_eq!(
        built[3].to_rust(),
        "Format::Date { style: DateStyle::Iso, past: true }"
    );
}

#[test]
fn every_format_explains_itself() {
    let formats = [
        Format::Email,
        Format::E164,
        Format::Digits {
            min: 10,
            max: 10,
            leading_zero: true,
        },
        Format::Digits {
            min: 1,
            max: 3,
            leading_zero: false,
        },
        Format::Date {
            style: DateStyle::DayMonthYear,
            past: true,
        },
        Format::Pan,
        Format::Pin,
        Format::CountryCode,
        Format::SaId,
        Format::Name,
    ];
    for f in formats {
        let e = invalid(f, "?");
        assert!(e.len() > "X .".len() && e.starts_with("X "), "{f:?}");
    }
    assert_eq!(invalid(formats[2], "?"), "X must be exactly 10 digits.");
    assert_eq!(
        invalid(formats[3], "?"),
        "X must be 1 to 3 digits, not starting with 0."
    );
    assert!(invalid(formats[4], "?").contains("dd/MM/yyyy"));
    assert!(invalid(Format::SaId, "?").contains("Luhn"));
}

// ---------------------------------------------------------------- suggestions

#[test]
fn suggestions_for_unknown_keys() {
    let juspay = [
        "customer_id",
        "email_address",
        "first_name",
        "last_name",
        "mobile_number",
        "mobile_country_code",
    ];
    assert_eq!(closest("email", juspay), Some("email_address"));
    assert_eq!(closest("firstname", juspay), Some("first_name"));
    assert_eq!(closest("FirstName", juspay), Some("first_name"));
    assert_eq!(closest("first-name", juspay), Some("first_name"));
    assert_eq!(closest("lastnmae", juspay), Some("last_name"));

    let accessbank = ["requestId", "accountNo", "email", "phoneNumber"];
    assert_eq!(closest("emial", accessbank), Some("email"));
    assert_eq!(closest("phone_number", accessbank), Some("phoneNumber"));
    assert_eq!(closest("acountNo", accessbank), Some("accountNo"));
    assert_eq!(closest("phone", accessbank), Some("phoneNumber"));

    let m2p = ["firstName", "lastName", "dob", "email", "pan"];
    assert_eq!(closest("first_name", m2p), Some("firstName"));
    assert_eq!(closest("dbo", m2p), Some("dob"));

    assert_eq!(closest("qwertyuiop", juspay), None);
    assert_eq!(closest("zz", accessbank), None);
    assert_eq!(closest("", accessbank), None);
    assert_eq!(
        closest(&"e".repeat(65), accessbank),
        None,
        "very long keys are never close"
    );
    assert_eq!(
        closest(&format!("email{}", "x".repeat(60)), accessbank),
        None
    );
    assert_eq!(closest("email", std::iter::empty::<&str>()), None);
}

/// The message of an `invalid_format` issue for `s` in a field labelled "X".
fn invalid(f: Format, s: &str) -> String {
    let (msg, args) = f.invalid("X", s);
    customer_update::rules::Issue::of(
        Vec::new(),
        customer_update::rules::Code::InvalidFormat,
        msg,
        args,
    )
    .message()
}
