// Trace: a VPN, a source site and a destination address go to GET /trace; the predicted path
// is drawn on the topology with the label stack (top first) the packet carries as it leaves
// each hop, and listed hop by hop beside it.

import { get } from './api.js';
import { h, replace, s, shortId, table } from './dom.js';
import { form } from './forms.js';
import { segment } from './topology-layout.js';

/**
 * The trace panel. ctx: {vpns(), sites(), onTrace(trace or null)}. Returns {el, update(), again()}:
 * update() refreshes the selectors, again() re-asks the API for the current trace (live updates).
 */
export function tracePanel(ctx) {
  let last = null;
  const result = h('div', { id: 'trace-result' });
  const f = form('trace-form', [
    { name: 'vpn', label: 'VPN', type: 'select' },
    { name: 'site', label: 'From site', type: 'select' },
    { name: 'destination', label: 'Destination', placeholder: '10.2.1.2' },
  ], 'Trace', async (v) => {
    last = v;
    await run();
  });
  f.elements.vpn.addEventListener('change', () => fillSites());
  const clear = h('button', { type: 'button', class: 'link', id: 'trace-clear', onclick: () => {
    last = null;
    replace(result);
    ctx.onTrace(null);
  } }, 'clear');
  f.querySelector('.form-actions').append(clear);

  async function run() {
    const q = new URLSearchParams({ vpn: last.vpn || '', site: last.site || '', destination: last.destination || '' });
    const trace = await get(`/trace?${q}`);
    replace(result, summary(trace));
    ctx.onTrace(trace);
  }

  function fillSites() {
    const vpn = f.elements.vpn.value;
    const chosen = f.elements.site.value;
    const names = ctx.sites().filter((x) => x.vpn === vpn).map((x) => x.name);
    replace(f.elements.site, names.map((n) => h('option', { value: n }, n)));
    if (names.includes(chosen)) {
      f.elements.site.value = chosen;
    }
  }

  function update() {
    const chosen = f.elements.vpn.value;
    const names = ctx.vpns().map((v) => v.name);
    replace(f.elements.vpn, names.map((n) => h('option', { value: n }, n)));
    if (names.includes(chosen)) {
      f.elements.vpn.value = chosen;
    }
    fillSites();
  }

  async function again() {
    if (last) {
      await run();
    }
  }

  const el = h('div', { class: 'panel', id: 'trace-panel' }, h('h3', {}, 'Trace'), f, result);
  return { el, update, again };
}

function stackText(labels) {
  return labels && labels.length ? labels.join(' | ') : 'IP';
}

function summary(t) {
  const verdict = t.delivered
    ? h('p', { class: 'verdict delivered' }, `Delivered to site ${t.egressSite} (${t.destination})`)
    : h('p', { class: 'verdict dropped' }, `Dropped: ${t.dropReason || 'no reason given'}`);
  return h('div', {}, verdict, table([
    { title: '#', value: (x) => x.i + 1 },
    { title: 'device', value: (x) => shortId(x.device) },
    { title: 'in', value: (x) => x.inPort ?? '' },
    { title: 'out', value: (x) => x.outPort ?? '' },
    { title: 'action', value: (x) => x.action },
    { title: 'label stack (top first)', value: (x) => stackText(x.labels) },
  ], t.hops.map((x, i) => ({ ...x, i })), { empty: 'no hops' }));
}

/** Draws a trace on the topology's trace layer; null clears it. */
export function drawTrace(svg, topo, pos, trace) {
  const into = svg.querySelector('.layer-trace');
  into.replaceChildren();
  svg.classList.toggle('tracing', !!trace);
  if (!trace) {
    return;
  }
  const points = [];
  const from = topo.sites.find((x) => x.name === trace.site);
  if (from && pos.sites.has(from.name)) {
    points.push({ p: pos.sites.get(from.name), trim: 14 });
  }
  trace.hops.forEach((hop) => {
    if (pos.devices.has(hop.device)) {
      points.push({ p: pos.devices.get(hop.device), trim: 30, hop });
    }
  });
  if (trace.delivered && trace.egressSite && pos.sites.has(trace.egressSite)) {
    points.push({ p: pos.sites.get(trace.egressSite), trim: 14 });
  }
  for (let i = 0; i + 1 < points.length; i++) {
    const seg = segment(points[i].p, points[i + 1].p, 0, Math.max(points[i].trim, points[i + 1].trim));
    into.append(s('line', { class: 'trace-path', x1: seg.x1, y1: seg.y1, x2: seg.x2, y2: seg.y2,
                            'marker-end': 'url(#arrow-trace)' }));
  }
  points.forEach((pt, i) => {
    if (!pt.hop) {
      return;
    }
    const next = points[i + 1];
    into.append(stackBox(pt.hop, trace.hops.indexOf(pt.hop), pt.p, next ? next.p : null));
  });
}

/** The label stack of one hop as boxes, top label first, placed beside the hop's outgoing segment. */
function stackBox(hop, index, at, next) {
  let x = at.x;
  let y = at.y - 62;
  if (next) {
    const seg = segment(at, next);
    const mid = seg.at(0.45);
    x = mid.x - seg.normal.x * 46;
    y = mid.y - seg.normal.y * 46 - 12;
  }
  const labels = hop.labels && hop.labels.length ? hop.labels.map(String) : ['IP'];
  const w = 44;
  const g = s('g', { class: `trace-stack action-${hop.action.toLowerCase()}`, 'data-hop': index,
                     'data-device': hop.device, 'data-labels': (hop.labels || []).join(','),
                     transform: `translate(${x},${y})` },
    s('title', {}, `hop ${index + 1} ${shortId(hop.device)}: ${hop.action}, leaves with ${stackText(hop.labels)}`),
    s('text', { class: 'trace-action', x: 0, y: -6 }, `${index + 1}. ${hop.action}`));
  labels.forEach((label, i) => {
    g.append(s('rect', { class: labels[0] === 'IP' ? 'ip' : 'label', x: -w / 2, y: i * 17, width: w, height: 16, rx: 3 }),
             s('text', { class: 'label-stack', x: 0, y: i * 17 + 12 }, label));
  });
  if (hop.action === 'DROP') {
    g.append(s('text', { class: 'trace-drop', x: 0, y: labels.length * 17 + 14 }, '✕ dropped'));
  }
  return g;
}
