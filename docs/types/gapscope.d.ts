// Generated from the Rust types by ts-rs (src/ts_types.rs). Do not edit:
// run `UPDATE_TYPES=1 cargo test --lib ts_types` after changing a report or
// configuration type. Field meanings: docs/report.md, docs/survey-config.md.

/**
 * The result of an analysis (docs/report.md).
 */
export type Report = {
  /**
   * Version of this shape (currently 1).
   */
  schema: number,
  /**
   * The engine that made the report, e.g. "gapscope 0.1.0".
   */
  generator: string,
  respondents: Respondents,
  /**
   * The survey structure the analysis used (detected or given).
   */
  config: SurveyConfig,
  /**
   * True when `config` was detected from the data rather than given.
   */
  detected: boolean,
  /**
   * Worst gap first.
   */
  items: Array<ItemResult>,
  /**
   * Worst gap first.
   */
  dimensions: Array<DimensionResult>,
  overall: Overall,
  /**
   * Everything said about the input and the analysis.
   */
  diagnostics: Diagnostics,
};

/**
 * How many rows were read and analysed.
 */
export type Respondents = {
  /**
   * Data rows read.
   */
  total: number,
  /**
   * Respondents with at least one dimension gap score (in a perception-only
   * survey: at least one SERVPERF dimension score).
   */
  analysed: number,
  /**
   * Why the others were not analysed, one entry per reason.
   */
  excluded: Array<Exclusion>,
};

/**
 * Respondents left out for one reason.
 */
export type Exclusion = {
  /**
   * `too_few_answers`.
   */
  code: string,
  count: number,
  reason: Text,
};

/**
 * Results of one item.
 */
export type ItemResult = {
  id: string,
  /**
   * The item's dimension id, as configured.
   */
  dimension: string,
  label?: Text | null,
  /**
   * Position of the item in the survey structure (0-based).
   */
  order: number,
  /**
   * All expectation answers of the item.
   */
  expectation: Summary,
  /**
   * All perception answers of the item.
   */
  perception: Summary,
  /**
   * Paired P − E: n, mean, sd, ci95, t, df, p (METHODS.md §2–3).
   */
  gap: TTest,
  /**
   * Holm-adjusted p over all items; null when `gap.p` is null.
   */
  p_holm: number | null,
  /**
   * p < alpha (unadjusted).
   */
  significant: boolean,
};

/**
 * Results of one dimension.
 */
export type DimensionResult = {
  id: string,
  label?: Text | null,
  order: number,
  /**
   * Item ids in this dimension.
   */
  items: Array<string>,
  /**
   * Means over respondents of their dimension E and P scores (paired items only).
   */
  expectation: Summary,
  perception: Summary,
  /**
   * Dimension gap: mean over respondents of their dimension gap scores.
   */
  gap: TTest,
  /**
   * SERVPERF dimension score: mean of respondents' P scores over all answered P items.
   */
  servperf: Summary,
  /**
   * Weight in the weighted scores (Σ = 1 over dimensions).
   */
  weight: number | null,
  /**
   * `gap.p` < alpha.
   */
  significant: boolean,
};

/**
 * Survey-level scores (METHODS.md §2).
 */
export type Overall = {
  /**
   * Unweighted SERVQUAL: mean of the dimension gaps.
   */
  servqual: number | null,
  /**
   * Σ w_d · gap_d with global weights; with point allocation, the mean over
   * respondents of Σ_d a_id · D_id.
   */
  weighted_servqual: number | null,
  /**
   * SERVPERF: mean of the dimension P scores.
   */
  servperf: number | null,
  /**
   * SERVPERF weighted as `weighted_servqual`.
   */
  weighted_servperf: number | null,
  weighting: WeightingResult,
  /**
   * Why a score above is null.
   */
  notes?: Array<Text>,
};

/**
 * The dimension weights that were used.
 */
export type WeightingResult = {
  /**
   * `equal`, `direct` or `allocation`.
   */
  method: string,
  /**
   * The weighting asked for, as configured.
   */
  requested: Weighting,
  /**
   * One per dimension, ≥ 0, Σ = 1.
   */
  weights: Array<DimensionWeight>,
  /**
   * For allocation: respondents whose allocation could be used.
   */
  respondents?: number | null,
};

export type DimensionWeight = {
  dimension: string,
  weight: number,
};

/**
 * n, mean and sample SD (n − 1) of the present values.
 */
export type Summary = {
  /**
   * Values present (missing and rejected answers excluded).
   */
  n: number,
  /**
   * Null when n = 0.
   */
  mean: number | null,
  /**
   * Sample SD (n − 1); null when n < 2.
   */
  sd: number | null,
  /**
   * Why `mean` or `sd` is null (no values; one value has no SD).
   */
  undefined?: Undefined | null,
};

/**
 * A one-sample (paired) t-test of H0: mean = 0 with its 95% CI and effect size.
 */
