// Small helpers to build HTML and SVG elements without a framework.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k.startsWith('on') && typeof v === 'function') {
      node.addEventListener(k.slice(2), v);
    } else if (k === 'text') {
      node.textContent = v;
    } else if (k === 'value' && 'value' in node) {
      node.value = v;
    } else {
      node.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null && c !== false) {
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  return node;
}

/** An HTML element: h('div', {class: 'x', onclick: f}, child, 'text', ...). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, same form as h(). */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces a node's children. */
export function replace(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
  return node;
}

/**
 * A table: columns are [{title, value: row => text or Node}], rows any objects.
 * An empty list shows the given text instead.
 */
export function table(columns, rows, { empty = 'nothing yet', rowAttrs = () => ({}) } = {}) {
  if (!rows.length) {
    return h('p', { class: 'empty' }, empty);
  }
  return h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c.title)))),
    h('tbody', {}, rows.map((r) => h('tr', rowAttrs(r), columns.map((c) => h('td', {}, c.value(r)))))));
}

/** Text of a list, or a dash when it is empty. */
export const list = (items) => (items && items.length ? items.join(', ') : '—');

/** A device id without its scheme: device:pe1 -> pe1. */
export const shortId = (id) => (id || '').replace(/^device:/, '');

/** Text of an MPLS label as the API gives it: 3 is implicit null (popped), -1 none. */
export function labelText(label) {
  if (label === -1 || label === null || label === undefined) {
    return '';
  }
  if (label === 3) {
    return 'pop';
  }
  if (label === 0) {
    return '0 (explicit null)';
  }
  return String(label);
}

/** The hops of a path as text: pe1 —17→ p1 —pop→ pe2. */
export function pathText(hops) {
  const last = hops[hops.length - 1];
  return hops.map((x) => (x.next ? `${shortId(x.device)} —${labelText(x.outLabel) || '·'}→ ` : shortId(x.device)))
    .join('') + (last && last.next ? shortId(last.next) : '');
}
