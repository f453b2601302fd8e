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
   * Fuzzy comprehensive evaluation of the perception answers (METHODS.md §6),
   * when the survey has perception data.
   */
  fuzzy?: FuzzySection | null,
  /**
   * Data quality of all rows, assessed before any score (METHODS.md §12).
   */
  quality: Quality,
  /**
   * How the input was read: format, encoding, header row, platform, layout.
   */
  input: InputInfo,
  /**
   * Everything said about the input and the analysis.
   */
  diagnostics: Diagnostics,
  reliability?: Reliability | null,
  ipa?: Ipa | null,
  metrics?: Metrics | null,
  drivers?: Drivers | null,
  comparisons?: Comparisons | null,
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
   * `equal`, `direct`, `allocation`, `ahp`, `entropy`, `critic` or `combined`
   * (the weights actually used: `equal` when the requested ones could not be).
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
   * For allocation: respondents whose allocation could be used; for entropy
   * and CRITIC: respondents with a score in every dimension.
   */
  respondents?: number | null,
  /**
   * The working behind AHP, entropy, CRITIC and combined weights (docs/methods.md).
   */
  details?: WeightingDetails | null,
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
  /**
   * What the user can do about it in one step, when the engine guessed and
   * the guess changes results (the page shows a button per action).
   */
  actions?: Array<Action>,
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
  /**
   * Options of the optional analyses (IPA, CSAT, CES, drivers); docs/report-analyses.md.
   */
  analyses?: AnalysisOptions,
  /**
   * Answer labels and the scale value each stands for ("非常同意" → 5); when
   * empty, the built-in 5- and 7-point sets are matched (docs/inputs.md).
   */
  labels?: Array<Label>,
  /**
   * Waves from a timestamp column, by month, quarter or year.
   */
  waves?: WaveRule | null,
  /**
   * Respondents to leave out, by rule or by row (docs/inputs.md, METHODS.md §12).
   */
  exclude?: Exclude,
  /**
   * Thresholds of the data-quality checks.
   */
  quality?: QualityOptions,
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
  /**
   * Answer labels for this column only, before the survey's `labels` (a
   * 5-point satisfaction question among 7-point agreement items, where 一般
   * means 3, not 4).
   */
  labels?: Array<Label>,
};

/**
 * What a column holds (METHODS.md §1).
 */
export type Role = "expectation" | "perception" | "importance" | "allocation" | "overall" | "recommend" | "effort" | "segment" | "wave" | "id" | "duration" | "text" | "ignore";

/**
 * How dimensions are weighted in the weighted SERVQUAL score (METHODS.md §2, §5).
 */
export type Weighting = { "method": "equal" } | { "method": "direct", weights: { [key in string]: number }, } | { "method": "allocation" } | { "method": "ahp", matrix?: Array<Array<number>>, experts?: Array<Array<Array<number>>>, ri?: RiTable | null, items?: { [key in string]: Array<Array<number>> }, accept_inconsistent?: boolean, } | { "method": "entropy" } | { "method": "critic" } | { "method": "combined", subjective: Weighting, objective: Weighting, };

export type Comparisons = {
  /**
   * Segment columns in configuration order, then the wave column.
   */
  groupings: Array<GroupingComparison>,
};

export type GroupingKind = "segment" | "wave";

export type GroupingComparison = {
  column: string,
  kind: GroupingKind,
  /**
   * In order of first appearance in the data.
   */
  groups: Array<GroupResult>,
  /**
   * Rows with an empty or missing-code group value (not in any group).
   */
  unassigned: number,
  /**
   * Two groups with scores: Welch's t-test of the first group against the second.
   */
  welch: WelchTest | null,
  /**
   * Three or more groups with scores: one-way ANOVA.
   */
  anova: Anova | null,
  /**
   * The same test per dimension (respondents' dimension gap scores).
   */
  dimension_tests: Array<DimensionTest>,
  /**
   * Why there is no test (fewer than two groups with scores, too many groups).
   */
  undefined: Undefined | null,
};

export type GroupResult = {
  /**
   * The group's value as written in the data (trimmed).
   */
  value: string,
  /**
   * Rows in the group.
   */
  n: number,
  /**
   * Unweighted SERVQUAL of the group: mean of its dimension gaps.
   */
  servqual: number | null,
  /**
   * n, mean and SD of the group's respondents' overall gap scores (what the test compares).
   */
  score: Summary,
  /**
   * Mean dimension gap scores of the group's respondents, survey order.
   */
  dimensions: Array<GroupDimension>,
};

export type GroupDimension = {
  dimension: string,
  gap: Summary,
};

export type DimensionTest = {
  dimension: string,
  welch: WelchTest | null,
  anova: Anova | null,
  /**
   * The test's p-value.
   */
  p: number | null,
  /**
   * Benjamini–Hochberg adjusted over the dimensions of this grouping.
   */
  p_bh: number | null,
};