export type TTest = {
  /**
   * Gaps present.
   */
  n: number,
  /**
   * Mean gap; null when n = 0.
   */
  mean: number | null,
  /**
   * Sample SD (n − 1); null when n < 2, 0 when every gap is equal.
   */
  sd: number | null,
  /**
   * Standard error sd/√n.
   */
  se: number | null,
  /**
   * 95% CI of the mean: mean ± t(0.975, df) · se.
   */
  ci95: [number, number] | null,
  /**
   * t = mean / se.
   */
  t: number | null,
  /**
   * n − 1.
   */
  df: number | null,
  /**
   * Two-sided p-value.
   */
  p: number | null,
  /**
   * Cohen's d_z = mean / sd.
   */
  d_z: number | null,
  /**
   * Why t, p or the CI are missing.
   */
  undefined?: Undefined | null,
};

/**
 * Why a statistic is null (the report never holds NaN): the `undefined` field next to it.
 */
export type Undefined = {
  /**
   * `too_few_observations`, `zero_variance` or `overflow`.
   */
  code: string,
  message: Text,
};

/**
 * A text in both interface languages.
 */
export type Text = {
  en: string,
  zh: string,
};

/**
 * Collects diagnostics, keeping a full count per code but only the first
 * [`DETAIL_LIMIT`] of each code in detail, so a 50 MB paste of bad data cannot
 * produce a 500 MB report.
 */
export type Diagnostics = {
  /**
   * Occurrences of each code, all of them.
   */
  counts: { [key in string]: number },
  /**
   * The first DETAIL_LIMIT (50) of each code in detail.
   */
  messages: Array<Diagnostic>,
};

/**
 * One message about the input or the analysis.
 */
export type Diagnostic = {
  /**
   * Stable machine-readable code, e.g. `non_numeric`, `out_of_scale`.
   */
  code: string,
  severity: Severity,
  /**
   * 1-based line of the table as the user sees it (the header is row 1).
   */
  row?: number | null,
  /**
   * 1-based column number.
   */
  column?: number | null,
  /**
   * The column's header text.
   */
  column_name?: string | null,
  /**
   * The offending cell text, if any (shown as text, never as markup).
   */
  value?: string | null,
  message: Text,
};

/**
 * How serious a diagnostic is.
 */
export type Severity = "error" | "warning" | "info";

/**
 * What detection found: the structure and what it said about the input. This is
 * what the JS `Evaluator.detect(text)` returns.
 */
export type Detection = {
  config: SurveyConfig,
  diagnostics: Diagnostics,
};

/**
 * The whole structure of a survey.
 */
export type SurveyConfig = {
  /**
   * Format version of this JSON.
   */
  version: number,
  scale: Scale,
  dimensions: Array<Dimension>,
  items: Array<Item>,
  columns: Array<Column>,
  weighting: Weighting,
  /**
   * Items a respondent must have answered (both E and P) for a dimension score;
   * default: half the dimension's items, rounded up.
   */
  min_items?: number | null,
  /**
   * Cell texts that mean "no answer" besides the built-in ones.
   */
  missing_codes?: Array<string>,
  /**
   * Significance level for marking gaps.
   */
  alpha: number,
};

/**
 * An answer scale, inclusive on both ends.
 */
export type Scale = {
  min: number,
  max: number,
};

/**
 * A quality dimension (tangibles, reliability, … or the user's own).
 */
export type Dimension = {
  id: string,
  /**
   * Display names; when absent the page uses its translation of `id`, or `id` itself.
   */
  label?: Text | null,
};

/**
 * A survey item (a question asked as expectation and/or perception).
 */
export type Item = {
  id: string,
  dimension: string,
  label?: Text | null,
};

/**
 * One column of the input table.
 */
export type Column = {
  /**
   * Header text, matched exactly (after trimming) against the table.
   */
  name: string,
  role: Role,
  /**
   * For expectation, perception and importance columns: the item id.
   */
  item?: string | null,
  /**
   * For allocation columns: the dimension id the points go to.
   */
  dimension?: string | null,
  /**
   * Reverse-coded: x' = min + max − x (METHODS.md §1).
   */
  reverse?: boolean,
  /**
   * A scale for this column only (e.g. overall satisfaction on 1–10).
   */
  scale?: Scale | null,
};

/**
 * What a column holds (METHODS.md §1).
 */
export type Role = "expectation" | "perception" | "importance" | "allocation" | "overall" | "recommend" | "effort" | "segment" | "wave" | "id" | "duration" | "text" | "ignore";

/**
 * How dimensions are weighted in the weighted SERVQUAL score (METHODS.md §2, §5).
 */
export type Weighting = { "method": "equal" } | { "method": "direct", weights: { [key in string]: number }, } | { "method": "allocation" };

/** A survey configuration as accepted by `new Evaluator(config)`: `version`, `weighting` and `alpha` may be omitted (defaults 1, equal, 0.05). */
export type SurveyConfigInput = Omit<SurveyConfig, "version" | "weighting" | "alpha"> & Partial<Pick<SurveyConfig, "version" | "weighting" | "alpha">>;
