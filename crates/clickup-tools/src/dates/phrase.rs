//! The phrase grammar of date arguments (`tomorrow 9am`, `next friday`, `in 3 days`,
//! `end of month`); the grammar itself is in the parent module's doc. Phrases are read over
//! lowercase, whitespace-separated tokens; each alternative is decided by its first token, so
//! there is no backtracking and no fallback.

use jiff::Span;
use jiff::civil::{Date, Time, Weekday};

use super::{DateReader, Moment, starts_with_iso_date};

/// Largest `count` in `in N days`.
const MAX_COUNT: i64 = 9_999;

/// The phrase grammar of the module doc, over lowercase tokens.
pub(super) struct Phrase<'a> {
    /// Gives the zone and `now`.
    pub(super) reader: &'a DateReader,
    /// Today in the reader's zone.
    pub(super) today: Date,
}

impl Phrase<'_> {
    /// The moment `tokens` (lowercase words) name, or `None` outside the grammar.
    pub(super) fn parse(&self, tokens: &[&str]) -> Option<Moment> {
        if tokens.is_empty() {
            return None;
        }
        if let Some((time, used)) = parse_time(tokens) {
            let rest = &tokens[used..];
            if rest.is_empty() {
                return self.at(self.today, time);
            }
            let (day, used) = self.parse_day(rest)?;
            return match day {
                Moment::Day(day) if used == rest.len() => self.at(day, time),
                _ => None,
            };
        }
        let (day, used) = self.parse_day(tokens)?;
        let mut rest = &tokens[used..];
        if rest.is_empty() {
            return Some(day);
        }
        if rest[0] == "at" {
            rest = &rest[1..];
        }
        let (time, used) = parse_time(rest)?;
        match day {
            Moment::Day(day) if used == rest.len() => self.at(day, time),
            _ => None,
        }
    }

    fn at(&self, day: Date, time: Time) -> Option<Moment> {
        self.reader
            .zone
            .to_timestamp(day.to_datetime(time))
            .ok()
            .map(Moment::Instant)
    }

    fn plus_days(&self, days: i64) -> Option<Moment> {
        let span = Span::new().try_days(days).ok()?;
        self.today.checked_add(span).ok().map(Moment::Day)
    }

    /// A `day` at the start of `tokens`, and how many tokens it took.
    fn parse_day(&self, tokens: &[&str]) -> Option<(Moment, usize)> {
        let first = *tokens.first()?;
        let second = tokens.get(1).copied();
        match first {
            "now" => Some((Moment::Instant(self.reader.now), 1)),
            "today" => Some((Moment::Day(self.today), 1)),
            "tomorrow" => Some((self.plus_days(1)?, 1)),
            "yesterday" => Some((self.plus_days(-1)?, 1)),
            "this" => {
                let weekday = weekday(second?)?;
                Some((
                    self.plus_days(self.today.weekday().until(weekday).into())?,
                    2,
                ))
            }
            "next" => {
                let ahead = match self.today.weekday().until(weekday(second?)?) {
                    0 => 7,
                    n => n,
                };
                Some((self.plus_days(ahead.into())?, 2))
            }
            "last" => {
                let back = match self.today.weekday().since(weekday(second?)?) {
                    0 => 7,
                    n => n,
                };
                Some((self.plus_days(-i64::from(back))?, 2))
            }
            "in" => {
                let count = count(second?)?;
                Some((self.shift(count, tokens.get(2)?)?, 3))
            }
            "start" | "beginning" | "end" => {
                if second? != "of" {
                    return None;
                }
                let (shift, period_at) = match tokens.get(2).copied()? {
                    "the" | "this" => (0, 3),
                    "next" => (1, 3),
                    "last" => (-1, 3),
                    _ => (0, 2),
                };
                let period = tokens.get(period_at).copied()?;
                Some((
                    self.period_edge(period, shift, first == "end")?,
                    period_at + 1,
                ))
            }
            _ => {
                if let Some(weekday) = weekday(first) {
                    return Some((
                        self.plus_days(self.today.weekday().until(weekday).into())?,
                        1,
                    ));
                }
                if let Some(count) = count(first) {
                    if tokens.get(2).copied() == Some("ago") {
                        return Some((self.shift(-count, second?)?, 3));
                    }
                    return None;
                }
                if first.len() == 10 && starts_with_iso_date(first) {
                    return first.parse::<Date>().ok().map(|d| (Moment::Day(d), 1));
                }
                None
            }
        }
    }

    /// `count unit` from now: an instant for minutes and hours, a day otherwise.
    fn shift(&self, count: i64, unit: &str) -> Option<Moment> {
        let instant = |span: Result<Span, jiff::Error>| {
            self.reader
                .now
                .checked_add(span.ok()?)
                .ok()
                .map(Moment::Instant)
        };
        let day = |span: Result<Span, jiff::Error>| {
            self.today.checked_add(span.ok()?).ok().map(Moment::Day)
        };
        match unit {
            "minute" | "minutes" | "min" | "mins" => instant(Span::new().try_minutes(count)),
            "hour" | "hours" | "hr" | "hrs" => instant(Span::new().try_hours(count)),
            "day" | "days" => day(Span::new().try_days(count)),
            "week" | "weeks" => day(Span::new().try_weeks(count)),
            "month" | "months" => day(Span::new().try_months(count)),
            "year" | "years" => day(Span::new().try_years(count)),
            _ => None,
        }
    }

    /// The first (`end: false`) or last day of the period containing today, moved by `shift`
    /// periods.
    fn period_edge(&self, period: &str, shift: i64, end: bool) -> Option<Moment> {
        let today = self.today;
        let (first, span) = match period {
            "day" => (today, Span::new().try_days(shift).ok()?),
            "week" => {
                let monday = today
                    .checked_sub(
                        Span::new()
                            .try_days(today.weekday().since(Weekday::Monday))
                            .ok()?,
                    )
                    .ok()?;
                (monday, Span::new().try_weeks(shift).ok()?)
            }
            "month" => (today.first_of_month(), Span::new().try_months(shift).ok()?),
            "year" => (today.first_of_year(), Span::new().try_years(shift).ok()?),
            _ => return None,
        };
        let first = first.checked_add(span).ok()?;
        let edge = if !end {
            first
        } else {
            match period {
                "day" => first,
                "week" => first.checked_add(Span::new().try_days(6).ok()?).ok()?,
                "month" => first.last_of_month(),
                _ => first.last_of_year(),
            }
        };
        Some(Moment::Day(edge))
    }
}

