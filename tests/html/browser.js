// Opens a signalkg HTML page in Debian's Chromium (headless, driven over the DevTools protocol
// by puppeteer-core) and prints what it saw as JSON; tests/html/report_page.py asserts on it.
//   node browser.js PAGE [--screenshot PNG] [--search TEXT] [--select-all] [--filters]
//                   [--firefox] [--timeout MS]
// --firefox: Debian's firefox-esr (WebDriver BiDi, on 127.0.0.1) instead of Chromium.
// Seen: console messages, page errors, every request other than the page itself and every
// failed one, dialogs (dismissed), the time until the page marks its first frame drawn, the
// drawn node and edge counts, and after a search (typed, then Enter) the panel's title and its
// edge sections. --select-all selects every entity in turn and records the panel's title.
// --filters works each filter as a user would (and back) and records what stays visible, and
// sorts the first table by its value column.
// Chromium runs with a temporary profile and no network use is needed (file://); it is stopped
// by its process id at the end, which is checked.
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const puppeteer = require(path.join(__dirname, '..', '..', '.deps', 'node_modules', 'puppeteer-core'));

function parse(argv) {
  const options = { page: null, screenshot: null, search: null, selectAll: false, filters: false,
    browser: 'chrome', timeout: 60000 };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--screenshot') options.screenshot = argv[++i];
    else if (a === '--search') options.search = argv[++i];
    else if (a === '--select-all') options.selectAll = true;
    else if (a === '--filters') options.filters = true;
    else if (a === '--firefox') options.browser = 'firefox';
    else if (a === '--timeout') options.timeout = Number(argv[++i]);
    else options.page = a;
  }
  if (!options.page) throw new Error('usage: browser.js PAGE [--screenshot PNG] [--search TEXT] [--select-all]');
  return options;
}

