//! The [`ClickUp`] handle: one HTTP client, the API base URL, the per-token budgets, and how a
//! request is sent (budget → send → classify → maybe retry) and its answer read.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::budget::{BudgetOptions, BudgetSnapshot, Budgets, RateLimitHeaders, TokenFingerprint};
use crate::error::ClickUpError;
use crate::models::{Team, TeamsEnvelope, User, UserEnvelope};
use crate::paths::{self, ApiPath};
use crate::query::Query;
use crate::retry::RetryPolicy;
use crate::runtime::{Runtime, Stopwatch};

/// The most of a ClickUp answer this client reads; more is treated as malformed.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Connect and total timeouts for ClickUp requests. On `wasm32` only `total` applies: the
/// platform's `fetch` has no separate connect timeout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// Time to establish a connection.
    pub connect: Duration,
    /// Time for a whole request, including reading the body.
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(5),
            total: Duration::from_secs(30),
        }
    }
}

/// Everything that can be tuned about a client.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// Connect and per-attempt timeouts.
    pub timeouts: Timeouts,
    /// How failed reads are retried.
    pub retry: RetryPolicy,
    /// The per-token budget: how long to wait for a reset, and the clock.
    pub budget: BudgetOptions,
    /// What the client sleeps and jitters with (default [`crate::TokioRuntime`] on native
    /// targets; none on `wasm32`, where the host supplies one).
    pub runtime: Arc<dyn Runtime>,
}

impl ClientOptions {
    /// The default options on `runtime`, whose clock the budget uses too.
    pub fn with_runtime(runtime: Arc<dyn Runtime>) -> Self {
        Self {
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            budget: BudgetOptions::with_clock(Arc::clone(&runtime) as _),
            runtime,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Default for ClientOptions {
    fn default() -> Self {
        Self::with_runtime(Arc::new(crate::runtime::TokioRuntime))
    }
}

/// A ClickUp API client. Cheap to clone; clones share connections and per-token budgets.
#[derive(Clone, Debug)]
pub struct ClickUp {
    http: reqwest::Client,
    /// The API base (`https://api.clickup.com/api`), always ending in `/`; request paths are
    /// appended under it.
    base: Url,
    /// Timeouts, for cutting a retry's timeout to what is left of the total.
    timeouts: Timeouts,
    /// How failed reads are retried.
    retry: RetryPolicy,
    /// Sleeps between retries and jitters them.
    runtime: Arc<dyn Runtime>,
    /// One budget per token, shared by all clones.
    budgets: Arc<Budgets>,
}

/// What ClickUp answered to a successful request.
#[derive(Debug)]
pub(crate) struct Answer {
    /// The 2xx status.
    pub(crate) status: u16,
    /// The body (possibly empty).
    pub(crate) body: Vec<u8>,
}

/// One request to ClickUp, before it is sent.
#[derive(Debug)]
pub(crate) struct Request {
    pub(crate) method: Method,
    pub(crate) path: ApiPath,
    pub(crate) query: Query,
    /// A JSON body, already encoded. Never logged.
    pub(crate) body: Option<Vec<u8>>,
    /// The body's content type when it is not JSON (a multipart upload, `api/attachments.rs`).
    pub(crate) content_type: Option<String>,
}

impl Request {
    pub(crate) fn new(method: Method, path: ApiPath) -> Self {
        Self {
            method,
            path,
            query: Query::new(),
            body: None,
            content_type: None,
        }
    }

    pub(crate) fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    pub(crate) fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self, ClickUpError> {
        self.body = Some(
            serde_json::to_vec(body)
                .map_err(|_| ClickUpError::Malformed("the request body could not be encoded"))?,
        );
        Ok(self)
    }
}

impl ClickUp {
    /// A client for the API at `api_url` (e.g. `https://api.clickup.com/api`) with default
    /// retries and budget, on [`crate::TokioRuntime`]. Native only; on `wasm32` use
    /// [`ClickUp::with_runtime`].
    #[cfg(not(target_arch = "wasm32"))]
    pub fn new(api_url: &Url, timeouts: Timeouts) -> Result<Self, ClickUpError> {
        Self::with_options(
            api_url,
            ClientOptions {
                timeouts,
                ..ClientOptions::default()
            },
        )
    }

    /// A client for the API at `api_url` with default retries and budget, on `runtime` (its
    /// clock, timer and jitter): how a `wasm32` host, which has no default, makes a client.
    pub fn with_runtime(
        api_url: &Url,
        timeouts: Timeouts,
        runtime: Arc<dyn Runtime>,
    ) -> Result<Self, ClickUpError> {
        Self::with_options(
            api_url,
            ClientOptions {
                timeouts,
                ..ClientOptions::with_runtime(runtime)
            },
        )
    }

    /// A client for the API at `api_url` with every option given.
    pub fn with_options(api_url: &Url, options: ClientOptions) -> Result<Self, ClickUpError> {
        let mut base = api_url.clone();
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        base.set_query(None);
        base.set_fragment(None);
        let builder = reqwest::Client::builder()
            .user_agent(concat!("clickup-mcp/", env!("CARGO_PKG_VERSION")));
        // On wasm32 reqwest's builder has none of these: each request carries its own timeout
        // (see `send`), and `fetch` follows redirects itself.
        #[cfg(not(target_arch = "wasm32"))]
        let builder = builder
            .connect_timeout(options.timeouts.connect)
            .timeout(options.timeouts.total)
            .redirect(reqwest::redirect::Policy::none());
        let http = builder.build().map_err(|_| ClickUpError::Network)?;
        Ok(Self {
            http,
            base,
            timeouts: options.timeouts,
            retry: options.retry,
            budgets: Arc::new(Budgets::new(options.budget, Arc::clone(&options.runtime))),
            runtime: options.runtime,
        })
    }

    /// A number that differs between calls (the runtime's jitter and clock): seeds multipart
    /// boundaries. Not cryptographic.
    pub(crate) fn boundary_seed(&self) -> u64 {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a seed"
        )]
        let jitter = (self.runtime.jitter() * (1_u64 << 53) as f64) as u64;
        jitter ^ self.runtime.now_ms().rotate_left(17)
    }

    /// The token's upstream budget as last reported by ClickUp, if the token was used.
    pub fn budget(&self, token: &SecretString) -> Option<BudgetSnapshot> {
        self.budgets.snapshot(TokenFingerprint::of(token))
    }

    /// The authorized user (`GET /v2/user`).
    pub async fn get_user(&self, token: &SecretString) -> Result<User, ClickUpError> {
        let envelope: UserEnvelope = self
            .get(token, ApiPath::v2().lit("user"), Query::new())
            .await?;
        Ok(envelope.user)
    }

    /// The workspaces the token may use (`GET /v2/team`).
    pub async fn get_teams(&self, token: &SecretString) -> Result<Vec<Team>, ClickUpError> {
        let envelope: TeamsEnvelope = self
            .get(token, ApiPath::v2().lit("team"), Query::new())
            .await?;
        Ok(envelope.teams)
    }

    /// `GET {base}/{path}` with the token, read as `T`. `path` is a fixed template of plain
    /// segments (`v2/user`); anything else is refused before sending. Prefer the typed methods.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        token: &SecretString,
        path: &str,
    ) -> Result<T, ClickUpError> {
        let path = ApiPath::from_literal(path)
            .ok_or(ClickUpError::Malformed("an invalid request path was built"))?;
        self.get(token, path, Query::new()).await
    }

