//! Date arguments and outputs (TOOLS.md §1.8).
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

use crate::tools::error::ToolError;

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
            "description": "A date: ISO 8601 (\"2026-12-01\", \"2026-12-01T09:30:00+01:00\"), epoch milliseconds, \
                            or text such as \"tomorrow 9am\", \"next friday\", \"in 3 days\", \"end of month\"; \
                            read in `timezone`.",
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
mod tests {
    use jiff::Span;
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    /// Wednesday 2026-12-02, 10:15 in Paris.
    fn now() -> Timestamp {
        "2026-12-02T09:15:00Z".parse().unwrap()
    }

    fn reader(zone: &str) -> DateReader {
        DateReader::new(TimeZone::get(zone).unwrap(), now())
    }

    fn ms(rfc3339: &str) -> i64 {
        rfc3339.parse::<Timestamp>().unwrap().as_millisecond()
    }

    fn text(s: &str) -> DateArg {
        DateArg::Text(s.to_owned())
    }

    /// A date without time: 04:00 in Paris on that day.
    fn day(date: &str) -> ClickUpDate {
        ClickUpDate {
            epoch_ms: ms(&format!("{date}T04:00:00+01:00")),
            has_time: false,
        }
    }

    fn at(rfc3339: &str) -> ClickUpDate {
        ClickUpDate {
            epoch_ms: ms(rfc3339),
            has_time: true,
        }
    }

    #[test]
    fn phrases_are_read_relative_to_now_in_the_zone() {
        let cases = [
            ("today", day("2026-12-02"), "today"),
            ("tomorrow", day("2026-12-03"), "tomorrow"),
            ("yesterday", day("2026-12-01"), "yesterday"),
            (
                "TOMORROW 9AM",
                at("2026-12-03T09:00:00+01:00"),
                "case-insensitive, time after the day",
            ),
            (
                "tomorrow at 9 am",
                at("2026-12-03T09:00:00+01:00"),
                "`at` and a separate am",
            ),
            (
                "today 17:30",
                at("2026-12-02T17:30:00+01:00"),
                "24-hour time",
            ),
            (
                "today at 5pm",
                at("2026-12-02T17:00:00+01:00"),
                "12-hour time",
            ),
            (
                "5pm tomorrow",
                at("2026-12-03T17:00:00+01:00"),
                "time before the day",
            ),
            (
                "9:45 p.m.",
                at("2026-12-02T21:45:00+01:00"),
                "a bare time is today",
            ),
            ("12am", at("2026-12-02T00:00:00+01:00"), "12am is midnight"),
            ("12pm", at("2026-12-02T12:00:00+01:00"), "12pm is noon"),
            ("noon tomorrow", at("2026-12-03T12:00:00+01:00"), "noon"),
            ("friday", day("2026-12-04"), "a weekday is the coming one"),
            ("Fri", day("2026-12-04"), "abbreviated weekday"),
            ("this friday", day("2026-12-04"), "this weekday"),
            ("wednesday", day("2026-12-02"), "a weekday includes today"),
            (
                "next friday",
                day("2026-12-04"),
                "next weekday is the first after today",
            ),
            (
                "next wednesday",
                day("2026-12-09"),
                "next weekday never is today",
            ),
            (
                "last wednesday",
                day("2026-11-25"),
                "last weekday never is today",
            ),
            ("last monday", day("2026-11-30"), "last weekday"),
            (
                "next friday 10:00",
                at("2026-12-04T10:00:00+01:00"),
                "weekday with time",
            ),
            ("in 3 days", day("2026-12-05"), "in days"),
            ("in 2 weeks", day("2026-12-16"), "in weeks"),
            ("in a week", day("2026-12-09"), "`a` is one"),
            ("in 1 month", day("2027-01-02"), "in months"),
            ("3 days ago", day("2026-11-29"), "ago"),
            ("1 year ago", day("2025-12-02"), "years ago"),
            (
                "in 2 hours",
                at("2026-12-02T11:15:00Z"),
                "hours are an instant",
            ),
            ("30 minutes ago", at("2026-12-02T08:45:00Z"), "minutes ago"),
            ("now", at("2026-12-02T09:15:00Z"), "now is the instant"),
            ("end of month", day("2026-12-31"), "end of month"),
            ("end of the month", day("2026-12-31"), "the"),
            ("end of week", day("2026-12-06"), "weeks end on Sunday"),
            ("start of week", day("2026-11-30"), "weeks start on Monday"),
            ("end of next week", day("2026-12-13"), "end of next week"),
            (
                "start of next month",
                day("2027-01-01"),
                "start of next month",
            ),
            (
                "beginning of last month",
                day("2026-11-01"),
                "beginning of last month",
            ),
            ("end of year", day("2026-12-31"), "end of year"),
            ("end of day", day("2026-12-02"), "end of day is today"),
            (
                "end of month 5pm",
                at("2026-12-31T17:00:00+01:00"),
                "a period edge with a time",
            ),
            ("  in   3   days  ", day("2026-12-05"), "extra spaces"),
            (
                "2026-12-01 9:30am",
                at("2026-12-01T09:30:00+01:00"),
                "an ISO date with a phrase time",
            ),
        ];
        let reader = reader("Europe/Paris");
        for (input, expected, why) in cases {
            assert_eq!(
                reader.parse("due_date", &text(input)),
                Ok(expected),
                "{why}: {input}"
            );
        }
    }

