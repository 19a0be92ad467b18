//! Conformance cases: sliding-window rate limits.

use super::*;

/// Milliseconds.
const T: i64 = 1_800_000_000_000;

pub(super) async fn a_rate_limit_accepts_at_most_the_limit_in_any_window(store: &dyn Store) {
    let hit = |at: i64| store.hit_rate_limit("user", "7", 3, 1_000, at);
    for at in [T, T + 1, T + 2] {
        assert!(hit(at).await.expect("hits").allowed, "hit at +{}", at - T);
    }
    let refused = hit(T + 3).await.expect("hits");
    assert_eq!(
        refused,
        RateHit {
            allowed: false,
            hits: vec![T, T + 1, T + 2],
            first_refusal: true
        }
    );
    assert!(
        !hit(T + 4).await.expect("hits").first_refusal,
        "reported once"
    );
    assert!(!hit(T + 999).await.expect("hits").allowed);
    // The first hit leaves the window exactly `window` after it was made; only one slot frees.
    let freed = hit(T + 1_000).await.expect("hits");
    assert_eq!(
        (freed.allowed, freed.hits),
        (true, vec![T + 1, T + 2, T + 1_000])
    );
    assert!(!hit(T + 1_000).await.expect("hits").allowed);
    assert!(
        hit(T + 1_001).await.expect("hits").allowed,
        "the second hit has left"
    );
    assert!(!hit(T + 5_000).await.expect("hits").first_refusal);
}

pub(super) async fn rate_limits_are_kept_per_scope_and_key_and_peeking_counts_nothing(
    store: &dyn Store,
) {
    assert!(
        store
            .hit_rate_limit("user", "7", 1, 1_000, T)
            .await
            .expect("hits")
            .allowed
    );
    assert!(
        store
            .hit_rate_limit("user", "8", 1, 1_000, T)
            .await
            .expect("hits")
            .allowed
    );
    assert!(
        store
            .hit_rate_limit("registration", "7", 1, 1_000, T)
            .await
            .expect("hits")
            .allowed
    );
    for _ in 0..2 {
        assert_eq!(
            store
                .rate_limit_hits("user", "7", 1_000, T + 10)
                .await
                .expect("reads"),
            vec![T]
        );
    }
    assert_eq!(
        store
            .rate_limit_hits("user", "7", 1_000, T + 1_000)
            .await
            .expect("reads"),
        Vec::<i64>::new(),
        "outside the window"
    );
    assert!(
        store
            .rate_limit_hits("user", "9", 1_000, T)
            .await
            .expect("reads")
            .is_empty()
    );
    let zero = store
        .hit_rate_limit("user", "10", 0, 1_000, T)
        .await
        .expect("hits");
    assert_eq!(
        (zero.allowed, zero.first_refusal),
        (false, true),
        "a limit of 0"
    );
}

pub(super) async fn concurrent_hits_on_one_key_are_counted_exactly(store: &dyn Store) {
    let hits = (0..60).map(|i| store.hit_rate_limit("user", "7", 25, 60_000, T + i % 3));
    let accepted = futures::future::join_all(hits)
        .await
        .into_iter()
        .map(|hit| hit.expect("hits"))
        .filter(|hit| hit.allowed)
        .count();
    assert_eq!(accepted, 25);
    assert_eq!(
        store
            .rate_limit_hits("user", "7", 60_000, T + 3)
            .await
            .expect("reads")
            .len(),
        25
    );
}

pub(super) async fn idle_rate_limits_are_purged_by_scope(store: &dyn Store) {
    store
        .hit_rate_limit("user", "7", 5, 1_000, T)
        .await
        .expect("hits");
    store
        .hit_rate_limit("user", "8", 5, 1_000, T + 500)
        .await
        .expect("hits");
    store
        .hit_rate_limit("registration", "7", 5, 1_000, T)
        .await
        .expect("hits");

    assert_eq!(store.purge_rate_limits("user", T).await.expect("purges"), 1);

    assert!(
        store
            .rate_limit_hits("user", "7", 10_000, T)
            .await
            .expect("reads")
            .is_empty()
    );
    assert_eq!(
        store
            .rate_limit_hits("user", "8", 10_000, T + 500)
            .await
            .expect("reads")
            .len(),
        1
    );
    assert_eq!(
        store
            .rate_limit_hits("registration", "7", 10_000, T)
            .await
            .expect("reads")
            .len(),
        1,
        "another scope is kept"
    );
}
