// The topology view: the network from GET /topology with the VPN overlay (GET /lsps) and traces,
// redrawn on every poll so link failures and new sites show without a reload.

import { get } from './api.js';
import { h, pathText, replace, shortId, table } from './dom.js';
import { layout } from './topology-layout.js';
import { cables, createCanvas, drawBase, drawVpn, vpnScope } from './topology-draw.js';
import { drawTrace, tracePanel } from './trace.js';

export function topologyView() {
  const state = { topo: null, lsps: [], vpns: [], vpn: '', trace: null, pos: null };
  let svg;
  let select;
  let info;
  let counts;
  let trace;

  function mount(el) {
    svg = createCanvas();
    select = h('select', { id: 'vpn-select', onchange: () => { state.vpn = select.value; redraw(); } });
    info = h('div', { id: 'vpn-info' });
    counts = h('p', { id: 'topology-counts', class: 'hint' });
    trace = tracePanel({
      vpns: () => state.vpns,
      sites: () => (state.topo ? state.topo.sites : []),
      onTrace: (t) => { state.trace = t; redraw(); },
    });
    replace(el,
      h('div', { class: 'topology-layout' },
        h('div', { class: 'canvas' }, svg, counts, legend()),
        h('aside', { class: 'side' },
          h('div', { class: 'panel' }, h('h3', {}, 'VPN overlay'),
            h('label', { class: 'field' }, h('span', { class: 'field-name' }, 'Highlight VPN'), select), info),
          trace.el)));
  }

  async function refresh() {
    const [topo, lsps, vpns] = await Promise.all([get('/topology'), get('/lsps'), get('/vpns')]);
    state.topo = topo;
    state.lsps = lsps;
    state.vpns = vpns;
    state.pos = layout(topo);
    fillSelect();
    trace.update();
    try {
      await trace.again();
    } catch (err) {
      // the trace form shows nothing new; the drawing keeps the last answer
    }
    redraw();
  }

  function fillSelect() {
    const names = state.vpns.map((v) => v.name);
    if (state.vpn && !names.includes(state.vpn)) {
      state.vpn = '';
    }
    replace(select, h('option', { value: '' }, '— none —'), names.map((n) => h('option', { value: n }, n)));
    select.value = state.vpn;
  }

  function redraw() {
    if (!state.topo) {
      return;
    }
    drawBase(svg, state.topo, state.pos);
    drawVpn(svg, state.topo, state.pos, state.lsps, state.vpn || null);
    drawTrace(svg, state.topo, state.pos, state.trace);
    const links = cables(state.topo.links);
    const down = links.filter((c) => c.down).length;
    counts.textContent = `${state.topo.devices.length} devices, ${links.length} links`
      + `${down ? ` (${down} down)` : ''}, ${state.topo.sites.length} sites`;
    replace(info, state.vpn ? vpnInfo() : h('p', { class: 'hint' }, 'Pick a VPN to see its sites and LSPs.'));
  }

  function vpnInfo() {
    const scope = vpnScope(state.topo, state.lsps, state.vpn);
    const v = state.vpns.find((x) => x.name === state.vpn) || {};
    return h('div', {},
      h('p', {}, `RD ${v.routeDistinguisher || '?'} · import ${(v.importTargets || []).join(', ')}`
        + ` · export ${(v.exportTargets || []).join(', ')}`),
      h('h4', {}, `Sites (${scope.sites.length})`),
      table([
        { title: 'site', value: (x) => x.name },
        { title: 'PE', value: (x) => `${shortId(x.device)}/${x.port}` },
        { title: 'CE', value: (x) => x.ceAddress },
      ], scope.sites, { empty: 'no sites' }),
      h('h4', {}, `LSPs (${scope.lsps.length})`),
      table([
        { title: 'from → to', value: (l) => `${shortId(l.ingress)} → ${shortId(l.egress)}` },
        { title: 'state', value: (l) => h('span', { class: `state-${l.state}` }, l.state) },
        { title: 'path (label per hop)', value: (l) => pathText(l.primaries[0] || []) },
        { title: 'backup', value: (l) => (l.backup ? pathText(l.backup) : '—') },
      ], scope.lsps, { empty: 'no LSPs (sites on one PE only?)', rowAttrs: () => ({ class: 'lsp-row' }) }));
  }

  return { id: 'topology', title: 'Topology', mount, refresh };
}

function legend() {
  const item = (cls, text) => h('span', { class: `legend-item ${cls}` }, h('i', {}), text);
  return h('div', { class: 'legend' },
    item('pe', 'PE'), item('p', 'P'), item('rr', 'RR'), item('ce', 'CE site'),
    item('lsp', 'LSP (label leaving the hop)'), item('backup', 'backup LSP'),
    item('down', 'link DOWN'), item('trace', 'trace'));
}
