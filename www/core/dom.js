// Building DOM from data without ever parsing markup: every string that reaches the
// page goes through textContent or setAttribute, so a header such as
// `<img src=x onerror=…>` is shown as those characters and nothing else.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Attributes that can run script or load a URL are refused outright rather than
// escaped: data never needs them, and a refusal cannot be got wrong.
const UNSAFE_ATTR = /^(on|href$|src$|srcdoc$|action$|formaction$|xlink:href$|style$)/i;

function applyProps(el, props) {
  if (!props) return;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.setAttribute('class', String(value));
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') {
      for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    } else if (key === 'props') Object.assign(el, value);
    else if (key === 'trustedHref') el.setAttribute('href', String(value)); // our own blob:/# links only
    else if (UNSAFE_ATTR.test(key)) throw new Error(`dom.js: attribute ${key} is not allowed`);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** An HTML element: h('td', {class: 'num'}, 'text', childNode, [more]). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  applyProps(el, props);
  append(el, children);
  return el;
}

/** An SVG element, built the same way. */
export function s(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyProps(el, props);
  append(el, children);
  return el;
}

/** Replace all children of `el`. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Save a Blob as a file named `name` (our own blob: URL, revoked after a minute). */
export function downloadBlob(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { trustedHref: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
