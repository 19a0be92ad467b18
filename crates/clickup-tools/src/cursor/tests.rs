//! Tests of the parent module.

use proptest::prelude::*;
use serde_json::json;

use super::*;

const TOOL: &str = "clickup_space_list";

fn codec() -> CursorCodec {
    CursorCodec::new([7; 32])
}

fn filters() -> Value {
    json!({"workspace_id": "9001", "archived": false})
}

#[test]
fn every_kind_of_position_survives_a_round_trip() {
    let positions = [
        (
            CursorPosition {
                upstream: Upstream::Whole,
                offset: 50,
                started_ms: None,
            },
            "a slice of an unpaged array",
        ),
        (
            CursorPosition {
                upstream: Upstream::Page(3),
                offset: 0,
                started_ms: None,
            },
            "a task page",
        ),
        (
            CursorPosition {
                upstream: Upstream::Page(0),
                offset: 99,
                started_ms: None,
            },
            "an offset within a page",
        ),
        (
            CursorPosition::at(Upstream::Cursor("eyJuZXh0IjoiYWJjIn0=".into())),
            "a ClickUp cursor",
        ),
        (
            CursorPosition::at(Upstream::Comments {
                start: 1_735_725_600_000,
                start_id: "90120000123".into(),
            }),
            "a comment position",
        ),
    ];
    let fp = filter_fingerprint(&filters());
    for (position, why) in positions {
        let cursor = codec().encode(TOOL, fp, &position).unwrap();
        assert!(
            cursor
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{why}: {cursor}"
        );
        assert_eq!(codec().decode(TOOL, fp, &cursor), Ok(position), "{why}");
    }
}

#[test]
fn a_cursor_for_another_tool_or_other_filters_belongs_to_another_query() {
    let fp = filter_fingerprint(&filters());
    let cursor = codec()
        .encode(TOOL, fp, &CursorPosition::at(Upstream::Page(1)))
        .unwrap();
    let other_filters = filter_fingerprint(&json!({"workspace_id": "9001", "archived": true}));
    let cases = [
        ("clickup_folder_list", fp, "another tool"),
        (TOOL, other_filters, "other filters"),
    ];
    for (tool, fingerprint, why) in cases {
        let err = codec().decode(tool, fingerprint, &cursor).unwrap_err();
        assert!(
            err.message.contains("another query"),
            "{why}: {}",
            err.message
        );
    }
}

#[test]
fn altered_foreign_and_malformed_cursors_are_not_valid_here() {
    let fp = filter_fingerprint(&filters());
    let cursor = codec()
        .encode(TOOL, fp, &CursorPosition::at(Upstream::Page(1)))
        .unwrap();
    let foreign = CursorCodec::new([8; 32])
        .encode(TOOL, fp, &CursorPosition::at(Upstream::Page(1)))
        .unwrap();
    let mut flipped = cursor.clone().into_bytes();
    flipped[5] = if flipped[5] == b'A' { b'B' } else { b'A' };
    let cases = [
        (String::from_utf8(flipped).unwrap(), "one character changed"),
        (cursor[..cursor.len() - 2].to_owned(), "truncated"),
        (format!("{cursor}AA"), "extended"),
        (foreign, "signed with another key"),
        (String::new(), "empty"),
        ("not a cursor!".to_owned(), "not base64url"),
        ("AQ".to_owned(), "too short"),
        ("A".repeat(MAX_CURSOR_LEN + 1), "too long"),
    ];
    for (bad, why) in cases {
        let err = codec().decode(TOOL, fp, &bad).unwrap_err();
        assert!(
            err.message.contains("not valid here"),
            "{why}: {}",
            err.message
        );
        assert!(
            bad.len() < 8 || !err.message.contains(&bad),
            "{why}: echoed"
        );
    }
}