export type Drivers = {
  /**
   * Which respondent dimension score was used.
   */
  score: ScoreKind,
  /**
   * The overall satisfaction column.
   */
  column: string,
  /**
   * One per dimension, survey order; pairwise complete respondents.
   */
  correlations: Array<DriverCorrelation>,
  regression: Regression,
};

export type DriverCorrelation = {
  dimension: string,
  n: number,
  r: number | null,
  p: number | null,
  undefined: Undefined | null,
};

export type Regression = {
  /**
   * Respondents with OS and every predictor's score (listwise).
   */
  n: number,
  /**
   * Respondents left out, by reason.
   */
  excluded: RegressionExclusions,
  /**
   * Predictor dimensions, in model order.
   */
  predictors: Array<string>,
  /**
   * Dimensions left out of the model and why.
   */
  dropped?: Array<DroppedPredictor>,
  intercept: Coefficient | null,
  coefficients: Array<Coefficient>,
  r2: number | null,
  adj_r2: number | null,
  f: number | null,
  /**
   * Model df (number of predictors).
   */
  df_model: number | null,
  /**
   * Residual df, n − k − 1.
   */
  df_resid: number | null,
  f_p: number | null,
  /**
   * Collinearity and similar warnings.
   */
  warnings?: Array<Text>,
  /**
   * Why there are no numbers (singular design, too few respondents …).
   */
  undefined: Undefined | null,
};

export type RegressionExclusions = {
  /**
   * No overall satisfaction answer.
   */
  missing_overall: number,
  /**
   * OS present but at least one predictor's dimension score missing.
   */
  missing_score: number,
};

export type DroppedPredictor = {
  dimension: string,
  reason: Text,
};

export type Coefficient = {
  /**
   * Dimension id; null for the intercept.
   */
  dimension: string | null,
  /**
   * Unstandardised b.
   */
  b: number,
  se: number | null,
  t: number | null,
  p: number | null,
  /**
   * Standardised β = b · sd(x) / sd(OS) (not for the intercept).
   */
  beta: number | null,
  vif: number | null,
  /**
   * |β| / Σ|β| over the predictors (0–1).
   */
  relative_importance: number | null,
};

export type Ipa = {
  /**
   * Where x came from.
   */
  importance: ImportanceKind | null,
  /**
   * What y is.
   */
  performance: PerformanceMeasure,
  crosshairs: CrosshairValues,
  /**
   * The four quadrants with their names (legend), in a fixed order.
   */
  quadrants: Array<QuadrantInfo>,
  /**
   * Survey order.
   */
  points: Array<IpaPoint>,
  /**
   * Items in "concentrate here", most important first.
   */
  concentrate_here: Array<string>,
  notes?: Array<Text>,
  undefined: Undefined | null,
};

/**
 * The importance actually used (after resolving `auto`).
 */
export type ImportanceKind = "stated" | "allocation" | "derived";

export type Quadrant = "concentrate_here" | "keep_up_the_good_work" | "low_priority" | "possible_overkill";

export type QuadrantInfo = {
  id: Quadrant,
  name: Text,
};

export type CrosshairValues = {
  method: Crosshairs,
  x: number | null,
  y: number | null,
};

export type IpaPoint = {
  item: string,
  dimension: string,
  /**
   * Importance.
   */
  x: number | null,
  /**
   * Performance.
   */
  y: number | null,
  /**
   * Answers behind x (respondents, or pairs with overall satisfaction).
   */
  n_x: number,
  /**
   * Answers behind y.
   */
  n_y: number,
  /**
   * Derived importance only: p-value of r.
   */
  p_x: number | null,
  /**
   * Null when x or y is undefined, or the cross-hairs are.
   */
  quadrant: Quadrant | null,
  undefined: Undefined | null,
};

export type Metrics = {
  nps: Nps | null,
  csat: Csat | null,
  ces: Ces | null,
};

export type Nps = {
  column: string,
  /**
   * Valid answers (0–10).
   */
  n: number,
  /**
   * 9–10.
   */
  promoters: number,
  /**
   * Above 6 and below 9 (7–8).
   */
  passives: number,
  /**
   * 0–6.
   */
  detractors: number,
  /**
   * Shares of n (0–1).
   */
  promoter_share: number | null,
  passive_share: number | null,
  detractor_share: number | null,
  /**
   * 100 · (promoter share − detractor share), −100..100.
   */
  nps: number | null,
  /**
   * sqrt((p + q − (p − q)²)/n) · 100, in NPS points.
   */
  se: number | null,
  undefined: Undefined | null,
};

export type Csat = {
  column: string,
  /**
   * The overall-satisfaction scale the boxes are counted on.
   */
  scale: Scale,
  top_k: number,
  /**
   * Answers at or above this value count as satisfied (max − k + 1).
   */
  threshold: number | null,
  /**
   * Valid answers.
   */
  n: number,
  /**
   * Answers in the top k boxes.
   */
  satisfied: number,
  /**
   * satisfied / n (0–1).
   */
  share: number | null,
  /**
   * What "top-k" means on this scale, e.g. "answers 6 or 7 on the 1–7 scale".
   */
  definition: Text,
  undefined: Undefined | null,
};

export type Ces = {
  column: string,
  scale: Scale,
  /**
   * n, mean and SD of the effort answers.
   */
  effort: Summary,
  /**
   * As configured; null when not set (the mean is then not interpreted).
   */
  direction: EffortDirection | null,
  notes?: Array<Text>,
};

/**
 * The optional sections; flattened into the report, so each appears as a
 * top-level key (`reliability`, `ipa`, …) only when it was computed.
 */
export type Analyses = {
  reliability?: Reliability | null,
  ipa?: Ipa | null,
  metrics?: Metrics | null,
  drivers?: Drivers | null,
  comparisons?: Comparisons | null,
};

export type AnalysisOptions = {
  ipa: IpaOptions,
  csat: CsatOptions,
  ces: CesOptions,
  drivers: DriverOptions,
  /**
   * Operator and grade scores of the fuzzy comprehensive evaluation (METHODS.md §6).
   */
  fuzzy: FuzzyOptions,
};

/**
 * Where IPA's importance (x) comes from (METHODS.md §7).
 */
export type ImportanceSource = "auto" | "stated" | "allocation" | "derived";

/**
 * IPA's performance (y).
 */
export type PerformanceMeasure = "perception" | "gap";

/**
 * Where IPA's cross-hairs sit.
 */
export type Crosshairs = "mean" | "midpoint";

export type IpaOptions = {
  importance: ImportanceSource,
  performance: PerformanceMeasure,
  crosshairs: Crosshairs,
};

export type CsatOptions = {
  /**
   * How many of the top scale points count as satisfied (top-k box).
   */
  top_k: number,
};

/**
 * Which end of the effort scale is good (METHODS.md §8).
 */
export type EffortDirection = "lower_is_better" | "higher_is_better";

export type CesOptions = {
  /**
   * Not guessed: CES questions are asked both ways round ("how much effort" vs
   * "the company made it easy"); without it the mean is shown uninterpreted.
   */
  direction: EffortDirection | null,
};

/**
 * Which respondent dimension score the driver analysis uses.
 */
export type ScoreKind = "perception" | "gap";

export type DriverOptions = {
  score: ScoreKind,
};

export type Reliability = {
  /**
   * Per dimension (survey order) expectation then perception; then the scales
   * of all items (only when there is more than one dimension).
   */
  scales: Array<ReliabilityScale>,
};

export type Side = "expectation" | "perception";

export type ReliabilityScale = {
  /**
   * Dimension id; null for the scale made of all items.
   */
  dimension: string | null,
  side: Side,
  /**
   * Item ids in the scale (items with this side's column and some answer).
   */
  items: Array<string>,
  /**
   * Number of items.
   */
  k: number,
  /**
   * Respondents who answered every item of the scale.
   */
  n: number,
  /**
   * Respondents left out because they missed at least one item of the scale.
   */
  excluded: number,
  alpha: number | null,
  /**
   * Rule-of-thumb label of α (null when α is undefined).
   */
  label: AlphaLabel | null,
  undefined: Undefined | null,
  item_stats: Array<ItemReliability>,
  notes?: Array<Text>,
};

export type AlphaLabel = {
  /**
   * `excellent` (≥ .9), `good` (≥ .8), `acceptable` (≥ .7), `questionable` (≥ .6), `poor`.
   */
  code: string,
  text: Text,
};

export type ItemReliability = {
  item: string,
  /**
   * α of the scale without this item (same respondents).
   */
  alpha_if_deleted: number | null,
  alpha_if_deleted_undefined: Undefined | null,
  /**
   * Pearson r of the item with the sum of the other items of the scale.
   */
  item_total_r: number | null,
  item_total_r_undefined: Undefined | null,
};

/**
 * Welch's unequal-variance t-test of H0: mean₁ = mean₂.
 */
export type WelchTest = {
  /**
   * Observations per group (missing skipped).
   */
  n: [number, number],
  /**
   * mean₁ − mean₂ (the sign of t).
   */
  mean_difference: number | null,
  se: number | null,
  t: number | null,
  /**
   * Welch–Satterthwaite degrees of freedom (fractional).
   */
  df: number | null,
  /**
   * Two-sided.
   */
  p: number | null,
  undefined: Undefined | null,
};

/**
 * One-way analysis of variance of H0: all group means are equal.
 */
export type Anova = {
  /**
   * Groups with at least one observation (the others do not count in df).
   */
  groups: number,
  /**
   * Observations over those groups.
   */
  n: number,
  f: number | null,
  /**
   * k − 1.
   */
  df_between: number | null,
  /**
   * N − k.
   */
  df_within: number | null,
  ss_between: number | null,
  ss_within: number | null,
  p: number | null,
  undefined: Undefined | null,
};

/**
 * Random-index tables (METHODS.md §5), for n = 3..=15.
 */
export type RiTable = "saaty1980" | "saaty2005" | "donegan_dodd";

