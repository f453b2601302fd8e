//! The survey model, stage 2 of the pipeline: what the columns of a table
//! mean and the numbers they hold.
//!
//! In: a [`Table`](crate::input::table::Table) of text cells and the input
//! options. Out: the [`SurveyConfig`](config::SurveyConfig) — detected from the
//! headers ([`detect`], [`prepare`]) or given — with every option type it holds
//! (weighting, analysis, quality), the answer-label sets that turn text into
//! numbers ([`labels`]), survey waves, and the numeric [`Survey`](survey::Survey)
//! with each respondent's dimension scores ([`scores`]), which every later
//! stage reads.

pub mod analysis_options;
pub mod config;
pub mod detect;
pub mod labels;
pub mod prepare;
pub mod quality_options;
pub mod question;
pub mod scores;
pub mod survey;
pub mod templates;
pub mod waves;
pub mod weighting;
