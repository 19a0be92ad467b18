//! Durations (docs/tools.md, "Dates, durations, priority"): time estimates, time-entry lengths. Always milliseconds
//! towards ClickUp (the seed sent minutes).
//!
//! # Accepted forms
//!
//! - A JSON integer, or a string of digits only: **milliseconds**. Values under 60 000 (one
//!   minute) are refused as a likely unit mistake (`90` meant as minutes would be 0.09 s); the
//!   message says to write `90m`.
//! - Text: one or more `<number> <unit>` terms, case-insensitive, in any order, each unit at most
//!   once, optionally separated by spaces, commas or `and`:
//!
//!   ```text
//!   duration := term ( sep? term )*
//!   term     := number space? unit
//!   number   := digits ( "." digits )?             at most 1 000 000, at most 6 decimals
//!   sep      := spaces | "," | "and"
//!   unit     := w | wk | wks | week | weeks          = 7 × 24 h
//!             | d | day | days                        = 24 h (not a working day)
//!             | h | hr | hrs | hour | hours
//!             | m | min | mins | minute | minutes
//!             | s | sec | secs | second | seconds
//!             | ms | millisecond | milliseconds
//!   ```
//!
//!   Examples: `1h 30m`, `90m`, `2h`, `1.5h`, `1d`, `45s`, `1h30m`, `2 hours and 15 minutes`.
//!   A fraction is rounded to the nearest millisecond. With explicit units the one-minute floor
//!   does not apply (`45s` is fine), but the total must be above zero (clear a value with `null`).
//! - Anything else (negative numbers, ISO 8601 `PT1H`, `1:30`) is `invalid_argument`.
//!
//! # Output
//!
//! [`format_duration`] writes hours, minutes, seconds and milliseconds, largest first, zero parts
//! left out: `1h 30m`, `26h`, `45s`, `1m 500ms`. It never uses days (a
//! "day" of work is ambiguous), so a 26-hour estimate reads `26h`. Every output parses back to
//! the same value.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// The smallest bare number accepted: one minute in ms.
pub const MIN_BARE_MS: u64 = 60_000;

const MS_PER_SECOND: u64 = 1_000;
const MS_PER_MINUTE: u64 = 60 * MS_PER_SECOND;
const MS_PER_HOUR: u64 = 60 * MS_PER_MINUTE;
const MS_PER_DAY: u64 = 24 * MS_PER_HOUR;
const MS_PER_WEEK: u64 = 7 * MS_PER_DAY;

/// Largest number in one term, to keep the arithmetic far from overflow.
const MAX_TERM_NUMBER: u64 = 1_000_000;
/// Longest text looked at.
const MAX_TEXT_LEN: usize = 100;
/// Most decimals in a fraction.
const MAX_DECIMALS: usize = 6;

/// Why a duration was refused; its `Display` says it in words, with examples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationError {
    /// A bare number under one minute.
    BareNumberTooSmall,
    /// Zero in total.
    Zero,
    /// Not in the grammar.
    Unrecognised,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DurationError::BareNumberTooSmall => {
                "a bare number is read as milliseconds and must be at least 60000 (one minute); \
                 write the unit, e.g. 90m or 1h 30m"
            }
            DurationError::Zero => "a duration must be longer than zero (send null to remove it)",
            DurationError::Unrecognised => {
                "expected milliseconds (at least 60000) or text such as 1h 30m, 90m, 1.5h, 1d, 45s"
            }
        })
    }
}

/// Milliseconds from a bare number, under the one-minute floor.
pub fn duration_from_ms(ms: u64) -> Result<u64, DurationError> {
    if ms < MIN_BARE_MS {
        Err(DurationError::BareNumberTooSmall)
    } else {
        Ok(ms)
    }
}

/// Milliseconds from text: a digit string (as [`duration_from_ms`]) or the unit grammar of the
/// module doc.
pub fn duration_from_text(text: &str) -> Result<u64, DurationError> {
    let text = text.trim();
    if text.len() > MAX_TEXT_LEN || text.is_empty() {
        return Err(DurationError::Unrecognised);
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<u64>()
            .map_err(|_| DurationError::Unrecognised)
            .and_then(duration_from_ms);
    }
    let total = parse_terms(&text.to_ascii_lowercase()).ok_or(DurationError::Unrecognised)?;
    if total == 0 {
        Err(DurationError::Zero)
    } else {
        Ok(total)
    }
}

