//! The method functions of Gapscope as their own WebAssembly module:
//! `ahp`, `objectiveWeights`, `combineWeights` and `fuzzy` over
//! `gapscope::methods::api`, returning exactly the JSON the `gapscope ahp |
//! weights | fuzzy` commands print (docs/js-api.md, docs/methods-cli.md).
//!
//! They live outside the engine module because only the weighting workspace
//! needs them: keeping them there cost ~20 KB of the engine's gzipped size, which
//! every visitor downloads (docs/inputs.md#sizes-and-speed). The page loads this
//! module the first time the workspace computes something.

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
