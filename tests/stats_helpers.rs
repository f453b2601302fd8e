//! The statistics helpers of the optional analyses against SciPy / statsmodels.
//! Every expected number below was printed by tests/reference/stats_helpers.py
//! (scipy 1.17.1, statsmodels 0.15.0); the script is quoted next to each block.

use gapscope::stats::correlation::pearson;
use gapscope::stats::groups::{one_way_anova, welch};
use gapscope::stats::ols::{ols, OlsError};

/// |a − b| ≤ tol · max(|b|, 1e-300) — relative agreement.
fn close(a: Option<f64>, b: f64, tol: f64) {
    let a = a.unwrap_or(f64::NAN);
    assert!(
        (a - b).abs() <= tol * b.abs().max(1e-300),
        "got {a:e}, want {b:e}"
    );
}
const EXACT: f64 = 1e-9;
const PVAL: f64 = 1e-7;

#[test]
fn pearson_matches_scipy() {
    // r = stats.pearsonr([1..8], [2,1,4,3,7,8,6,9]) (the 9th pair has a missing y)
    // -> statistic 0.8964214570007951, pvalue 0.002566766096253243
    let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0];
    let y = [2.0, 1.0, 4.0, 3.0, 7.0, 8.0, 6.0, 9.0, f64::NAN];
    let c = pearson(&x, &y);
    assert_eq!(c.n, 8);
    close(c.r, 0.8964214570007951, EXACT);
    close(c.p, 0.002566766096253243, PVAL);
}

#[test]
fn pearson_degenerate_inputs_explain() {
    let c = pearson(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]);
    assert!(c.r.is_none() && c.p.is_none());
    assert_eq!(
        c.undefined.map(|u| u.code).as_deref(),
        Some("zero_variance")
    );
    let c = pearson(&[1.0, 2.0], &[3.0, 5.0]);
    assert!(c.r.is_none());
    assert_eq!(
        c.undefined.map(|u| u.code).as_deref(),
        Some("too_few_observations")
    );
    // Perfect correlation: scipy pearsonr([1,2,3,4],[2,4,6,8]) -> 1.0, 0.0 (r may be
    // one ulp below 1 here, giving p ~ 1e-16 rather than exactly 0).
    let c = pearson(&[1.0, 2.0, 3.0, 4.0], &[2.0, 4.0, 6.0, 8.0]);
    close(c.r, 1.0, EXACT);
    assert!(c.p.is_some_and(|p| p < 1e-12), "{:?}", c.p);
}

#[test]
fn welch_matches_scipy() {
    // stats.ttest_ind([4.1,5.3,6.0,5.5,4.8,6.2], [3.0,3.9,5.1,2.8,4.4,3.6,4.0,3.3,2.9],
    //                 equal_var=False)
    // -> statistic 4.0504435645951, pvalue 0.0020118945295251028, df 10.731366931586004
    let a = [4.1, 5.3, 6.0, 5.5, 4.8, 6.2];
    let b = [3.0, 3.9, 5.1, 2.8, 4.4, 3.6, 4.0, 3.3, 2.9, f64::NAN];
    let w = welch(&a, &b);
    assert_eq!(w.n, [6, 9]);
    close(w.t, 4.0504435645951, EXACT);
    close(w.df, 10.731366931586004, EXACT);
    close(w.p, 0.0020118945295251028, PVAL);
    // One constant group is fine: ttest_ind([3,3,3],[1,2,4,6], equal_var=False)
    // -> statistic -0.22549380840084865, pvalue 0.8360832258079628, df 3.0
    let w = welch(&[3.0, 3.0, 3.0], &[1.0, 2.0, 4.0, 6.0]);
    close(w.t, -0.22549380840084865, EXACT);
    close(w.df, 3.0, EXACT);
    close(w.p, 0.8360832258079628, PVAL);
}

#[test]
fn welch_degenerate_inputs_explain() {
    let w = welch(&[1.0], &[2.0, 3.0]);
    assert!(w.t.is_none());
    assert_eq!(
        w.undefined.map(|u| u.code).as_deref(),
        Some("too_few_observations")
    );
    let w = welch(&[2.0, 2.0], &[5.0, 5.0, 5.0]);
    assert!(w.t.is_none() && w.p.is_none());
    assert_eq!(w.mean_difference, Some(-3.0));
    assert_eq!(
        w.undefined.map(|u| u.code).as_deref(),
        Some("zero_variance")
    );
}

