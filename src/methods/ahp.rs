//! Analytic hierarchy process (Saaty), METHODS.md §5: priority vector, λmax, CI,
//! CR with a selectable random-index table, the judgment that contributes most to
//! an inconsistency, group AHP (AIJ) and two-level hierarchies.
//!
//! # The most inconsistent judgment
//!
//! For the priority vector w of A, write ε_ij = a_ij · w_j / w_i (the ratio of the
//! judgment to the one the weights imply; ε_ij = 1 for every pair exactly when A
//! is consistent, and ε_ji = 1/ε_ij). Because λmax = (1/n) Σ_i (Aw)_i / w_i =
//! (1/n) Σ_i Σ_j ε_ij,
//!
//! ```text
//! λmax − n = (1/n) · Σ_{i<j} (ε_ij + 1/ε_ij − 2)
//! ```
//!
//! so every pair {i, j} adds a non-negative term t_ij = (ε_ij + 1/ε_ij − 2)/n to
//! λmax − n, hence to CI and CR. The *worst pair* is the pair with the largest
//! t_ij — equivalently the largest |ln ε_ij|, Saaty's rule of the largest
//! a_ij w_j / w_i (Saaty 2003, EJOR 145:85–91). Ties go to the first pair in
//! row-major order of the upper triangle. We report it when CR ≥ 0.10 with its
//! share t_ij / Σ t of the inconsistency, the value the weights imply (w_i / w_j),
//! and a *suggested* judgment: w_i / w_j rounded to the nearest value of the Saaty
//! scale {1/9, 1/8, …, 1/2, 1, 2, …, 9}, nearest measured on the log scale
//! (|ln s − ln(w_i/w_j)|, ties to the value closer to 1), together with the CR the
//! matrix would have with that one judgment (and its reciprocal) replaced.

use super::{Matrix, MethodError};
use crate::common::diag::{Diagnostic, Severity, Text};
use serde::{Deserialize, Serialize};

/// The Saaty 1–9 scale with reciprocals, ascending.
pub const SAATY_SCALE: [f64; 17] = [
    1.0 / 9.0,
    1.0 / 8.0,
    1.0 / 7.0,
    1.0 / 6.0,
    1.0 / 5.0,
    1.0 / 4.0,
    1.0 / 3.0,
    1.0 / 2.0,
    1.0,
    2.0,
    3.0,
    4.0,
    5.0,
    6.0,
    7.0,
    8.0,
    9.0,
];

/// Relative tolerance for reciprocity (|a_ij · a_ji − 1|), the diagonal and the
/// scale bounds, so that typed-in 0.333 for 1/3 or 0.11 for 1/9 are accepted.
pub const TOLERANCE: f64 = 0.02;
/// A matrix is consistent when CR is below this (METHODS.md §5).
pub const CR_THRESHOLD: f64 = 0.10;
/// The RI tables stop at n = 15.
pub const MAX_SIZE: usize = 15;
/// Power iteration stops when no weight moves by more than this.
pub const POWER_TOLERANCE: f64 = 1e-12;
const MAX_ITERATIONS: usize = 100_000;

pub use crate::model::weighting::RiTable;

const RI_SAATY1980: [f64; 13] = [
    0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];
const RI_SAATY2005: [f64; 13] = [
    0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59,
];
const RI_DONEGAN_DODD: [f64; 13] = [
    0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822,
    1.4969,
];

impl RiTable {
    /// RI(n) for 3 ≤ n ≤ 15; `None` otherwise (n ≤ 2 needs no RI).
    pub fn ri(self, n: usize) -> Option<f64> {
        let table = match self {
            RiTable::Saaty1980 => &RI_SAATY1980,
            RiTable::Saaty2005 => &RI_SAATY2005,
            RiTable::DoneganDodd => &RI_DONEGAN_DODD,
        };
        n.checked_sub(3).and_then(|i| table.get(i)).copied()
    }
    pub fn name(self) -> &'static str {
        match self {
            RiTable::Saaty1980 => "saaty1980",
            RiTable::Saaty2005 => "saaty2005",
            RiTable::DoneganDodd => "donegan_dodd",
        }
    }
    pub fn parse(s: &str) -> Option<RiTable> {
        match s.trim().to_ascii_lowercase().as_str() {
            // Not "saaty": ahpy means 2005 by it, Saaty's book 1980.
            "saaty1980" => Some(RiTable::Saaty1980),
            "saaty2005" => Some(RiTable::Saaty2005),
            "donegan_dodd" | "dd" => Some(RiTable::DoneganDodd),
            _ => None,
        }
    }
}

