//! What every stage uses and that knows nothing of surveys: diagnostics in both
//! interface languages, number and list formatting for messages, NaN-safe
//! ordering, and the small hasher behind the crate's maps.
//!
//! Stage 0, under the pipeline. In: nothing from the crate. Out: [`diag::Diagnostic`] and [`diag::Text`],
//! used by every later stage.

pub mod diag;
pub mod format;
pub(crate) mod hash;
pub(crate) mod order;
