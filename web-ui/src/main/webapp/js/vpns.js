// VPN instances: the list, and a form to create or edit one (the API's validation message is shown
// next to the field it names), delete with a confirmation.

import { del, get, post, put, seg } from './api.js';
import { h, list, replace, table } from './dom.js';
import { clearErrors, fill, form } from './forms.js';

const FIELDS = [
  { name: 'name', label: 'Name', placeholder: 'green' },
  { name: 'routeDistinguisher', label: 'Route distinguisher', placeholder: '65000:7 or 1.1.1.1:7' },
  { name: 'importTargets', label: 'Import route targets', type: 'list', placeholder: '65000:7, 65000:8' },
  { name: 'exportTargets', label: 'Export route targets', type: 'list', placeholder: '65000:7' },
  { name: 'labelMode', label: 'Label mode', type: 'select', options: ['PER_VRF', 'PER_CE', 'PER_PREFIX'] },
  { name: 'vpnId', label: 'VPN id (RFC 2685)', placeholder: 'optional, e.g. 1a2b:3c4d5e6f' },
  { name: 'description', label: 'Description' },
];

export function vpnsView() {
  let listEl;
  let f;
  let title;
  let editing = null;

  function mount(el) {
    listEl = h('div', { id: 'vpn-list' });
    title = h('h3', { id: 'vpn-form-title' }, 'New VPN instance');
    f = form('vpn-form', FIELDS, 'Save', save);
    const cancel = h('button', { type: 'button', class: 'link', onclick: () => startNew() }, 'new instead');
    f.querySelector('.form-actions').append(cancel);
    replace(el, h('div', { class: 'two-columns' },
      h('div', {}, h('h2', {}, 'VPN instances'), listEl),
      h('div', { class: 'panel' }, title, f, h('p', { class: 'hint' },
        'Leaving the targets empty is allowed; a VPN then imports and exports nothing. '
        + 'The name and route distinguisher cannot change after creation.'))));
    startNew();
  }

  function startNew() {
    editing = null;
    title.textContent = 'New VPN instance';
    fill(f, { labelMode: 'PER_VRF' });
    clearErrors(f);
    f.elements.name.readOnly = false;
    f.elements.routeDistinguisher.readOnly = false;
  }

  function edit(vpn) {
    editing = vpn.name;
    title.textContent = `Edit VPN ${vpn.name}`;
    fill(f, vpn);
    clearErrors(f);
    f.elements.name.readOnly = true;
    f.elements.routeDistinguisher.readOnly = true;
  }

  async function save(body) {
    if (editing) {
      await put(`/vpns/${seg(editing)}`, body);
    } else {
      await post('/vpns', body);
      startNew();
    }
    await refresh();
  }

  async function remove(vpn) {
    if (!confirm(`Delete VPN ${vpn.name} and all its sites?`)) {
      return;
    }
    try {
      await del(`/vpns/${seg(vpn.name)}`);
    } catch (err) {
      alert(`Cannot delete ${vpn.name}: ${err.message}`);
    }
    if (editing === vpn.name) {
      startNew();
    }
    await refresh();
  }

  async function refresh() {
    const [vpns, sites] = await Promise.all([get('/vpns'), get('/sites')]);
    replace(listEl, table([
      { title: 'name', value: (v) => v.name },
      { title: 'RD', value: (v) => v.routeDistinguisher },
      { title: 'import', value: (v) => list(v.importTargets) },
      { title: 'export', value: (v) => list(v.exportTargets) },
      { title: 'labels', value: (v) => v.labelMode },
      { title: 'sites', value: (v) => list(sites.filter((x) => x.vpn === v.name).map((x) => x.name)) },
      { title: 'description', value: (v) => v.description || '' },
      { title: '', value: (v) => h('span', { class: 'actions' },
        h('button', { class: 'link', 'data-action': 'edit', onclick: () => edit(v) }, 'edit'),
        h('button', { class: 'link danger', 'data-action': 'delete', onclick: () => remove(v) }, 'delete')) },
    ], vpns, { empty: 'No VPN instances yet.', rowAttrs: (v) => ({ 'data-vpn': v.name }) }));
  }

  return { id: 'vpns', title: 'VPNs', mount, refresh };
}