/// The judgment that contributes most to λmax − n (see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorstJudgment {
    /// 0-based row and column of the judgment (row < column).
    pub row: usize,
    pub column: usize,
    /// a_ij as used.
    pub given: f64,
    /// w_i / w_j: what the priority vector implies for this pair.
    pub implied: f64,
    /// ε_ij = a_ij · w_j / w_i.
    pub ratio: f64,
    /// t_ij / Σ t: this pair's share of λmax − n.
    pub share: f64,
    /// w_i / w_j rounded to the nearest Saaty-scale value (log distance).
    pub suggested: f64,
    /// The suggestion as typed: "3" or "1/3".
    pub suggested_text: String,
    /// CR of the matrix with a_ij = suggested and a_ji = 1/suggested.
    pub cr_after: f64,
}

/// The full working of one pairwise comparison matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AhpResult {
    pub n: usize,
    /// Element names, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    /// The matrix used: the upper triangle as given, the lower triangle its exact
    /// reciprocal.
    pub matrix: Matrix,
    /// Priority vector (principal right eigenvector), Σ = 1.
    pub weights: Vec<f64>,
    /// (A w)_i for the final w, the working behind λmax.
    pub aw: Vec<f64>,
    pub lambda_max: f64,
    /// CI = (λmax − n)/(n − 1); 0 when n ≤ 2.
    pub ci: f64,
    pub ri_table: RiTable,
    /// RI(n); null when n ≤ 2.
    pub ri: Option<f64>,
    /// CR = CI / RI(n); 0 when n ≤ 2.
    pub cr: f64,
    pub threshold: f64,
    /// CR < 0.10 (always true when n ≤ 2).
    pub consistent: bool,
    /// Power-iteration steps until no weight moved by more than 1e-12.
    pub iterations: usize,
    pub verdict: Text,
    /// Present when the matrix is inconsistent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst: Option<WorstJudgment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Diagnostic>,
}

/// How an element is named in messages: "2 (Reliability)" or "2".
fn element(i: usize, labels: Option<&[String]>) -> String {
    match labels.and_then(|l| l.get(i)) {
        Some(name) if !name.is_empty() => format!("{} ({name})", i + 1),
        _ => (i + 1).to_string(),
    }
}

/// A cell in messages, both languages: "row 3, column 7 (neighbourhood vs
/// condition)" and "第 3 行第 7 列（neighbourhood 对 condition）".
fn cell(i: usize, j: usize, labels: Option<&[String]>) -> (String, String) {
    let names = labels.and_then(|l| Some((l.get(i)?, l.get(j)?)));
    match names {
        Some((a, b)) if !a.is_empty() && !b.is_empty() => (
            format!("row {}, column {} ({a} vs {b})", i + 1, j + 1),
            format!("第 {} 行第 {} 列（{a} 对 {b}）", i + 1, j + 1),
        ),
        _ => (
            format!("row {}, column {}", i + 1, j + 1),
            format!("第 {} 行第 {} 列", i + 1, j + 1),
        ),
    }
}

/// A judgment as a person types it: "3", "1/3", "2.5".
pub fn judgment_text(x: f64) -> String {
    let round = |v: f64| (v - v.round()).abs() < 1e-9;
    if x >= 1.0 || !x.is_finite() || x <= 0.0 {
        if round(x) {
            format!("{}", x.round())
        } else {
            format!("{:.3}", x)
        }
    } else if round(1.0 / x) {
        format!("1/{}", (1.0 / x).round())
    } else {
        format!("{:.3}", x)
    }
}

/// The Saaty-scale value nearest to `x` on the log scale; ties go towards 1.
pub fn nearest_on_scale(x: f64) -> f64 {
    let lx = x.ln();
    let mut best: f64 = 1.0;
    let mut best_d = f64::INFINITY;
    for &s in &SAATY_SCALE {
        let d = (s.ln() - lx).abs();
        let closer_to_one = s.ln().abs() < best.ln().abs();
        if d < best_d - 1e-12 || ((d - best_d).abs() <= 1e-12 && closer_to_one) {
            best = s;
            best_d = d;
        }
    }
    best
}