/**
 * The working behind AHP, entropy, CRITIC and combined weights (`overall.weighting.details`).
 */
export type WeightingDetails = { "kind": "ahp" } & AhpWeighting | { "kind": "entropy" } & ObjectiveWeighting<EntropyResult> | { "kind": "critic" } & ObjectiveWeighting<CriticResult> | { "kind": "combined" } & CombinedWeighting;

/**
 * `overall.weighting.details` for `"method": "ahp"`.
 */
export type AhpWeighting = {
  /**
   * The dimension weights in the report are the AHP weights.
   */
  used: boolean,
  accept_inconsistent: boolean,
  ri_table: RiTable,
  /**
   * The dimension matrix (the aggregated one for a group).
   */
  dimensions?: AhpResult | null,
  /**
   * Each expert's own weights and CR (group AHP only).
   */
  experts?: Array<ExpertSummary>,
  /**
   * Why the dimension matrix could not be analysed.
   */
  error?: MethodError | null,
  /**
   * One entry per dimension when item matrices were given.
   */
  items?: Array<AhpItemWeights>,
};

/**
 * Local and global item weights of one dimension.
 */
export type AhpItemWeights = {
  dimension: string,
  items: Array<string>,
  /**
   * `ahp` when the item matrix is used, `single` for a one-item dimension,
   * otherwise `equal`.
   */
  method: string,
  result?: AhpResult | null,
  error?: MethodError | null,
  /**
   * Within the dimension, Σ = 1.
   */
  local_weights: Array<number>,
  /**
   * Dimension weight (as used) × local weight.
   */
  global_weights: Array<number>,
};

/**
 * The full working of one pairwise comparison matrix.
 */
export type AhpResult = {
  n: number,
  /**
   * Element names, when known.
   */
  labels?: Array<string> | null,
  /**
   * The matrix used: the upper triangle as given, the lower triangle its exact
   * reciprocal.
   */
  matrix: Array<Array<number>>,
  /**
   * Priority vector (principal right eigenvector), Σ = 1.
   */
  weights: Array<number>,
  /**
   * (A w)_i for the final w, the working behind λmax.
   */
  aw: Array<number>,
  lambda_max: number,
  /**
   * CI = (λmax − n)/(n − 1); 0 when n ≤ 2.
   */
  ci: number,
  ri_table: RiTable,
  /**
   * RI(n); null when n ≤ 2.
   */
  ri: number | null,
  /**
   * CR = CI / RI(n); 0 when n ≤ 2.
   */
  cr: number,
  threshold: number,
  /**
   * CR < 0.10 (always true when n ≤ 2).
   */
  consistent: boolean,
  /**
   * Power-iteration steps until no weight moved by more than 1e-12.
   */
  iterations: number,
  verdict: Text,
  /**
   * Present when the matrix is inconsistent.
   */
  worst?: WorstJudgment | null,
  warnings?: Array<Diagnostic>,
};

/**
 * The judgment that contributes most to λmax − n (see the module docs).
 */
export type WorstJudgment = {
  /**
   * 0-based row and column of the judgment (row < column).
   */
  row: number,
  column: number,
  /**
   * a_ij as used.
   */
  given: number,
  /**
   * w_i / w_j: what the priority vector implies for this pair.
   */
  implied: number,
  /**
   * ε_ij = a_ij · w_j / w_i.
   */
  ratio: number,
  /**
   * t_ij / Σ t: this pair's share of λmax − n.
   */
  share: number,
  /**
   * w_i / w_j rounded to the nearest Saaty-scale value (log distance).
   */
  suggested: number,
  /**
   * The suggestion as typed: "3" or "1/3".
   */
  suggested_text: string,
  /**
   * CR of the matrix with a_ij = suggested and a_ji = 1/suggested.
   */
  cr_after: number,
};

/**
 * One expert's own result in a group AHP.
 */
export type ExpertSummary = {
  /**
   * 1-based expert number (order of the matrices given).
   */
  expert: number,
  weights: Array<number>,
  cr: number,
  consistent: boolean,
};

/**
 * `overall.weighting.details` for entropy and CRITIC.
 */
export type ObjectiveWeighting<T> = {
  /**
   * Always `respondent_dimension_perception`.
   */
  basis: string,
  /**
   * The dimension weights in the report are these weights.
   */
  used: boolean,
  result: T | null,
  error: MethodError | null,
};

/**
 * The working of the entropy weight method.
 */
export type EntropyResult = {
  /**
   * Always `entropy`.
   */
  method: string,
  indicators: Array<string>,
  directions: Array<Direction>,
  /**
   * Alternatives used (m).
   */
  alternatives: number,
  /**
   * Alternatives left out because an indicator was missing.
   */
  dropped: number,
  min: Array<number>,
  max: Array<number>,
  constant: Array<boolean>,
  /**
   * x'_ij (first rows only for large m; null for a constant indicator).
   */
  normalised: ShownMatrix,
  /**
   * p_ij (same rows as `normalised`).
   */
  p: ShownMatrix,
  /**
   * e_j; null for a constant indicator.
   */
  entropy: Array<number | null>,
  /**
   * d_j = 1 − e_j; null for a constant indicator.
   */
  divergence: Array<number | null>,
  /**
   * w_j, Σ = 1; 0 for a constant indicator.
   */
  weights: Array<number>,
  warnings?: Array<Diagnostic>,
};