    #[test]
    fn iso_8601_and_epoch_milliseconds_are_read_exactly() {
        let instant = at("2026-12-01T08:30:00Z");
        let cases = [
            (
                text("2026-12-01"),
                day("2026-12-01"),
                "a date is 04:00 local without time",
            ),
            (text("2026-12-01T09:30:00+01:00"), instant, "an offset"),
            (text("2026-12-01T08:30:00Z"), instant, "Zulu"),
            (text("2026-12-01t08:30:00z"), instant, "lowercase t and z"),
            (
                text("2026-12-01T09:30:00+01:00[Europe/Paris]"),
                instant,
                "an offset with a zone suffix",
            ),
            (
                text("2026-12-01T09:30"),
                instant,
                "no offset: the wall clock in the zone",
            ),
            (text("2026-12-01 09:30:00"), instant, "a space instead of T"),
            (
                text("2026-12-01T08:30:00.250Z"),
                at("2026-12-01T08:30:00.250Z"),
                "fractional seconds",
            ),
            (
                DateArg::Millis(1_796_113_800_000),
                instant,
                "an epoch-ms integer",
            ),
            (text("1796113800000"), instant, "an epoch-ms digit string"),
            (
                DateArg::Millis(MIN_EPOCH_MS),
                at("1973-03-03T09:46:40Z"),
                "the smallest epoch ms",
            ),
        ];
        let reader = reader("Europe/Paris");
        for (input, expected, why) in cases {
            assert_eq!(
                reader.parse("due_date", &input),
                Ok(expected),
                "{why}: {input:?}"
            );
        }
    }

    #[test]
    fn anything_outside_the_grammar_is_refused_with_examples() {
        let cases = [
            "",
            "   ",
            "soon",
            "next week",
            "next",
            "end of",
            "end of fortnight",
            "tomorrow 25:00",
            "13pm",
            "0am",
            "9:5am",
            "in 3 parsecs",
            "3 days",
            "in -3 days",
            "in 99999 days",
            "friday friday",
            "now 9am",
            "in 2 hours 9am",
            "at 9am",
            "2026-13-01",
            "2026-02-30",
            "2026-12-01T09:30[Europe/Paris]",
            "2026-12-01T25:00",
            "tomorrow 9am please",
            "1.5e12",
            "+1796113800000",
            "next monday 9",
        ];
        let reader = reader("Europe/Paris");
        for input in cases {
            let err = reader.parse("due_date", &text(input)).unwrap_err();
            assert_eq!(
                err.code,
                crate::tools::error::ToolErrorCode::InvalidArgument,
                "{input}"
            );
            assert!(
                err.message.contains("`due_date`"),
                "{input}: {}",
                err.message
            );
            assert!(
                err.message.contains("tomorrow 9am"),
                "examples for {input}: {}",
                err.message
            );
        }
        let long = "tomorrow ".repeat(20);
        assert!(
            reader.parse("due_date", &text(&long)).is_err(),
            "over-long text"
        );
    }

    #[test]
    fn small_numbers_are_refused_rather_than_guessed() {
        let cases = [
            (DateArg::Millis(1_796_113_800), "epoch seconds"),
            (text("20261201"), "a compact date"),
            (text("2026"), "a year"),
            (DateArg::Millis(-1), "negative"),
            (DateArg::Millis(MIN_EPOCH_MS - 1), "just under the floor"),
        ];
        let reader = reader("UTC");
        for (input, why) in cases {
            let err = reader.parse("due_date", &input).unwrap_err();
            assert!(
                err.message.contains("multiply by 1000"),
                "{why}: {}",
                err.message
            );
        }
        let err = reader
            .parse("due_date", &DateArg::Millis(MAX_EPOCH_MS + 1))
            .unwrap_err();
        assert!(
            err.message.contains("out of the supported date range"),
            "{}",
            err.message
        );
        assert!(
            reader
                .parse("due_date", &DateArg::Millis(MAX_EPOCH_MS))
                .is_ok(),
            "the largest epoch ms"
        );
    }