/// Check a pairwise matrix and return it with the lower triangle replaced by the
/// exact reciprocals of the upper triangle, plus how many pairs that changed.
pub fn validate(
    matrix: &[Vec<f64>],
    labels: Option<&[String]>,
) -> Result<(Matrix, usize), MethodError> {
    let n = matrix.len();
    if n == 0 {
        return Err(MethodError::new(
            "ahp_empty",
            "The pairwise comparison matrix is empty.",
            "两两比较矩阵为空。",
        ));
    }
    for (i, row) in matrix.iter().enumerate() {
        if row.len() != n {
            return Err(MethodError::new(
                "ahp_not_square",
                format!(
                    "The matrix is not square: it has {n} rows but row {} has {} values. A pairwise comparison matrix needs one row and one column per element.",
                    i + 1,
                    row.len()
                ),
                format!(
                    "矩阵不是方阵：共 {n} 行，但第 {} 行有 {} 个值。两两比较矩阵的行数和列数都应等于元素个数。",
                    i + 1,
                    row.len()
                ),
            )
            .at_row(i + 1));
        }
    }
    if n == 1 {
        return Err(MethodError::new(
            "ahp_single_element",
            "A 1×1 matrix compares nothing: its only element has weight 1 trivially, and no consistency can be measured. Add at least one more element.",
            "1×1 矩阵没有可比较的内容：唯一元素的权重显然为 1，也无法检验一致性。请至少再加入一个元素。",
        ));
    }
    if n > MAX_SIZE {
        return Err(MethodError::new(
            "ahp_too_large",
            format!("The matrix has {n} elements; AHP here supports at most {MAX_SIZE}, the largest size the random-index tables cover. Group the elements into a hierarchy instead."),
            format!("矩阵有 {n} 个元素；本工具的层次分析法最多支持 {MAX_SIZE} 个（随机一致性指标表的上限）。请改用多层结构分组。"),
        ));
    }
    for (i, row) in matrix.iter().enumerate() {
        for (j, &x) in row.iter().enumerate() {
            let at = |code: &str, en: String, zh: String| {
                MethodError::new(code, en, zh)
                    .at(i + 1, j + 1)
                    .with_value(&crate::common::format::number(x))
            };
            let xs = crate::common::format::number(x);
            let (en, zh) = cell(i, j, labels);
            if !x.is_finite() {
                return Err(at(
                    "ahp_not_finite",
                    format!("At {en}: the judgment is not a finite number."),
                    format!("{zh}：判断值不是有限数字。"),
                ));
            }
            if x <= 0.0 {
                return Err(at(
                    "ahp_not_positive",
                    format!("At {en}: the judgment {xs} is not positive. Pairwise judgments are ratios on the 1–9 scale (or their reciprocals 1/2 … 1/9); 0 and negative numbers have no meaning."),
                    format!("{zh}：判断值 {xs} 不是正数。两两比较的判断是 1–9 标度上的比值（或其倒数 1/2 … 1/9），0 和负数没有意义。"),
                ));
            }
            if i == j && (x - 1.0).abs() > TOLERANCE {
                return Err(at(
                    "ahp_diagonal",
                    format!("At {en}: an element compared with itself must be 1, not {xs}."),
                    format!("{zh}：元素与自身比较必须为 1，而不是 {xs}。"),
                ));
            }
            if !(SAATY_SCALE[0] * (1.0 - TOLERANCE)..=9.0 * (1.0 + TOLERANCE)).contains(&x) {
                return Err(at(
                    "ahp_out_of_scale",
                    format!("At {en}: the judgment {xs} is outside the Saaty scale 1/9 … 9."),
                    format!("{zh}：判断值 {xs} 超出 Saaty 标度 1/9 … 9。"),
                ));
            }
        }
    }
    let mut exact = vec![vec![1.0; n]; n];
    let mut adjusted = 0usize;
    for i in 0..n {
        for j in (i + 1)..n {
            let (a, b) = (matrix[i][j], matrix[j][i]);
            let product = a * b;
            if (product - 1.0).abs() > TOLERANCE {
                let (up_en, up_zh) = cell(i, j, labels);
                let (lo_en, lo_zh) = cell(j, i, labels);
                return Err(MethodError::new(
                    "ahp_not_reciprocal",
                    format!(
                        "The matrix is not reciprocal: {up_en} is {} but {lo_en} is {} (it should be {}). If one element is k times as important as another, the other is 1/k as important as the first.",
                        judgment_text(a), judgment_text(b), judgment_text(1.0 / a)
                    ),
                    format!(
                        "矩阵不满足互反性：{up_zh}为 {}，而{lo_zh}为 {}（应为 {}）。若一个元素的重要性是另一个的 k 倍，则另一个是它的 1/k。",
                        judgment_text(a), judgment_text(b), judgment_text(1.0 / a)
                    ),
                )
                .at(j + 1, i + 1)
                .with_value(&b.to_string()));
            }
            if (product - 1.0).abs() > 1e-12 {
                adjusted += 1;
            }
            exact[i][j] = a;
            exact[j][i] = 1.0 / a;
        }
    }
    Ok((exact, adjusted))
}

