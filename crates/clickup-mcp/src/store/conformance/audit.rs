//! Conformance cases: the audit log, and liveness.

use super::*;

pub(super) async fn an_audit_row_reads_back_as_written(store: &dyn Store) {
    let failure = AuditRecord::new(AuditEvent::AuthFailure, 0)
        .origin(&origin())
        .details(json!({"reason": "state_mismatch", "nested": {"n": 1}}));
    store.record_audit(&failure).await.expect("records");
    store
        .record_audit(&AuditRecord::new(AuditEvent::RateLimited, 1))
        .await
        .expect("records");

    let rows = audit_log(store, None).await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].timestamp, "1970-01-01T00:00:00Z");
    assert_eq!(rows[0].event_type, "auth_failure");
    assert_eq!(rows[0].user_id, None);
    assert_eq!(rows[0].ip_address.as_deref(), Some("203.0.113.7"));
    assert_eq!(rows[0].user_agent.as_deref(), Some("conformance/1.0"));
    assert_eq!(
        rows[0].details,
        json!({"reason": "state_mismatch", "nested": {"n": 1}})
    );
    assert_eq!(
        (rows[1].ip_address.as_ref(), rows[1].details.clone()),
        (None, json!({}))
    );
    assert!(rows[0].id < rows[1].id);
}

pub(super) async fn a_batch_of_audit_rows_is_written_in_order(store: &dyn Store) {
    let batch: Vec<AuditRecord> = (0..3)
        .map(|i| record(AuditEvent::ToolCall, 7, NOW + i).details(json!({"n": i})))
        .collect();
    store.record_audit_batch(&batch).await.expect("records");
    store
        .record_audit_batch(&[])
        .await
        .expect("an empty batch is fine");

    let rows = audit_log(store, Some(7)).await;
    let numbers: Vec<_> = rows.iter().map(|r| r.details["n"].clone()).collect();
    assert_eq!(numbers, vec![json!(0), json!(1), json!(2)]);
}

pub(super) async fn audit_rows_filter_by_time_and_user_and_page_by_id(store: &dyn Store) {
    for (i, user) in [7, 8, 7, 8, 7, 7].into_iter().enumerate() {
        let at = NOW + i64::try_from(i).expect("small") * 100;
        store
            .record_audit(&record(AuditEvent::ToolCall, user, at))
            .await
            .expect("records");
    }
    let read = |filter: AuditFilter| async move { store.audit_rows(&filter).await.expect("reads") };

    let all = read(AuditFilter {
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(all.len(), 6);
    assert!(all.windows(2).all(|w| w[0].id < w[1].id), "in id order");

    let since = read(AuditFilter {
        since: Some(NOW + 200),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(since.len(), 4, "at or after `since`");

    let of_7 = read(AuditFilter {
        user_id: Some(UserId(7)),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(of_7.len(), 4);
    assert!(of_7.iter().all(|r| r.user_id == Some(UserId(7))));

    let both = read(AuditFilter {
        since: Some(NOW + 200),
        user_id: Some(UserId(7)),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(both.len(), 3);

    // Paging by id: pages of two, each starting after the last id seen.
    let mut pages = Vec::new();
    let mut after_id = None;
    loop {
        let page = read(AuditFilter {
            after_id,
            limit: 2,
            ..Default::default()
        })
        .await;
        let Some(last) = page.last() else { break };
        after_id = Some(last.id);
        pages.push(page.iter().map(|r| r.id).collect::<Vec<_>>());
    }
    assert_eq!(pages.len(), 3);
    assert_eq!(pages.concat(), all.iter().map(|r| r.id).collect::<Vec<_>>());
    assert!(
        read(AuditFilter {
            limit: 0,
            ..Default::default()
        })
        .await
        .is_empty()
    );
}

pub(super) async fn the_store_answers_a_ping(store: &dyn Store) {
    store.ping().await.expect("a fresh store is reachable");
}
