//! Built-in survey structures a user can start from and download as an empty
//! questionnaire layout (docs/inputs.md): the 22-item SERVQUAL (PZB 1988, in
//! this tool's own wording, Chinese and English), a bank-branch indicator
//! system with three indicators per dimension (after the case in the project's
//! source document on service-quality indicator systems) and an after-sales
//! service survey.
//!
//! A template gives a [`SurveyConfig`], the header row of the data table (which
//! the detector reads back into the same structure) and a questionnaire sheet
//! (item, dimension, statement, how expectations and perceptions are asked).
//!
//! The page does not get them from the wasm module (they would cost its first
//! load ~7 KB gzipped): they are static JSON in www/templates/ — `index.json`
//! ([`list`]) and `<id>.<en|zh>.json` ([`build`]) — written from this module and
//! checked by the test below (`UPDATE_TEMPLATES=1 cargo test --lib templates`).

use crate::common::diag::Text;
use crate::model::config::{self, Column, Dimension, Item, Role, Scale, SurveyConfig};
use serde::Serialize;

/// Interface language of a template's headers and questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

/// What the template list shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub id: &'static str,
    pub name: Text,
    pub description: Text,
    pub items: usize,
}

/// A template made concrete in one language.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Template {
    pub id: &'static str,
    pub config: SurveyConfig,
    /// The data table's header row.
    pub header: Vec<String>,
    /// The questionnaire sheet: a header row, then one row per item.
    pub questionnaire: Vec<Vec<String>>,
    /// The empty data table as CSV (header row only).
    pub csv: String,
}