async function main() {
  const options = parse(process.argv.slice(2));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'signalkg-browser-'));
  const seen = { console: [], errors: [], requests: [], failed: [], dialogs: [] };
  const browser = options.browser === 'firefox'
    ? await puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
      // Headless Firefox has no WebGL without a GPU; in a virtual X display (xvfb-run) it draws
      // with Mesa's software GL.
      headless: !process.env.DISPLAY,
      userDataDir: profile,
      defaultViewport: { width: 1400, height: 900 },
      timeout: options.timeout,
    })
    : await puppeteer.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      userDataDir: profile,
      // --no-sandbox: Chromium refuses to run as root with its sandbox (CI runs as root).
      // --enable-unsafe-swiftshader: WebGL in software, on machines without a GPU (as CI's);
      // Chromium warns that it will stop falling back to it by itself.
      args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--disable-dev-shm-usage', '--no-first-run',
        '--no-default-browser-check', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--window-size=1400,900'],
      defaultViewport: { width: 1400, height: 900 },
      // The protocol over a pipe: no debugging port is opened at all.
      pipe: true,
      timeout: options.timeout,
    });
  const pid = browser.process().pid;
  try {
    const page = await browser.newPage();
    const url = 'file://' + path.resolve(options.page);
    page.on('console', (m) => seen.console.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => seen.errors.push(String(e && e.message || e)));
    page.on('request', (r) => { if (r.url() !== url) seen.requests.push(r.url()); });
    page.on('requestfailed', (r) => seen.failed.push(`${r.url()}: ${r.failure() && r.failure().errorText}`));
    page.on('dialog', async (d) => { seen.dialogs.push(`${d.type()}: ${d.message()}`); await d.dismiss(); });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: options.timeout });
    await page.waitForSelector('body[data-ready="true"]', { timeout: options.timeout });
    seen.ready_ms = Date.now() - started;
    await page.waitForSelector('body[data-complete="true"]', { timeout: options.timeout });
    // The page's own marks, in ms from navigation: parsed, graph, tables, filtered, drawn,
    // complete.
    seen.marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('signalkg-')).map((m) => [m.name.slice(9), Math.round(m.startTime)])));
    Object.assign(seen, await page.evaluate(() => {
      const viewer = window.signalkgViewer;
      const data = JSON.parse(document.getElementById('signalkg-data').textContent);
      return {
        drawn_nodes: viewer.drawnNodes().length,
        drawn_edges: viewer.drawnLinks(),
        drawn_labels: viewer.drawnNodes(),
        counts: data.counts,
        labels: window.signalkgViewer.labels(),
        title: document.getElementById('title').textContent,
      };
    }));
    if (options.search !== null) {
      await page.$eval('#search', (input) => { input.value = ''; });
      await page.click('#search');
      await page.keyboard.type(options.search, { delay: 5 });
      await page.waitForSelector('#suggestions li', { visible: true, timeout: 5000 });
      seen.suggestions = await page.$$eval('#suggestions li', (items) => items.map((i) => i.textContent));
      await page.keyboard.press('Enter');
      await page.waitForSelector('#panel-title', { timeout: 5000 });
      seen.panel = await page.evaluate(() => ({
        title: document.getElementById('panel-title').textContent,
        text: document.getElementById('panel').textContent,
        summary: document.getElementById('summary').textContent,
        chosen: window.signalkgViewer.chosen(),
        sections: [...document.querySelectorAll('#panel section.edges')].map((s) => ({
          kind: s.dataset.kind,
          neighbours: [...s.querySelectorAll('details')].map((d) => ({
            name: d.querySelector('summary button').textContent,
            text: d.textContent,
            links: [...d.querySelectorAll('a')].map((a) => a.href),
          })),
        })),
      }));
    }
    if (options.filters) {
      const visible = () => page.evaluate(() => window.signalkgViewer.visible());
      const setInput = (selector, value) => page.$eval(selector, (input, v) => {
        input.value = v;
        input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
      }, value);
      seen.filters = { all: await visible() };
      await page.click('#kinds input[data-kind="1"]');  // concern edges off
      seen.filters.no_concern = await visible();
      await page.click('#kinds input[data-kind="1"]');
      await setInput('#min-weight', '5');
      seen.filters.min_weight_5 = await visible();
      await setInput('#min-weight', '0');
      const dates = await page.$eval('#date-to', (input) => Number(input.max));
      await setInput('#date-to', String(Math.floor(dates / 2)));
      seen.filters.until = { date: await page.$eval('#date-label', (o) => o.textContent), ...await visible() };
      await setInput('#date-to', String(dates));
      await setInput('#community', '0');
      seen.filters.community_0 = await visible();
      await setInput('#community', '');
      seen.filters.reset = await visible();
      seen.filters.table_before = await page.$eval('#tables table', (table) => [...table.querySelectorAll('tbody tr td:nth-child(3)')].map((c) => c.textContent));
      await page.click('#tables table th:nth-child(3)');
      seen.filters.table_after = await page.$eval('#tables table', (table) => [...table.querySelectorAll('tbody tr td:nth-child(3)')].map((c) => c.textContent));
    }
    if (options.selectAll) {
      seen.selected_titles = await page.evaluate(() => {
        return window.signalkgViewer.labels().map((label, i) => {
          window.signalkgViewer.select(i);
          return document.getElementById('panel-title').textContent;
        });
      });
      // Open every <details> so that everything the panels hold is in the DOM and rendered.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    }
    // What the document holds after everything above: every element's tag, inline handlers,
    // and every link's scheme.
    seen.dom = await page.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))].sort(),
        scripts: document.scripts.length,
        handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}.${a.name}`)),
        hrefs: [...document.querySelectorAll('[href]')].map((e) => e.getAttribute('href')),
        srcs: [...document.querySelectorAll('[src]')].map((e) => e.getAttribute('src')),
        pwned: window.signalkgPwned === true,
      };
    });
    if (options.screenshot) await page.screenshot({ path: options.screenshot });
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  let alive = true;
  for (let i = 0; i < 50 && alive; ++i) {
    try { process.kill(pid, 0); await new Promise((r) => setTimeout(r, 100)); } catch (e) { alive = false; }
  }
  if (alive) process.kill(pid, 'SIGKILL');
  seen.browser_stopped = !alive;
  process.stdout.write(JSON.stringify(seen) + '\n');
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });
