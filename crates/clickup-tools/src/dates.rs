//! Date arguments and outputs (docs/tools.md, "Dates, durations, priority").
//!
//! A `date` argument ([`DateArg`]) is read by a [`DateReader`]: an IANA time zone (the tool's
//! `timezone` argument, else the server default, UTC unless configured) and an injected `now`.
//! The result is a [`ClickUpDate`]: epoch ms plus `has_time`, which becomes ClickUp's
//! `*_date_time` flag. A date without a time of day is **04:00 local** with `has_time: false`
//! (ClickUp's own convention); with a time it is that instant with `has_time: true`. Filters use
//! [`DateReader::parse_bound`]: a bare date as an `*_after` bound is the start of that day, as a
//! `*_before` bound the last millisecond of it; a date with a time is that instant either way.
//!
//! # Accepted forms
//!
//! Tried in this order; the first form whose shape matches decides, there is no fallback parse.
//!
//! 1. **Epoch milliseconds**: a JSON integer, or a string of digits only. It must be at least
//!    `100000000000` (1973-03-03): smaller numbers are refused rather than guessed, because they
//!    are epoch *seconds* (today about 1.8 × 10⁹), a compact date (`20261201`) or a year. At most
//!    [`MAX_EPOCH_MS`] (9999-12-30T22:00Z). Always `has_time: true`.
//! 2. **ISO 8601 / RFC 3339**, when the text starts `YYYY-MM-DD`:
//!    - `2026-12-01`: a date.
//!    - `2026-12-01T09:30:00+01:00`, `…Z`, fractional seconds, an optional `[Zone]` suffix after
//!      the offset: that instant (the offset wins over `timezone`).
//!    - `2026-12-01T09:30` or `2026-12-01 09:30:00` (no offset): that wall-clock time in the
//!      effective zone (a time skipped by a DST change moves forward; a repeated one takes the
//!      earlier instant). A `[Zone]` suffix without an offset is refused.
//!    - Anything else that starts like a date goes to the phrase grammar (`2026-12-01 9am`).
//! 3. **Phrases**, case-insensitive, words separated by spaces (commas count as spaces):
//!
//!    ```text
//!    phrase  := day [ ["at"] time ] | time [ day ]        a bare time means today
//!    day     := "now"                                     the instant; no time may follow
//!             | "today" | "tomorrow" | "yesterday"
//!             | weekday | "this" weekday                  the next such day, today included
//!             | "next" weekday                            the next such day after today
//!             | "last" weekday                            the last such day before today
//!             | "in" count unit | count unit "ago"
//!             | ("start" | "beginning" | "end") "of" ["the" | "this" | "next" | "last"] period
//!             | YYYY-MM-DD
//!    count   := 0..=9999 | "a" | "an"
//!    unit    := minute(s) | min(s) | hour(s) | hr(s)      an instant (now ± n); no time may follow
//!             | day(s) | week(s) | month(s) | year(s)    a date (today ± n; month ends clamp)
//!    period  := "day" | "week" | "month" | "year"         weeks run Monday to Sunday
//!    time    := H[:MM] ("am" | "pm")  (also "9 am", "a.m.", H 1..=12)
//!             | HH:MM[:SS]            (24-hour)
//!             | "noon" | "midnight"
//!    weekday := monday | mon | tuesday | tue | tues | wednesday | wed | thursday | thu | thur
//!             | thurs | friday | fri | saturday | sat | sunday | sun
//!    ```
//!
//!    Examples: `today`, `tomorrow 9am`, `today 17:30`, `friday`, `next friday at 10:00`,
//!    `in 3 days`, `in 2 weeks`, `3 days ago`, `in 2 hours`, `end of month`, `end of week`,
//!    `start of next month`, `5pm tomorrow`, `noon`.
//!
//! Anything else is `invalid_argument` with examples. Errors name the argument; they do not echo
//! the date text. An unknown zone is `invalid_argument` naming it as not an IANA zone.
//!
//! # Outputs
//!
//! [`format_date`] writes RFC 3339 with the zone's offset (`2026-12-01T09:30:00+01:00`, fractional
//! seconds only when present), which parses back to the same millisecond.
//! [`format_clickup_date`] writes a date without time as `2026-12-01`. ClickUp's own dates are
//! epoch-ms strings (`"1735725600000"`), read with [`parse_clickup_ms`].