#[test]
fn the_fingerprint_ignores_key_order_nulls_and_paging_arguments() {
    let base = filter_fingerprint(&json!({"a": 1, "b": {"y": [1, 2], "x": "s"}}));
    let same = [
        (
            serde_json::from_str::<Value>(r#"{"b":{"x":"s","y":[1,2]},"a":1}"#).unwrap(),
            "key order",
        ),
        (
            json!({"a": 1, "b": {"y": [1, 2], "x": "s"}, "c": null}),
            "a null member is absent",
        ),
        (
            json!({"a": 1, "b": {"y": [1, 2], "x": "s"}, "cursor": "abc", "limit": 10}),
            "paging arguments",
        ),
    ];
    for (filters, why) in same {
        assert_eq!(filter_fingerprint(&filters), base, "{why}");
    }
    let different = [
        (
            json!({"a": 2, "b": {"y": [1, 2], "x": "s"}}),
            "another value",
        ),
        (
            json!({"a": 1, "b": {"y": [2, 1], "x": "s"}}),
            "another array order",
        ),
        (
            json!({"a": "1", "b": {"y": [1, 2], "x": "s"}}),
            "a string instead of a number",
        ),
        (
            json!({"a": 1, "b": {"y": [1, 2], "x": "s", "limit": 5}}),
            "nested `limit` is a filter",
        ),
    ];
    for (filters, why) in different {
        assert_ne!(filter_fingerprint(&filters), base, "{why}");
    }
}

#[test]
fn limit_defaults_and_stays_between_1_and_100() {
    assert_eq!(page_limit(None, DEFAULT_LIMIT), Ok(50));
    assert_eq!(page_limit(None, 25), Ok(25));
    assert_eq!(page_limit(Some(1), DEFAULT_LIMIT), Ok(1));
    assert_eq!(page_limit(Some(100), DEFAULT_LIMIT), Ok(100));
    for bad in [0, 101, u32::MAX] {
        let err = page_limit(Some(bad), DEFAULT_LIMIT).unwrap_err();
        assert!(err.message.contains("`limit`"), "{bad}: {}", err.message);
    }
}

#[test]
fn an_unpaged_array_is_sliced_into_pages_until_nothing_is_left() {
    let codec = codec();
    let items: Vec<u32> = (0..120).collect();
    let mut cursor: Option<String> = None;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let pager = codec
            .pager(
                TOOL,
                &filters(),
                cursor.as_deref(),
                None,
                DEFAULT_LIMIT,
                Upstream::Whole,
            )
            .unwrap();
        let page = pager.slice(items.clone()).unwrap();
        pages += 1;
        assert!(page.items.len() <= 50);
        assert_eq!(page.has_more, page.next_cursor.is_some());
        seen.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, items, "every item exactly once, in order");
}

#[test]
fn an_exactly_full_last_page_says_there_is_no_more() {
    let codec = codec();
    let pager = codec
        .pager(
            TOOL,
            &filters(),
            None,
            Some(50),
            DEFAULT_LIMIT,
            Upstream::Whole,
        )
        .unwrap();
    let page = pager.slice((0..50).collect::<Vec<u32>>()).unwrap();
    assert_eq!(
        (page.items.len(), page.has_more, page.next_cursor),
        (50, false, None)
    );
    let empty = pager.slice(Vec::<u32>::new()).unwrap();
    assert_eq!(empty, Page::complete(Vec::new()));
}

#[test]
fn a_list_that_shrank_under_the_cursor_gives_an_empty_last_page() {
    let codec = codec();
    let fp = filter_fingerprint(&filters());
    let cursor = codec
        .encode(
            TOOL,
            fp,
            &CursorPosition {
                upstream: Upstream::Whole,
                offset: 100,
                started_ms: None,
            },
        )
        .unwrap();
    let pager = codec
        .pager(
            TOOL,
            &filters(),
            Some(&cursor),
            None,
            DEFAULT_LIMIT,
            Upstream::Whole,
        )
        .unwrap();
    assert!(pager.resumed());
    assert_eq!(
        pager.slice((0..10).collect::<Vec<u32>>()).unwrap(),
        Page::complete(Vec::new())
    );
}

