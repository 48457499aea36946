// Browser checks of the p4vpn web UI: playwright-core drives Debian's chromium (headless) against a
// running embedded runtime. Run by WebUiBrowserTest (tests module), one check per process:
//
//   node ui-checks.mjs CHECK     CHECK: topology | link-down | vpn-and-site | edit-delete | bad-rd | trace | backup | reroute
//
// Environment: P4VPN_URL (e.g. http://127.0.0.1:8181), P4VPN_USER, P4VPN_PASSWORD, P4VPN_DEVICES and
// P4VPN_SITES (what the topology must show), CHROMIUM (default /usr/bin/chromium), SCREENSHOTS (folder).
// Exits 0 when the check passed; otherwise prints why and exits 1.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) {
    throw new Error(`${name} is not set`);
  }
  return v;
};

const BASE = env('P4VPN_URL');
const USER = env('P4VPN_USER');
const PASSWORD = env('P4VPN_PASSWORD');
const SHOTS = env('SCREENSHOTS', path.resolve('target/ui-screenshots'));
const TIMEOUT = 15000;

/** Starts chromium with a fresh profile and returns {context, page, close()}. */
export async function openBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'p4vpn-ui-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: env('CHROMIUM', '/usr/bin/chromium'),
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`); });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The API itself, to compare what the UI shows with what the API says. */
export async function api(method, p, body) {
  const r = await fetch(`${BASE}/l3vpn/v1${p}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
               'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, json: r.status === 204 ? null : await r.json() };
}

/**
 * Retries an assertion until it holds or the deadline passes: the page polls the API on its own
 * clock, so what it shows may be one poll behind what the API just answered.
 */