    #[test]
    fn errors_do_not_echo_the_date_text() {
        let reader = reader("UTC");
        let err = reader
            .parse("start_date", &text("SECRET tomorrow"))
            .unwrap_err();
        assert!(!err.message.contains("SECRET"), "{}", err.message);
    }

    #[test]
    fn filter_bounds_take_the_whole_day_of_a_bare_date() {
        let cases = [
            (
                "2026-12-01",
                Bound::After,
                "2026-12-01T00:00:00+01:00",
                "after a date: its start",
            ),
            (
                "2026-12-01",
                Bound::Before,
                "2026-12-01T23:59:59.999+01:00",
                "before a date: its last ms",
            ),
            (
                "today",
                Bound::Before,
                "2026-12-02T23:59:59.999+01:00",
                "a phrase day",
            ),
            (
                "end of month",
                Bound::Before,
                "2026-12-31T23:59:59.999+01:00",
                "end of month",
            ),
            (
                "tomorrow 9am",
                Bound::After,
                "2026-12-03T09:00:00+01:00",
                "a time is itself (after)",
            ),
            (
                "tomorrow 9am",
                Bound::Before,
                "2026-12-03T09:00:00+01:00",
                "a time is itself (before)",
            ),
            (
                "1796113800000",
                Bound::Before,
                "2026-12-01T08:30:00Z",
                "epoch ms is itself",
            ),
        ];
        let reader = reader("Europe/Paris");
        for (input, bound, expected, why) in cases {
            assert_eq!(
                reader.parse_bound("due_after", &text(input), bound),
                Ok(ms(expected)),
                "{why}"
            );
        }
    }

    #[test]
    fn days_with_a_dst_change_keep_their_real_length() {
        let reader = reader("America/New_York");
        let day = text("2026-03-08");
        assert_eq!(
            reader.parse_bound("x", &day, Bound::After),
            Ok(ms("2026-03-08T00:00:00-05:00"))
        );
        assert_eq!(
            reader.parse_bound("x", &day, Bound::Before),
            Ok(ms("2026-03-08T23:59:59.999-04:00"))
        );
        assert_eq!(
            reader.parse("x", &day),
            Ok(ClickUpDate {
                epoch_ms: ms("2026-03-08T04:00:00-04:00"),
                has_time: false
            })
        );
        assert_eq!(
            reader.parse("x", &text("2026-03-08T02:30")),
            Ok(at("2026-03-08T03:30:00-04:00")),
            "a time skipped by DST moves forward"
        );
    }

    #[test]
    fn the_timezone_argument_must_be_an_iana_zone() {
        let utc = TimeZone::UTC;
        let paris = DateReader::for_call(Some("Europe/Paris"), &utc, now()).unwrap();
        assert_eq!(paris.zone().iana_name(), Some("Europe/Paris"));
        let default = DateReader::for_call(None, &utc, now()).unwrap();
        assert_eq!(
            default.parse("d", &text("today")),
            Ok(ClickUpDate {
                epoch_ms: ms("2026-12-02T04:00:00Z"),
                has_time: false
            })
        );
        let err = DateReader::for_call(Some("Mars/Olympus_Mons"), &utc, now()).unwrap_err();
        assert!(
            err.message.contains("IANA") && err.message.contains("Mars/Olympus_Mons"),
            "{}",
            err.message
        );
        for hostile in [
            "../../etc/passwd",
            "/etc/localtime",
            "",
            "Europe/Paris; DROP TABLE",
        ] {
            let err = DateReader::for_call(Some(hostile), &utc, now()).unwrap_err();
            assert!(err.message.contains("IANA"), "{hostile}: {}", err.message);
            assert!(
                hostile.is_empty() || !err.message.contains(hostile),
                "{hostile}: {}",
                err.message
            );
        }
    }

