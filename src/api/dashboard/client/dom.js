// @ts-check
/**
 * DOM helpers. Every text goes in as a text node (never innerHTML): traces carry strings chosen by
 * clients (model names, captured text), and the page must not run them.
 */

/**
 * @param {string} tag  `div.class1.class2`
 * @param {Record<string, any> | null} [attrs]
 * @param {...(Node | string | number | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** @param {HTMLElement} el @param {...(Node | string | null | undefined | false)} children */
export function fill(el, ...children) {
  el.replaceChildren();
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