    /// `GET` a path with a query, read as `T`. Retried on transient failures.
    pub async fn get<T: DeserializeOwned>(
        &self,
        token: &SecretString,
        path: ApiPath,
        query: Query,
    ) -> Result<T, ClickUpError> {
        let answer = self
            .send(Some(token), Request::new(Method::GET, path).query(query))
            .await?;
        decode(&answer)
    }

    /// Sends `request` with `token` and reads the answer as `T`.
    pub(crate) async fn call<T: DeserializeOwned>(
        &self,
        token: &SecretString,
        request: Request,
    ) -> Result<T, ClickUpError> {
        let answer = self.send(Some(token), request).await?;
        decode(&answer)
    }

    /// Sends `request` with `token`; any 2xx answer is success and its body is ignored
    /// (ClickUp answers many writes `{}` or 204).
    pub(crate) async fn call_unit(
        &self,
        token: &SecretString,
        request: Request,
    ) -> Result<(), ClickUpError> {
        self.send(Some(token), request).await.map(|_| ())
    }

    pub(crate) async fn post_json_unauthenticated<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ClickUpError> {
        let path = ApiPath::from_literal(path)
            .ok_or(ClickUpError::Malformed("an invalid request path was built"))?;
        let answer = self
            .send(None, Request::new(Method::POST, path).json(body)?)
            .await?;
        decode(&answer)
    }