use std::borrow::Cow;
use std::fmt;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::error::ToolError;

mod phrase;

use phrase::Phrase;

/// The smallest number read as epoch milliseconds (1973-03-03T09:46:40Z); smaller ones are refused.
pub const MIN_EPOCH_MS: i64 = 100_000_000_000;
/// The largest number read as epoch milliseconds (9999-12-30T22:00:00Z): the last millisecond
/// the date library takes, so that it has a local time in every zone.
pub const MAX_EPOCH_MS: i64 = 253_402_207_200_000;

/// Longest date text looked at; anything longer is refused unread.
const MAX_TEXT_LEN: usize = 100;
/// The local hour ClickUp gives a date without a time.
const DATE_ONLY_HOUR: i8 = 4;

/// A date as ClickUp takes it: epoch milliseconds, and whether the time of day is meant
/// (ClickUp's `due_date_time` / `start_date_time`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClickUpDate {
    /// Milliseconds since 1970-01-01T00:00:00Z. For a date without time, 04:00 local.
    pub epoch_ms: i64,
    /// `false` for a date without a time of day.
    pub has_time: bool,
}

/// Which end of a filter range a date argument bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// `*_after`: a bare date means the start of that day.
    After,
    /// `*_before`: a bare date means the last millisecond of that day.
    Before,
}

/// A `date` argument as the caller sent it: a JSON integer (epoch ms) or a string. It is read
/// later by a [`DateReader`], which knows the zone and `now`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateArg {
    /// A JSON integer: epoch milliseconds (checked when read).
    Millis(i64),
    /// A string: ISO 8601, a digit string, or a phrase.
    Text(String),
}

impl<'de> Deserialize<'de> for DateArg {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateArgVisitor;

        impl Visitor<'_> for DateArgVisitor {
            type Value = DateArg;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a date: an ISO 8601 string, epoch milliseconds as an integer, or text such as tomorrow 9am",
                )
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateArg, E> {
                Ok(DateArg::Millis(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateArg, E> {
                // Past i64 is past MAX_EPOCH_MS too: keep it out of range rather than wrap.
                Ok(DateArg::Millis(i64::try_from(v).unwrap_or(i64::MAX)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateArg, E> {
                Ok(DateArg::Text(v.to_owned()))
            }
        }

        deserializer.deserialize_any(DateArgVisitor)
    }
}

impl JsonSchema for DateArg {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::DateArg").into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "integer"],
            "description": "ISO 8601, epoch ms, or text (`tomorrow 9am`).",
        })
    }
}