/// Sum of the terms, or `None` when the text is outside the grammar.
fn parse_terms(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut total: u64 = 0;
    let mut seen: Vec<u64> = Vec::new();
    let mut terms = 0;
    loop {
        // Separators: spaces, commas, the word `and` (only between terms).
        loop {
            while pos < bytes.len()
                && (bytes[pos] == b' ' || bytes[pos] == b',' || bytes[pos] == b'\t')
            {
                pos += 1;
            }
            if terms > 0 && text[pos..].starts_with("and") && !next_is_letter(bytes, pos + 3) {
                pos += 3;
                continue;
            }
            break;
        }
        if pos == bytes.len() {
            break;
        }
        let (whole, fraction, digits_end) = read_number(bytes, pos)?;
        pos = digits_end;
        while pos < bytes.len() && bytes[pos] == b' ' {
            pos += 1;
        }
        let unit_start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_alphabetic() {
            pos += 1;
        }
        let unit = unit_ms(&text[unit_start..pos])?;
        if seen.contains(&unit) {
            return None;
        }
        seen.push(unit);
        total = total.checked_add(term_ms(whole, fraction, unit)?)?;
        terms += 1;
    }
    (terms > 0).then_some(total)
}

fn next_is_letter(bytes: &[u8], pos: usize) -> bool {
    bytes.get(pos).is_some_and(u8::is_ascii_alphabetic)
}

/// `digits ("." digits)?` at `pos`: the whole part, the fraction as (digits, count), and the end.
fn read_number(bytes: &[u8], mut pos: usize) -> Option<(u64, (u64, usize), usize)> {
    let start = pos;
    while pos < bytes.len() && bytes[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos == start || pos - start > 7 {
        return None;
    }
    let whole: u64 = std::str::from_utf8(&bytes[start..pos]).ok()?.parse().ok()?;
    if whole > MAX_TERM_NUMBER {
        return None;
    }
    let mut fraction = (0, 0);
    if pos < bytes.len() && bytes[pos] == b'.' {
        pos += 1;
        let frac_start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
        let count = pos - frac_start;
        if count == 0 || count > MAX_DECIMALS {
            return None;
        }
        fraction = (
            std::str::from_utf8(&bytes[frac_start..pos])
                .ok()?
                .parse()
                .ok()?,
            count,
        );
    }
    Some((whole, fraction, pos))
}

fn unit_ms(unit: &str) -> Option<u64> {
    Some(match unit {
        "w" | "wk" | "wks" | "week" | "weeks" => MS_PER_WEEK,
        "d" | "day" | "days" => MS_PER_DAY,
        "h" | "hr" | "hrs" | "hour" | "hours" => MS_PER_HOUR,
        "m" | "min" | "mins" | "minute" | "minutes" => MS_PER_MINUTE,
        "s" | "sec" | "secs" | "second" | "seconds" => MS_PER_SECOND,
        "ms" | "millisecond" | "milliseconds" => 1,
        _ => return None,
    })
}

/// `whole.fraction × unit`, the fraction rounded to the nearest millisecond.
fn term_ms(whole: u64, (digits, count): (u64, usize), unit: u64) -> Option<u64> {
    let scale = 10u64.checked_pow(u32::try_from(count).ok()?)?;
    let fraction =
        (u128::from(digits) * u128::from(unit) + u128::from(scale / 2)) / u128::from(scale);
    whole
        .checked_mul(unit)?
        .checked_add(u64::try_from(fraction).ok()?)
}

/// `1h 30m`: hours, minutes, seconds, milliseconds, largest first, zero parts left out; `0m` for
/// zero. Parses back to `ms` with [`duration_from_text`] (for `ms > 0`).
pub fn format_duration(ms: u64) -> String {
    if ms == 0 {
        return "0m".to_owned();
    }
    let parts = [
        (ms / MS_PER_HOUR, "h"),
        (ms % MS_PER_HOUR / MS_PER_MINUTE, "m"),
        (ms % MS_PER_MINUTE / MS_PER_SECOND, "s"),
        (ms % MS_PER_SECOND, "ms"),
    ];
    parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A validated duration argument, in milliseconds. Deserializes from the forms of the module doc
/// (errors never echo the value); serializes as `"1h 30m"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DurationMs {
    /// Milliseconds, above zero.
    pub ms: u64,
}

impl fmt::Display for DurationMs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_duration(self.ms))
    }
}