    /// Sends a request: reserve a unit of the token's budget, send, record ClickUp's rate-limit
    /// headers, classify the answer, and retry a GET on transient failures.
    #[tracing::instrument(
        name = "clickup.request",
        skip_all,
        fields(clickup.method = %request.method, clickup.path = %request.path.template())
    )]
    pub(crate) async fn send(
        &self,
        token: Option<&SecretString>,
        request: Request,
    ) -> Result<Answer, ClickUpError> {
        let url = self.url(&request.path, &request.query);
        let idempotent = request.method == Method::GET;
        let fingerprint = token.map(TokenFingerprint::of);
        let auth = token.map(auth_header).transpose()?;
        let started = Stopwatch::start(&*self.runtime);
        let mut retries = 0_u32;
        let mut rate_limited_once = false;
        loop {
            let reservation = match fingerprint {
                Some(fp) => Some(self.budgets.reserve(fp).await?),
                None => None,
            };
            let left = self
                .retry
                .max_total
                .saturating_sub(started.elapsed(&*self.runtime))
                .max(Duration::from_secs(1));
            let mut builder = self
                .http
                .request(request.method.clone(), url.clone())
                .timeout(self.timeouts.total.min(left));
            if let Some(auth) = &auth {
                builder = builder.header(AUTHORIZATION, auth.clone());
            }
            if let Some(body) = &request.body {
                let content_type = request.content_type.as_deref();
                builder = builder
                    .header(CONTENT_TYPE, content_type.unwrap_or("application/json"))
                    .body(body.clone());
            }
            let outcome = match builder.send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let limits = RateLimitHeaders::from_headers(response.headers());
                    if let Some(reservation) = reservation {
                        reservation.answered(limits, status == 429);
                    }
                    read(response, status, limits, self.budgets.now_ms()).await
                }
                Err(err) => {
                    drop(reservation);
                    Err(ClickUpError::from_transport(&err))
                }
            };
            let err = match outcome {
                Ok(answer) => {
                    tracing::debug!(
                        status = answer.status,
                        retries,
                        duration_ms = started.elapsed(&*self.runtime).as_millis(),
                        "ClickUp answered"
                    );
                    return Ok(answer);
                }
                Err(err) => err,
            };
            if idempotent && err.is_rate_limited() && !rate_limited_once && fingerprint.is_some() {
                // Not a blind retry: the next round goes through the budget, which now knows
                // the reset and either waits briefly for it or refuses.
                rate_limited_once = true;
                continue;
            }
            retries += 1;
            let elapsed = started.elapsed(&*self.runtime);
            match self
                .retry
                .backoff(idempotent, &err, retries, elapsed, self.runtime.jitter())
            {
                Some(delay) => {
                    tracing::info!(error = %err, retry = retries, delay_ms = delay.as_millis(), "retrying a ClickUp read");
                    self.runtime.sleep(delay).await;
                }
                None => {
                    tracing::debug!(error = %err, duration_ms = started.elapsed(&*self.runtime).as_millis(), "ClickUp request failed");
                    return Err(err);
                }
            }
        }
    }

    fn url(&self, path: &ApiPath, query: &Query) -> Url {
        let mut url = paths::join(&self.base, path);
        url.set_query(query.encoded().as_deref());
        url
    }
}

/// ClickUp takes the token as the raw `Authorization` value (no `Bearer`).
fn auth_header(token: &SecretString) -> Result<HeaderValue, ClickUpError> {
    let mut value =
        HeaderValue::from_str(token.expose_secret()).map_err(|_| ClickUpError::Unauthorized {
            ecode: crate::error::UNUSABLE_TOKEN_ECODE.into(),
        })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Reads an answer's body (bounded) and classifies a non-2xx one.
async fn read(
    response: reqwest::Response,
    status: u16,
    limits: RateLimitHeaders,
    now_ms: u64,
) -> Result<Answer, ClickUpError> {
    if response
        .content_length()
        .is_some_and(|len| len > MAX_BODY_BYTES as u64)
    {
        return Err(ClickUpError::Malformed("the answer is too large"));
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| ClickUpError::from_transport(&e))?
        .to_vec();
    if body.len() > MAX_BODY_BYTES {
        return Err(ClickUpError::Malformed("the answer is too large"));
    }
    if (200..300).contains(&status) {
        return Ok(Answer { status, body });
    }
    let retry_after = limits
        .reset_epoch_s
        .map(|reset| Duration::from_millis((reset.saturating_mul(1000)).saturating_sub(now_ms)));
    Err(ClickUpError::from_answer(status, &body, retry_after))
}

/// Reads a 2xx JSON body as `T`.
fn decode<T: DeserializeOwned>(answer: &Answer) -> Result<T, ClickUpError> {
    serde_json::from_slice(&answer.body).map_err(|err| {
        tracing::debug!(status = answer.status, line = err.line(), column = err.column(), category = ?err.classify(), "ClickUp answer did not decode");
        ClickUpError::Malformed("the body is not the expected JSON")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::TaskId;

    fn client() -> ClickUp {
        ClickUp::new(
            &Url::parse("https://api.clickup.com/api").unwrap(),
            Timeouts::default(),
        )
        .unwrap()
    }

    #[test]
    fn request_urls_keep_the_api_prefix_and_carry_the_query_verbatim() {
        let task = TaskId::new("ENG-1").unwrap();
        let mut query = Query::new();
        query
            .push("custom_task_ids", true)
            .push_array("statuses", ["to do"]);
        let url = client().url(&ApiPath::v2().lit("task").id(&task), &query);
        assert_eq!(
            url.as_str(),
            "https://api.clickup.com/api/v2/task/ENG-1?custom_task_ids=true&statuses[]=to%20do"
        );
    }

    #[test]
    fn the_native_client_and_its_requests_may_cross_threads() {
        fn send_sync<T: Send + Sync>(_: &T) {}
        fn send<T: Send>(_: &T) {}
        let client = client();
        send_sync(&client);
        let token = SecretString::from("pk_1".to_owned());
        send(&client.get_user(&token));
    }

    #[test]
    fn literal_paths_cannot_escape_the_base() {
        for bad in ["/v2/user", "../v2/user", "v2//evil.example/x"] {
            assert!(ApiPath::from_literal(bad).is_none(), "{bad}");
        }
    }
}