/// The IANA time zone called `name` (`Europe/Paris`, `UTC`), from the bundled or system tz
/// database. The error names the zone only when it looks like a zone name.
pub fn time_zone(name: &str) -> Result<TimeZone, ToolError> {
    let looks_like_a_name = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('/')
        && !name.contains("..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'+'));
    let found = if looks_like_a_name {
        TimeZone::get(name).ok()
    } else {
        None
    };
    found.ok_or_else(|| {
        let which = if looks_like_a_name { format!(" (`{name}` is not one)") } else { String::new() };
        ToolError::invalid_argument(format!(
            "`timezone` must be an IANA time zone name such as Europe/Paris, America/New_York or UTC{which}."
        ))
    })
}

/// Reads date arguments in one zone, relative to one `now`.
#[derive(Clone, Debug)]
pub struct DateReader {
    /// The effective zone: the `timezone` argument or the server default.
    zone: TimeZone,
    /// The instant phrases are relative to (injected for tests).
    now: Timestamp,
}

impl DateReader {
    /// A reader in `zone` at `now`.
    pub fn new(zone: TimeZone, now: Timestamp) -> Self {
        Self { zone, now }
    }

    /// A reader for a tool call: the `timezone` argument when given (an unknown zone is
    /// `invalid_argument`), else `default_zone`.
    pub fn for_call(
        timezone: Option<&str>,
        default_zone: &TimeZone,
        now: Timestamp,
    ) -> Result<Self, ToolError> {
        let zone = match timezone {
            Some(name) => time_zone(name)?,
            None => default_zone.clone(),
        };
        Ok(Self::new(zone, now))
    }

    /// The effective zone.
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// The `now` phrases are relative to.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Read the date argument `arg` for a write: a date is 04:00 local without time.
    pub fn parse(&self, arg: &str, value: &DateArg) -> Result<ClickUpDate, ToolError> {
        let moment = self
            .read(value)
            .map_err(|problem| problem.into_error(arg))?;
        match moment {
            Moment::Instant(ts) => Ok(ClickUpDate {
                epoch_ms: ts.as_millisecond(),
                has_time: true,
            }),
            Moment::Day(day) => {
                let ts = self
                    .zone
                    .to_timestamp(day.to_datetime(Time::constant(DATE_ONLY_HOUR, 0, 0, 0)))
                    .map_err(|_| Problem::OutOfRange.into_error(arg))?;
                Ok(ClickUpDate {
                    epoch_ms: ts.as_millisecond(),
                    has_time: false,
                })
            }
        }
    }

    /// Read the date argument `arg` as a filter bound, in epoch ms: a date is the start (`After`)
    /// or the last millisecond (`Before`) of that day in the zone; an instant is itself.
    pub fn parse_bound(&self, arg: &str, value: &DateArg, bound: Bound) -> Result<i64, ToolError> {
        let moment = self
            .read(value)
            .map_err(|problem| problem.into_error(arg))?;
        match moment {
            Moment::Instant(ts) => Ok(ts.as_millisecond()),
            Moment::Day(day) => {
                let zoned = day
                    .to_zoned_datetime(self.zone.clone())
                    .map_err(|_| Problem::OutOfRange.into_error(arg))?;
                let edge = match bound {
                    Bound::After => zoned.start_of_day(),
                    Bound::Before => zoned.end_of_day(),
                };
                edge.map(|z| z.timestamp().as_millisecond())
                    .map_err(|_| Problem::OutOfRange.into_error(arg))
            }
        }
    }

    /// [`format_date`] in this reader's zone.
    pub fn format(&self, epoch_ms: i64) -> String {
        format_date(epoch_ms, &self.zone)
    }

    /// [`format_clickup_date`] in this reader's zone.
    pub fn format_clickup(&self, date: ClickUpDate) -> String {
        format_clickup_date(date, &self.zone)
    }

    fn today(&self) -> Date {
        self.zone.to_datetime(self.now).date()
    }

    fn read(&self, value: &DateArg) -> Result<Moment, Problem> {
        match value {
            DateArg::Millis(ms) => from_epoch_ms(*ms),
            DateArg::Text(text) => self.read_text(text),
        }
    }

    fn read_text(&self, text: &str) -> Result<Moment, Problem> {
        let text = text.trim();
        if text.is_empty() || text.len() > MAX_TEXT_LEN {
            return Err(Problem::Unrecognised);
        }
        if text.bytes().all(|b| b.is_ascii_digit()) {
            return text
                .parse::<i64>()
                .map_err(|_| Problem::OutOfRange)
                .and_then(from_epoch_ms);
        }
        if starts_with_iso_date(text)
            && let Some(moment) = self.read_iso(text)
        {
            return Ok(moment);
        }
        let lower = text.to_ascii_lowercase().replace(',', " ");
        let tokens: Vec<&str> = lower.split_whitespace().collect();
        Phrase {
            reader: self,
            today: self.today(),
        }
        .parse(&tokens)
        .ok_or(Problem::Unrecognised)
    }

    /// ISO 8601 forms; `None` hands the text to the phrase grammar.
    fn read_iso(&self, text: &str) -> Option<Moment> {
        if text.len() == 10 {
            return text.parse::<Date>().ok().map(Moment::Day);
        }
        if let Ok(ts) = text.parse::<Timestamp>() {
            return Some(Moment::Instant(ts));
        }
        if text.contains('[') {
            return None;
        }
        let datetime = text.parse::<DateTime>().ok()?;
        self.zone.to_timestamp(datetime).ok().map(Moment::Instant)
    }
}

/// What a date argument meant, before ClickUp's conventions are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Moment {
    /// A calendar day in the effective zone, no time of day.
    Day(Date),
    /// An exact instant.
    Instant(Timestamp),
}

/// Why a date was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Problem {
    Unrecognised,
    SmallNumber,
    OutOfRange,
}

