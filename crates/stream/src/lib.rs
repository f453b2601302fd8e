//! The one-pass reader of Gapscope (`gapscope::stream`) as its own WebAssembly
//! module: `StreamAnalyzer` takes a file's bytes chunk by chunk and gives the
//! report of sufficient statistics (gap analysis, tests, reliability) in memory
//! that does not grow with the file (docs/scale.md, docs/js-api.md).
//!
//! It lives outside the engine module because only files too large to hold
//! need it; every visitor downloads the engine.

// A panic in wasm kills the page: outside tests, failures are values, never panics.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable
    )
)]

#[cfg(target_arch = "wasm32")]
mod wasm;