    #[test]
    fn the_zone_decides_which_day_today_is() {
        // At 23:30Z on Wednesday it is already Thursday in Tokyo and still Wednesday in Los Angeles.
        let late: Timestamp = "2026-12-02T23:30:00Z".parse().unwrap();
        let tokyo = DateReader::new(TimeZone::get("Asia/Tokyo").unwrap(), late);
        let la = DateReader::new(TimeZone::get("America/Los_Angeles").unwrap(), late);
        assert_eq!(
            tokyo.format_clickup(tokyo.parse("d", &text("today")).unwrap()),
            "2026-12-03"
        );
        assert_eq!(
            la.format_clickup(la.parse("d", &text("today")).unwrap()),
            "2026-12-02"
        );
    }

    #[test]
    fn outputs_are_rfc_3339_in_the_zone() {
        let paris = TimeZone::get("Europe/Paris").unwrap();
        let cases = [
            (
                1_796_113_800_000,
                &paris,
                "2026-12-01T09:30:00+01:00",
                "a winter date in Paris",
            ),
            (
                1_796_113_800_000,
                &TimeZone::UTC,
                "2026-12-01T08:30:00+00:00",
                "UTC",
            ),
            (
                1_796_113_800_123,
                &paris,
                "2026-12-01T09:30:00.123+01:00",
                "milliseconds when present",
            ),
            (
                i64::MAX,
                &paris,
                "9223372036854775807",
                "out of range: the plain number",
            ),
        ];
        for (input, zone, expected, why) in cases {
            assert_eq!(format_date(input, zone), expected, "{why}");
        }
        let date_only = ClickUpDate {
            epoch_ms: ms("2026-12-01T04:00:00+01:00"),
            has_time: false,
        };
        assert_eq!(format_clickup_date(date_only, &paris), "2026-12-01");
        assert_eq!(
            format_clickup_date(
                ClickUpDate {
                    has_time: true,
                    ..date_only
                },
                &paris
            ),
            "2026-12-01T04:00:00+01:00"
        );
    }

    #[test]
    fn clickup_ms_strings_are_read_safely() {
        let cases = [
            ("1735725600000", Some(1_735_725_600_000), "a ClickUp date"),
            (" 1735725600000 ", Some(1_735_725_600_000), "spaces"),
            ("-1000", Some(-1000), "before 1970"),
            ("", None, "empty"),
            ("abc", None, "letters"),
            ("1e12", None, "exponent"),
            ("99999999999999999999", None, "overflow"),
            ("999999999999999999", None, "past the representable range"),
            ("-", None, "a lone minus"),
        ];
        for (input, expected, why) in cases {
            assert_eq!(parse_clickup_ms(input), expected, "{why}");
        }
        assert_eq!(clickup_ms(&json!("1735725600000")), Some(1_735_725_600_000));
        assert_eq!(
            clickup_ms(&json!(1_735_725_600_000_i64)),
            Some(1_735_725_600_000)
        );
        assert_eq!(clickup_ms(&json!(null)), None);
    }

    #[test]
    fn the_argument_deserializes_from_an_integer_or_a_string_only() {
        assert_eq!(
            serde_json::from_value::<DateArg>(json!(1_796_113_800_000_i64)).unwrap(),
            DateArg::Millis(1_796_113_800_000)
        );
        assert_eq!(
            serde_json::from_value::<DateArg>(json!("today")).unwrap(),
            text("today")
        );
        assert_eq!(
            serde_json::from_value::<DateArg>(json!(u64::MAX)).unwrap(),
            DateArg::Millis(i64::MAX)
        );
        for bad in [json!(1.5), json!(true), json!({}), json!([])] {
            assert!(
                serde_json::from_value::<DateArg>(bad.clone()).is_err(),
                "{bad}"
            );
        }
        let schema = serde_json::to_value(schemars::schema_for!(DateArg)).unwrap();
        assert_eq!(schema["type"], json!(["string", "integer"]));
    }

    #[test]
    fn a_clearable_date_argument_shows_string_integer_or_null() {
        #[derive(Deserialize, JsonSchema)]
        struct Args {
            /// Due date; `null` removes it.
            #[serde(default)]
            due_date: crate::tools::patch::Patch<DateArg>,
        }
        let schema = schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<Args>();
        let due = serde_json::to_value(&schema).unwrap()["properties"]["due_date"].clone();
        assert_eq!(
            due["anyOf"],
            json!([{"$ref": "#/$defs/Date"}, {"type": "null"}]),
            "{due}"
        );
        let root = serde_json::to_value(&schema).unwrap();
        assert_eq!(root["$defs"]["Date"]["type"], json!(["string", "integer"]));
        let cleared: Args = serde_json::from_value(json!({"due_date": null})).unwrap();
        assert_eq!(cleared.due_date, crate::tools::patch::Patch::Clear);
    }