/**
 * The working of the CRITIC method.
 */
export type CriticResult = {
  /**
   * Always `critic`.
   */
  method: string,
  indicators: Array<string>,
  directions: Array<Direction>,
  alternatives: number,
  dropped: number,
  min: Array<number>,
  max: Array<number>,
  constant: Array<boolean>,
  /**
   * x'_ij (first rows only for large m; null for a constant indicator).
   */
  normalised: ShownMatrix,
  /**
   * σ_j, sample SD of the normalised column.
   */
  sd: Array<number>,
  /**
   * Pearson r_jk; null where an indicator is constant.
   */
  correlation: Array<Array<number | null>>,
  /**
   * Σ_k (1 − r_jk) over the non-constant indicators; null when constant.
   */
  conflict: Array<number | null>,
  /**
   * C_j = σ_j · conflict_j (0 for a constant indicator).
   */
  information: Array<number>,
  /**
   * w_j = C_j / Σ C.
   */
  weights: Array<number>,
  warnings?: Array<Diagnostic>,
};

/**
 * An intermediate matrix as shown to the user: at most [`SHOWN_ROWS`] rows
 * (the first ones), with the total count, so a 10 000-respondent survey does
 * not produce a 10 000-row report. `null` marks a cell that is undefined (a
 * constant indicator has no normalised value).
 */
export type ShownMatrix = {
  /**
   * Names of the rows shown (alternatives, respondents).
   */
  row_labels: Array<string>,
  rows: Array<Array<number | null>>,
  /**
   * Number of rows the computation used.
   */
  total_rows: number,
  /**
   * True when only the first [`SHOWN_ROWS`] rows are shown.
   */
  truncated: boolean,
};

/**
 * Whether more of an indicator is better (benefit) or worse (cost).
 */
export type Direction = "benefit" | "cost";

/**
 * Why a method could not produce a result. Kept small (positions are `u32`) so
 * `Result<_, MethodError>` stays cheap to return.
 */
export type MethodError = {
  /**
   * Stable machine-readable code, e.g. `ahp_not_square`, `all_constant`.
   */
  code: string,
  /**
   * 1-based row of the offending cell or line, when there is one.
   */
  row?: number | null,
  /**
   * 1-based column of the offending cell, when there is one.
   */
  column?: number | null,
  /**
   * The offending text or number, shown as text (never markup).
   */
  value?: string | null,
  message: Text,
};

/**
 * `report.fuzzy`.
 */
export type FuzzySection = {
  operator: Operator,
  operator_label: string,
  /**
   * Grade values v_k: the scale points, worst first.
   */
  grades: Array<number>,
  score_basis: ScoreBasis,
  /**
   * Grade scores s_k used for the scores.
   */
  scores: Array<number>,
  /**
   * The weighting the dimension weights come from (`overall.weighting.method`).
   */
  dimension_weighting: string,
  items: Array<FuzzyItem>,
  /**
   * Items → overall with the items' global weights.
   */
  one_level: Evaluation,
  /**
   * Items → dimensions.
   */
  dimensions: Array<FuzzyDimension>,
  /**
   * Dimensions → overall.
   */
  two_level: Evaluation,
  notes?: Array<Text>,
};

export type FuzzyItem = {
  id: string,
  dimension: string,
  /**
   * Valid perception answers.
   */
  n: number,
  /**
   * r_jk over the grades.
   */
  membership: Array<number>,
  /**
   * Answers between two grades, counted at the nearest one.
   */
  rounded?: number,
  /**
   * Within its dimension, Σ = 1 over the dimension's evaluated items.
   */
  weight_in_dimension: number,
  /**
   * Dimension weight × weight in dimension (the one-level weights).
   */
  global_weight: number,
};

export type FuzzyDimension = {
  id: string,
  /**
   * Weight in the upper level (renormalised over evaluated dimensions).
   */
  weight: number,
  /**
   * `ahp` when AHP item weights are used inside the dimension, else `equal`.
   */
  item_weighting: string,
  evaluation: Evaluation,
};

/**
 * One composition B = W ∘ R with its grade and score.
 */
export type Evaluation = {
  operator: Operator,
  /**
   * "M(·,+)", "M(∧,∨)" or "M(·,∨)".
   */
  operator_label: string,
  /**
   * W normalised to Σ = 1.
   */
  weights: Array<number>,
  /**
   * B before normalisation.
   */
  raw: Array<number>,
  /**
   * B normalised to Σ = 1.
   */
  b: Array<number>,
  /**
   * 0-based grade of maximum membership (the first if tied).
   */
  grade: number,
  /**
   * Other grades with the same maximum membership.
   */
  tied?: Array<number>,
  /**
   * Σ_k b_k s_k.
   */
  score: number,
  warnings?: Array<Diagnostic>,
};