impl Problem {
    fn into_error(self, arg: &str) -> ToolError {
        ToolError::invalid_argument(match self {
            Problem::Unrecognised => format!(
                "`{arg}` is not a date this server reads. Use ISO 8601 (2026-12-01, 2026-12-01T09:30:00+01:00), \
                 epoch milliseconds (1764581400000), or text such as today, tomorrow 9am, today 17:30, friday, \
                 next friday, in 3 days, 2 weeks ago, end of month, start of next week."
            ),
            Problem::SmallNumber => format!(
                "`{arg}`: a number is read as epoch milliseconds and must be at least 100000000000 (1973). \
                 For epoch seconds multiply by 1000, or write an ISO 8601 date such as 2026-12-01."
            ),
            Problem::OutOfRange => {
                format!("`{arg}` is out of the supported date range (year 9999 at the latest).")
            }
        })
    }
}

fn from_epoch_ms(ms: i64) -> Result<Moment, Problem> {
    if ms < MIN_EPOCH_MS {
        return Err(Problem::SmallNumber);
    }
    if ms > MAX_EPOCH_MS {
        return Err(Problem::OutOfRange);
    }
    Timestamp::from_millisecond(ms)
        .map(Moment::Instant)
        .map_err(|_| Problem::OutOfRange)
}

/// `YYYY-MM-DD` at the start.
fn starts_with_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// RFC 3339 in `zone`'s offset at that instant: `2026-12-01T09:30:00+01:00`, with fractional
/// seconds only when there are some. Milliseconds outside the representable range (about
/// ±10 000 years) are written as the plain number, so an output never fails on a bad upstream
/// value.
pub fn format_date(epoch_ms: i64, zone: &TimeZone) -> String {
    match Timestamp::from_millisecond(epoch_ms) {
        Ok(ts) => ts.display_with_offset(zone.to_offset(ts)).to_string(),
        Err(_) => epoch_ms.to_string(),
    }
}

/// [`format_date`] for a date with time; `2026-12-01` (the day in `zone`) for one without.
pub fn format_clickup_date(date: ClickUpDate, zone: &TimeZone) -> String {
    if date.has_time {
        return format_date(date.epoch_ms, zone);
    }
    match Timestamp::from_millisecond(date.epoch_ms) {
        Ok(ts) => zone.to_datetime(ts).date().to_string(),
        Err(_) => date.epoch_ms.to_string(),
    }
}

/// A date ClickUp sent, as shown: a bare date (`2026-12-01`) when ClickUp says it has no time
/// of day (`has_time: Some(false)`) or, when it does not say, when it is 04:00 exactly in `zone`
/// ([`is_date_only`]); else the instant with its offset. Task dates and date custom fields alike.
pub fn format_read_date(epoch_ms: i64, has_time: Option<bool>, zone: &TimeZone) -> String {
    let has_time = has_time.or_else(|| is_date_only(epoch_ms, zone).then_some(false));
    match has_time {
        Some(false) => format_clickup_date(
            ClickUpDate {
                epoch_ms,
                has_time: false,
            },
            zone,
        ),
        _ => format_date(epoch_ms, zone),
    }
}

/// Whether `epoch_ms` is 04:00:00.000 in `zone`: how ClickUp (and this server) store a date
/// without a time of day. Task reads carry no `*_date_time` flag, so this is how a date-only
/// date is told apart when shown.
pub fn is_date_only(epoch_ms: i64, zone: &TimeZone) -> bool {
    Timestamp::from_millisecond(epoch_ms).is_ok_and(|ts| {
        let time = zone.to_datetime(ts).time();
        (
            time.hour(),
            time.minute(),
            time.second(),
            time.subsec_nanosecond(),
        ) == (4, 0, 0, 0)
    })
}

/// ClickUp's epoch-ms string (`"1735725600000"`, possibly negative) as a number; `None` for an
/// empty or malformed string or one outside the representable range.
pub fn parse_clickup_ms(text: &str) -> Option<i64> {
    let text = text.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms = text.parse::<i64>().ok()?;
    Timestamp::from_millisecond(ms).ok().map(|_| ms)
}

/// A ClickUp date field, which is usually an epoch-ms string and sometimes a number or `null`.
pub fn clickup_ms(value: &Value) -> Option<i64> {
    match value {
        Value::String(s) => parse_clickup_ms(s),
        Value::Number(n) => n
            .as_i64()
            .filter(|ms| Timestamp::from_millisecond(*ms).is_ok()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
