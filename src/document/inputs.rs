//! What the user gives the document beyond the data: the cover fields, the
//! edited action plan, the paper size and, for an intranet, its own catalogue.
//! The page keeps these with the rest of the work; the CLI reads them from
//! `--document FILE` (the same JSON).

use super::catalogue::Catalogue;
use super::plan::PlanRow;
use crate::report::markdown::Lang;
use serde::{Deserialize, Serialize};

/// Longest cover field kept, in characters (a title, not a paste of the data).
pub const COVER_FIELD_LIMIT: usize = 300;
/// Most plan rows taken.
pub const PLAN_ROW_LIMIT: usize = 200;
/// Longest plan cell kept, in characters.
pub const PLAN_CELL_LIMIT: usize = 2_000;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cover {
    pub title: String,
    pub organisation: String,
    pub author: String,
    /// The report's date as the user wrote it (shown as given).
    pub date: String,
    /// The survey period, e.g. "2026 Q3" or "2026年9月".
    pub period: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DocumentInputs {
    /// "zh" for Chinese; anything else is English.
    pub lang: String,
    pub cover: Cover,
    /// The plan as edited; `None` prefills it from the priorities.
    pub plan: Option<Vec<PlanRow>>,
    pub paper: Paper,
    /// A host's own catalogue instead of the built-in one.
    pub catalogue: Option<Catalogue>,
}

fn clip(s: &mut String, limit: usize) {
    if let Some((i, _)) = s.char_indices().nth(limit) {
        s.truncate(i);
    }
}

impl DocumentInputs {
    pub fn lang(&self) -> Lang {
        if self.lang.eq_ignore_ascii_case("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Parse the JSON the page or `--document` gives, clipping every field to
    /// its limit so that a pasted novel cannot make a novel-sized report.
    pub fn from_json(text: &str) -> Result<DocumentInputs, serde_json::Error> {
        let mut d: DocumentInputs = if text.trim().is_empty() {
            DocumentInputs::default()
        } else {
            serde_json::from_str(text)?
        };
        d.clip();
        Ok(d)
    }

    fn clip(&mut self) {
        let c = &mut self.cover;
        for f in [
            &mut c.title,
            &mut c.organisation,
            &mut c.author,
            &mut c.date,
            &mut c.period,
        ] {
            clip(f, COVER_FIELD_LIMIT);
        }
        if let Some(rows) = &mut self.plan {
            rows.truncate(PLAN_ROW_LIMIT);
            for r in rows {
                for f in r.cells_mut() {
                    clip(f, PLAN_CELL_LIMIT);
                }
            }
        }
    }
}