fn weekday(token: &str) -> Option<Weekday> {
    Some(match token {
        "monday" | "mon" => Weekday::Monday,
        "tuesday" | "tue" | "tues" => Weekday::Tuesday,
        "wednesday" | "wed" => Weekday::Wednesday,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thursday,
        "friday" | "fri" => Weekday::Friday,
        "saturday" | "sat" => Weekday::Saturday,
        "sunday" | "sun" => Weekday::Sunday,
        _ => return None,
    })
}

fn count(token: &str) -> Option<i64> {
    match token {
        "a" | "an" => Some(1),
        _ if !token.is_empty() && token.len() <= 4 && token.bytes().all(|b| b.is_ascii_digit()) => {
            token.parse::<i64>().ok().filter(|n| *n <= MAX_COUNT)
        }
        _ => None,
    }
}

/// A `time` at the start of `tokens`, and how many tokens it took.
fn parse_time(tokens: &[&str]) -> Option<(Time, usize)> {
    let first = *tokens.first()?;
    match first {
        "noon" => return Some((Time::constant(12, 0, 0, 0), 1)),
        "midnight" => return Some((Time::constant(0, 0, 0, 0), 1)),
        _ => {}
    }
    for (suffix, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if let Some(clock) = first.strip_suffix(suffix) {
            return twelve_hour(clock, pm).map(|t| (t, 1));
        }
    }
    if let Some(pm) = tokens.get(1).and_then(|t| meridiem(t))
        && let Some(time) = twelve_hour(first, pm)
    {
        return Some((time, 2));
    }
    twenty_four_hour(first).map(|t| (t, 1))
}

fn meridiem(token: &str) -> Option<bool> {
    match token {
        "am" | "a.m." => Some(false),
        "pm" | "p.m." => Some(true),
        _ => None,
    }
}

/// `H` or `H:MM` with H in 1..=12.
fn twelve_hour(clock: &str, pm: bool) -> Option<Time> {
    let (hour, minute) = match clock.split_once(':') {
        Some((h, m)) => (small_number(h, 1, 2)?, small_number(m, 2, 2)?),
        None => (small_number(clock, 1, 2)?, 0),
    };
    if !(1..=12).contains(&hour) || minute > 59 {
        return None;
    }
    let hour = hour % 12 + if pm { 12 } else { 0 };
    Time::new(hour, minute, 0, 0).ok()
}

/// `HH:MM` or `HH:MM:SS`, 24-hour.
fn twenty_four_hour(clock: &str) -> Option<Time> {
    let mut parts = clock.split(':');
    let hour = small_number(parts.next()?, 1, 2)?;
    let minute = small_number(parts.next()?, 2, 2)?;
    let second = match parts.next() {
        Some(s) => small_number(s, 2, 2)?,
        None => 0,
    };
    if parts.next().is_some() || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Time::new(hour, minute, second, 0).ok()
}

/// A string of `min_len..=max_len` ASCII digits as a number.
fn small_number(text: &str, min_len: usize, max_len: usize) -> Option<i8> {
    if text.len() < min_len || text.len() > max_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