#[test]
fn anova_matches_scipy() {
    // stats.f_oneway([0.5,-0.2,0.1,0.9,0.3], [-0.6,-1.1,-0.4,0.0,-0.8,-0.3,-0.9],
    //                [0.2,-0.1,0.4,-0.5])
    // -> statistic 8.1317343794276, pvalue 0.00512287858629402
    let a = one_way_anova(&[
        vec![0.5, -0.2, 0.1, 0.9, 0.3],
        vec![-0.6, -1.1, -0.4, 0.0, -0.8, -0.3, -0.9, f64::NAN],
        vec![0.2, -0.1, 0.4, -0.5],
        vec![f64::NAN],
    ]);
    assert_eq!((a.groups, a.n), (3, 16));
    assert_eq!((a.df_between, a.df_within), (Some(2), Some(13)));
    close(a.f, 8.1317343794276, EXACT);
    close(a.p, 0.00512287858629402, PVAL);
}

#[test]
fn anova_degenerate_inputs_explain() {
    let code = |g: &[Vec<f64>]| one_way_anova(g).undefined.map(|u| u.code);
    assert_eq!(
        code(&[vec![1.0, 2.0], vec![]]).as_deref(),
        Some("too_few_observations")
    );
    assert_eq!(
        code(&[vec![1.0], vec![2.0]]).as_deref(),
        Some("too_few_observations")
    );
    assert_eq!(
        code(&[vec![3.0, 3.0], vec![3.0, 3.0]]).as_deref(),
        Some("zero_variance")
    );
    assert_eq!(
        code(&[vec![1.0, 1.0], vec![2.0, 2.0]]).as_deref(),
        Some("zero_within_variance")
    );
}

fn design() -> (Vec<f64>, Vec<Vec<f64>>) {
    let rows = [
        [5.0, 4.2, 3.1],
        [6.1, 5.0, 4.4],
        [4.4, 3.8, 4.0],
        [6.8, 6.1, 5.2],
        [5.5, 4.9, 3.3],
        [3.9, 3.0, 2.8],
        [6.2, 5.5, 5.9],
        [4.8, 4.6, 3.7],
        [5.9, 4.1, 4.8],
        [6.5, 6.3, 4.1],
        [4.1, 3.5, 3.9],
        [5.2, 5.8, 4.5],
    ];
    let y = vec![5.0, 6.0, 4.0, 7.0, 5.0, 3.0, 7.0, 5.0, 6.0, 6.0, 4.0, 6.0];
    let xs = (0..3)
        .map(|j| rows.iter().map(|r| r[j]).collect())
        .collect();
    (y, xs)
}

/// The fit from the rows and the fit from their moments (the stream's), which
/// must both give statsmodels' numbers.
fn both_fits(y: &[f64], xs: &[Vec<f64>]) -> [Result<gapscope::stats::ols::OlsFit, OlsError>; 2] {
    let mut cols: Vec<&[f64]> = xs.iter().map(Vec::as_slice).collect();
    cols.push(y);
    let m = gapscope::stats::comoments::CoMoments::of(&cols);
    [ols(y, xs), gapscope::stats::ols::ols_from(&m)]
}

#[test]
fn ols_matches_statsmodels() {
    // m = sm.OLS(y, sm.add_constant(X)).fit() on the 12 × 3 design above:
    // params   [-1.3447982384115325, 0.6023516378457126, 0.2865835190532078, 0.50439013081393]
    // bse      [0.6159160210855991, 0.22795652103535224, 0.18624232198171664, 0.16160884603792122]
    // tvalues  [-2.1834116866147153, 2.642397046199428, 1.538766892529087, 3.121055209413325]
    // pvalues  [0.06053962724344914, 0.02960299728775103, 0.16242210833728354, 0.0142060075321226]
    // rsquared 0.9411062595714741, rsquared_adj 0.9190211069107769
    // fvalue 42.61262188358192, f_pvalue 2.889960330134933e-05
    // variance_inflation_factor(add_constant(X), i), i = 1..3:
    //          [4.25498598023549, 3.462156950391878, 1.8538686469094676]
    // params[1:] * X.std(ddof=1) / y.std(ddof=1):
    //          [0.46766699087809327, 0.24566075657523698, 0.36461162089661364]
    let (y, xs) = design();
    for fit in both_fits(&y, &xs) {
        let fit = fit.expect("full rank");
        let params = [
            -1.3447982384115325,
            0.6023516378457126,
            0.2865835190532078,
            0.50439013081393,
        ];
        let bse = [
            0.6159160210855991,
            0.22795652103535224,
            0.18624232198171664,
            0.16160884603792122,
        ];
        let tv = [
            -2.1834116866147153,
            2.642397046199428,
            1.538766892529087,
            3.121055209413325,
        ];
        let pv = [
            0.06053962724344914,
            0.02960299728775103,
            0.16242210833728354,
            0.0142060075321226,
        ];
        let coefs: Vec<_> = std::iter::once(&fit.intercept).chain(&fit.slopes).collect();
        for (i, c) in coefs.iter().enumerate() {
            close(Some(c.estimate), params[i], EXACT);
            close(c.se, bse[i], EXACT);
            close(c.t, tv[i], EXACT);
            close(c.p, pv[i], PVAL);
        }
        close(Some(fit.r2), 0.9411062595714741, EXACT);
        close(Some(fit.adj_r2), 0.9190211069107769, EXACT);
        close(fit.f, 42.61262188358192, EXACT);
        close(fit.f_p, 2.889960330134933e-05, PVAL);
        assert_eq!((fit.df_model, fit.df_resid), (3, 8));
        for (v, w) in fit
            .vif
            .iter()
            .zip([4.25498598023549, 3.462156950391878, 1.8538686469094676])
        {
            close(Some(*v), w, EXACT);
        }
        for (b, w) in fit.beta_std.iter().zip([
            0.46766699087809327,
            0.24566075657523698,
            0.36461162089661364,
        ]) {
            close(Some(*b), w, EXACT);
        }
    }
}