/// (dimension id, English statement, Chinese statement)
type Statement = (&'static str, &'static str, &'static str);

/// The 22 SERVQUAL items, worded for this tool after the meaning of
/// Parasuraman, Zeithaml & Berry (1988); not their published text.
const SERVQUAL22: [Statement; 22] = [
    ("tangibles", "Equipment is up to date.", "设备先进、现代化"),
    (
        "tangibles",
        "The premises look attractive.",
        "营业场所外观美观、吸引人",
    ),
    (
        "tangibles",
        "Staff are neatly presented.",
        "员工着装整洁得体",
    ),
    (
        "tangibles",
        "Brochures, statements and other materials are clear and attractive.",
        "宣传资料、单据等材料清晰美观",
    ),
    (
        "reliability",
        "What is promised by a certain time is done by then.",
        "承诺在某时间完成的事能按时完成",
    ),
    (
        "reliability",
        "When you have a problem, staff genuinely try to solve it.",
        "遇到问题时，员工真心实意地帮助解决",
    ),
    (
        "reliability",
        "The service is done right the first time.",
        "第一次就把服务做好",
    ),
    (
        "reliability",
        "Services are delivered at the time promised.",
        "在承诺的时间提供服务",
    ),
    (
        "reliability",
        "Records are kept free of errors.",
        "记录准确无误",
    ),
    (
        "responsiveness",
        "You are told exactly when a service will be performed.",
        "明确告知何时提供服务",
    ),
    (
        "responsiveness",
        "You are served promptly.",
        "提供及时的服务",
    ),
    (
        "responsiveness",
        "Staff are always willing to help you.",
        "员工总是乐于帮助顾客",
    ),
    (
        "responsiveness",
        "Staff are never too busy to respond to your requests.",
        "员工再忙也会回应顾客的请求",
    ),
    (
        "assurance",
        "Staff's conduct gives you confidence.",
        "员工的言行让人信赖",
    ),
    (
        "assurance",
        "You feel safe in your dealings.",
        "与其往来让人感到安全",
    ),
    (
        "assurance",
        "Staff are courteous to you at all times.",
        "员工始终以礼相待",
    ),
    (
        "assurance",
        "Staff know enough to answer your questions.",
        "员工具备回答问题的专业知识",
    ),
    (
        "empathy",
        "You are given individual attention.",
        "给予顾客个别的关注",
    ),
    (
        "empathy",
        "Opening hours suit all customers.",
        "营业时间方便所有顾客",
    ),
    (
        "empathy",
        "Staff give you personal care.",
        "员工给予顾客个性化的关心",
    ),
    (
        "empathy",
        "Your best interests are taken to heart.",
        "把顾客的利益放在心上",
    ),
    (
        "empathy",
        "Staff understand your specific needs.",
        "员工了解顾客的具体需求",
    ),
];

/// Bank branch: three indicators per dimension, after the bank case in the
/// source document (可靠性: 业务办理准确率、系统故障修复时间、贷款审批按时完成率 …),
/// phrased as statements a customer can rate.
const BANK: [Statement; 15] = [
    (
        "tangibles",
        "The branch is clean and tidy.",
        "营业网点环境整洁",
    ),
    (
        "tangibles",
        "Facilities and equipment are kept up to date and in good repair.",
        "设施设备更新及时、维护良好",
    ),
    (
        "tangibles",
        "Staff are well presented and courteous in manner.",
        "员工形象端庄、举止礼貌",
    ),
    (
        "reliability",
        "Transactions are handled accurately.",
        "业务办理准确无误",
    ),
    (
        "reliability",
        "System failures are fixed quickly.",
        "系统故障修复及时",
    ),
    (
        "reliability",
        "Loan applications are decided on time.",
        "贷款审批按时完成",
    ),
    (
        "responsiveness",
        "Enquiries are answered promptly.",
        "咨询响应及时",
    ),
    (
        "responsiveness",
        "Waiting time in the branch is short.",
        "网点排队等待时间短",
    ),
    (
        "responsiveness",
        "Faults in self-service machines are dealt with promptly.",
        "自助设备故障处理及时",
    ),
    (
        "assurance",
        "Staff are professionally qualified.",
        "员工具备专业资质",
    ),
    (
        "assurance",
        "Service promises are kept.",
        "服务承诺得到兑现",
    ),
    (
        "assurance",
        "Your privacy is protected.",
        "客户隐私得到保护",
    ),
    (
        "empathy",
        "Complaints are handled to your satisfaction.",
        "投诉处理令人满意",
    ),
    (
        "empathy",
        "Products are recommended to suit your situation.",
        "能根据您的情况推荐合适的服务",
    ),
    (
        "empathy",
        "The bank keeps in touch and cares about you as a customer.",
        "经常开展客户关怀活动",
    ),
];

/// After-sales service: response, problem solving, attitude and expertise
/// (the indicators of the after-sales source document), in the five dimensions.
const AFTER_SALES: [Statement; 15] = [
    (
        "tangibles",
        "Service outlets are easy to reach and well equipped.",
        "服务网点便于到达、设施齐全",
    ),
    (
        "tangibles",
        "Technicians bring the right tools and parts.",
        "技术人员携带合适的工具和配件",
    ),
    (
        "tangibles",
        "Service documents and invoices are clear.",
        "服务单据与发票清晰明了",
    ),
    (
        "reliability",
        "The problem is fixed on the first visit.",
        "问题一次修好",
    ),
    (
        "reliability",
        "Technicians arrive at the agreed time.",
        "技术人员按约定时间上门",
    ),
    (
        "reliability",
        "Repairs last; the same fault does not come back.",
        "维修质量可靠，同一故障不再复发",
    ),
    (
        "responsiveness",
        "Your request is acknowledged quickly.",
        "报修后很快得到受理",
    ),
    (
        "responsiveness",
        "The time from request to repair is short.",
        "从报修到修复用时短",
    ),
    (
        "responsiveness",
        "You are kept informed of progress.",
        "及时告知处理进度",
    ),
    (
        "assurance",
        "Technicians have the expertise to diagnose the problem.",
        "技术人员具备诊断问题的专业知识",
    ),
    (
        "assurance",
        "Explanations of the fault and the repair are clear and credible.",
        "对故障和维修的解释清楚可信",
    ),
    (
        "assurance",
        "Warranty terms are honoured.",
        "保修条款得到兑现",
    ),
    (
        "empathy",
        "Staff are friendly and patient.",
        "服务人员态度友好、耐心",
    ),
    (
        "empathy",
        "Staff understand how the fault affects you.",
        "服务人员理解故障给您带来的不便",
    ),
    (
        "empathy",
        "Service times fit your schedule.",
        "服务时间能配合您的安排",
    ),
];

struct Spec {
    id: &'static str,
    name: (&'static str, &'static str),
    description: (&'static str, &'static str),
    statements: &'static [Statement],
    scale: Scale,
    /// Items numbered 1–22 across dimensions (SERVQUAL) rather than per dimension.
    servqual_numbering: bool,
    segment: Option<(&'static str, &'static str)>,
    overall: bool,
    recommend: bool,
}

const SPECS: [Spec; 3] = [
    Spec {
        id: "servqual22",
        name: ("SERVQUAL, 22 items", "SERVQUAL 22 项量表"),
        description: (
            "The standard five dimensions and 22 items (PZB 1988), each asked as expectation and perception on a 7-point scale.",
            "标准五维度 22 个题项（PZB 1988），每项分别询问期望与感知，7 级量表。",
        ),
        statements: &SERVQUAL22,
        scale: Scale::LIKERT7,
        servqual_numbering: true,
        segment: None,
        overall: true,
        recommend: false,
    },
    Spec {
        id: "bank_branch",
        name: ("Bank branch indicator system", "银行网点服务质量指标体系"),
        description: (
            "Five dimensions with three indicators each (accuracy, fault repair, loan approval; response, queueing, self-service …), expectation and perception on a 5-point scale, by branch.",
            "五个维度各三项指标（业务准确率、故障修复、贷款审批；咨询响应、排队等待、自助设备……），期望与感知 5 级量表，按网点分组。",
        ),
        statements: &BANK,
        scale: Scale::LIKERT5,
        servqual_numbering: false,
        segment: Some(("Branch", "网点")),
        overall: true,
        recommend: false,
    },
    Spec {
        id: "after_sales",
        name: ("After-sales service survey", "售后服务质量调查"),
        description: (
            "Response speed, problem solving, service attitude and expertise in the five dimensions (15 items), with overall satisfaction and likelihood to recommend (0–10).",
            "涵盖响应速度、问题解决能力、服务态度与专业水平的五维度 15 项量表，另含总体满意度与推荐意愿（0–10）。",
        ),
        statements: &AFTER_SALES,
        scale: Scale::LIKERT5,
        servqual_numbering: false,
        segment: Some(("Service outlet", "服务网点")),
        overall: true,
        recommend: true,
    },
];

/// The built-in templates.
pub fn list() -> Vec<TemplateInfo> {
    SPECS
        .iter()
        .map(|s| TemplateInfo {
            id: s.id,
            name: Text::new(s.name.0, s.name.1),
            description: Text::new(s.description.0, s.description.1),
            items: s.statements.len(),
        })
        .collect()
}

fn dim_code(id: &str) -> &'static str {
    match id {
        "tangibles" => "T",
        "reliability" => "R",
        "responsiveness" => "RS",
        "assurance" => "A",
        _ => "EM",
    }
}

fn dim_name(id: &str, lang: Lang) -> String {
    config::SERVQUAL_DIMENSIONS
        .iter()
        .find(|d| d.0 == id)
        .map(|d| match lang {
            Lang::En => d.1,
            Lang::Zh => d.2,
        })
        .unwrap_or(id)
        .to_string()
}

/// A template in one language, or `None` for an unknown id.
pub fn build(id: &str, lang: Lang) -> Option<Template> {
    let spec = SPECS.iter().find(|s| s.id == id)?;
    let l = |en: &'static str, zh: &'static str| match lang {
        Lang::En => en.to_string(),
        Lang::Zh => zh.to_string(),
    };
    // Item ids and their per-dimension numbers.
    let mut per_dim: Vec<(&str, usize)> = Vec::new();
    let mut items: Vec<(String, usize, &Statement)> = Vec::new(); // id, number in dim, statement
    for (n, st) in spec.statements.iter().enumerate() {
        let k = match per_dim.iter_mut().find(|(d, _)| *d == st.0) {
            Some((_, k)) => {
                *k += 1;
                *k
            }
            None => {
                per_dim.push((st.0, 1));
                1
            }
        };
        let id = if spec.servqual_numbering {
            format!("Q{}", n + 1)
        } else {
            format!("{}{k}", dim_code(st.0))
        };
        items.push((id, k, st));
    }
    // Headers the detector reads back: E1/期望1 (numbered 1–22) or
    // E_T1 / 有形性_期望1 (numbered within the dimension).
    let side_header = |side: Role, n: usize, k: usize, dim: &str| -> String {
        let (e, p) = (side == Role::Expectation, side == Role::Perception);
        match (spec.servqual_numbering, lang) {
            (true, Lang::En) => format!("{}{}", if e { "E" } else { "P" }, n + 1),
            (true, Lang::Zh) => format!("{}{}", if e { "期望" } else { "感知" }, n + 1),
            (false, Lang::En) => format!("{}_{}{k}", if e { "E" } else { "P" }, dim_code(dim)),
            (false, Lang::Zh) => {
                let _ = p;
                format!(
                    "{}_{}{k}",
                    dim_name(dim, Lang::Zh),
                    if e { "期望" } else { "感知" }
                )
            }
        }
    };
    let mut columns: Vec<Column> = Vec::new();
    let id_header = l("respondent", "受访者编号");
    columns.push(Column::new(&id_header, Role::Id));
    if let Some((en, zh)) = spec.segment {
        columns.push(Column::new(&l(en, zh), Role::Segment));
    }
    for side in [Role::Expectation, Role::Perception] {
        for (n, (id, k, st)) in items.iter().enumerate() {
            let mut c = Column::new(&side_header(side, n, *k, st.0), side);
            c.item = Some(id.clone());
            columns.push(c);
        }
    }
    if spec.overall {
        columns.push(Column::new(
            &l("Overall satisfaction", "总体满意度"),
            Role::Overall,
        ));
    }
    if spec.recommend {
        let mut c = Column::new(
            &l("Likelihood to recommend (0-10)", "推荐意愿(0-10)"),
            Role::Recommend,
        );
        c.scale = Some(Scale::ZERO_TEN);
        columns.push(c);
    }
    let dims: Vec<&str> = per_dim.iter().map(|d| d.0).collect();
    let config = SurveyConfig {
        version: 1,
        scale: spec.scale,
        dimensions: config::servqual_dimensions()
            .into_iter()
            .filter(|d| dims.contains(&d.id.as_str()))
            .collect::<Vec<Dimension>>(),
        items: items
            .iter()
            .map(|(id, _, st)| Item {
                id: id.clone(),
                dimension: st.0.to_string(),
                label: Some(Text::new(st.1, st.2)),
            })
            .collect(),
        columns,
        weighting: Default::default(),
        min_items: None,
        missing_codes: Vec::new(),
        alpha: 0.05,
        analyses: Default::default(),
        labels: Vec::new(),
        waves: None,
        exclude: Default::default(),
        quality: Default::default(),
    };
    let header: Vec<String> = config.columns.iter().map(|c| c.name.clone()).collect();
    let (lo, hi) = (spec.scale.min, spec.scale.max);
    let ask_e = match lang {
        Lang::En => format!("How far should an excellent provider of this service do this? ({lo} = not at all, {hi} = fully)"),
        Lang::Zh => format!("您认为优秀的服务提供者应在多大程度上做到这一点？（{lo} = 完全不需要，{hi} = 完全应该）"),
    };
    let ask_p = match lang {
        Lang::En => format!(
            "How far does this provider actually do this? ({lo} = not at all, {hi} = fully)"
        ),
        Lang::Zh => {
            format!("本机构实际在多大程度上做到了这一点？（{lo} = 完全没有，{hi} = 完全做到）")
        }
    };
    let mut questionnaire = vec![vec![
        l("Item", "题项"),
        l("Dimension", "维度"),
        l("Statement", "陈述"),
        l("Expectation column", "期望列"),
        l("Perception column", "感知列"),
        l("Expectation question", "期望问法"),
        l("Perception question", "感知问法"),
    ]];
    for (n, (id, k, st)) in items.iter().enumerate() {
        questionnaire.push(vec![
            id.clone(),
            dim_name(st.0, lang),
            l(st.1, st.2),
            side_header(Role::Expectation, n, *k, st.0),
            side_header(Role::Perception, n, *k, st.0),
            ask_e.clone(),
            ask_p.clone(),
        ]);
    }
    let csv = csv_line(&header);
    Some(Template {
        id: spec.id,
        config,
        header,
        questionnaire,
        csv,
    })
}

