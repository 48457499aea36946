// Read-only views of what the controller computed: VRF tables per PE and VPN, LSPs, label
// allocations, and the BGP speakers with their route-reflection roles.

import { get, seg } from './api.js';
import { h, labelText, list, pathText, replace, shortId, table } from './dom.js';
import { setOptions } from './forms.js';

export function vrfsView() {
  let select;
  let out;

  function mount(el) {
    select = h('select', { id: 'vrf-select', onchange: () => refresh() });
    out = h('div', { id: 'vrf-table' });
    replace(el, h('h2', {}, 'VRF tables'),
      h('label', { class: 'field inline-field' }, h('span', { class: 'field-name' }, 'PE and VPN'), select),
      h('p', { class: 'hint' }, 'Every candidate route by prefix; the best one is marked ★.'), out);
  }

  async function refresh() {
    const keys = await get('/vrfs');
    setOptions(select, keys.map((k) => ({ value: `${k.device}|${k.vpn}`, label: `${shortId(k.device)} · ${k.vpn}` })));
    if (!select.value) {
      replace(out, h('p', { class: 'empty' }, 'No VRFs: a VRF exists where a VPN has a site on a PE.'));
      return;
    }
    const [device, vpn] = select.value.split('|');
    const routes = await get(`/vrfs/${seg(device)}/${seg(vpn)}`);
    replace(out, table([
      { title: '', value: (r) => (r.best ? '★' : '') },
      { title: 'prefix', value: (r) => r.prefix },
      { title: 'origin', value: (r) => r.origin },
      { title: 'next hop', value: (r) => r.nextHop || '' },
      { title: 'VPN label', value: (r) => labelText(r.vpnLabel) },
      { title: 'site', value: (r) => r.site || '' },
      { title: 'RD', value: (r) => r.routeDistinguisher || '' },
      { title: 'route targets', value: (r) => list(r.routeTargets) },
      { title: 'originator / cluster list', value: (r) => [r.originatorId, list(r.clusterList)].filter(Boolean).join(' / ') },
    ], routes, { empty: 'This VRF has no routes.', rowAttrs: (r) => ({ class: r.best ? 'best' : '' }) }));
  }

  return { id: 'vrfs', title: 'VRFs', mount, refresh };
}

export function lspsView() {
  let out;
  return {
    id: 'lsps',
    title: 'LSPs',
    mount(el) {
      out = h('div', { id: 'lsp-table' });
      replace(el, h('h2', {}, 'Transport LSPs'),
        h('p', { class: 'hint' }, 'Each hop with the label the packet leaves with (pop: penultimate-hop popping).'), out);
    },
    async refresh() {
      const lsps = await get('/lsps');
      replace(out, table([
        { title: 'ingress', value: (l) => shortId(l.ingress) },
        { title: 'egress', value: (l) => shortId(l.egress) },
        { title: 'state', value: (l) => h('span', { class: `state-${l.state}` }, l.state) },
        { title: 'primary paths', value: (l) => h('div', {}, l.primaries.map((p) => h('div', {}, pathText(p)))) },
        { title: 'backup', value: (l) => (l.backup ? pathText(l.backup) : '—') },
      ], lsps, { empty: 'No LSPs computed yet.' }));
    },
  };
}

export function labelsView() {
  let out;
  let filter;
  return {
    id: 'labels',
    title: 'Labels',
    mount(el) {
      out = h('div', { id: 'label-table' });
      filter = h('select', { id: 'label-device', onchange: () => this.refresh() });
      replace(el, h('h2', {}, 'Label and id allocations'),
        h('label', { class: 'field inline-field' }, h('span', { class: 'field-name' }, 'Device'), filter), out);
    },
    async refresh() {
      const labels = await get('/labels');
      const devices = [...new Set(labels.map((l) => l.device))].sort();
      setOptions(filter, [{ value: '', label: 'all' }, ...devices.map((d) => ({ value: d, label: shortId(d) }))]);
      const shown = labels.filter((l) => !filter.value || l.device === filter.value);
      replace(out, table([
        { title: 'device', value: (l) => shortId(l.device) },
        { title: 'purpose', value: (l) => l.purpose },
        { title: 'VPN', value: (l) => l.vpn || '' },
        { title: 'owner', value: (l) => l.owner || '' },
        { title: 'label / id', value: (l) => l.label },
      ], shown, { empty: 'Nothing allocated yet.' }));
    },
  };
}

export function reflectorsView() {
  let out;
  return {
    id: 'reflectors',
    title: 'Route reflectors',
    mount(el) {
      out = h('div', { id: 'rr-cards', class: 'cards' });
      replace(el, h('h2', {}, 'BGP speakers and route reflection'), out);
    },
    async refresh() {
      const speakers = await get('/route-reflectors');
      const rrs = speakers.filter((x) => x.routeReflector);
      replace(out,
        rrs.length ? null : h('p', { class: 'empty' }, 'No route reflector is configured.'),
        [...rrs, ...speakers.filter((x) => !x.routeReflector)].map((x) => h('div', {
          class: `card ${x.routeReflector ? 'rr' : 'speaker'}`, 'data-speaker': x.name },
        h('h3', {}, `${shortId(x.name)} ${x.routeReflector ? '· route reflector' : ''}`),
        h('p', {}, `router id ${x.routerId}`
          + (x.routeReflector ? ` · cluster id ${x.clusterId} · client-to-client ${x.clientToClientReflection ? 'on' : 'off'}` : '')),
        table([
          { title: 'peer', value: (p) => p.routerId },
          { title: 'relation', value: (p) => p.relation },
        ], x.peers, { empty: 'no peers' }),
        h('p', { class: 'hint' }, `${x.prefixes} prefixes, ${x.paths} paths; loops discarded: `
          + `originator ${x.discardedOriginatorLoops}, cluster list ${x.discardedClusterLoops}`))));
    },
  };
}