/**
 * The composition operator W ∘ R.
 */
export type Operator = "weighted_average" | "zadeh" | "product_max";

/**
 * Which grade scores s_k the score Σ b_k s_k uses.
 */
export type ScoreBasis = "scale" | "percent";

/**
 * How the input was read: the `input` section of the report.
 */
export type InputInfo = {
  /**
   * `text` (delimited), `rows` (given as cells), `xlsx`, `xls`, `ods`.
   */
  format: string,
  encoding: EncodingGuess | null,
  /**
   * The column separator of delimited text.
   */
  delimiter: string | null,
  /**
   * The sheet read, and all sheets of the workbook.
   */
  sheet: string | null,
  sheets?: Array<string>,
  /**
   * Row number of the header (1-based).
   */
  header_row: number | null,
  /**
   * Rows read but not data: titles above the header, platform metadata rows.
   */
  skipped_rows?: Array<number>,
  /**
   * `qualtrics`, `surveymonkey`, `wenjuanxing`, `tencent` when recognised.
   */
  platform: string | null,
  layout: Layout,
};

/**
 * How to read the input; every field is detected when absent.
 */
export type InputOptions = {
  /**
   * Text encoding as a WHATWG label (`utf-8`, `gb18030`, `utf-16le`, `big5` …).
   */
  encoding: string | null,
  /**
   * Column separator: `,` `;` `|` or a tab (`\t` or the word `tab`).
   */
  delimiter: string | null,
  /**
   * Row number of the header (1-based line or sheet row). Rows above it are skipped.
   */
  header_row: number | null,
  /**
   * Workbook sheet to read (native builds; the page reads sheets itself).
   */
  sheet: string | null,
  /**
   * `wide` (one row per respondent), `long` (one row per answer) or
   * `summary` (one row per item with its statistics).
   */
  layout: Layout | null,
  /**
   * `standard` (a quoted cell may span lines) or `same_line` (a quote that
   * does not close on its own line is a character: for files with stray quotes).
   */
  quotes: Quotes | null,
};

export type Layout = "wide" | "long" | "summary";

/**
 * What [`detect_encoding`] concluded.
 */
export type EncodingGuess = {
  /**
   * WHATWG label, usable with `new TextDecoder(label)`: `utf-8`, `utf-16le`,
   * `utf-16be`, `gb18030`, `windows-1252`.
   */
  encoding: string,
  /**
   * 0–1: 1 for a byte-order mark, lower for statistical guesses.
   */
  confidence: number,
  /**
   * The file starts with a byte-order mark.
   */
  bom: boolean,
  /**
   * Byte offset of the first byte that is not valid in `encoding`, if any.
   */
  first_invalid: number | null,
  /**
   * Part of the file is valid UTF-8 and a later part is GB18030: the lines
   * are decoded one by one.
   */
  mixed?: boolean,
};

/**
 * One label and the scale value it stands for.
 */
export type Label = {
  label: string,
  value: number,
};

/**
 * How to make waves from a timestamp column.
 */
export type WaveRule = {
  /**
   * The header of the timestamp column.
   */
  column: string,
  period: Period,
};

export type Period = "month" | "quarter" | "year";

/**
 * Respondents to leave out of the analysis, by rule or one by one.
 *
 * Row numbers are the ones the report shows: the line (CSV) or sheet row
 * (workbook) of the respondent, counting the header as row 1 of a plain table.
 */
export type Exclude = {
  /**
   * Zero variance over all expectation items or over all perception items.
   */
  straightliners: boolean,
  /**
   * Faster than the speeder threshold (needs a duration column).
   */
  speeders: boolean,
  /**
   * A repeated respondent id, or answers identical to an earlier respondent's.
   */
  duplicates: boolean,
  /**
   * Rows the user chose to leave out.
   */
  rows: Array<number>,
};

/**
 * Thresholds of the quality checks (METHODS.md §12).
 */
export type QualityOptions = {
  /**
   * A speeder took less than this share of the median duration (default 1/3).
   */
  speeder_fraction: number,
  /**
   * A fixed threshold in seconds instead of the share of the median.
   */
  speeder_seconds: number | null,
  /**
   * Fewest answered items on a side for straight-lining to be judged (default 3):
   * equal answers to two items say little.
   */
  straightline_min_items: number,
  /**
   * Fewest answered item cells for "identical answers" to count as a duplicate
   * (default 6): short surveys repeat by chance.
   */
  duplicate_min_answers: number,
};

/**
 * The data-quality section of the report.
 */