/// Principal right eigenvector of a positive matrix by power iteration, Σ = 1,
/// with the number of steps; `None` if it did not settle (not seen for n ≤ 15).
fn principal_eigenvector(a: &[Vec<f64>]) -> Option<(Vec<f64>, usize)> {
    let n = a.len();
    let mut w = vec![1.0 / n as f64; n];
    for it in 1..=MAX_ITERATIONS {
        let aw = multiply(a, &w);
        let total: f64 = aw.iter().sum();
        if !(total.is_finite() && total > 0.0) {
            return None;
        }
        let next: Vec<f64> = aw.iter().map(|x| x / total).collect();
        let delta = next
            .iter()
            .zip(&w)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max);
        w = next;
        if delta < POWER_TOLERANCE {
            return Some((w, it));
        }
    }
    None
}

fn multiply(a: &[Vec<f64>], w: &[f64]) -> Vec<f64> {
    a.iter()
        .map(|row| row.iter().zip(w).map(|(x, y)| x * y).sum())
        .collect()
}

/// Weights, (Aw), λmax, CI, RI, CR and iterations of an exact reciprocal matrix.
struct Core {
    weights: Vec<f64>,
    aw: Vec<f64>,
    lambda_max: f64,
    ci: f64,
    ri: Option<f64>,
    cr: f64,
    iterations: usize,
}

fn core(a: &[Vec<f64>], ri_table: RiTable) -> Result<Core, MethodError> {
    let n = a.len();
    let (weights, iterations) = principal_eigenvector(a).ok_or_else(|| {
        MethodError::new(
            "ahp_no_convergence",
            "The priority vector could not be computed (power iteration did not converge).",
            "无法计算权重向量（幂法迭代未收敛）。",
        )
    })?;
    let aw = multiply(a, &weights);
    let lambda_max = aw.iter().zip(&weights).map(|(x, w)| x / w).sum::<f64>() / n as f64;
    let (ci, ri, cr) = if n <= 2 {
        (0.0, None, 0.0)
    } else {
        let ci = (lambda_max - n as f64) / (n as f64 - 1.0);
        // n ≤ 15 is checked by validate, so RI exists.
        let ri = ri_table.ri(n).unwrap_or(f64::NAN);
        (ci, Some(ri), ci / ri)
    };
    if !(lambda_max.is_finite() && cr.is_finite()) {
        return Err(MethodError::new(
            "ahp_no_convergence",
            "The consistency ratio could not be computed.",
            "无法计算一致性比率。",
        ));
    }
    Ok(Core {
        weights,
        aw,
        lambda_max,
        ci,
        ri,
        cr,
        iterations,
    })
}

fn worst_judgment(a: &[Vec<f64>], w: &[f64], ri_table: RiTable) -> Option<WorstJudgment> {
    let n = a.len();
    let mut best: Option<(usize, usize, f64, f64)> = None;
    let mut total = 0.0;
    for i in 0..n {
        for j in (i + 1)..n {
            let eps = a[i][j] * w[j] / w[i];
            let t = (eps + 1.0 / eps - 2.0) / n as f64;
            total += t;
            if best.is_none_or(|(_, _, _, bt)| t > bt) {
                best = Some((i, j, eps, t));
            }
        }
    }
    let (i, j, eps, t) = best?;
    let implied = w[i] / w[j];
    let suggested = nearest_on_scale(implied);
    let mut changed: Matrix = a.to_vec();
    changed[i][j] = suggested;
    changed[j][i] = 1.0 / suggested;
    let cr_after = core(&changed, ri_table).ok()?.cr;
    Some(WorstJudgment {
        row: i,
        column: j,
        given: a[i][j],
        implied,
        ratio: eps,
        share: if total > 0.0 { t / total } else { 0.0 },
        suggested,
        suggested_text: judgment_text(suggested),
        cr_after,
    })
}