async function eventually(assertion, ms = TIMEOUT) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await assertion();
    } catch (e) {
      if (Date.now() > deadline) {
        throw e;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function login(page) {
  await page.goto(`${BASE}/`);
  await page.waitForSelector('#login');
  await page.fill('#login input[name=user]', USER);
  await page.fill('#login input[name=password]', PASSWORD);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('nav.tabs');
}

async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot ${file}`);
}

async function goTo(page, view) {
  await page.click(`#tab-${view}`);
  await page.waitForSelector(`#view-${view}`);
}

/** Asks for the trace red-1 -> 10.2.1.2 through the form, with VPN red highlighted. */
async function traceRed(page) {
  await page.waitForSelector('#trace-form select[name=vpn] option[value=red]', { state: 'attached' });
  await page.selectOption('#trace-form select[name=vpn]', 'red');
  await page.selectOption('#trace-form select[name=site]', 'red-1');
  await page.selectOption('#vpn-select', 'red');
  await page.fill('#trace-form input[name=destination]', '10.2.1.2');
  await page.click('#trace-form button[type=submit]');
  await page.waitForSelector('#topology g.trace-stack');
}

/** The hops of the API's LSPs between PE1 and PE2, as from>to pairs. */
async function lspHops(kind) {
  const lsps = (await api('GET', '/lsps')).json.filter((l) => l.ingress !== l.egress);
  const paths = kind === 'backup' ? lsps.filter((l) => l.backup).map((l) => l.backup) : lsps.flatMap((l) => l.primaries);
  return paths.flat().filter((x) => x.next).map((x) => `${x.device}>${x.next}`).sort();
}

const CHECKS = {
  /** The topology shows every device of the network by role, its links and its CE sites. */
  async topology(page) {
    await login(page);
    await page.waitForSelector('#topology g.device');
    const devices = Number(env('P4VPN_DEVICES'));
    await page.waitForFunction((n) => document.querySelectorAll('#topology g.device').length === n, devices);
    const topo = (await api('GET', '/topology')).json;
    assert.equal(await page.locator('#topology g.device').count(), devices, 'devices drawn');
    assert.equal(await page.locator('#topology g.device.role-pe').count(),
      topo.devices.filter((d) => d.role === 'PE').length, 'PEs drawn as PEs');
    assert.equal(await page.locator('#topology g.site').count(), Number(env('P4VPN_SITES')), 'CE sites drawn');
    assert.ok(await page.locator('#topology g.link').count() >= 1, 'links drawn');
    await shot(page, 'topology');
  },

  /** A core link the runtime found down is drawn red and dashed with DOWN written on it. */
  async 'link-down'(page) {
    await login(page);
    await page.waitForSelector('#topology g.link.down');
    await eventually(async () => {
      const topo = (await api('GET', '/topology')).json;
      const down = topo.links.filter((l) => l.state === 'DOWN');
      assert.ok(down.length > 0, 'the API reports a link down');
      const drawn = await page.locator('#topology g.link.down').evaluateAll((els) => els.map((e) => [e.dataset.a, e.dataset.b].sort().join(' ')));
      const expected = [...new Set(down.map((l) => [l.src, l.dst].sort().join(' ')))];
      assert.deepEqual(drawn.sort(), expected.sort(), 'the down links, once per cable');
    });
    assert.ok((await page.locator('#topology g.link.down .link-state').allTextContents()).every((x) => x === 'DOWN'));
    assert.match(await page.textContent('#topology-counts'), /\(\d+ down\)/);
    await page.selectOption('#vpn-select', 'red');
    await shot(page, 'link-down');
  },

  /** A VPN and two sites created through the forms appear highlighted on the topology with their LSPs. */
  async 'vpn-and-site'(page) {
    await login(page);
    await goTo(page, 'vpns');
    await page.fill('#vpn-form input[name=name]', 'green');
    await page.fill('#vpn-form input[name=routeDistinguisher]', '65000:77');
    await page.fill('#vpn-form input[name=importTargets]', '65000:77');
    await page.fill('#vpn-form input[name=exportTargets]', '65000:77');
    await page.fill('#vpn-form input[name=description]', 'made in the browser');
    await page.click('#vpn-form button[type=submit]');
    await page.waitForSelector('#vpn-list tr[data-vpn=green]');

    await goTo(page, 'sites');
    await page.waitForSelector('#site-form select[name=vpn] option[value=green]', { state: 'attached' });
    for (const [name, device, net] of [['green-1', 'device:pe1', 7], ['green-2', 'device:pe2', 8]]) {
      await page.fill('#site-form input[name=name]', name);
      await page.selectOption('#site-form select[name=vpn]', 'green');
      await page.selectOption('#site-form select[name=device]', device);
      await page.fill('#site-form input[name=port]', '7');
      await page.fill('#site-form input[name=peInterface]', `10.${net}.1.1/24`);
      await page.fill('#site-form input[name=ceAddress]', `10.${net}.1.2`);
      await page.click('#site-form button[type=submit]');
      await page.waitForSelector(`#site-list tr[data-site="${name}"]`);
      const error = await page.textContent('#site-form .form-error');
      assert.equal(error, '', 'no error on the site form');
    }

    await goTo(page, 'topology');
    await page.waitForSelector('#vpn-select option[value=green]', { state: 'attached' });
    await page.selectOption('#vpn-select', 'green');
    await page.waitForSelector('#topology g.site.highlight[data-site="green-2"]');
    const highlighted = await page.locator('#topology g.site.highlight').evaluateAll((els) => els.map((e) => e.dataset.site));
    assert.deepEqual(highlighted.sort(), ['green-1', 'green-2'], 'only green sites highlighted');
    const faded = await page.locator('#topology g.site.faded').count();
    assert.equal(faded, await page.locator('#topology g.site').count() - 2, 'other sites faded');
    // the LSPs between PE1 and PE2, both directions, with a label on each hop
    await page.waitForSelector('#topology g.lsp-hop .lsp-label');
    await eventually(async () => {
      const labels = await page.locator('#topology g.lsp-primary .lsp-label').allTextContents();
      const lsps = (await api('GET', '/lsps')).json.filter((l) => ['device:pe1', 'device:pe2'].includes(l.ingress)
        && ['device:pe1', 'device:pe2'].includes(l.egress) && l.ingress !== l.egress);
      const expected = lsps.flatMap((l) => l.primaries.flatMap((p) => p.filter((x) => x.next && x.outLabel !== -1)
        .map((x) => ({ 3: 'pop', 0: '0 (explicit null)' }[x.outLabel] || String(x.outLabel)))));
      assert.ok(expected.length >= 2, 'the API has LSP hops between the two PEs');
      assert.deepEqual(labels.sort(), expected.sort(), 'one label per LSP hop, as the API says');
    });
    assert.ok(await page.locator('#topology g.device.role-pe.highlight').count() === 2, 'both PEs highlighted');
    await shot(page, 'vpn-overlay');

    // a site attached by someone else (here: the API directly) shows up without a reload
    const added = await api('POST', '/sites', { name: 'green-3', vpn: 'green', device: 'device:pe2', port: 9,
                                                peInterface: '10.9.1.1/24', ceAddress: '10.9.1.2' });
    assert.equal(added.status, 201, JSON.stringify(added.json));
    await page.waitForSelector('#topology g.site.highlight[data-site="green-3"]');
    assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), 1, 'no reload');
  },

  /** A VPN edited through the form keeps its name and RD and takes the new targets; then it is deleted. */
  async 'edit-delete'(page) {
    const made = await api('POST', '/vpns', { name: 'temp', routeDistinguisher: '65000:88', routeTargets: ['65000:88'] });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    await login(page);
    await goTo(page, 'vpns');
    await page.click('#vpn-list tr[data-vpn=temp] [data-action=edit]');
    assert.equal(await page.inputValue('#vpn-form input[name=routeDistinguisher]'), '65000:88');
    assert.ok(await page.locator('#vpn-form input[name=name][readonly]').count() === 1, 'the name cannot change');
    await page.fill('#vpn-form input[name=exportTargets]', '65000:88, 65000:99');
    await page.selectOption('#vpn-form select[name=labelMode]', 'PER_CE');
    await page.click('#vpn-form button[type=submit]');
    await page.locator('#vpn-list tr[data-vpn=temp]').filter({ hasText: '65000:99' }).waitFor();
    const stored = (await api('GET', '/vpns/temp')).json;
    assert.deepEqual(stored.exportTargets.sort(), ['65000:88', '65000:99']);
    assert.equal(stored.labelMode, 'PER_CE');
    assert.deepEqual(stored.importTargets, ['65000:88'], 'import targets untouched');
    page.once('dialog', (d) => d.accept());
    await page.click('#vpn-list tr[data-vpn=temp] [data-action=delete]');
    await page.locator('#vpn-list tr[data-vpn=temp]').waitFor({ state: 'detached' });
    assert.equal((await api('GET', '/vpns/temp')).status, 404, 'deleted');
  },

  /** A malformed route distinguisher: the API's own message next to the RD field; nothing created. */
  async 'bad-rd'(page) {
    await login(page);
    await goTo(page, 'vpns');
    const body = { name: 'bad-rd', routeDistinguisher: '65000:1x', importTargets: ['65000:9'] };
    await page.fill('#vpn-form input[name=name]', body.name);
    await page.fill('#vpn-form input[name=routeDistinguisher]', body.routeDistinguisher);
    await page.fill('#vpn-form input[name=importTargets]', '65000:9');
    await page.click('#vpn-form button[type=submit]');
    const slot = page.locator('#vpn-form .field-error[data-error-for=routeDistinguisher]');
    await slot.filter({ hasText: /./ }).waitFor();
    const shown = await slot.textContent();
    const answer = await api('POST', '/vpns', body);
    assert.equal(answer.status, 400);
    assert.equal(answer.json.field, 'routeDistinguisher');
    assert.equal(shown, answer.json.message, 'the API message, next to the field');
    assert.ok(await page.locator('#vpn-form input[name=routeDistinguisher].invalid').count() === 1, 'field marked');
    assert.equal(await page.locator('#vpn-form .field-error[data-error-for=name]').textContent(), '', 'name fine');
    assert.equal(await page.locator('#vpn-list tr[data-vpn="bad-rd"]').count(), 0, 'not listed');
    await shot(page, 'bad-rd');
  },

  /** A trace red-1 -> 10.2.1.2 is drawn hop by hop with the label stack the API gives. */
  async trace(page) {
    await login(page);
    await traceRed(page);
    const expected = await eventually(async () => {
      const answer = (await api('GET', '/trace?vpn=red&site=red-1&destination=10.2.1.2')).json;
      assert.equal(answer.delivered, true, 'the API delivers red-1 -> 10.2.1.2');
      const drawn = await page.locator('#topology g.trace-stack').evaluateAll((els) => els.map((e) =>
        ({ device: e.dataset.device, labels: e.dataset.labels })));
      assert.deepEqual(drawn, answer.hops.map((x) => ({ device: x.device, labels: (x.labels || []).join(',') })),
        'every hop drawn with its label stack');
      return answer;
    });
    assert.ok(expected.hops.some((x) => x.labels && x.labels.length === 2), 'a two-label stack on the way');
    const boxes = await page.locator('#topology g.trace-stack text.label-stack').allTextContents();
    assert.ok(boxes.includes(String(expected.hops[0].labels[0])), 'the top label is written on the drawing');
    assert.match(await page.textContent('#trace-result .verdict'), /Delivered to site red-2/);
    await shot(page, 'trace');
  },
};