export type Quality = {
  /**
   * Data rows assessed (all respondents, before any exclusion).
   */
  rows: number,
  /**
   * One entry per column of the table, in table order.
   */
  columns: Array<ColumnQuality>,
  /**
   * Respondents who gave one and the same answer to every item on a side.
   */
  straightliners: Flags<Straightliner>,
  /**
   * Later occurrences of a respondent id, or of a full set of answers that
   * is unlikely to be repeated by chance.
   */
  duplicates: Flags<Duplicate>,
  /**
   * Rows whose answers repeat an earlier row's where that is expected by
   * chance (few items, few answer options): not flagged.
   */
  duplicates_by_chance: number,
  /**
   * Null when the data have no duration column.
   */
  speeders: Speeders | null,
  /**
   * Tukey outliers per continuous column (durations, points, KPIs).
   */
  outliers: Array<Outliers>,
  /**
   * Every row left out of the analysis, with all the reasons that applied.
   */
  excluded: Flags<ExcludedRow>,
};

/**
 * Flagged rows of one kind: the full count and the first [`ROW_LIMIT`].
 */
export type Flags<T> = {
  count: number,
  rows: Array<T>,
};

export type ColumnQuality = {
  /**
   * 1-based column number.
   */
  column: number,
  name: string,
  role: Role,
  item: string | null,
  /**
   * Cells holding a usable answer.
   */
  answered: number,
  /**
   * Empty cells and missing-value codes.
   */
  missing: number,
  /**
   * missing / rows (null when there are no rows).
   */
  missing_share: number | null,
  /**
   * Text that is neither a number, a known label nor a missing code
   * (for a duration column: text that is not a duration).
   */
  non_numeric: number,
  /**
   * Numbers outside the column's scale.
   */
  out_of_scale: number,
};

export type Straightliner = {
  row: number,
  /**
   * The one answer given to every expectation item, if straight-lined there.
   */
  expectation: number | null,
  perception: number | null,
};

export type Duplicate = {
  row: number,
  /**
   * The earlier row it repeats (that one is kept).
   */
  first_row: number,
  /**
   * `same_id` or `same_answers`.
   */
  kind: string,
  /**
   * For `same_answers`: the chance that this many respondents give these
   * answers by coincidence, over all rows (METHODS.md §12); flagged only
   * below 0.05.
   */
  chance?: number | null,
};

export type Speeders = {
  column: string,
  /**
   * Respondents with a readable duration.
   */
  n: number,
  /**
   * Durations that could not be read (counted, not flagged).
   */
  unreadable: number,
  median_seconds: number | null,
  threshold_seconds: number | null,
  /**
   * How the threshold was set.
   */
  rule: Text,
  flagged: Flags<Speeder>,
};

export type Speeder = {
  row: number,
  seconds: number,
};

export type Outliers = {
  column: number,
  name: string,
  n: number,
  q1: number,
  q3: number,
  /**
   * Q1 − 1.5·IQR and Q3 + 1.5·IQR.
   */
  lower: number,
  upper: number,
  flagged: Flags<Outlier>,
};

export type Outlier = {
  row: number,
  value: number,
};

export type ExcludedRow = {
  row: number,
  /**
   * `row` (chosen by the user), `duplicate`, `speeder`, `straightliner`;
   * the first is the one it is counted under.
   */
  reasons: Array<string>,
};

/**
 * What the template list shows.
 */
export type TemplateInfo = {
  id: string,
  name: Text,
  description: Text,
  items: number,
};

/**
 * A template made concrete in one language.
 */
export type Template = {
  id: string,
  config: SurveyConfig,
  /**
   * The data table's header row.
   */
  header: Array<string>,
  /**
   * The questionnaire sheet: a header row, then one row per item.
   */
  questionnaire: Array<Array<string>>,
  /**
   * The empty data table as CSV (header row only).
   */
  csv: string,
};

/**
 * `overall.weighting.details` for `"method": "combined"`.
 */
export type CombinedWeighting = {
  /**
   * The dimension weights in the report are the combined weights.
   */
  used: boolean,
  /**
   * a: the subjective part as resolved on its own.
   */
  subjective: CombinedPart,
  /**
   * b: the objective part as resolved on its own.
   */
  objective: CombinedPart,
  /**
   * a_d · b_d before normalisation (empty when not combined).
   */
  products?: Array<number>,
  /**
   * a_d b_d / Σ a b (empty when not combined).
   */
  weights?: Array<number>,
  /**
   * Why the parts could not be combined.
   */
  error?: MethodError | null,
};

/**
 * One part of a combined weighting.
 */
export type CombinedPart = {
  /**
   * The method asked for: `direct`, `ahp`, `entropy` or `critic`.
   */
  requested: string,
  /**
   * The method that made `weights` (`equal` when the requested one could not be used).
   */
  method: string,
  /**
   * One per dimension, Σ = 1.
   */
  weights: Array<number>,
  /**
   * The part's own working (AHP, entropy, CRITIC).
   */
  details?: WeightingDetails | null,
};

/**
 * A method's answer or the reason there is none, with what was noticed on the way.
 */
export type Outcome<T> = {
  result?: T,
  error?: MethodError,
  diagnostics: Diagnostics,
};

/**
 * One matrix (single AHP) or several (group AHP), as numbers or as pasted text.
 */
