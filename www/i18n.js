// Interface texts in English and Simplified Chinese. Messages about the data come
// from the engine already in both languages (report.diagnostics); this file holds
// only what the page itself says. Placeholders: {name}.

import * as inputTexts from './i18n-inputs.js';

const en = {
  'app.title': 'Gapscope — service quality gap analysis',
  tagline: 'Service quality gap analysis · SERVQUAL · SERVPERF',
  privacy: 'Runs entirely in your browser — your data never leaves this page.',
  'lang.label': 'Language',
  skip: 'Skip to results',

  'data.title': 'Survey data',
  'data.hint': 'Paste a table copied from Excel, WPS or Google Sheets, or CSV text — one row per respondent, header row first. Or open or drop a file: CSV, TSV or text (any encoding), Excel (.xlsx, .xls) or OpenDocument (.ods).',
  'data.label': 'Survey data (CSV, tab- or semicolon-separated)',
  'data.placeholder': 'id,E1,…,E22,P1,…,P22\n1,6,…,5,…',
  'data.analyze': 'Analyse',
  'data.open': 'Open file…',
  'data.demo': 'Load demo',
  'data.clear': 'Clear',
  'data.drop': 'Drop a CSV, TSV, text, Excel or OpenDocument file to analyse it',
  'source.demo': 'Demo: bank branch survey (1–7 scale, 22 items)',
  'source.text': 'Pasted or typed data · {size}',
  'source.file': 'File: {name} · {size}',
  'source.big': 'Large paste · {size} — kept in memory, not shown in the box so the page stays responsive.',
  'source.notShown': 'not shown in the box so the page stays responsive.',
  'source.none': 'No data yet.',
  'source.restored': '(restored)',

  'structure.title': 'Survey structure',
  'structure.detected': 'Detected from the headers',
  'structure.edited': 'Edited by you',
  'structure.summary': '{items} items in {dims} dimensions · {cols} columns',
  'structure.scale': 'Answer scale',
  'structure.custom': 'Custom',
  'structure.min': 'Min',
  'structure.max': 'Max',
  'structure.alpha': 'Significance level α',
  'structure.edit': 'Edit columns…',
  'structure.download': 'Download survey.json',
  'structure.load': 'Load survey.json…',
  'structure.reset': 'Reset to detected',
  'structure.panel': 'Columns and items',
  'structure.panelHint': 'Every change is analysed at once. The dimension of an item applies to both its expectation and perception column.',
  'structure.close': 'Close',
  'structure.col.header': 'Column header',
  'structure.col.role': 'Role',
  'structure.col.item': 'Item',
  'structure.col.dimension': 'Dimension',
  'structure.col.reverse': 'Reverse-coded',
  'structure.col.index': '#',
  'structure.addDim': 'New dimension id',
  'structure.addDimButton': 'Add dimension',
  'structure.none': 'Analyse some data to see its columns here.',

  'role.expectation': 'Expectation (E)',
  'role.perception': 'Perception (P)',
  'role.importance': 'Importance',
  'role.allocation': 'Points (100-point weights)',
  'role.overall': 'Overall satisfaction',
  'role.recommend': 'Recommend (0–10)',
  'role.effort': 'Effort',
  'role.segment': 'Segment (branch, team…)',
  'role.wave': 'Wave / period',
  'role.id': 'Respondent id',
  'role.duration': 'Duration',
  'role.text': 'Free text',
  'role.ignore': 'Ignore',

  'weights.title': 'Dimension weights',
  'weights.equal': 'Equal',
  'weights.equalHint': 'Every dimension counts the same.',
  'weights.direct': 'Typed in',
  'weights.directHint': 'Percentages or expert scores; they are normalised to add up to 100%.',
  'weights.allocation': "Respondents' 100-point allocation",
  'weights.allocationHint': 'Each respondent’s own points per dimension (PZB 1991).',
  'weights.allocationOff': 'Needs a points column for every dimension.',
  'weights.raw': 'Weight',
  'weights.normalised': 'Normalised',
  'weights.usedWith': 'Weights used ({method}):',

  'results.empty': 'Nothing analysed yet. Paste survey data, open a file or load the demo.',
  'results.overall': 'Overall service quality',
  'overall.servqual': 'SERVQUAL score',
  'overall.servqualSub': 'Mean gap P − E over the dimensions, unweighted',
  'overall.weighted': 'Weighted SERVQUAL',
  'overall.weightedSub': 'Gap weighted by: {method}',
  'overall.servperf': 'SERVPERF score',
  'overall.servperfSub': 'Mean perception, scale {min}–{max}',
  'overall.weightedServperf': 'Weighted SERVPERF',
  'overall.weightedServperfSub': 'Perception weighted by: {method}',
  'overall.undefined': 'Not defined',
  'method.equal': 'equal weights',
  'method.direct': 'typed-in weights',
  'method.allocation': "respondents' point allocation",
  'method.allocationN': "respondents' point allocation, n = {n}",
  'respondents.label': 'Respondents analysed: ',
  'respondents.value': '{analysed} of {total}',
  'respondents.all': 'All rows could be analysed.',
  'respondents.excluded': 'Not analysed:',
  'gap.reading': 'A negative gap means perception falls short of expectation.',
  'findings.worst': 'Largest gap: {dim} ({gap}).',
  'findings.items': '{sig} of {n} items fall significantly short of expectations (p < {alpha}).',

  'dims.title': 'Dimensions',
  'dims.itemCount': '({n} items)',
  'dims.chart': 'Expectation and perception by dimension',
  'dims.chartDesc': 'Mean expectation (E) and perception (P) per dimension; the line is the gap. Worst gap first.',
  'items.title': 'Items',
  'items.chart': 'Item gaps with 95% confidence intervals',
  'items.chartDesc': 'Mean gap P − E per item with its 95% confidence interval, worst first.',
  'chart.expectation': 'Expectation (E)',
  'chart.perception': 'Perception (P)',
  'chart.meanScore': 'Mean score (scale {min}–{max})',
  'chart.gapAxis': 'Gap P − E',
  'chart.significant': 'Significant gap (p < {alpha})',
  'chart.notSignificant': 'Not significant',
  'chart.ci': '95% confidence interval',
  'chart.partialAxis': 'Axis shows {lo}–{hi} of the {min}–{max} scale.',

  'col.dimension': 'Dimension',
  'col.item': 'Item',
  'col.items': 'Items',
  'col.e': 'E',
  'col.p': 'P',
  'col.gap': 'Gap',
  'col.sd': 'SD',
  'col.n': 'n',
  'col.ci': '95% CI',
  'col.t': 't',
  'col.df': 'df',
  'col.p_value': 'p',
  'col.p_holm': 'p (Holm)',
  'col.weight': 'Weight',
  'col.servperf': 'SERVPERF',
  'colTitle.e': 'Mean expectation',
  'colTitle.p': 'Mean perception',
  'colTitle.gap': 'Mean gap P − E',
  'colTitle.sd': 'Standard deviation of the gap',
  'colTitle.n': 'Respondents with a gap score',
  'colTitle.ci': '95% confidence interval of the mean gap',
  'colTitle.t': 'Paired t statistic (H0: gap = 0)',
  'colTitle.df': 'Degrees of freedom',
  'colTitle.p_value': 'Two-sided p-value',
  'colTitle.p_holm': 'p-value adjusted for testing all items (Holm)',
  'colTitle.weight': 'Weight in the weighted scores',
  'legend.sig': '* significant at α = {alpha} (two-sided paired t-test of H0: gap = 0). Sorted by gap, worst first.',
  'legend.undefined': '— not defined; the reason is given below and on hover.',
  'legend.sdNote': 'E and P show mean expectation and perception; SD, n, CI, t, df and p refer to the gap.',
  'undefined.generic': 'Not defined',
  'undefined.noAnswers': 'no answers',
  'undefined.oneAnswer': 'only one answer, so no standard deviation',
  'undefined.notes': 'Notes: ',

  'messages.title': 'Messages about the data',
  'messages.more': '… and {n} more of this kind (only the first {shown} are listed).',
  'messages.row': 'row {row}',
  'messages.column': 'column {column}',
  'severity.error': 'Error',
  'severity.warning': 'Warning',
  'severity.info': 'Note',
  'status.busy': 'Analysing…',
  'status.done': 'Analysed {n} rows in {ms} ms.',

  'msg.engineFailed': 'The analysis engine failed: {error}',
  'msg.inputNotKept': 'The data ({size}) is too large to keep for the next visit; it stays until you close or reload the page.',
  'msg.storageFull': 'Your settings could not be saved in this browser (storage is full or disabled).',
  'msg.demoFailed': 'The demo data could not be loaded: {error}',
  'msg.fileFailed': 'The file could not be read: {error}',
  'msg.fileType': '“{name}” does not look like a text table. Open a .csv, .tsv or .txt file, or copy the cells in Excel and paste them here.',
  'msg.excel': '“{name}” is an Excel workbook, which cannot be read directly. In Excel or WPS, select the cells, copy and paste them here — or save as CSV.',
  'msg.configInvalid': 'The survey configuration could not be used: {error}',
  'msg.configLoaded': 'Loaded the survey structure from “{name}”.',
  'msg.structureDropped': 'Your edited structure does not fit the columns of this data, so the structure was detected again.',
  'msg.dimExists': 'A dimension with the id “{id}” already exists.',
  'msg.dimInvalid': 'A dimension id needs at least one letter or digit.',
  'msg.nothing': 'Nothing could be analysed.',

  'footer.methods': 'Methods: SERVQUAL gap (Parasuraman, Zeithaml & Berry 1988, 1991), SERVPERF (Cronin & Taylor 1992), paired t-tests.',
  'footer.engine': 'Engine {version}',
};

