// Draws the topology as SVG: links (DOWN ones red and dashed), devices by role, CE sites, and
// the VPN overlay (its sites, PEs and LSPs highlighted with the label on every hop, the rest faded).

import { s, labelText, shortId } from './dom.js';
import { HEIGHT, WIDTH, segment } from './topology-layout.js';

const NODE_R = 26;

/** The empty drawing with its layers, in paint order. */
export function createCanvas() {
  return s('svg', { id: 'topology', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
                    'aria-label': 'network topology' },
    s('defs', {},
      marker('arrow-lsp', 'lsp-arrow'), marker('arrow-backup', 'backup-arrow'),
      marker('arrow-trace', 'trace-arrow')),
    s('g', { class: 'layer-links' }), s('g', { class: 'layer-sites' }), s('g', { class: 'layer-lsps' }),
    s('g', { class: 'layer-devices' }), s('g', { class: 'layer-trace' }));
}

function marker(id, cls) {
  // sized in drawing units, not by the line's width, so thick trace lines get the same arrows
  return s('marker', { id, class: cls, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 11, markerHeight: 11,
                       markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z' }));
}

const layer = (svg, name) => svg.querySelector(`.layer-${name}`);

/** One entry per cable: the two directions of a link are drawn once, DOWN if either is down. */
export function cables(links) {
  const out = new Map();
  for (const l of links) {
    const ends = [`${l.src}/${l.srcPort}`, `${l.dst}/${l.dstPort}`].sort();
    const key = ends.join('|');
    const c = out.get(key) || { key, a: l.src, b: l.dst, aPort: l.srcPort, bPort: l.dstPort, metric: l.metric, down: false };
    c.down = c.down || l.state === 'DOWN';
    out.set(key, c);
  }
  return [...out.values()];
}

/** Draws devices, links and sites; the overlays are drawn by drawVpn() and drawTrace(). */
export function drawBase(svg, topo, pos) {
  layer(svg, 'links').replaceChildren(...cables(topo.links).map((c) => {
    const seg = segment(pos.devices.get(c.a), pos.devices.get(c.b));
    const mid = seg.at(0.5);
    return s('g', { class: `link${c.down ? ' down' : ''}`, 'data-a': c.a, 'data-b': c.b },
      s('line', { x1: seg.x1, y1: seg.y1, x2: seg.x2, y2: seg.y2 }),
      s('text', { class: 'port', ...offsetText(seg, 0.18, -10) }, c.aPort),
      s('text', { class: 'port', ...offsetText(seg, 0.82, -10) }, c.bPort),
      c.down ? s('text', { class: 'link-state', x: mid.x, y: mid.y + 34 }, 'DOWN') : null);
  }));
  layer(svg, 'sites').replaceChildren(...topo.sites.filter((site) => pos.sites.has(site.name)).map((site) => {
    const p = pos.sites.get(site.name);
    const pe = pos.devices.get(site.device);
    const seg = segment(pe, p, 0, NODE_R);
    return s('g', { class: 'site', 'data-site': site.name, 'data-vpn': site.vpn },
      s('title', {}, `site ${site.name} (VPN ${site.vpn}) at ${shortId(site.device)} port ${site.port}, CE ${site.ceAddress}`),
      s('line', { class: 'attachment', x1: seg.x1, y1: seg.y1, x2: p.x, y2: p.y }),
      s('circle', { cx: p.x, cy: p.y, r: 13 }),
      s('text', { class: 'site-name', x: p.x, y: p.y + 28 }, site.name),
      s('text', { class: 'site-vpn', x: p.x, y: p.y + 40 }, site.vpn));
  }));
  layer(svg, 'devices').replaceChildren(...topo.devices.filter((d) => pos.devices.has(d.id)).map((d) => {
    const p = pos.devices.get(d.id);
    return s('g', { class: `device role-${d.role.toLowerCase()}${d.connected ? '' : ' disconnected'}`,
                    'data-id': d.id, 'data-role': d.role, transform: `translate(${p.x},${p.y})` },
      s('title', {}, `${d.name} (${d.role}) ${d.id}, router id ${d.routerId}${d.connected ? '' : ', not connected'}`),
      shape(d.role),
      s('text', { class: 'device-name', y: 5 }, d.name),
      s('text', { class: 'device-rid', y: NODE_R + 16 }, `${d.role} · ${d.routerId || ''}`));
  }));
}

function shape(role) {
  if (role === 'PE') {
    return s('rect', { class: 'shape', x: -NODE_R - 6, y: -NODE_R + 4, width: 2 * NODE_R + 12, height: 2 * NODE_R - 8, rx: 10 });
  }
  if (role === 'RR') {
    return s('polygon', { class: 'shape', points: `0,${-NODE_R - 4} ${NODE_R + 4},0 0,${NODE_R + 4} ${-NODE_R - 4},0` });
  }
  return s('circle', { class: 'shape', r: NODE_R });
}

function offsetText(seg, t, by) {
  const p = seg.at(t);
  return { x: p.x + seg.normal.x * by, y: p.y + seg.normal.y * by + 4 };
}

/** The PEs where the VPN has sites, and the LSPs between two of them. */
export function vpnScope(topo, lsps, vpn) {
  const sites = topo.sites.filter((x) => x.vpn === vpn);
  const pes = new Set(sites.map((x) => x.device));
  const carried = lsps.filter((l) => l.ingress !== l.egress && pes.has(l.ingress) && pes.has(l.egress));
  return { sites, pes, lsps: carried };
}

/**
 * Highlights one VPN: its sites, its PEs, the devices and links its LSPs cross (primaries solid,
 * backups dashed, each hop with the label the packet leaves with); fades everything else.
 * vpn null clears the overlay.
 */
export function drawVpn(svg, topo, pos, lsps, vpn) {
  const lspLayer = layer(svg, 'lsps');
  lspLayer.replaceChildren();
  svg.classList.toggle('vpn-selected', !!vpn);
  if (!vpn) {
    svg.querySelectorAll('.highlight, .faded').forEach((e) => e.classList.remove('highlight', 'faded'));
    return;
  }
  const scope = vpnScope(topo, lsps, vpn);
  const onPath = new Set(scope.pes);
  const linkUsed = new Set();
  for (const l of scope.lsps) {
    l.primaries.forEach((path, i) => drawHops(lspLayer, pos, l, path, 'primary', 9 + 5 * i, onPath, linkUsed));
    if (l.backup) {
      drawHops(lspLayer, pos, l, l.backup, 'backup', 22, onPath, linkUsed);
    }
  }
  const mark = (el, on) => { el.classList.toggle('highlight', on); el.classList.toggle('faded', !on); };
  svg.querySelectorAll('.site').forEach((el) => mark(el, el.dataset.vpn === vpn));
  svg.querySelectorAll('.device').forEach((el) => mark(el, onPath.has(el.dataset.id)));
  svg.querySelectorAll('.link').forEach((el) =>
    mark(el, linkUsed.has(`${el.dataset.a}|${el.dataset.b}`) || linkUsed.has(`${el.dataset.b}|${el.dataset.a}`)));
}

function drawHops(into, pos, lsp, hops, kind, offset, onPath, linkUsed) {
  for (const hop of hops) {
    if (!hop.next || !pos.devices.has(hop.device) || !pos.devices.has(hop.next)) {
      continue;
    }
    onPath.add(hop.device);
    onPath.add(hop.next);
    if (kind === 'primary') {
      linkUsed.add(`${hop.device}|${hop.next}`);
    }
    const seg = segment(pos.devices.get(hop.device), pos.devices.get(hop.next), offset, NODE_R + 8);
    const label = labelText(hop.outLabel);
    const at = offsetText(seg, 0.5, 11);
    // on a link failure the ingress switches to the backup: draw the path in use as the solid one
    const inUse = (kind === 'backup') === (lsp.state === 'ON_BACKUP');
    into.append(s('g', { class: `lsp-hop lsp-${kind}${inUse ? ' in-use' : ' standby'}`,
                         'data-from': hop.device, 'data-to': hop.next,
                         'data-ingress': lsp.ingress, 'data-egress': lsp.egress },
      s('title', {}, `LSP ${shortId(lsp.ingress)} → ${shortId(lsp.egress)} (${kind}, ${lsp.state}): `
        + `${shortId(hop.device)} port ${hop.outPort} → ${shortId(hop.next)}, label ${label || 'none'}`),
      s('line', { x1: seg.x1, y1: seg.y1, x2: seg.x2, y2: seg.y2,
                  'marker-end': `url(#arrow-${kind === 'primary' ? 'lsp' : 'backup'})` }),
      label ? s('text', { class: 'lsp-label', x: at.x, y: at.y }, label) : null));
  }
}