export type AhpRequest = {
  matrices: Array<Array<Array<number>>>,
  /**
   * Pasted matrices (CSV/TSV/spaces, fractions, optional names, upper
   * triangle only); used when `matrices` is empty.
   */
  texts: Array<string>,
  /**
   * Element names; default: the names in the first text, if any.
   */
  labels: Array<string> | null,
  ri: RiTable,
};

/**
 * A single analysis, or a group one (told apart by `experts`).
 */
export type AhpOutput = GroupResult | AhpResult;

/**
 * Group AHP: judgments aggregated element-wise by geometric mean (AIJ).
 */
export type GroupResult = {
  experts: number,
  /**
   * Always `geometric_mean` (aggregation of individual judgments, AIJ).
   */
  aggregation: string,
  individual: Array<ExpertSummary>,
  /**
   * The analysis of the aggregated matrix.
   */
  result: AhpResult,
};

export type ObjectiveRequest = {
  method: ObjectiveMethod,
  /**
   * Delimited text: first column = alternative, other columns = indicators.
   */
  text: string | null,
  /**
   * Or the table as numbers (used when `text` is absent).
   */
  table: TableInput | null,
  /**
   * Names of the cost indicators; all others are benefit.
   */
  cost: Array<string>,
};

export type ObjectiveMethod = "entropy" | "critic";

/**
 * An indicator table given as numbers; `null` = missing.
 */
export type TableInput = {
  alternatives: Array<string>,
  indicators: Array<string>,
  /**
   * `values[i][j]`: alternative i, indicator j.
   */
  values: Array<Array<number | null>>,
};

export type ObjectiveOutput = CriticResult | EntropyResult;

/**
 * Two weight vectors over the same indicators (METHODS.md §5).
 */
export type CombineRequest = {
  /**
   * a: subjective weights (AHP, typed in); normalised to Σ = 1.
   */
  subjective: Array<number>,
  /**
   * b: objective weights (entropy, CRITIC); normalised to Σ = 1.
   */
  objective: Array<number>,
};

/**
 * The working of combined weights.
 */
export type CombineOutput = {
  /**
   * a, normalised.
   */
  subjective: Array<number>,
  /**
   * b, normalised.
   */
  objective: Array<number>,
  /**
   * a_j · b_j.
   */
  products: Array<number>,
  /**
   * w_j = a_j b_j / Σ a b.
   */
  weights: Array<number>,
};

/**
 * Fuzzy evaluation from a membership matrix or from answer columns.
 */
export type FuzzyRequest = {
  /**
   * r_jk, one row per element (rows that do not sum to 1 are normalised).
   */
  membership: Array<Array<number>> | null,
  /**
   * Or one column of answers per element (`null` = no answer), counted
   * against `grades`.
   */
  answers: Array<Array<number | null>> | null,
  /**
   * Grade values, worst first; required with `answers`, default 1..K.
   */
  grades: Array<number> | null,
  /**
   * Element weights (normalised to Σ = 1).
   */
  weights: Array<number>,
  /**
   * For two levels: the 0-based group of every element …
   */
  groups: Array<number> | null,
  /**
   * … and the group weights.
   */
  group_weights: Array<number> | null,
  operator: Operator,
  scores: ScoreBasis,
};

export type FuzzyOutput = {
  grades: Array<number>,
  scores: Array<number>,
  /**
   * When computed from answers.
   */
  membership?: Membership | null,
  one_level: Evaluation,
  /**
   * When `groups` and `group_weights` were given. Within each group the
   * element weights are renormalised.
   */
  two_level?: TwoLevel | null,
};

/**
 * Membership matrix from raw answers.
 */
export type Membership = {
  /**
   * Valid answers per item.
   */
  n: Array<number>,
  /**
   * r_jk; each row sums to 1.
   */
  matrix: Array<Array<number>>,
  /**
   * Answers per item that were not exactly a grade and were counted at the
   * nearest grade.
   */
  rounded: Array<number>,
};

/**
 * Items → groups → overall.
 */
export type TwoLevel = {
  groups: Array<Evaluation>,
  overall: Evaluation,
};

/** A survey configuration as accepted by `new Evaluator(config)`: `version`, `weighting` and `alpha` may be omitted (defaults 1, equal, 0.05). */
export type SurveyConfigInput = Omit<SurveyConfig, "version" | "weighting" | "alpha"> & Partial<Pick<SurveyConfig, "version" | "weighting" | "alpha">>;
/** What `ahp(request)` accepts: every field may be omitted (defaults: none, none, names from the first text, saaty1980). */
export type AhpRequestInput = Partial<AhpRequest>;
/** What `objectiveWeights(request)` accepts: `method` and `text` or `table`; `cost` defaults to none. */
export type ObjectiveRequestInput = Pick<ObjectiveRequest, "method"> & Partial<Omit<ObjectiveRequest, "method">>;
/** What `fuzzy(request)` accepts: `weights` and `membership` or `answers` with `grades`. */
export type FuzzyRequestInput = Pick<FuzzyRequest, "weights"> & Partial<Omit<FuzzyRequest, "weights">>;