const zh = {
  'app.title': 'Gapscope — 服务质量差距分析',
  tagline: '服务质量差距分析 · SERVQUAL · SERVPERF',
  privacy: '完全在浏览器中运行——数据不会离开本页面。',
  'lang.label': '语言',
  skip: '跳到结果',

  'data.title': '问卷数据',
  'data.hint': '粘贴从 Excel、WPS 或 Google 表格复制的表格，或 CSV 文本——每位受访者一行，首行为标题。也可打开或拖入文件：CSV、TSV 或文本（任意编码）、Excel（.xlsx、.xls）或 OpenDocument（.ods）。',
  'data.label': '问卷数据（CSV、制表符或分号分隔）',
  'data.placeholder': '编号,E1,…,E22,P1,…,P22\n1,6,…,5,…',
  'data.analyze': '分析',
  'data.open': '打开文件…',
  'data.demo': '载入示例',
  'data.clear': '清空',
  'data.drop': '拖放 CSV、TSV、文本、Excel 或 OpenDocument 文件即可分析',
  'source.demo': '示例：银行网点服务问卷（1–7 分量表，22 个题项）',
  'source.text': '粘贴或输入的数据 · {size}',
  'source.file': '文件：{name} · {size}',
  'source.big': '大量粘贴数据 · {size}——保存在内存中，为保持页面流畅未显示在输入框内。',
  'source.notShown': '为保持页面流畅，未显示在输入框内。',
  'source.none': '尚无数据。',
  'source.restored': '（已恢复）',

  'structure.title': '问卷结构',
  'structure.detected': '根据标题自动识别',
  'structure.edited': '已手动修改',
  'structure.summary': '{items} 个题项，{dims} 个维度 · {cols} 列',
  'structure.scale': '量表范围',
  'structure.custom': '自定义',
  'structure.min': '最小值',
  'structure.max': '最大值',
  'structure.alpha': '显著性水平 α',
  'structure.edit': '编辑列…',
  'structure.download': '下载 survey.json',
  'structure.load': '载入 survey.json…',
  'structure.reset': '恢复自动识别',
  'structure.panel': '列与题项',
  'structure.panelHint': '每次修改都会立即重新分析。题项的维度同时作用于其期望列和感知列。',
  'structure.close': '关闭',
  'structure.col.header': '列标题',
  'structure.col.role': '作用',
  'structure.col.item': '题项',
  'structure.col.dimension': '维度',
  'structure.col.reverse': '反向计分',
  'structure.col.index': '#',
  'structure.addDim': '新维度 id',
  'structure.addDimButton': '添加维度',
  'structure.none': '分析数据后，这里会列出各列。',

  'role.expectation': '期望（E）',
  'role.perception': '感知（P）',
  'role.importance': '重要性',
  'role.allocation': '点数分配（100 分权重）',
  'role.overall': '总体满意度',
  'role.recommend': '推荐意愿（0–10）',
  'role.effort': '费力度',
  'role.segment': '分组（网点、团队…）',
  'role.wave': '波次 / 期间',
  'role.id': '受访者编号',
  'role.duration': '答题用时',
  'role.text': '文本',
  'role.ignore': '忽略',

  'weights.title': '维度权重',
  'weights.equal': '等权',
  'weights.equalHint': '每个维度权重相同。',
  'weights.direct': '手动输入',
  'weights.directHint': '百分比或专家打分，自动归一化为合计 100%。',
  'weights.allocation': '受访者 100 分点数分配',
  'weights.allocationHint': '使用每位受访者对各维度的点数分配（PZB 1991）。',
  'weights.allocationOff': '需要每个维度都有一个点数分配列。',
  'weights.raw': '权重',
  'weights.normalised': '归一化',
  'weights.usedWith': '所用权重（{method}）：',

  'results.empty': '尚未分析。请粘贴问卷数据、打开文件或载入示例。',
  'results.overall': '总体服务质量',
  'overall.servqual': 'SERVQUAL 得分',
  'overall.servqualSub': '各维度差距 P − E 的平均值，不加权',
  'overall.weighted': '加权 SERVQUAL',
  'overall.weightedSub': '差距加权方式：{method}',
  'overall.servperf': 'SERVPERF 得分',
  'overall.servperfSub': '感知平均值，量表 {min}–{max}',
  'overall.weightedServperf': '加权 SERVPERF',
  'overall.weightedServperfSub': '感知加权方式：{method}',
  'overall.undefined': '无法计算',
  'method.equal': '等权',
  'method.direct': '手动输入权重',
  'method.allocation': '受访者点数分配',
  'method.allocationN': '受访者点数分配，n = {n}',
  'respondents.label': '参与分析的受访者：',
  'respondents.value': '{analysed} / {total}',
  'respondents.all': '所有数据行均已分析。',
  'respondents.excluded': '未参与分析：',
  'gap.reading': '差距为负表示感知低于期望。',
  'findings.worst': '差距最大的维度：{dim}（{gap}）。',
  'findings.items': '{n} 个题项中有 {sig} 个显著低于期望（p < {alpha}）。',

  'dims.title': '维度',
  'dims.itemCount': '（{n} 项）',
  'dims.chart': '各维度的期望与感知',
  'dims.chartDesc': '各维度期望（E）与感知（P）的平均值，连线长度即差距。差距最大者在前。',
  'items.title': '题项',
  'items.chart': '各题项差距及 95% 置信区间',
  'items.chartDesc': '各题项平均差距 P − E 及其 95% 置信区间，差距最大者在前。',
  'chart.expectation': '期望（E）',
  'chart.perception': '感知（P）',
  'chart.meanScore': '平均分（量表 {min}–{max}）',
  'chart.gapAxis': '差距 P − E',
  'chart.significant': '差距显著（p < {alpha}）',
  'chart.notSignificant': '不显著',
  'chart.ci': '95% 置信区间',
  'chart.partialAxis': '坐标轴显示 {min}–{max} 量表中的 {lo}–{hi} 段。',

  'col.dimension': '维度',
  'col.item': '题项',
  'col.items': '题项',
  'col.e': '期望',
  'col.p': '感知',
  'col.gap': '差距',
  'col.sd': '标准差',
  'col.n': 'n',
  'col.ci': '95% 置信区间',
  'col.t': 't',
  'col.df': '自由度',
  'col.p_value': 'p',
  'col.p_holm': 'p（Holm）',
  'col.weight': '权重',
  'col.servperf': 'SERVPERF',
  'colTitle.e': '期望平均值',
  'colTitle.p': '感知平均值',
  'colTitle.gap': '平均差距 P − E',
  'colTitle.sd': '差距的标准差',
  'colTitle.n': '有差距得分的受访者数',
  'colTitle.ci': '平均差距的 95% 置信区间',
  'colTitle.t': '配对 t 统计量（H0：差距 = 0）',
  'colTitle.df': '自由度',
  'colTitle.p_value': '双侧 p 值',
  'colTitle.p_holm': '对全部题项多重检验校正后的 p 值（Holm）',
  'colTitle.weight': '在加权得分中的权重',
  'legend.sig': '* 在 α = {alpha} 水平下显著（双侧配对 t 检验，H0：差距 = 0）。按差距排序，最大者在前。',
  'legend.undefined': '— 无法计算；原因见下方注释或悬停提示。',
  'legend.sdNote': '期望、感知为平均值；标准差、n、置信区间、t、自由度和 p 均针对差距。',
  'undefined.generic': '无法计算',
  'undefined.noAnswers': '没有回答',
  'undefined.oneAnswer': '只有一个回答，无法计算标准差',
  'undefined.notes': '注释：',

  'messages.title': '数据提示',
  'messages.more': '……另有 {n} 条同类提示（仅列出前 {shown} 条）。',
  'messages.row': '第 {row} 行',
  'messages.column': '第 {column} 列',
  'severity.error': '错误',
  'severity.warning': '警告',
  'severity.info': '提示',
  'status.busy': '正在分析…',
  'status.done': '已分析 {n} 行，用时 {ms} 毫秒。',

  'msg.engineFailed': '分析引擎出错：{error}',
  'msg.inputNotKept': '数据（{size}）太大，无法保存到下次访问；关闭或刷新页面前仍可使用。',
  'msg.storageFull': '无法在此浏览器中保存设置（存储空间已满或被禁用）。',
  'msg.demoFailed': '无法载入示例数据：{error}',
  'msg.fileFailed': '无法读取文件：{error}',
  'msg.fileType': '“{name}”看起来不是文本表格。请打开 .csv、.tsv 或 .txt 文件，或在 Excel 中复制单元格后粘贴到这里。',
  'msg.excel': '“{name}”是 Excel 工作簿，无法直接读取。请在 Excel 或 WPS 中选中单元格，复制后粘贴到这里——或另存为 CSV。',
  'msg.configInvalid': '无法使用该问卷结构配置：{error}',
  'msg.configLoaded': '已从“{name}”载入问卷结构。',
  'msg.structureDropped': '您修改过的结构与这份数据的列不符，已重新自动识别结构。',
  'msg.dimExists': '已存在 id 为“{id}”的维度。',
  'msg.dimInvalid': '维度 id 至少需要一个字母或数字。',
  'msg.nothing': '没有可分析的内容。',

  'footer.methods': '方法：SERVQUAL 差距模型（Parasuraman、Zeithaml 与 Berry，1988、1991），SERVPERF（Cronin 与 Taylor，1992），配对 t 检验。',
  'footer.engine': '引擎 {version}',
};

