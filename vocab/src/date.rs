//! Gregorian calendar dates without a time zone: parsing the two documented layouts, leap years,
//! and ages. "Today" is always passed in, so the rules are pure and testable.

/// A calendar date. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// The two date layouts the providers document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateStyle {
    /// `yyyy-MM-dd` (BVNK `dateOfBirth`, M2P nominee `dob`).
    Iso,
    /// `dd/MM/yyyy` (M2P profile `dob`).
    DayMonthYear,
}

impl DateStyle {
    /// Every style, in the order specs and messages list them.
    pub const ALL: [DateStyle; 2] = [DateStyle::Iso, DateStyle::DayMonthYear];

    pub const fn pattern(self) -> &'static str {
        match self {
            DateStyle::Iso => "yyyy-MM-dd",
            DateStyle::DayMonthYear => "dd/MM/yyyy",
        }
    }

    pub fn from_pattern(p: &str) -> Option<DateStyle> {
        match p {
            "yyyy-MM-dd" => Some(DateStyle::Iso),
            "dd/MM/yyyy" => Some(DateStyle::DayMonthYear),
            _ => None,
        }
    }

    /// A sample value in this layout, for messages.
    pub const fn example(self) -> &'static str {
        match self {
            DateStyle::Iso => "1990-01-31",
            DateStyle::DayMonthYear => "31/01/1990",
        }
    }
}

pub const fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => {
            if is_leap(year) {
                29
            } else {
                28
            }
        }
        _ => 0,
    }
}

impl CivilDate {
    /// 1970-01-01.
    pub const EPOCH: CivilDate = CivilDate {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// A real Gregorian date, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<CivilDate> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Some(CivilDate { year, month, day })
        } else {
            None
        }
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_unix_days(days: i64) -> CivilDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CivilDate { year, month, day }
    }

    /// Parse `s` in `style`: exactly two/four ASCII digits per part, then a calendar check.
    pub fn parse(s: &str, style: DateStyle) -> Option<CivilDate> {
        CivilDate::parse_bytes(s.as_bytes(), style)
    }

    /// [`CivilDate::parse`] over bytes (the one pass reads a date where it stands in the JSON
    /// text). `Some` only when every one of the ten bytes is an ASCII digit or the style's
    /// separator at its place.
    #[inline]
    pub fn parse_bytes(b: &[u8], style: DateStyle) -> Option<CivilDate> {
        if b.len() != 10 {
            return None;
        }
        let (y, m, d) = match style {
            DateStyle::Iso => {
                if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
                    return None;
                }
                (digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?)
            }
            DateStyle::DayMonthYear => {
                if b.get(2) != Some(&b'/') || b.get(5) != Some(&b'/') {
                    return None;
                }
                (digits(b, 6, 4)?, digits(b, 3, 2)?, digits(b, 0, 2)?)
            }
        };
        CivilDate::new(y as i32, m as u8, d as u8)
    }

    /// Whole years from `self` (a birth date) to `today`; negative when `self` is after `today`.
    pub fn age_on(self, today: CivilDate) -> i32 {
        let mut years = today.year - self.year;
        if (today.month, today.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }
}

/// `len` ASCII digits of `b` from `start` as a number, or `None`.
fn digits(b: &[u8], start: usize, len: usize) -> Option<u32> {
    let part = b.get(start..start + len)?;
    let mut n: u32 = 0;
    for &c in part {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    Some(n)
}
