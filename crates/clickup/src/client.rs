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

/// What a host learns of each HTTP exchange with ClickUp (every attempt, retries included),
/// once it has an answer or has failed: how the server counts ClickUp requests for its metrics.
/// Set with [`ClickUp::with_observer`]; called on the task that sent the request, so it must
/// be quick and must not block.
pub trait RequestObserver: Send + Sync + std::fmt::Debug {
    /// One finished request.
    fn finished(&self, request: &FinishedRequest<'_>);
}

/// One finished request, as a [`RequestObserver`] sees it: never an id, a query or a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FinishedRequest<'a> {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: &'a str,
    /// The path's template, ids as placeholders: `v2/task/{task_id}/tag/{tag_name}`.
    pub template: &'a str,
    /// What kind of thing was asked for: the template's last literal segment (`v2/task/{task_id}`
    /// and `v2/list/{list_id}/task` are `task`; `v2/task/{task_id}/tag/{tag_name}` is `tag`;
    /// `v2/team/{team_id}/time_entries` is `time_entries`). A small, fixed set.
    pub endpoint_class: &'a str,
    /// ClickUp's HTTP status; `None` when no answer came (a network error or a timeout).
    pub status: Option<u16>,
    /// From sending to the end of the answer (or the failure).
    pub duration: Duration,
}

/// The last segment of a path template that is not a `{placeholder}` (see
/// [`FinishedRequest::endpoint_class`]).
fn endpoint_class(template: &str) -> &str {
    template
        .rsplit('/')
        .find(|segment| !segment.starts_with('{'))
        .unwrap_or(template)
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
    /// Told of every finished request, when the host set one.
    observer: Option<Arc<dyn RequestObserver>>,
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
            observer: None,
        })
    }

    /// This client, taking a unit of `shared` for every request too (its clones too; clones made
    /// before this call do not): the budget it shares with other processes using the same tokens.
    #[must_use]
    pub fn with_shared_budget(mut self, shared: Arc<dyn crate::budget::SharedBudget>) -> Self {
        self.budgets = Arc::new(self.budgets.sharing(shared));
        self
    }

    /// This client, telling `observer` of every request it finishes (its clones too).
    #[must_use]
    pub fn with_observer(mut self, observer: Arc<dyn RequestObserver>) -> Self {
        self.observer = Some(observer);
        self
    }

    /// Tell the observer, if any, of one finished exchange.
    fn observe(&self, request: &Request, status: Option<u16>, attempt: &Stopwatch) {
        if let Some(observer) = &self.observer {
            let template = request.path.template();
            observer.finished(&FinishedRequest {
                method: request.method.as_str(),
                template,
                endpoint_class: endpoint_class(template),
                status,
                duration: attempt.elapsed(&*self.runtime),
            });
        }
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
            let attempt = Stopwatch::start(&*self.runtime);
            let outcome = match builder.send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let limits = RateLimitHeaders::from_headers(response.headers());
                    if let Some(reservation) = reservation {
                        reservation.answered(limits, status == 429);
                    }
                    let answer = read(response, status, limits, self.budgets.now_ms()).await;
                    self.observe(&request, Some(status), &attempt);
                    answer
                }
                Err(err) => {
                    drop(reservation);
                    self.observe(&request, None, &attempt);
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
    fn the_endpoint_class_is_the_last_literal_segment_of_the_template() {
        let task = TaskId::new("ENG-1").unwrap();
        for (path, class) in [
            (ApiPath::v2().lit("user"), "user"),
            (ApiPath::v2().lit("task").id(&task), "task"),
            (
                ApiPath::v2()
                    .lit("task")
                    .id(&task)
                    .lit("tag")
                    .id(&crate::ids::TagName::new("needs review").unwrap()),
                "tag",
            ),
            (
                ApiPath::v2().lit("team").id(&task).lit("time_entries"),
                "time_entries",
            ),
        ] {
            assert_eq!(endpoint_class(path.template()), class, "{path}");
        }
    }

    /// What the observer was told of one request: method, template, class, status.
    type Seen = (String, String, String, Option<u16>);

    /// Keeps what it is told.
    #[derive(Debug, Default)]
    struct Recorder(std::sync::Mutex<Vec<Seen>>);

    impl RequestObserver for Recorder {
        fn finished(&self, request: &FinishedRequest<'_>) {
            self.0.lock().unwrap().push((
                request.method.to_owned(),
                request.template.to_owned(),
                request.endpoint_class.to_owned(),
                request.status,
            ));
        }
    }

    #[tokio::test]
    async fn a_request_that_gets_no_answer_is_observed_without_a_status() {
        // Nothing listens on a port just released.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let recorder = Arc::new(Recorder::default());
        let client = ClickUp::new(
            &Url::parse(&format!("http://127.0.0.1:{port}/api")).unwrap(),
            Timeouts::default(),
        )
        .unwrap()
        .with_observer(Arc::clone(&recorder) as _);

        let answer: Result<serde_json::Value, _> = client
            .post_json_unauthenticated("v2/oauth/token", &serde_json::json!({}))
            .await;

        assert!(answer.is_err());
        assert_eq!(
            *recorder.0.lock().unwrap(),
            [(
                "POST".to_owned(),
                "v2/oauth/token".to_owned(),
                "token".to_owned(),
                None
            )],
            "one attempt (a write is never retried), no status"
        );
    }

    #[test]
    fn literal_paths_cannot_escape_the_base() {
        for bad in ["/v2/user", "../v2/user", "v2//evil.example/x"] {
            assert!(ApiPath::from_literal(bad).is_none(), "{bad}");
        }
    }
}
