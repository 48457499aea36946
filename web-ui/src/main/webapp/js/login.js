// The login form: checks the credentials against the API, then keeps them for this tab only.

import { saveCredentials, tryLogin } from './api.js';
import { h } from './dom.js';

/** Shows the login form in `root`; calls onDone() once the API accepted the credentials. */
export function showLogin(root, onDone, reason) {
  const user = h('input', { name: 'user', autocomplete: 'username', value: 'admin' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password' });
  const error = h('p', { class: 'form-error', id: 'login-error' }, reason || '');
  const button = h('button', { type: 'submit' }, 'Sign in');
  const f = h('form', { id: 'login', class: 'login' },
    h('h1', {}, 'p4vpn'),
    h('p', { class: 'hint' }, 'BGP/MPLS IP VPNs on P4 switches. Sign in with a user of the REST API.'),
    h('label', { class: 'field' }, h('span', { class: 'field-name' }, 'User'), user),
    h('label', { class: 'field' }, h('span', { class: 'field-name' }, 'Password'), password),
    error, button);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    error.textContent = '';
    try {
      await tryLogin(user.value, password.value);
      saveCredentials(user.value, password.value);
      onDone();
    } catch (err) {
      error.textContent = err.status === 401 ? 'Wrong user name or password.' : `Cannot sign in: ${err.message}`;
    } finally {
      button.disabled = false;
    }
  });
  root.replaceChildren(f);
  password.focus();
}