impl Serialize for DurationMs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_duration(self.ms))
    }
}

impl<'de> Deserialize<'de> for DurationMs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DurationVisitor;

        impl Visitor<'_> for DurationVisitor {
            type Value = DurationMs;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a duration: milliseconds (at least 60000) or text such as 1h 30m, 90m, 1.5h",
                )
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DurationMs, E> {
                duration_from_ms(v)
                    .map(|ms| DurationMs { ms })
                    .map_err(E::custom)
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DurationMs, E> {
                let ms = u64::try_from(v).map_err(|_| E::custom(DurationError::Unrecognised))?;
                self.visit_u64(ms)
            }

            fn visit_f64<E: de::Error>(self, _v: f64) -> Result<DurationMs, E> {
                Err(E::custom(DurationError::Unrecognised))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<DurationMs, E> {
                duration_from_text(v)
                    .map(|ms| DurationMs { ms })
                    .map_err(E::custom)
            }
        }

        deserializer.deserialize_any(DurationVisitor)
    }
}

impl JsonSchema for DurationMs {
    /// Inlined: a tool takes one duration, and a `$ref` costs more than it saves.
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::DurationMs").into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        if generator.contract().is_deserialize() {
            json_schema!({
                "type": ["integer", "string"],
                "description": "`1h 30m` or ms; 1d = 24h.",
            })
        } else {
            json_schema!({
                "type": "string",
                "description": "Duration such as \"1h 30m\".",
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Value, json};

    use super::*;

    const H: u64 = MS_PER_HOUR;
    const M: u64 = MS_PER_MINUTE;

    /// A duration argument as a tool reads it (the registry's parse of its `Args`).
    fn argument(value: serde_json::Value) -> Result<DurationMs, crate::error::ToolError> {
        #[derive(Debug, Deserialize)]
        struct Args {
            time_estimate: DurationMs,
        }
        let mut args = serde_json::Map::new();
        args.insert("time_estimate".into(), value);
        crate::args::parse::<Args>(args).map(|a| a.time_estimate)
    }

    #[test]
    fn the_documented_text_forms_give_milliseconds() {
        let cases = [
            ("1h 30m", H + 30 * M, "hours and minutes"),
            ("90m", 90 * M, "minutes"),
            ("2h", 2 * H, "hours"),
            ("1.5h", H + 30 * M, "a fractional hour"),
            ("1d", 24 * H, "a day is 24 hours"),
            ("45s", 45_000, "seconds are accepted with a unit"),
            ("1h30m", H + 30 * M, "no space between terms"),
            ("2 hours and 15 minutes", 2 * H + 15 * M, "words and `and`"),
            ("1H, 5M", H + 5 * M, "upper case and a comma"),
            ("30m 1h", H + 30 * M, "any order"),
            ("1w", 7 * 24 * H, "a week"),
            ("0.25h", 15 * M, "a quarter hour"),
            ("1.0004s", 1_000, "a fraction is rounded to the ms"),
            ("250ms", 250, "milliseconds with a unit"),
            ("  2h  ", 2 * H, "surrounding spaces"),
        ];
        for (text, expected, why) in cases {
            assert_eq!(duration_from_text(text), Ok(expected), "{why}: {text}");
        }
    }

    #[test]
    fn bare_numbers_are_milliseconds_from_one_minute_up() {
        let cases = [
            (json!(5_400_000), Ok(5_400_000), "an integer"),
            (json!("5400000"), Ok(5_400_000), "a digit string"),
            (json!(60_000), Ok(60_000), "exactly one minute"),
            (
                json!(90),
                Err(DurationError::BareNumberTooSmall),
                "90 meant as minutes",
            ),
            (
                json!("59999"),
                Err(DurationError::BareNumberTooSmall),
                "a small digit string",
            ),
            (json!(0), Err(DurationError::BareNumberTooSmall), "zero"),
        ];
        for (value, expected, why) in cases {
            let got = match &value {
                Value::Number(n) => duration_from_ms(n.as_u64().unwrap()),
                Value::String(s) => duration_from_text(s),
                _ => unreachable!(),
            };
            assert_eq!(got, expected, "{why}");
        }
        let err = argument(json!(90)).unwrap_err();
        assert!(err.message.contains("90m"), "{}", err.message);
        assert!(err.message.contains("`time_estimate`"), "{}", err.message);
    }

    #[test]
    fn text_outside_the_grammar_is_refused() {
        let cases = [
            ("", "empty"),
            ("1", "a number under the floor is still a bare number"),
            ("h", "a unit without a number"),
            ("1x", "an unknown unit"),
            ("1h 2h", "a repeated unit"),
            ("-1h", "negative"),
            ("PT1H", "ISO 8601 is not accepted"),
            ("1:30", "clock notation"),
            ("1.h", "a dot without decimals"),
            ("1.1234567h", "too many decimals"),
            ("and 1h", "`and` before the first term"),
            ("1h andy", "a word starting with and"),
            ("99999999h", "a number too large"),
            ("1 h 30", "a trailing number"),
            ("0h", "zero in total"),
        ];
        for (text, why) in cases {
            assert!(duration_from_text(text).is_err(), "{why}: {text}");
        }
        assert_eq!(duration_from_text("0m 0s"), Err(DurationError::Zero));
    }

    #[test]
    fn errors_never_echo_the_value() {
        for value in [
            json!("SECRET5h"),
            json!(-7),
            json!(1.5),
            json!(null),
            json!(["1h"]),
        ] {
            let err = argument(value).unwrap_err();
            assert!(!err.message.contains("SECRET"), "{}", err.message);
            assert!(err.message.contains("`time_estimate`"), "{}", err.message);
        }
    }

    #[test]
    fn the_typed_argument_deserializes_and_serializes_as_text() {
        let d: DurationMs = serde_json::from_value(json!("1h 30m")).unwrap();
        assert_eq!(d.ms, 5_400_000);
        assert_eq!(serde_json::to_value(d).unwrap(), json!("1h 30m"));
        assert_eq!(
            serde_json::from_value::<DurationMs>(json!(5_400_000))
                .unwrap()
                .ms,
            5_400_000
        );
        for bad in [json!(90), json!(-60_000), json!(1.5), json!("soon")] {
            assert!(
                serde_json::from_value::<DurationMs>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn formatting_uses_hours_minutes_seconds_and_leaves_out_zero_parts() {
        let cases = [
            (0, "0m", "zero"),
            (H + 30 * M, "1h 30m", "hours and minutes"),
            (26 * H, "26h", "no days"),
            (45_000, "45s", "seconds"),
            (M + 500, "1m 500ms", "milliseconds"),
            (H + 1, "1h 1ms", "a gap in the middle"),
        ];
        for (ms, expected, why) in cases {
            assert_eq!(format_duration(ms), expected, "{why}");
        }
    }

    proptest! {
        #[test]
        fn formatting_then_parsing_gives_the_same_milliseconds(ms in 1u64..=1_000_000 * MS_PER_HOUR) {
            prop_assert_eq!(duration_from_text(&format_duration(ms)), Ok(ms));
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(text in "\\PC{0,40}") {
            let _ = duration_from_text(&text);
        }

        #[test]
        fn parsing_grammar_shaped_text_never_panics(text in "[0-9. ]{0,12}(w|d|h|m|s|ms|and|,| ){0,6}[0-9.]{0,12}[a-z]{0,3}") {
            let _ = duration_from_text(&text);
        }
    }
}