/// Analyse one pairwise comparison matrix (METHODS.md §5).
pub fn analyse(
    matrix: &[Vec<f64>],
    labels: Option<&[String]>,
    ri_table: RiTable,
) -> Result<AhpResult, MethodError> {
    let (a, adjusted) = validate(matrix, labels)?;
    let n = a.len();
    if let Some(l) = labels {
        if l.len() != n {
            return Err(MethodError::new(
                "ahp_labels",
                format!("{} names were given for {n} elements.", l.len()),
                format!("为 {n} 个元素给出了 {} 个名称。", l.len()),
            ));
        }
    }
    let c = core(&a, ri_table)?;
    let consistent = n <= 2 || c.cr < CR_THRESHOLD;
    let worst = if consistent {
        None
    } else {
        worst_judgment(&a, &c.weights, ri_table)
    };
    let verdict = if n <= 2 {
        Text::new(
            "With two elements the judgments are always consistent (CR = 0).",
            "只有两个元素时判断总是一致的（CR = 0）。",
        )
    } else if consistent {
        Text::new(
            format!("Consistent: CR = {:.4} < {CR_THRESHOLD:.2}.", c.cr),
            format!("通过一致性检验：CR = {:.4} < {CR_THRESHOLD:.2}。", c.cr),
        )
    } else {
        match &worst {
            Some(wj) => {
                let (en, zh) = cell(wj.row, wj.column, labels);
                Text::new(
                    format!(
                        "Inconsistent: CR = {:.4} ≥ {CR_THRESHOLD:.2}. The judgment contributing most ({:.0}% of the inconsistency) is at {en}: given {}, the weights imply {:.3}; consider {} (CR would become {:.4}).",
                        c.cr, wj.share * 100.0, judgment_text(wj.given), wj.implied, wj.suggested_text, wj.cr_after
                    ),
                    format!(
                        "未通过一致性检验：CR = {:.4} ≥ {CR_THRESHOLD:.2}。对不一致贡献最大（占 {:.0}%）的判断位于{zh}：给定 {}，而权重隐含 {:.3}；建议改为 {}（CR 将变为 {:.4}）。",
                        c.cr, wj.share * 100.0, judgment_text(wj.given), wj.implied, wj.suggested_text, wj.cr_after
                    ),
                )
            }
            None => Text::new(
                format!("Inconsistent: CR = {:.4} ≥ {CR_THRESHOLD:.2}.", c.cr),
                format!("未通过一致性检验：CR = {:.4} ≥ {CR_THRESHOLD:.2}。", c.cr),
            ),
        }
    };
    let mut warnings = Vec::new();
    if adjusted > 0 {
        warnings.push(Diagnostic::new(
            "ahp_reciprocal_rounded",
            Severity::Info,
            Text::new(
                format!("{adjusted} lower-triangle judgment(s) were rounded reciprocals (e.g. 0.333 for 1/3); the exact reciprocals of the upper triangle were used."),
                format!("下三角有 {adjusted} 个判断是近似倒数（如用 0.333 表示 1/3）；计算使用上三角的精确倒数。"),
            ),
        ));
    }
    Ok(AhpResult {
        n,
        labels: labels.map(|l| l.to_vec()),
        matrix: a,
        weights: c.weights,
        aw: c.aw,
        lambda_max: c.lambda_max,
        ci: c.ci,
        ri_table,
        ri: c.ri,
        cr: c.cr,
        threshold: CR_THRESHOLD,
        consistent,
        iterations: c.iterations,
        verdict,
        worst,
        warnings,
    })
}

/// One expert's own result in a group AHP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExpertSummary {
    /// 1-based expert number (order of the matrices given).
    pub expert: usize,
    pub weights: Vec<f64>,
    pub cr: f64,
    pub consistent: bool,
}

