// The page frame around the panels: the document's language and title, the
// static texts of index.html (data-i18n …), the language switch and the engine
// version in the footer. Same shape as a panel (docs/architecture.md).
//
// root: { langButtons: the [data-lang] buttons, version: the footer line }

import { applyStatic } from '../i18n/index.js';

export function createFrame({ root, state }) {
  for (const b of root.langButtons) b.addEventListener('click', () => state.setLang(b.dataset.lang));

  function renderVersion() {
    if (state.engine.version) root.version.textContent = state.t('footer.engine', { version: state.engine.version });
  }

  function render() {
    const { t } = state;
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
    applyStatic(document, t);
    for (const b of root.langButtons) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
    renderVersion();
  }

  return { render, renderVersion };
}
