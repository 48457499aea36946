// The application shell: sign-in, the navigation between views, and live updates by polling
// the REST API (every view redraws from fresh answers without a page reload).

import { credentials, forgetCredentials } from './api.js';
import { h, replace } from './dom.js';
import { showLogin } from './login.js';
import { topologyView } from './topology-view.js';
import { vpnsView } from './vpns.js';
import { sitesView } from './sites.js';
import { vrfsView, labelsView, reflectorsView, lspsView } from './tables.js';

// How often the shown view asks the API again; ?poll=MS in the address changes it.
const POLL_MS = Number(new URLSearchParams(location.search).get('poll')) || 2000;

const VIEWS = [topologyView(), vpnsView(), sitesView(), vrfsView(), lspsView(), labelsView(), reflectorsView()];

const root = document.getElementById('app');
let current = null;
let timer = null;
let busy = false;

function start() {
  if (!credentials()) {
    showLogin(root, start);
    return;
  }
  const nav = h('nav', { class: 'tabs' },
    VIEWS.map((v) => h('a', { href: `#${v.id}`, id: `tab-${v.id}`, 'data-view': v.id }, v.title)),
    h('span', { class: 'spacer' }),
    h('span', { id: 'status', class: 'status' }),
    h('button', { id: 'logout', class: 'link', onclick: logout }, `Sign out ${credentials().user || ''}`));
  const main = h('main', { id: 'view' });
  replace(root, h('header', {}, h('span', { class: 'brand' }, 'p4vpn'), nav), main);
  window.onhashchange = () => show(main);
  show(main);
}

function logout() {
  forgetCredentials();
  clearInterval(timer);
  showLogin(root, start);
}

async function show(main) {
  const id = location.hash.slice(1) || VIEWS[0].id;
  const view = VIEWS.find((v) => v.id === id) || VIEWS[0];
  document.querySelectorAll('nav.tabs a').forEach((a) => a.classList.toggle('active', a.dataset.view === view.id));
  current = view;
  replace(main, h('section', { id: `view-${view.id}`, class: 'view' }));
  view.mount(main.firstChild);
  await tick();
  clearInterval(timer);
  timer = setInterval(tick, POLL_MS);
}

/** One refresh of the shown view; a slow answer is not overtaken by the next poll. */
async function tick() {
  if (busy || !current) {
    return;
  }
  busy = true;
  const status = document.getElementById('status');
  try {
    await current.refresh();
    status.textContent = `live · updated ${new Date().toLocaleTimeString()}`;
    status.classList.remove('error');
  } catch (err) {
    if (status) {
      status.textContent = `cannot update: ${err.message}`;
      status.classList.add('error');
    }
  } finally {
    busy = false;
  }
}

window.addEventListener('p4vpn:unauthorized', () => {
  forgetCredentials();
  clearInterval(timer);
  showLogin(root, start, 'The API refused the credentials; sign in again.');
});

start();