/// Group AHP: judgments aggregated element-wise by geometric mean (AIJ).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GroupResult {
    pub experts: usize,
    /// Always `geometric_mean` (aggregation of individual judgments, AIJ).
    pub aggregation: String,
    pub individual: Vec<ExpertSummary>,
    /// The analysis of the aggregated matrix.
    pub result: AhpResult,
}

/// Aggregate several experts' matrices (AIJ, element-wise geometric mean) and
/// analyse the result; each expert's own weights and CR are reported too.
pub fn group(
    matrices: &[Matrix],
    labels: Option<&[String]>,
    ri_table: RiTable,
) -> Result<GroupResult, MethodError> {
    if matrices.is_empty() {
        return Err(MethodError::new(
            "ahp_no_experts",
            "No expert matrices were given.",
            "未给出任何专家判断矩阵。",
        ));
    }
    let mut exact = Vec::with_capacity(matrices.len());
    let mut individual = Vec::with_capacity(matrices.len());
    for (k, m) in matrices.iter().enumerate() {
        let ctx = (format!("Expert {}: ", k + 1), format!("专家 {}：", k + 1));
        let (a, _) = validate(m, labels).map_err(|e| e.context(&ctx.0, &ctx.1))?;
        if let Some(first) = exact.first() {
            let first: &Matrix = first;
            if a.len() != first.len() {
                return Err(MethodError::new(
                    "ahp_group_sizes",
                    format!(
                        "Expert {} compared {} elements but expert 1 compared {}; all experts must judge the same elements.",
                        k + 1,
                        a.len(),
                        first.len()
                    ),
                    format!(
                        "专家 {} 比较了 {} 个元素，而专家 1 比较了 {} 个；所有专家必须评判相同的元素。",
                        k + 1,
                        a.len(),
                        first.len()
                    ),
                ));
            }
        }
        let c = core(&a, ri_table).map_err(|e| e.context(&ctx.0, &ctx.1))?;
        individual.push(ExpertSummary {
            expert: k + 1,
            weights: c.weights,
            cr: c.cr,
            consistent: a.len() <= 2 || c.cr < CR_THRESHOLD,
        });
        exact.push(a);
    }
    let n = exact[0].len();
    let k = exact.len() as f64;
    let aggregated: Matrix = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| (exact.iter().map(|a| a[i][j].ln()).sum::<f64>() / k).exp())
                .collect()
        })
        .collect();
    Ok(GroupResult {
        experts: exact.len(),
        aggregation: "geometric_mean".into(),
        individual,
        result: analyse(&aggregated, labels, ri_table)?,
    })
}

/// The elements under one element of the upper level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Child {
    /// Number of elements in this group.
    pub size: usize,
    /// Their pairwise matrix; `None` means equal local weights.
    #[serde(default)]
    pub matrix: Option<Matrix>,
    #[serde(default)]
    pub labels: Option<Vec<String>>,
}

/// One group of a two-level hierarchy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HierarchyGroup {
    /// 0-based index of the upper-level element.
    pub parent: usize,
    pub parent_weight: f64,
    /// `ahp`, `equal` (no matrix given) or `single` (one element, weight 1).
    pub local_method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<AhpResult>,
    pub local_weights: Vec<f64>,
    /// parent weight × local weight.
    pub global_weights: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HierarchyResult {
    pub top: AhpResult,
    pub groups: Vec<HierarchyGroup>,
    /// All lower-level elements in group order; Σ = 1.
    pub global_weights: Vec<f64>,
    /// Every matrix of the hierarchy is consistent.
    pub consistent: bool,
}

/// Local weights of one group: its matrix, equal weights, or 1 for a single element.
pub fn local_weights(
    child: &Child,
    ri_table: RiTable,
) -> Result<(String, Option<AhpResult>, Vec<f64>), MethodError> {
    match (&child.matrix, child.size) {
        (_, 0) => Ok(("equal".into(), None, Vec::new())),
        (Some(m), 1) if m.len() == 1 && m[0].len() == 1 && (m[0][0] - 1.0).abs() <= TOLERANCE => {
            Ok(("single".into(), None, vec![1.0]))
        }
        (None, 1) => Ok(("single".into(), None, vec![1.0])),
        (None, k) => Ok(("equal".into(), None, vec![1.0 / k as f64; k])),
        (Some(m), k) => {
            if m.len() != k {
                return Err(MethodError::new(
                    "ahp_group_size",
                    format!(
                        "The group has {k} elements but its matrix is {}×{}.",
                        m.len(),
                        m.len()
                    ),
                    format!("该组有 {k} 个元素，但其矩阵为 {}×{}。", m.len(), m.len()),
                ));
            }
            let r = analyse(m, child.labels.as_deref(), ri_table)?;
            let w = r.weights.clone();
            Ok(("ahp".into(), Some(r), w))
        }
    }
}

