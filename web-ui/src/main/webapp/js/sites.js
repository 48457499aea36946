// Sites (attachment circuits: a PE port, optionally a VLAN, bound to a VPN) and their static CE
// routes: list, attach, detach, add and remove routes.

import { del, get, post, seg } from './api.js';
import { h, replace, shortId, table } from './dom.js';
import { fill, form, setOptions } from './forms.js';

const FIELDS = [
  { name: 'name', label: 'Name', placeholder: 'green-1' },
  { name: 'vpn', label: 'VPN', type: 'select' },
  { name: 'device', label: 'PE', type: 'select' },
  { name: 'port', label: 'PE port', type: 'number', placeholder: '5' },
  { name: 'vlan', label: 'VLAN', type: 'number', placeholder: 'optional, 1-4094' },
  { name: 'peInterface', label: 'PE interface', placeholder: '10.5.1.1/24' },
  { name: 'ceAddress', label: 'CE address', placeholder: '10.5.1.2' },
  { name: 'ceMac', label: 'CE MAC', placeholder: 'optional' },
  { name: 'staticRoutes', label: 'Static routes', type: 'list', placeholder: '192.168.5.0/24, ...' },
  { name: 'description', label: 'Description' },
];

export function sitesView() {
  let listEl;
  let f;
  let message;

  function mount(el) {
    listEl = h('div', { id: 'site-list' });
    message = h('p', { class: 'form-error', id: 'site-message' });
    f = form('site-form', FIELDS, 'Attach site', async (body) => {
      await post('/sites', body);
      const vpn = f.elements.vpn.value;
      const device = f.elements.device.value;
      fill(f, {});
      f.elements.vpn.value = vpn;
      f.elements.device.value = device;
      await refresh();
    });
    replace(el, h('div', { class: 'two-columns' },
      h('div', {}, h('h2', {}, 'Sites and static CE routes'), message, listEl),
      h('div', { class: 'panel' }, h('h3', {}, 'Attach a site'), f)));
  }

  async function act(what, fn) {
    message.textContent = '';
    try {
      await fn();
    } catch (err) {
      message.textContent = `${what}: ${err.message}`;
    }
    await refresh();
  }

  function routes(site) {
    const input = h('input', { class: 'route-input', placeholder: 'add prefix', 'data-site': site.name });
    const add = h('form', { class: 'inline', onsubmit: (e) => {
      e.preventDefault();
      act(`route on ${site.name}`, () => post(`/sites/${seg(site.name)}/routes`, { prefix: input.value.trim() }));
    } }, input, h('button', { type: 'submit', class: 'small' }, '+'));
    return h('div', { class: 'routes' },
      site.staticRoutes.map((p) => h('span', { class: 'chip' }, p,
        h('button', { class: 'link', title: `remove ${p}`, onclick: () => act(`route ${p}`,
          () => del(`/sites/${seg(site.name)}/routes?prefix=${encodeURIComponent(p)}`)) }, '✕'))),
      add);
  }

  async function refresh() {
    const [sites, vpns, nodes] = await Promise.all([get('/sites'), get('/vpns'), get('/nodes')]);
    setOptions(f.elements.vpn, vpns.map((v) => v.name));
    setOptions(f.elements.device, nodes.filter((n) => n.role === 'PE')
      .map((n) => ({ value: n.device, label: `${shortId(n.device)} (${n.routerId})` })));
    // keep a half-typed route: only redraw when nothing in the list has the focus
    if (listEl.contains(document.activeElement)) {
      return;
    }
    replace(listEl, table([
      { title: 'site', value: (x) => x.name },
      { title: 'VPN', value: (x) => x.vpn },
      { title: 'PE port', value: (x) => `${shortId(x.device)}/${x.port}${x.vlan ? ` vlan ${x.vlan}` : ''}` },
      { title: 'PE interface', value: (x) => x.peInterface },
      { title: 'CE', value: (x) => x.ceAddress },
      { title: 'static routes', value: routes },
      { title: '', value: (x) => h('button', { class: 'link danger', 'data-action': 'detach',
        onclick: () => confirm(`Detach site ${x.name}?`) && act(`detach ${x.name}`, () => del(`/sites/${seg(x.name)}`)) },
      'detach') },
    ], sites, { empty: 'No sites yet.', rowAttrs: (x) => ({ 'data-site': x.name }) }));
  }

  return { id: 'sites', title: 'Sites', mount, refresh };
}
