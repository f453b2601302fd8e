//! Sufficient statistics: the counts, means and variances from which the gap
//! analysis (METHODS.md §2–3) and the reliability section (§4) follow without
//! the answers themselves. A warehouse computes them with one query
//! ([`sql::query`], `gapscope sql`); [`read::analyse`] turns the query's result
//! into the report (`gapscope analyze --summaries`). docs/scale.md.
//!
//! Each statistic is a named column of the result. The names are made here
//! from the survey structure, and both sides make them the same way, so the
//! result needs no other description than the structure it was made for.

pub mod accumulate;
pub(crate) mod extras;
pub mod read;
pub(crate) mod sections;
pub mod sql;

use crate::model::config::{Column, Role, Scale, SurveyConfig};

/// The longest column name every dialect keeps whole (PostgreSQL: 63 bytes).
const MAX_NAME: usize = 63;

/// An item as the statistics see it: its answer columns (E and P).
pub(crate) struct ItemSpec<'a> {
    pub id: &'a str,
    pub e: Option<&'a Column>,
    pub p: Option<&'a Column>,
    pub importance: Option<&'a Column>,
}

/// A dimension: its items (positions in `Layout::items`) and how many paired
/// answers a respondent needs for a score (METHODS.md §2, `min_items`).
pub(crate) struct DimSpec<'a> {
    pub id: &'a str,
    pub items: Vec<usize>,
    pub need: usize,
}

/// A reliability scale (§4): one side of a dimension's items, or of all items.
pub(crate) struct ScaleSpec {
    /// Dimension position; `None` for the scale of all items.
    pub dimension: Option<usize>,
    pub side: Side,
    pub items: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Side {
    E,
    P,
}

impl Side {
    fn letter(self) -> &'static str {
        match self {
            Side::E => "E",
            Side::P => "P",
        }
    }
}

/// What the statistics are computed over, in survey order.
pub(crate) struct Layout<'a> {
    pub config: &'a SurveyConfig,
    /// The segment columns in the structure's order, then the (last) wave
    /// column, as `model::survey` binds them.
    pub groupings: Vec<(&'a Column, crate::analyses::compare::GroupingKind)>,
    pub items: Vec<ItemSpec<'a>>,
    pub dims: Vec<DimSpec<'a>>,
    pub scales: Vec<ScaleSpec>,
}

impl<'a> Layout<'a> {
    pub fn new(config: &'a SurveyConfig) -> Layout<'a> {
        let column = |item: &str, role: Role| {
            config
                .columns
                .iter()
                .find(|c| c.role == role && c.item.as_deref() == Some(item))
        };
        let items: Vec<ItemSpec> = config
            .items
            .iter()
            .map(|it| ItemSpec {
                id: &it.id,
                e: column(&it.id, Role::Expectation),
                p: column(&it.id, Role::Perception),
                importance: column(&it.id, Role::Importance),
            })
            .collect();
        let dims: Vec<DimSpec> = config
            .dimensions
            .iter()
            .map(|d| {
                let members: Vec<usize> = config
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, it)| it.dimension == d.id)
                    .map(|(i, _)| i)
                    .collect();
                let need = config.min_items.unwrap_or(members.len().div_ceil(2)).max(1);
                DimSpec {
                    id: &d.id,
                    items: members,
                    need,
                }
            })
            .collect();
        let mut scales = Vec::new();
        let with_side = |members: &[usize], side: Side| -> Vec<usize> {
            members
                .iter()
                .copied()
                .filter(|&i| match side {
                    Side::E => items[i].e.is_some(),
                    Side::P => items[i].p.is_some(),
                })
                .collect()
        };
        for (d, dim) in dims.iter().enumerate() {
            for side in [Side::E, Side::P] {
                let members = with_side(&dim.items, side);
                if !members.is_empty() {
                    scales.push(ScaleSpec {
                        dimension: Some(d),
                        side,
                        items: members,
                    });
                }
            }
        }
        if dims.len() > 1 {
            let all: Vec<usize> = dims.iter().flat_map(|d| d.items.clone()).collect();
            for side in [Side::E, Side::P] {
                let members = with_side(&all, side);
                if !members.is_empty() {
                    scales.push(ScaleSpec {
                        dimension: None,
                        side,
                        items: members,
                    });
                }
            }
        }
        use crate::analyses::compare::GroupingKind;
        let mut groupings: Vec<(&Column, GroupingKind)> = config
            .columns
            .iter()
            .filter(|c| c.role == Role::Segment)
            .map(|c| (c, GroupingKind::Segment))
            .collect();
        if config.waves.is_none() {
            groupings.extend(
                config
                    .columns
                    .iter()
                    .rev()
                    .find(|c| c.role == Role::Wave)
                    .map(|c| (c, GroupingKind::Wave)),
            );
        }
        Layout {
            config,
            groupings,
            items,
            dims,
            scales,
        }
    }

    /// The scale a column's answers are checked against.
    pub fn scale_of(&self, c: &Column) -> Scale {
        c.scale.unwrap_or(self.config.scale)
    }

    /// The name of scale `s`'s variables: `RE/<dimension>` or `RP/*`.
    pub fn scale_key(&self, s: &ScaleSpec) -> String {
        let dim = s
            .dimension
            .and_then(|d| self.dims.get(d))
            .map_or("*", |d| d.id);
        format!("R{}/{dim}", s.side.letter())
    }
}

/// The respondent's overall gap score (the mean of their dimension gaps),
/// which group comparisons test.
pub(crate) const OVERALL_GAP: &str = "OG";

/// The variables whose count, mean and variance are computed.
pub(crate) fn item_var(kind: &str, item: &str) -> String {
    format!("{kind}/{item}")
}

/// Column name of a statistic (`n`, `mean`, `var`) of a variable: readable,
/// and cut to a hash-tagged prefix where it would pass PostgreSQL's limit.
pub(crate) fn stat_name(stat: &str, var: &str) -> String {
    let full = format!("{stat}:{var}");
    if full.len() <= MAX_NAME {
        return full;
    }
    let mut cut = MAX_NAME - 9;
    while !full.is_char_boundary(cut) {
        cut -= 1;
    }
    // FNV-1a: stable across builds and platforms, unlike std's hasher.
    let mut h: u32 = 0x811c_9dc5;
    for b in full.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    format!("{}~{h:08x}", &full[..cut])
}

/// The statistics every result has besides the variables': the rows read and
/// the respondents with a score (the report's `respondents`).
pub(crate) const ROWS: &str = "rows";
pub(crate) const ANALYSED: &str = "analysed";
/// The grouping of a result row: empty for the whole table.
pub(crate) const SCOPE: &str = "scope";
pub(crate) const GROUP: &str = "group";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_to_postgres_limit_and_stay_distinct() {
        let a = stat_name(
            "var",
            &format!("RE/{}/rest", "服务人员的专业知识".repeat(3)),
        );
        let b = stat_name(
            "var",
            &format!("RE/{}/rest", "服务人员的专业知识".repeat(4)),
        );
        assert!(a.len() <= MAX_NAME && b.len() <= MAX_NAME, "{a} {b}");
        assert_ne!(a, b);
        assert_eq!(stat_name("n", "G/Q1"), "n:G/Q1");
    }
}