/// Two-level hierarchy: global weight of a lower element = weight of its upper
/// element × its local weight (METHODS.md §5), with every matrix's CR.
pub fn hierarchy(
    top: &[Vec<f64>],
    top_labels: Option<&[String]>,
    children: &[Child],
    ri_table: RiTable,
) -> Result<HierarchyResult, MethodError> {
    let top =
        analyse(top, top_labels, ri_table).map_err(|e| e.context("Upper level: ", "上层："))?;
    if children.len() != top.n {
        return Err(MethodError::new(
            "ahp_hierarchy_shape",
            format!(
                "The upper matrix has {} elements but {} lower groups were given.",
                top.n,
                children.len()
            ),
            format!(
                "上层矩阵有 {} 个元素，但给出了 {} 个下层组。",
                top.n,
                children.len()
            ),
        ));
    }
    let mut groups = Vec::with_capacity(children.len());
    let mut global = Vec::new();
    let mut consistent = top.consistent;
    for (d, child) in children.iter().enumerate() {
        let name = element(d, top_labels);
        let (method, local, lw) = local_weights(child, ri_table).map_err(|e| {
            e.context(
                &format!("Group under element {name}: "),
                &format!("元素 {name} 下的组："),
            )
        })?;
        consistent &= local.as_ref().is_none_or(|r| r.consistent);
        let pw = top.weights[d];
        let gw: Vec<f64> = lw.iter().map(|x| pw * x).collect();
        global.extend_from_slice(&gw);
        groups.push(HierarchyGroup {
            parent: d,
            parent_weight: pw,
            local_method: method,
            local,
            local_weights: lw,
            global_weights: gw,
        });
    }
    Ok(HierarchyResult {
        top,
        groups,
        global_weights: global,
        consistent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_scale_value_uses_log_distance() {
        assert_eq!(nearest_on_scale(1.13), 1.0);
        assert_eq!(nearest_on_scale(2.6), 3.0);
        assert_eq!(nearest_on_scale(0.3), 1.0 / 3.0);
        assert_eq!(nearest_on_scale(40.0), 9.0);
        // √2 is exactly between 1 and 2 on the log scale: ties go towards 1.
        assert_eq!(nearest_on_scale(std::f64::consts::SQRT_2), 1.0);
    }

    #[test]
    fn judgment_text_reads_like_input() {
        assert_eq!(judgment_text(3.0), "3");
        assert_eq!(judgment_text(1.0 / 3.0), "1/3");
        assert_eq!(judgment_text(2.5), "2.500");
    }

    #[test]
    fn ri_tables_cover_3_to_15() {
        for t in [RiTable::Saaty1980, RiTable::Saaty2005, RiTable::DoneganDodd] {
            assert!(t.ri(2).is_none());
            assert!(t.ri(3).is_some());
            assert!(t.ri(15).is_some());
            assert!(t.ri(16).is_none());
        }
        assert_eq!(RiTable::Saaty1980.ri(8), Some(1.41));
        assert_eq!(RiTable::parse("dd"), Some(RiTable::DoneganDodd));
        assert_eq!(RiTable::parse("saaty"), None);
    }

    #[test]
    fn consistent_matrix_has_exact_weights() {
        // w = (4, 2, 1)/7 gives a_ij = w_i/w_j exactly: CI = 0.
        let a = vec![
            vec![1.0, 2.0, 4.0],
            vec![0.5, 1.0, 2.0],
            vec![0.25, 0.5, 1.0],
        ];
        let r = analyse(&a, None, RiTable::Saaty1980).expect("valid");
        for (w, e) in r.weights.iter().zip([4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
            assert!((w - e).abs() < 1e-12);
        }
        assert!(r.cr.abs() < 1e-12);
        assert!(r.consistent && r.worst.is_none());
    }
}