/** Diamond lab: the backup LSPs (through P2) drawn beside the primaries (through P1). */
CHECKS.backup = async (page) => {
  await login(page);
  await page.waitForSelector('#vpn-select option[value=red]', { state: 'attached' });
  await page.selectOption('#vpn-select', 'red');
  await page.waitForSelector('#topology g.lsp-backup');
  await eventually(async () => {
    const expected = await lspHops('backup');
    assert.ok(expected.some((x) => x.includes('device:p2')), 'the API has backups through P2');
    const drawn = await page.locator('#topology g.lsp-backup').evaluateAll((els) => els.map((e) => `${e.dataset.from}>${e.dataset.to}`));
    assert.deepEqual(drawn.sort(), expected, 'every backup hop drawn');
    const primaries = await page.locator('#topology g.lsp-primary.in-use').evaluateAll((els) => els.map((e) => `${e.dataset.from}>${e.dataset.to}`));
    assert.deepEqual(primaries.sort(), await lspHops('primary'), 'the primaries in use');
  });
  assert.equal(await page.locator('#topology g.device.highlight').count(), 4, 'both cores carry red');
  await shot(page, 'diamond-backup');
};

/** Diamond lab with PE1-P1 cut: the link drawn DOWN, the LSPs and the trace through P2. */
CHECKS.reroute = async (page) => {
  await login(page);
  await traceRed(page);
  await eventually(async () => {
    const answer = (await api('GET', '/trace?vpn=red&site=red-1&destination=10.2.1.2')).json;
    assert.equal(answer.hops[1].device, 'device:p2', 'the API routes through P2');
    const drawn = await page.locator('#topology g.trace-stack').evaluateAll((els) => els.map((e) => e.dataset.device));
    assert.deepEqual(drawn, answer.hops.map((x) => x.device), 'the drawn trace crosses P2');
    assert.ok(await page.locator('#topology g.link.down').count() >= 1, 'the cut link drawn down');
    assert.ok(await page.locator('#topology g.lsp-hop.in-use[data-to="device:p2"]').count() >= 1, 'LSP in use via P2');
  });
  await shot(page, 'diamond-reroute');
};

async function main() {
  // a hung browser must not hang the build: the whole check gets two minutes at most
  setTimeout(() => { console.error('check timed out'); process.exit(3); }, 110000).unref();
  const name = process.argv[2];
  const check = CHECKS[name];
  if (!check) {
    console.error(`usage: node ui-checks.mjs ${Object.keys(CHECKS).join(' | ')}`);
    process.exit(2);
  }
  const browser = await openBrowser();
  try {
    await check(browser.page);
    assert.deepEqual(browser.problems, [], 'no script errors in the page');
    console.log(`check ${name}: passed`);
  } catch (e) {
    await shot(browser.page, `${name}-failed`).catch(() => {});
    console.error(`check ${name}: FAILED\n${e.stack || e}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}

export { CHECKS, login, shot };
