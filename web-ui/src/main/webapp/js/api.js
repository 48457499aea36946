// The only way the UI talks to the product: the REST API under /l3vpn/v1, with HTTP basic
// credentials kept in sessionStorage (gone when the tab closes).

// Relative to the UI's own address (/ui/ -> /l3vpn/v1), so the same files also work under a
// prefix, e.g. ONOS's /onos/ web context.
const BASE = new URL('../l3vpn/v1', document.baseURI).pathname;
const KEY = 'p4vpn.credentials';

/** An error answer of the API: its status and the {field, value, message} body. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.field = body ? body.field : null;
    this.value = body ? body.value : null;
  }
}

export function credentials() {
  const raw = sessionStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : null;
}

export function saveCredentials(user, password) {
  sessionStorage.setItem(KEY, JSON.stringify({ user, token: btoa(`${user}:${password}`) }));
}

export function forgetCredentials() {
  sessionStorage.removeItem(KEY);
}

async function request(method, path, body, token) {
  const headers = {
    Accept: 'application/json',
    // Asks the server to leave out WWW-Authenticate on a 401, so the browser shows no dialog of
    // its own and the UI's login form takes over.
    'X-Requested-With': 'XMLHttpRequest',
  };
  const auth = token || (credentials() || {}).token;
  if (auth) {
    headers.Authorization = `Basic ${auth}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(BASE + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = { message: text };
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !token) {
      window.dispatchEvent(new CustomEvent('p4vpn:unauthorized'));
    }
    throw new ApiError(response.status, json);
  }
  return json;
}

/** GET a path of the API; resolves to the parsed JSON. */
export const get = (path) => request('GET', path);
/** POST a JSON body. */
export const post = (path, body) => request('POST', path, body);
/** PUT a JSON body. */
export const put = (path, body) => request('PUT', path, body);
/** DELETE a path. */
export const del = (path) => request('DELETE', path);

/** Checks a user name and password against the API without storing them. */
export async function tryLogin(user, password) {
  await request('GET', '/nodes', undefined, btoa(`${user}:${password}`));
}

/** Encodes one path segment (device ids carry a colon, prefixes a slash). */
export const seg = (s) => encodeURIComponent(s);