#[test]
fn ols_near_collinear_matches_statsmodels() {
    // x3 = x1 + x2 + small noise; m2 = sm.OLS(y2, add_constant([x1,x2,x3])).fit()
    // params  [1.0743923282399739, 0.7875113858498155, 0.00618008576487039, 0.09034991658905778]
    // bse     [0.2961493012509912, 1.0081012395680944, 0.9870075121311759, 1.0019995998820823]
    // pvalues [0.0109930799493676, 0.46439275119169693, 0.9952071219369475, 0.9310871878326897]
    // VIF     [573.0484781340617, 365.5462879570935, 1242.6027233928583]
    let x1: Vec<f64> = (1..=10).map(f64::from).collect();
    let x2 = vec![3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0];
    let noise = [0.1, -0.2, 0.05, 0.15, -0.1, 0.0, 0.2, -0.05, -0.15, 0.1];
    let x3: Vec<f64> = (0..10).map(|i| x1[i] + x2[i] + noise[i]).collect();
    let y = vec![2.0, 3.1, 3.9, 5.2, 5.8, 7.5, 7.0, 8.8, 9.1, 10.4];
    for fit in both_fits(&y, &[x1, x2, x3]) {
        let fit = fit.expect("nearly but not exactly collinear");
        let params = [
            1.0743923282399739,
            0.7875113858498155,
            0.00618008576487039,
            0.09034991658905778,
        ];
        let bse = [
            0.2961493012509912,
            1.0081012395680944,
            0.9870075121311759,
            1.0019995998820823,
        ];
        let pv = [
            0.0109930799493676,
            0.46439275119169693,
            0.9952071219369475,
            0.9310871878326897,
        ];
        let coefs: Vec<_> = std::iter::once(&fit.intercept).chain(&fit.slopes).collect();
        for (i, c) in coefs.iter().enumerate() {
            // Ill-conditioned (VIF ~ 1e3): allow the condition number on top of 1e-9.
            close(Some(c.estimate), params[i], 1e-8);
            close(c.se, bse[i], 1e-8);
            close(c.p, pv[i], PVAL);
        }
        for (v, w) in fit
            .vif
            .iter()
            .zip([573.0484781340617, 365.5462879570935, 1242.6027233928583])
        {
            close(Some(*v), w, 1e-8);
        }
    }
}

#[test]
fn ols_degenerate_designs_explain() {
    let (y, xs) = design();
    // Perfect collinearity: x3 = 2·x1 − x2.
    let mut bad = xs.clone();
    bad[2] = (0..12).map(|i| 2.0 * xs[0][i] - xs[1][i]).collect();
    // A constant predictor.
    let mut flat = xs.clone();
    flat[1] = vec![4.0; 12];
    let short: Vec<Vec<f64>> = xs.iter().map(|c| c[..4].to_vec()).collect();
    let exact: Vec<f64> = (0..12).map(|i| 1.0 + 2.0 * xs[0][i] - xs[2][i]).collect();
    for k in 0..2 {
        assert_eq!(
            both_fits(&y, &bad)[k].as_ref().err(),
            Some(&OlsError::Collinear(2))
        );
        assert_eq!(
            both_fits(&y, &flat)[k].as_ref().err(),
            Some(&OlsError::ConstantPredictor(1))
        );
        // n ≤ k + 1.
        assert_eq!(
            both_fits(&y[..4], &short)[k].as_ref().err(),
            Some(&OlsError::TooFew { n: 4, need: 5 })
        );
        // Constant response.
        assert_eq!(
            both_fits(&[5.0; 12], &xs)[k].as_ref().err(),
            Some(&OlsError::ConstantResponse)
        );
        assert_eq!(
            both_fits(&y, &[])[k].as_ref().err(),
            Some(&OlsError::NoPredictors)
        );
        // Perfect fit: coefficients, no SE / p.
        let [a, b] = both_fits(&exact, &xs);
        let fit = [a, b][k].clone().expect("exact fit is still a fit");
        assert!(fit.perfect_fit);
        close(Some(fit.slopes[0].estimate), 2.0, EXACT);
        assert!(fit.slopes[0].se.is_none() && fit.f.is_none());
    }
}