    const ZONES: [&str; 6] = [
        "UTC",
        "Europe/Paris",
        "America/New_York",
        "Asia/Kolkata",
        "Pacific/Chatham",
        "Australia/Lord_Howe",
    ];

    fn any_zone() -> impl Strategy<Value = TimeZone> {
        prop::sample::select(ZONES.to_vec()).prop_map(|z| TimeZone::get(z).unwrap())
    }

    fn any_now() -> impl Strategy<Value = Timestamp> {
        (Timestamp::MIN.as_millisecond()..=MAX_EPOCH_MS)
            .prop_map(|ms| Timestamp::from_millisecond(ms).unwrap())
    }

    fn phrase_like() -> impl Strategy<Value = String> {
        let words = vec![
            "now",
            "today",
            "tomorrow",
            "yesterday",
            "this",
            "next",
            "last",
            "in",
            "ago",
            "a",
            "an",
            "at",
            "of",
            "the",
            "start",
            "end",
            "beginning",
            "day",
            "days",
            "week",
            "weeks",
            "month",
            "months",
            "year",
            "years",
            "hour",
            "hours",
            "minutes",
            "friday",
            "mon",
            "sun",
            "9am",
            "12pm",
            "pm",
            "am",
            "noon",
            "midnight",
            "17:30",
            "23:59:59",
            "0",
            "1",
            "3",
            "9999",
            "2026-12-01",
            "9999-12-31",
            "-0001-01-01",
            "24:00",
        ];
        prop::collection::vec(prop::sample::select(words), 0..6).prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(input in "\\PC{0,60}", zone in any_zone(), now in any_now()) {
            let reader = DateReader::new(zone, now);
            let _ = reader.parse("d", &DateArg::Text(input.clone()));
            let _ = reader.parse_bound("d", &DateArg::Text(input), Bound::Before);
        }

        #[test]
        fn parsing_phrase_shaped_text_never_panics(input in phrase_like(), zone in any_zone(), now in any_now()) {
            let reader = DateReader::new(zone, now);
            let _ = reader.parse("d", &DateArg::Text(input.clone()));
            let _ = reader.parse_bound("d", &DateArg::Text(input.clone()), Bound::After);
            let _ = reader.parse_bound("d", &DateArg::Text(input), Bound::Before);
        }

        #[test]
        fn parsing_any_integer_never_panics(value in any::<i64>(), zone in any_zone()) {
            let reader = DateReader::new(zone, now());
            let _ = reader.parse("d", &DateArg::Millis(value));
            let _ = format_date(value, reader.zone());
            let _ = parse_clickup_ms(&value.to_string());
        }

        #[test]
        fn a_formatted_instant_parses_back_to_the_same_millisecond(ms in 0..=MAX_EPOCH_MS, zone in any_zone()) {
            let reader = DateReader::new(zone, now());
            let formatted = reader.format(ms);
            prop_assert_eq!(
                reader.parse("d", &DateArg::Text(formatted.clone())),
                Ok(ClickUpDate { epoch_ms: ms, has_time: true }),
                "{}", formatted
            );
        }

        #[test]
        fn a_formatted_date_parses_back_to_the_same_day(days in 0i64..2_900_000, zone in any_zone()) {
            let date = Date::constant(1973, 3, 4).checked_add(Span::new().days(days)).unwrap();
            let reader = DateReader::new(zone, now());
            let input = date.to_string();
            let parsed = reader.parse("d", &DateArg::Text(input.clone())).unwrap();
            prop_assert!(!parsed.has_time);
            prop_assert_eq!(reader.format_clickup(parsed), input);
        }

        #[test]
        fn a_day_bound_brackets_its_date(days in 0i64..2_900_000, zone in any_zone()) {
            let date = Date::constant(1973, 3, 4).checked_add(Span::new().days(days)).unwrap();
            let reader = DateReader::new(zone, now());
            let input = DateArg::Text(date.to_string());
            let after = reader.parse_bound("d", &input, Bound::After).unwrap();
            let before = reader.parse_bound("d", &input, Bound::Before).unwrap();
            let at = reader.parse("d", &input).unwrap().epoch_ms;
            prop_assert!(after <= at && at <= before);
            // 23 to 25 hours in a day, 24 mostly; Lord Howe shifts by 30 minutes.
            prop_assert!((22 * 3_600_000..26 * 3_600_000).contains(&(before - after + 1)));
        }
    }
}
