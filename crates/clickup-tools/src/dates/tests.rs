//! Tests of the parent module.

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
            crate::error::ToolErrorCode::InvalidArgument,
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
        due_date: crate::patch::Patch<DateArg>,
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
    assert_eq!(cleared.due_date, crate::patch::Patch::Clear);
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

#[test]
fn four_in_the_morning_exactly_is_a_date_without_time() {
    let paris = TimeZone::get("Europe/Paris").unwrap();
    assert!(is_date_only(ms("2026-12-01T04:00:00+01:00"), &paris));
    assert!(!is_date_only(
        ms("2026-12-01T04:00:00+01:00"),
        &TimeZone::UTC
    ));
    assert!(!is_date_only(ms("2026-12-01T04:00:01+01:00"), &paris));
    assert!(!is_date_only(ms("2026-12-01T09:30:00+01:00"), &paris));
}