#[test]
fn a_pager_for_upstream_pages_issues_the_next_position() {
    let codec = codec();
    let pager = codec
        .pager(
            TOOL,
            &filters(),
            None,
            Some(10),
            DEFAULT_LIMIT,
            Upstream::Page(0),
        )
        .unwrap();
    assert_eq!(pager.position(), &CursorPosition::at(Upstream::Page(0)));
    assert!(!pager.resumed());
    let page = pager
        .page(
            vec![1, 2, 3],
            Some(CursorPosition {
                upstream: Upstream::Page(0),
                offset: 10,
                started_ms: None,
            }),
        )
        .unwrap();
    let next = codec
        .pager(
            TOOL,
            &filters(),
            page.next_cursor.as_deref(),
            Some(10),
            DEFAULT_LIMIT,
            Upstream::Page(0),
        )
        .unwrap();
    assert_eq!(
        next.position(),
        &CursorPosition {
            upstream: Upstream::Page(0),
            offset: 10,
            started_ms: None,
        }
    );
    assert!(
        next.slice(vec![1]).is_err(),
        "a paged cursor cannot slice an unpaged array"
    );
}

#[test]
fn the_page_schema_has_items_has_more_and_next_cursor() {
    let schema = serde_json::to_value(schemars::schema_for!(Page<String>)).unwrap();
    let properties = schema["properties"].as_object().unwrap();
    assert_eq!(
        properties.keys().collect::<Vec<_>>(),
        ["has_more", "items", "next_cursor"]
    );
    assert_eq!(format!("{:?}", codec()), "CursorCodec { key: <redacted> }");
}

fn any_upstream() -> impl Strategy<Value = Upstream> {
    prop_oneof![
        Just(Upstream::Whole),
        any::<u32>().prop_map(Upstream::Page),
        prop_oneof!["\\PC{0,100}", "[A-Za-z0-9+/=_-]{0,400}"].prop_map(Upstream::Cursor),
        (any::<i64>(), "[0-9a-z]{0,40}")
            .prop_map(|(start, start_id)| Upstream::Comments { start, start_id }),
    ]
}

proptest! {
    #[test]
    fn any_position_round_trips(upstream in any_upstream(), offset in any::<u32>(), tool in "[a-z_]{1,40}") {
        let position = CursorPosition {
            upstream,
            offset,
            started_ms: None,
        };
        let fp = filter_fingerprint(&filters());
        let cursor = codec().encode(&tool, fp, &position).unwrap();
        prop_assert!(cursor.len() <= MAX_CURSOR_LEN);
        prop_assert_eq!(codec().decode(&tool, fp, &cursor), Ok(position));
    }

    #[test]
    fn any_changed_character_is_refused(
        upstream in any_upstream(),
        index in any::<prop::sample::Index>(),
        replacement in "[A-Za-z0-9_-]",
    ) {
        let fp = filter_fingerprint(&filters());
        let cursor = codec().encode(TOOL, fp, &CursorPosition::at(upstream)).unwrap();
        let i = index.index(cursor.len());
        prop_assume!(cursor[i..=i] != replacement);
        let tampered = format!("{}{}{}", &cursor[..i], replacement, &cursor[i + 1..]);
        prop_assert!(codec().decode(TOOL, fp, &tampered).is_err());
    }

    #[test]
    fn arbitrary_text_is_refused_without_panicking(text in "\\PC{0,300}") {
        let fp = filter_fingerprint(&filters());
        prop_assert!(codec().decode(TOOL, fp, &text).is_err());
    }
}

#[test]
fn a_query_keeps_the_now_it_started_with_on_every_page() {
    let codec = codec();
    let first = codec
        .pager(
            TOOL,
            &filters(),
            None,
            Some(10),
            DEFAULT_LIMIT,
            Upstream::Whole,
        )
        .unwrap()
        .started_at(1_000);
    assert_eq!(first.started_ms(), Some(1_000));
    let next = first
        .slice((0..30).collect::<Vec<u32>>())
        .unwrap()
        .next_cursor;
    let second = codec
        .pager(
            TOOL,
            &filters(),
            next.as_deref(),
            Some(10),
            DEFAULT_LIMIT,
            Upstream::Whole,
        )
        .unwrap()
        .started_at(999_999);
    assert_eq!(
        second.started_ms(),
        Some(1_000),
        "the cursor's, not the clock's"
    );
}
