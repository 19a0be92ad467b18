//! Starting and stopping a sandbox.

use clickup_sandbox::{Sandbox, SandboxOptions, spawn};
use tokio_util::sync::CancellationToken;

#[tokio::test]
async fn the_server_answers_on_its_base_url_until_the_shutdown_token_is_cancelled() {
    let shutdown = CancellationToken::new();
    let running = spawn(
        Sandbox::new(SandboxOptions::default()),
        "0.0.0.0:0".parse().unwrap(),
        shutdown.clone(),
    )
    .await
    .unwrap();
    let base = running.base_url();
    assert_eq!(
        base,
        format!("http://127.0.0.1:{}", running.local_addr().port()),
        "unspecified address shown as loopback"
    );

    let users = reqwest::get(format!("{base}/_sandbox/users"))
        .await
        .unwrap();
    assert_eq!(users.status(), reqwest::StatusCode::OK);

    shutdown.cancel();
    tokio::time::timeout(std::time::Duration::from_secs(5), running.wait())
        .await
        .unwrap();
    assert!(
        reqwest::get(format!("{base}/_sandbox/users"))
            .await
            .is_err(),
        "no longer listening"
    );
}
