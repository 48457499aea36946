// Where each device and CE site sits on the topology drawing. Deterministic (the same topology
// always draws the same way, so a poll does not move things): core routers (P) in the middle,
// route reflectors in a row above, PEs on an ellipse around the core, and each PE's CE sites
// fanned out beyond it, away from the centre.

export const WIDTH = 1000;
export const HEIGHT = 640;

const CX = WIDTH / 2;
const CY = HEIGHT / 2 + 20;

function spread(ids, place) {
  const out = new Map();
  ids.forEach((id, i) => out.set(id, place(i, ids.length)));
  return out;
}

const byName = (a, b) => (a.name || a.id).localeCompare(b.name || b.id, undefined, { numeric: true });

/**
 * Positions for a topology answer ({devices, links, sites}).
 * Returns {devices: Map(id -> {x, y}), sites: Map(name -> {x, y})}.
 */
export function layout(topo) {
  const devices = [...topo.devices].sort(byName);
  const core = devices.filter((d) => d.role === 'P').map((d) => d.id);
  const reflectors = devices.filter((d) => d.role === 'RR').map((d) => d.id);
  const edges = devices.filter((d) => d.role !== 'P' && d.role !== 'RR').map((d) => d.id);

  const pos = new Map();
  // The core on a small circle starting at the top (a single P sits at the centre), so that two
  // cores sit above and below the line between the PEs rather than on it.
  spread(core, (i, n) => (n === 1 ? { x: CX, y: CY }
    : { x: CX + 150 * Math.cos(angle(i, n) + Math.PI / 2), y: CY + 130 * Math.sin(angle(i, n) + Math.PI / 2) }))
    .forEach((p, id) => pos.set(id, p));
  spread(reflectors, (i, n) => ({ x: CX + (i - (n - 1) / 2) * 160, y: 60 }))
    .forEach((p, id) => pos.set(id, p));
  // PEs around the core, the first one on the left.
  spread(edges, (i, n) => ({ x: CX + 330 * Math.cos(angle(i, n)), y: CY + 190 * Math.sin(angle(i, n)) }))
    .forEach((p, id) => pos.set(id, p));

  const sites = new Map();
  const byPe = new Map();
  [...topo.sites].sort(byName).forEach((s) => {
    if (!byPe.has(s.device)) {
      byPe.set(s.device, []);
    }
    byPe.get(s.device).push(s.name);
  });
  for (const [pe, names] of byPe) {
    const p = pos.get(pe);
    if (!p) {
      continue;
    }
    const away = Math.atan2(p.y - CY, p.x - CX || 0.001);
    names.forEach((name, i) => {
      const a = away + (i - (names.length - 1) / 2) * 0.55;
      sites.set(name, { x: clamp(p.x + 135 * Math.cos(a), 40, WIDTH - 40),
                        y: clamp(p.y + 135 * Math.sin(a), 40, HEIGHT - 30) });
    });
  }
  return { devices: pos, sites };
}

/** The i-th of n angles, starting on the left (pi) and going clockwise on screen. */
function angle(i, n) {
  return Math.PI + (2 * Math.PI * i) / n;
}

function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}

/**
 * The segment from a to b, shortened by `trim` at both ends (so it stops at the shapes' edges)
 * and moved sideways by `offset` (right of the direction of travel, so the two directions of a
 * link draw apart).
 */
export function segment(a, b, offset = 0, trim = 0) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const ox = -uy * offset;
  const oy = ux * offset;
  return {
    x1: a.x + ux * trim + ox, y1: a.y + uy * trim + oy,
    x2: b.x - ux * trim + ox, y2: b.y - uy * trim + oy,
    // a point along the segment, for labels
    at: (t) => ({ x: a.x + dx * t + ox, y: a.y + dy * t + oy }),
    normal: { x: -uy, y: ux },
  };
}
