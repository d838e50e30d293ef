// Browser tests of the built page (web/dist/index.html) in headless Chromium, opened from
// the file system and from a static server on 127.0.0.1 that this test starts and stops.
// Every request that is not file:// or 127.0.0.1 is blocked, and the page must not make one.
//
// Run through scripts/test-web (which builds the page first), or: node --test web/tests/
// Environment: CHROMIUM (default /usr/bin/chromium); CI=true turns a skip into a failure;
// UPDATE_SCREENSHOT=1 copies the screenshot to web/screenshot.png (the README's picture).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(WEB, 'dist');
const PAGE = join(DIST, 'index.html');
const MODULE = join(DIST, 'scsi_decode_web.wasm');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const GZIP_BUDGET = 400 * 1000;

async function why_not() {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`;
  if (!existsSync(PAGE) || !existsSync(MODULE)) return `${PAGE} is not built (run scripts/build-web)`;
  try {
    await import('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm ci --prefix web)';
  }
  return null;
}

const LINUX_LOG = [
  'Dec  6 10:15:11 host kernel: EXT4-fs (sdb1): mounted filesystem with ordered data mode',
  'Dec  6 10:15:12 host kernel: sd 3:0:0:1: [sde] tag#40 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE cmd_age=0s',
  'Dec  6 10:15:12 host kernel: sd 3:0:0:1: [sde] tag#40 Sense Key : Medium Error [current]',
  'Dec  6 10:15:12 host kernel: sd 3:0:0:1: [sde] tag#40 Add. Sense: Unrecovered read error',
  'Dec  6 10:15:12 host kernel: sd 3:0:0:1: [sde] tag#40 CDB: Read(10) 28 00 00 31 c9 b8 00 00 30 00',
  'Dec  6 10:15:13 host kernel: some other line',
  'Dec  6 10:15:14 host kernel: sd 2:0:0:0: [sdb] tag#3 Sense Key : Illegal Request [current]',
  'Dec  6 10:15:14 host kernel: sd 2:0:0:0: [sdb] tag#3 Add. Sense: Invalid field in cdb',
  'Dec  6 10:15:20 host kernel: sd 3:0:0:1: [sde] tag#41 Sense Key : Medium Error [current]',
  'Dec  6 10:15:20 host kernel: sd 3:0:0:1: [sde] tag#41 Add. Sense: Unrecovered read error',
  '',
].join('\n');

const ESXI_LOG =
  '2011-04-04T21:07:30.257Z cpu2:2050)ScsiDeviceIO: 2315: Cmd(0x4124003edb00) 0x12, CmdSN 0x51 to dev ' +
  '"naa.600508b1001c4d4c" failed H:0x0 D:0x2 P:0x0 Valid sense data: 0x5 0x25 0x0\n' +
  '2011-04-04T21:07:31.002Z cpu2:2050)NMP: nmp_ThrottleLogForDevice: Cmd 0x28 (0x4124003edb00, 0) to dev ' +
  '"naa.600508b1001c4d4c" on path "vmhba2:C0:T0:L0" Failed: H:0x8 D:0x0 P:0x0 Possible sense data: 0x0 0x0 0x0\n';

const HEX = '72 03 11 00 00 00 00 0c 00 0a 80 00 00 00 00 00 00 12 34 56';

function suite() {
  let chromium;
  let context;
  let server;
  let base;
  let profile;
  const blocked = [];

  before(async () => {
    ({ chromium } = await import('playwright-core'));
    profile = mkdtempSync(join(tmpdir(), 'scsi-web-test-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1000, height: 900 },
      colorScheme: 'light',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.protocol === 'file:' || u.protocol === 'data:' || u.hostname === '127.0.0.1') return route.continue();
      blocked.push(u.href);
      return route.abort();
    });
    server = createServer((req, res) => {
      const path = new URL(req.url, 'http://127.0.0.1').pathname;
      const name = path === '/' ? 'index.html' : path.slice(1);
      if (name !== 'index.html') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(PAGE));
    });
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    server.unref();
    // Stops by itself even if the suite hangs.
    setTimeout(() => server.close(), 120_000).unref();
    base = `http://127.0.0.1:${server.address().port}/`;
  });

  after(async () => {
    await context?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok()));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(url) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    return { page, errors };
  }

  // Sets the text the way a paste does (fill() is slow for long text) and waits until the
  // page says it is done.
  async function paste(page, text) {
    await page.evaluate((t) => {
      const i = document.getElementById('input');
      i.value = t;
      i.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
    assert.equal(await page.getAttribute('#results', 'aria-busy'), 'true');
    await page.waitForSelector('#results[aria-busy="false"]', { state: 'attached', timeout: 60_000 });
  }

  const events = (page) =>
    page.$$eval('#results .event', (els) =>
      els.map((e) => ({
        line: Number(e.dataset.line),
        key: e.dataset.senseKey === undefined ? null : Number(e.dataset.senseKey),
        asc: e.dataset.asc === undefined ? null : Number(e.dataset.asc),
        ascq: e.dataset.ascq === undefined ? null : Number(e.dataset.ascq),
        text: e.textContent,
      })),
    );

  async function decodesEverything(url) {
    const { page, errors } = await open(url);

    await paste(page, LINUX_LOG);
    let ev = await events(page);
    assert.deepEqual(
      ev.map((e) => [e.line, e.key, e.asc, e.ascq]),
      [[2, 3, 0x11, 0], [7, 5, 0x24, 0], [9, 3, 0x11, 0]],
    );
    assert.match(ev[0].text, /UNRECOVERED READ ERROR/i);
    assert.match(ev[0].text, /READ\(10\)/);
    assert.match(ev[0].text, /medium_error/);
    assert.match(ev[0].text, /sde/);
    assert.match(ev[0].text, /DID_OK/);
    assert.match(await page.textContent('#status'), /3 events in 10 lines/);
    const devices = await page.$$eval('#summary .device', (d) => d.map((x) => [x.dataset.device, x.textContent]));
    assert.deepEqual(devices.map((d) => d[0]).sort(), ['sdb', 'sde']);
    const sde = devices.find((d) => d[0] === 'sde')[1];
    assert.match(sde, /2 events/);
    assert.match(sde, /READ\(10\)/);
    assert.equal(await page.isVisible('#summary-section'), true);

    await paste(page, ESXI_LOG);
    ev = await events(page);
    assert.equal(ev.length, 2);
    assert.deepEqual([ev[0].line, ev[0].key, ev[0].asc, ev[0].ascq], [1, 5, 0x25, 0]);
    assert.match(ev[0].text, /Device status \(D:\)\s*0x2 CHECK CONDITION/);
    assert.match(ev[0].text, /Host status \(H:\)\s*0x0/);
    assert.match(ev[0].text, /INQUIRY/);
    assert.match(ev[0].text, /naa\.600508b1001c4d4c/);
    assert.equal(ev[1].line, 2);
    assert.match(ev[1].text, /Host status \(H:\)\s*0x8/);
    assert.match(ev[1].text, /possible \(not confirmed by a CHECK CONDITION/);

    await paste(page, HEX);
    ev = await events(page);
    assert.equal(ev.length, 1);
    assert.deepEqual([ev[0].line, ev[0].key, ev[0].asc, ev[0].ascq], [1, 3, 0x11, 0]);
    const rows = await page.$$eval('#results table.bytemap tbody tr', (r) =>
      r.map((x) => Array.from(x.cells, (c) => c.textContent)),
    );
    assert.equal(rows.length, 20);
    assert.deepEqual(rows[0].slice(0, 3), ['0', '72', '01110010']);
    assert.match(rows[0][3], /RESPONSE CODE/);
    assert.match(rows[1][3], /SENSE KEY/);
    assert.match(rows[7][3], /ADDITIONAL SENSE LENGTH/);
    assert.match(rows[8][3], /DESCRIPTOR TYPE 00h/);
    assert.match(ev[0].text, /0x123456/);
    assert.match(ev[0].text, /descriptor, current \(response code 72h\)/);
    assert.match(ev[0].text, /00h information at byte 8/);

    await paste(page, '70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 cf 00 02');
    ev = await events(page);
    assert.deepEqual(ev.map((e) => [e.line, e.key, e.asc, e.ascq]), [[1, 5, 0x24, 0]]);
    assert.match(ev[0].text, /Field pointer\s*byte 2 bit 7 of the CDB/);
    assert.equal(await page.$$eval('#results table.bytemap tbody tr', (r) => r.length), 18);
    assert.equal(await page.isVisible('#summary-section'), false);

    await paste(page, '5/24/00');
    ev = await events(page);
    assert.deepEqual(ev.map((e) => [e.line, e.key, e.asc, e.ascq]), [[1, 5, 36, 0]]);
    assert.match(ev[0].text, /INVALID FIELD IN CDB/);
    assert.match(ev[0].text, /invalid_request/);

    await paste(page, '00 01 02 03');
    assert.equal((await events(page)).length, 0);
    assert.match(await page.textContent('#status'), /not sense data/);

    // The button and the keyboard decode too, without an input event.
    await page.evaluate(() => (document.getElementById('input').value = '0x2 0x3a 0x0'));
    await page.click('#decode');
    assert.deepEqual((await events(page)).map((e) => [e.key, e.asc]), [[2, 0x3a]]);
    await page.evaluate(() => (document.getElementById('input').value = '6/29/00'));
    await page.focus('#input');
    await page.keyboard.press('Control+Enter');
    assert.deepEqual((await events(page)).map((e) => [e.key, e.asc]), [[6, 0x29]]);

    assert.deepEqual(errors, []);
    await page.close();
  }

  test('the module is under the size budget', () => {
    const gz = gzipSync(readFileSync(MODULE), { level: 9 }).length;
    assert.ok(gz < GZIP_BUDGET, `module is ${gz} bytes gzipped, budget ${GZIP_BUDGET}`);
    assert.ok(gz > 10_000, 'module suspiciously small');
  });

  test('decodes from a local file (file://)', () => decodesEverything(pathToFileURL(PAGE).href));

  test('decodes from a static server on 127.0.0.1', () => decodesEverything(base));

  test('every example button decodes something', async () => {
    const { page, errors } = await open(pathToFileURL(PAGE).href);
    for (const name of ['linux', 'esxi', 'hex', 'triple']) {
      await page.click(`[data-example="${name}"]`);
      await page.waitForSelector('#results[aria-busy="false"]', { state: 'attached' });
      const ev = await events(page);
      assert.ok(ev.length >= 1, `example ${name}: no event`);
      assert.ok(ev.some((e) => e.key !== null), `example ${name}: no event with a sense key`);
    }
    await page.click('#clear');
    assert.equal((await events(page)).length, 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('renders: screenshot', async () => {
    const { page } = await open(pathToFileURL(PAGE).href);
    await page.setViewportSize({ width: 1000, height: 1400 });
    await page.click('[data-example="linux"]');
    await page.waitForSelector('#results[aria-busy="false"]', { state: 'attached' });
    const png = await page.screenshot({ fullPage: false });
    const outDir = join(WEB, 'test-output');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'screenshot.png'), png);
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(join(outDir, 'screenshot.png'), join(WEB, 'screenshot.png'));

    // A PNG of the viewport's size...
    assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1000, 1400]);
    // ...that shows a page: decode its pixels in a blank page and count what differs from
    // the background, and how many colours there are.
    const probe = await context.newPage();
    const stats = await probe.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const bg = [d[0], d[1], d[2]];
      let differ = 0;
      const colours = new Set();
      for (let i = 0; i < d.length; i += 4) {
        if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 30) differ++;
        if (i % 64 === 0) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      }
      return { differ: differ / (d.length / 4), colours: colours.size, bg };
    }, png.toString('base64'));
    await probe.close();
    assert.ok(stats.bg[0] > 200 && stats.bg[1] > 200, `light background expected, got ${stats.bg}`);
    assert.ok(stats.differ > 0.03 && stats.differ < 0.7, `ink covers ${stats.differ} of the page`);
    assert.ok(stats.colours > 20, `only ${stats.colours} colours`);
    // The first event is laid out on screen.
    const box = await page.locator('#results .event').first().boundingBox();
    assert.ok(box && box.width > 500 && box.height > 60, `event box ${JSON.stringify(box)}`);
    await page.close();
  });

  test('follows a dark colour scheme, and labels its controls', async () => {
    const { page } = await open(pathToFileURL(PAGE).href);
    const colours = () =>
      page.evaluate(() => {
        const s = getComputedStyle(document.body);
        return [s.backgroundColor, s.color];
      });
    const light = await colours();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    assert.notDeepEqual(light, dark);
    const lum = (c) => c.match(/\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0);
    assert.ok(lum(dark[0]) < 150 && lum(dark[1]) > 500, `dark: ${dark}`);
    assert.ok(lum(light[0]) > 600 && lum(light[1]) < 150, `light: ${light}`);
    // The text box has a label, the results announce when they are busy, and Tab reaches
    // the Decode button from the text box.
    assert.equal(await page.$eval('label[for="input"]', (l) => l.textContent.length > 10), true);
    assert.equal(await page.getAttribute('#results', 'aria-busy'), 'false');
    await page.focus('#input');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'decode');
    await page.close();
  });

  test('makes no request outside file:// and 127.0.0.1', () => {
    assert.deepEqual(blocked, []);
  });
}

const skip = await why_not();
if (skip) {
  console.log(`SKIPPED: web page test: ${skip}`);
  if (process.env.CI === 'true') {
    test('the browser test can run (CI=true)', () => assert.fail(`SKIPPED under CI: ${skip}`));
  }
} else {
  suite();
}
