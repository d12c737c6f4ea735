//! Timestamps as the registries store them (`TIMESTAMPTZ`), kept in PostgreSQL's own text form
//! so that a registry folder, a SQLite workspace and a PostgreSQL table hold the same bytes.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A validated `TIMESTAMPTZ` in PostgreSQL's UTC output form: `YYYY-MM-DD HH:MM:SS[.ffffff]+00`.
///
/// Only UTC is accepted: with `timezone = 'UTC'` PostgreSQL prints exactly this text back, so
/// the value survives every store unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(test, derive(ts_rs::TS), ts(type = "string"))]
pub struct Timestamp(String);

/// Why a text is not a [`Timestamp`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a UTC timestamp like `2026-01-31 09:30:00+00`")]
pub struct InvalidTimestamp(pub String);

impl Timestamp {
    /// Parses PostgreSQL's UTC text form.
    pub fn parse(text: &str) -> Result<Self, InvalidTimestamp> {
        if is_valid(text) {
            Ok(Self(text.to_owned()))
        } else {
            Err(InvalidTimestamp(text.to_owned()))
        }
    }

    /// The timestamp's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Builds a timestamp from parts; panics on out-of-range parts (for generators and tests).
    pub fn from_parts(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Self {
        let text = format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}+00");
        Self::parse(&text).expect("timestamp parts out of range")
    }

    /// The UTC timestamp `seconds` after 1970-01-01 00:00:00 (whole seconds). The model has no
    /// clock: callers pass the time, e.g. from `std::time::SystemTime`.
    pub fn from_unix_seconds(seconds: u64) -> Self {
        let (days, rest) = ((seconds / 86_400) as i64, seconds % 86_400);
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Self::from_parts(year, month, day, (rest / 3_600) as u8, (rest % 3_600 / 60) as u8, (rest % 60) as u8)
    }
}

fn is_valid(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(u32::MAX);
    if b.len() < 22 || !digits(0..4) || b[4] != b'-' || !digits(5..7) || b[7] != b'-' || !digits(8..10) {
        return false;
    }
    if b[10] != b' ' || !digits(11..13) || b[13] != b':' || !digits(14..16) || b[16] != b':' || !digits(17..19) {
        return false;
    }
    let (month, day) = (num(5..7), num(8..10));
    let year = num(0..4);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if year == 0 || day == 0 || day > days || num(11..13) > 23 || num(14..16) > 59 || num(17..19) > 59 {
        return false;
    }
    let mut rest = &text[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        // PostgreSQL keeps microseconds and drops trailing zeros when printing.
        if n == 0 || n > 6 || frac.as_bytes()[n - 1] == b'0' {
            return false;
        }
        rest = &frac[n..];
    }
    rest == "+00"
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Timestamp {
    type Error = InvalidTimestamp;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Timestamp> for String {
    fn from(value: Timestamp) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn accepts_postgres_utc_output_only() {
        for ok in ["2026-01-31 09:30:00+00", "2024-02-29 00:00:00.5+00", "2026-12-31 23:59:59.123456+00"] {
            assert!(Timestamp::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "2026-01-31T09:30:00Z",
            "2026-02-30 00:00:00+00",
            "2023-02-29 00:00:00+00",
            "2026-01-31 24:00:00+00",
            "2026-01-31 09:30:00+01",
            "2026-01-31 09:30:00.50+00",
            "2026-01-31 09:30:00",
            "",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unix_seconds_become_the_utc_civil_date() {
        for (seconds, text) in [
            (0, "1970-01-01 00:00:00+00"),
            (951_782_400, "2000-02-29 00:00:00+00"),
            (1_767_225_599, "2025-12-31 23:59:59+00"),
            (1_800_000_000, "2027-01-15 08:00:00+00"),
        ] {
            assert_eq!(Timestamp::from_unix_seconds(seconds).as_str(), text, "{seconds}");
        }
    }
}
