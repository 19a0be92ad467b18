//! A user's stored ClickUp credential at the moment of use: open it, refresh it at ClickUp when
//! it carries an expiry that has come (ClickUp's tokens do not expire today; if a token response
//! ever carries `refresh_token` and `expires_in`, they are used), and check ClickUp still accepts
//! it.

use secrecy::SecretString;

use crate::auth::error::AuthError;
use crate::domain::UserId;
use crate::state::AppState;
use crate::store::StoredCredential;
use crate::vault::Field;

/// Refresh this long before the stored expiry, seconds.
const REFRESH_MARGIN_SECS: i64 = 60;

/// The user's ClickUp access token, refreshed at ClickUp first when it is (nearly) expired.
/// Failures are `refresh_failed` with a reason, except ClickUp outages (502/504).
pub async fn usable_token(state: &AppState, user_id: UserId) -> Result<SecretString, AuthError> {
    if let Some(token) = state.credential_cache.get(user_id) {
        return Ok(token);
    }
    let token = read_usable_token(state, user_id).await?;
    state.credential_cache.put(user_id, token.clone());
    Ok(token)
}

/// ClickUp refused the user's token: forget it here and mark it revoked in the store.
pub async fn mark_revoked(state: &AppState, user_id: UserId) -> Result<(), AuthError> {
    state.credential_cache.forget(user_id);
    state
        .store
        .mark_credential_revoked(user_id, state.clock.now())
        .await?;
    Ok(())
}

async fn read_usable_token(state: &AppState, user_id: UserId) -> Result<SecretString, AuthError> {
    let credential = state
        .store
        .get_credential(user_id)
        .await?
        .ok_or(AuthError::RefreshFailed("clickup_token_missing"))?;
    if credential.revoked {
        return Err(AuthError::RefreshFailed("clickup_token_revoked"));
    }
    let now = state.clock.now();
    if credential
        .expires_at
        .is_some_and(|at| at <= now + REFRESH_MARGIN_SECS)
    {
        return refresh_at_clickup(state, &credential).await;
    }
    open(state, user_id, Field::AccessToken, &credential.access_token)
}

/// Check that ClickUp still accepts the user's token (one `GET /v2/user`); a refusal marks the
/// credential revoked.
pub async fn verify_with_clickup(state: &AppState, user_id: UserId) -> Result<(), AuthError> {
    let token = usable_token(state, user_id).await?;
    match state.clickup.get_user(&token).await {
        Ok(clickup_user) if clickup_user.id == user_id.0 => Ok(()),
        Ok(_) => Err(AuthError::RefreshFailed("clickup_token_mismatch")),
        Err(clickup::ClickUpError::Unauthorized { .. }) => {
            mark_revoked(state, user_id).await?;
            Err(AuthError::RefreshFailed("clickup_token_revoked"))
        }
        Err(other) => Err(upstream(other, "checking your ClickUp connection")),
    }
}

async fn refresh_at_clickup(
    state: &AppState,
    credential: &StoredCredential,
) -> Result<SecretString, AuthError> {
    let user_id = credential.user_id;
    let Some(sealed_refresh) = credential.refresh_token.as_ref() else {
        return Err(AuthError::RefreshFailed("clickup_token_expired"));
    };
    let refresh_token = open(state, user_id, Field::RefreshToken, sealed_refresh)?;
    let grant = match state
        .clickup
        .refresh_grant(
            &state.clickup_app.client_id,
            &state.clickup_app.client_secret,
            &refresh_token,
        )
        .await
    {
        Ok(grant) => grant,
        Err(
            clickup::ClickUpError::Unauthorized { .. } | clickup::ClickUpError::Rejected { .. },
        ) => {
            mark_revoked(state, user_id).await?;
            return Err(AuthError::RefreshFailed("clickup_refresh_rejected"));
        }
        Err(other) => return Err(upstream(other, "refreshing your ClickUp token")),
    };
    let now = state.clock.now();
    let seal = |field, secret: &SecretString| {
        state
            .vault
            .seal(user_id, field, secret)
            .map_err(AuthError::internal)
    };
    let replacement = StoredCredential {
        access_token: seal(Field::AccessToken, &grant.access_token)?,
        refresh_token: match grant.refresh_token.as_ref() {
            Some(new) => Some(seal(Field::RefreshToken, new)?),
            None => credential.refresh_token.clone(),
        },
        expires_at: grant
            .expires_in
            .map(|secs| now.saturating_add(i64::try_from(secs).unwrap_or(i64::MAX))),
        updated_at: now,
        ..credential.clone()
    };
    if !state
        .store
        .reseal_credential(credential, &replacement)
        .await?
    {
        // Another request refreshed (or the user logged in again) meanwhile: use what is stored.
        let current = state
            .store
            .get_credential(user_id)
            .await?
            .ok_or(AuthError::RefreshFailed("clickup_token_missing"))?;
        return open(state, user_id, Field::AccessToken, &current.access_token);
    }
    Ok(grant.access_token)
}

fn open(
    state: &AppState,
    user_id: UserId,
    field: Field,
    sealed: &crate::vault::Sealed,
) -> Result<SecretString, AuthError> {
    state.vault.open(user_id, field, sealed).map_err(|err| {
        tracing::error!(error = %err, user.id = %user_id, "stored ClickUp token failed to open");
        AuthError::RefreshFailed("clickup_token_unreadable")
    })
}

/// A ClickUp failure as the error at our edge: a timeout is 504, anything else 502.
pub(crate) fn upstream(err: clickup::ClickUpError, action: &'static str) -> AuthError {
    match err {
        clickup::ClickUpError::Timeout => AuthError::NetworkTimeout,
        other => AuthError::Upstream {
            ecode: other.ecode().map(str::to_owned),
            action,
        },
    }
}