/// One CSV line (RFC 4180 quoting), CRLF-terminated as Excel writes it.
pub fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pretty<T: Serialize>(v: &T) -> String {
        serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
    }

    /// The static files of www/templates/ as this module makes them.
    fn static_files() -> Vec<(String, String)> {
        let mut out = vec![("index.json".to_string(), pretty(&list()))];
        for info in list() {
            for (lang, tag) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
                if let Some(t) = build(info.id, lang) {
                    out.push((format!("{}.{tag}.json", info.id), pretty(&t)));
                }
            }
        }
        out
    }

    #[test]
    fn static_files_are_up_to_date() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/templates");
        let update = std::env::var_os("UPDATE_TEMPLATES").is_some();
        for (name, fresh) in static_files() {
            let path = format!("{dir}/{name}");
            if update {
                std::fs::create_dir_all(dir).expect("www/templates");
                std::fs::write(&path, &fresh).expect("write template");
                continue;
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == fresh,
                "www/templates/{name} is out of date with src/model/templates.rs; \
                 regenerate with `UPDATE_TEMPLATES=1 cargo test --lib templates`"
            );
        }
    }

    #[test]
    fn every_template_reads_back_as_itself() {
        for info in list() {
            for lang in [Lang::En, Lang::Zh] {
                let t = build(info.id, lang).expect("template");
                assert!(t.config.validate().is_ok());
                // The header plus one answered row, through the detector.
                let mut row: Vec<String> = Vec::new();
                for c in &t.config.columns {
                    row.push(match c.role {
                        Role::Id => "1".into(),
                        Role::Segment => "A".into(),
                        Role::Recommend => "9".into(),
                        _ => "4".into(),
                    });
                }
                let text = format!("{}{}", t.csv, csv_line(&row));
                let (detected, _) = crate::Evaluator::detect_text(&text);
                let ids = |c: &SurveyConfig| {
                    let mut v: Vec<(String, String)> = c
                        .items
                        .iter()
                        .map(|i| (i.id.clone(), i.dimension.clone()))
                        .collect();
                    v.sort();
                    v
                };
                assert_eq!(ids(&detected), ids(&t.config), "{} {:?}", info.id, lang);
                let roles = |c: &SurveyConfig| {
                    c.columns
                        .iter()
                        .map(|x| (x.name.clone(), x.role))
                        .collect::<Vec<_>>()
                };
                assert_eq!(roles(&detected), roles(&t.config), "{} {:?}", info.id, lang);
            }
        }
        assert_eq!(
            build("servqual22", Lang::Zh).map(|t| t.config.items.len()),
            Some(22)
        );
        assert!(build("nope", Lang::En).is_none());
    }
}