// The input side's texts (www/i18n-inputs.js), in the same two dictionaries.
Object.assign(en, inputTexts.en);
Object.assign(zh, inputTexts.zh);

export const STRINGS = { en, zh };
export const LANGS = ['en', 'zh'];

// Built-in names of the five SERVQUAL dimensions (METHODS.md §1) and of the
// detector's catch-all; used when the configuration gives no label.
const DIMENSIONS = {
  tangibles: { en: 'Tangibles', zh: '有形性' },
  reliability: { en: 'Reliability', zh: '可靠性' },
  responsiveness: { en: 'Responsiveness', zh: '响应性' },
  assurance: { en: 'Assurance', zh: '保证性' },
  empathy: { en: 'Empathy', zh: '移情性' },
  other: { en: 'Other', zh: '其他' },
};

/** The language to start in: stored choice, else the browser's, else English. */
export function initialLang(stored) {
  if (LANGS.includes(stored)) return stored;
  const nav = (globalThis.navigator?.languages?.[0] || globalThis.navigator?.language || '').toLowerCase();
  return nav.startsWith('zh') ? 'zh' : 'en';
}

/** A translate function for one language: t('key', {name: value}). */
export function translator(lang) {
  const table = STRINGS[lang] || en;
  return (key, params) => {
    let str = table[key] ?? en[key] ?? key;
    if (params) str = str.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
    return str;
  };
}

/** Pick the current language from an engine {en, zh} text. */
export function pick(text, lang) {
  if (!text) return '';
  return text[lang] ?? text.en ?? '';
}

/** A dimension's display name: its configured label, else the built-in name, else its id. */
export function dimensionLabel(config, id, lang) {
  const dim = config?.dimensions?.find((d) => d.id === id);
  const label = dim?.label?.[lang];
  if (label) return label;
  return DIMENSIONS[id]?.[lang] ?? id;
}

/** An item's display name: its configured label, else its id. */
export function itemLabel(config, id, lang) {
  const item = config?.items?.find((i) => i.id === id);
  return item?.label?.[lang] || id;
}

/**
 * Fill static markup: data-i18n → textContent, data-i18n-placeholder /
 * data-i18n-title / data-i18n-aria-label → those attributes.
 */
export function applyStatic(root, t) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.setAttribute('title', t(el.dataset.i18nTitle));
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
}
