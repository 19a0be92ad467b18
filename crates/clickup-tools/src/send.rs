//! `Send` where the host runs tools on several threads (tokio), and nothing on
//! `wasm32-unknown-unknown`, where the ClickUp client's futures are the platform's
//! single-threaded ones (fetch, timers). Trait definitions and their implementations use
//! `#[cfg_attr(not(target_arch = "wasm32"), async_trait)]` and
//! `#[cfg_attr(target_arch = "wasm32", async_trait(?Send))]` for the same reason.

/// `Send` on native targets; any type on wasm32.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + ?Sized> MaybeSend for T {}

/// `Send` on native targets; any type on wasm32.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSend for T {}
