// The leads' console (issue 18, "Measured"): time to first chart of the company scorecard page on a warm
// platform with a year of demo data (target under 1.5 s), and the console's JavaScript sent to the
// browser beside the same pages built with the charts removed.
//
//   npm run bench -- console-first-chart   (CONSOLE_BENCH_SIZE=demo|small, default demo: `npm run seed`'s
//                                           year; CONSOLE_BENCH_RUNS page loads, default 15)
//
// The five services run as processes (ProcessPlatform, as npm start runs them), filled by
// scripts/seed.mjs; the console is built with Vite and served by apps/console/server.mjs (gzip), once as
// shipped and once with CONSOLE_NO_CHARTS=1 (the chart component without ECharts). Debian's Chromium
// (playwright-core) signs in as an admin and opens /scorecard. "Warm platform": three page loads first,
// not counted. Each counted load is a new page with the browser cache disabled (a first visit: every
// script fetched) and, apart, with the cache on (a returning lead). First chart = the performance mark
// Chart.tsx sets when the first chart with data is on screen (ms since navigation start); the mark at the
// end of its 300 ms animation is printed beside it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessPlatform } from '@cx/testing';
import { Page } from 'playwright-core';
import { Browser, chartsDrawn, launchBrowser, signedInPage } from '../test/system/console/browser';
import {
  buildConsole,
  startConsolePlatform,
  startConsoleServer,
} from '../test/system/console/console-platform';
import { writeResult } from './support/reference';
import { runMain } from './support/run-main';
import { machine, summarize } from './support/stats';

// Browser globals, used only inside page callbacks (the workspace's type check has no DOM library).
declare const window: any;

const BENCH = 'console-first-chart';
const TARGET_MS = 1500;
const SIZE = (process.env.CONSOLE_BENCH_SIZE ?? 'demo') as 'demo' | 'small';
const RUNS = Number(process.env.CONSOLE_BENCH_RUNS ?? 15);
const WARM_RUNS = 3;
const log = (line: string) => console.log(`[${BENCH}] ${line}`);

interface Load {
  /** The first chart's first frame on screen, and its animation over (ms since navigation start). */
  firstChartMs: number;
  settledMs: number;
  /** Bytes of JavaScript on the wire (gzip) and decoded, as the browser counted them. */
  jsWireBytes: number;
  jsBytes: number;
  scripts: number;
  /** From navigation start: the last script loaded, the company-scorecard request sent and answered. */
  scriptsDoneMs: number;
  apiStartMs: number;
  apiEndMs: number;
}

const median = (values: number[]) => summarize(values).p50;

/** Opens /scorecard in a new page and waits for its first chart; what it cost. */
async function loadScorecard(browser: Browser, url: string, cache: boolean): Promise<Load> {
  const page: Page = await signedInPage(browser, url, 'admin');
  try {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: !cache });
    const scripts = new Map<string, { wire: number; decoded: number }>();
    cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => {
      if (e.type === 'Script') scripts.set(e.requestId, { wire: 0, decoded: 0 });
    });
    cdp.on('Network.dataReceived', (e: { requestId: string; dataLength: number }) => {
      const s = scripts.get(e.requestId);
      if (s) s.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      const s = scripts.get(e.requestId);
      if (s) s.wire = e.encodedDataLength;
    });
    await page.goto(`${url}/scorecard`);
    await page.waitForFunction(
      () => window.performance.getEntriesByName('cx:first-chart-settled').length > 0,
      undefined,
      {
        timeout: 60_000,
      },
    );
    const [firstChartMs, settledMs] = await page.evaluate(() =>
      ['cx:first-chart', 'cx:first-chart-settled'].map(
        (name) => window.performance.getEntriesByName(name)[0].startTime as number,
      ),
    );
    const timing = await page.evaluate(() => {
      const entries = window.performance.getEntriesByType('resource') as {
        name: string;
        initiatorType: string;
        startTime: number;
        responseEnd: number;
      }[];
      const api = entries.find((e) => e.name.includes('/company-scorecard?'));
      return {
        scriptsDoneMs: Math.max(
          0,
          ...entries.filter((e) => e.initiatorType === 'script').map((e) => e.responseEnd),
        ),
        apiStartMs: api?.startTime ?? NaN,
        apiEndMs: api?.responseEnd ?? NaN,
      };
    });
    await chartsDrawn(page);
    const all = [...scripts.values()];
    return {
      firstChartMs,
      settledMs,
      jsWireBytes: all.reduce((n, s) => n + s.wire, 0),
      jsBytes: all.reduce((n, s) => n + s.decoded, 0),
      scripts: all.length,
      ...timing,
    };
  } finally {
    await page.close();
  }
}

/** One GET /admin/company-scorecard of the page's default period, straight to training: its wall time. */
async function companyScorecardMs(platform: ProcessPlatform): Promise<number> {
  const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const from = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
  const token = await platform.token('admin');
  const started = performance.now();
  const res = await fetch(
    `${platform.url('training')}/api/v1/admin/company-scorecard?from=${from}&to=${to}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  if (!res.ok) throw new Error(`company-scorecard: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - started;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

async function main(): Promise<void> {
  const dist = await mkdtemp(join(tmpdir(), 'cx-console-bench-'));
  const bare = await mkdtemp(join(tmpdir(), 'cx-console-bench-nocharts-'));
  log(`starting the platform, seeding (${SIZE}) and building the console`);
  const platform = await startConsolePlatform({ size: SIZE, dist });
  let browser: Browser | undefined;
  let bareServer: Awaited<ReturnType<typeof startConsoleServer>> | undefined;
  try {
    log(`seeded in ${platform.seedSeconds.toFixed(0)} s; building the pages without charts`);
    await buildConsole(bare, { CONSOLE_NO_CHARTS: '1' });
    bareServer = await startConsoleServer(platform.platform, bare);
    browser = await launchBrowser();

    for (let i = 0; i < WARM_RUNS; i++) await loadScorecard(browser, platform.url, false);
    // The floor: the one API answer the first chart needs, asked directly (no browser, no proxy).
    const apiMs: number[] = [];
    for (let i = 0; i < RUNS; i++) apiMs.push(await companyScorecardMs(platform.platform));
    const cold: Load[] = [];
    const warm: Load[] = [];
    for (let i = 0; i < RUNS; i++) {
      cold.push(await loadScorecard(browser, platform.url, false));
      warm.push(await loadScorecard(browser, platform.url, true));
    }
    // Without ECharts there is no chart to wait for: the same page, its scripts counted the same way.
    const noCharts = await loadScorecard(browser, bareServer.url, false);

    const c = summarize(cold.map((l) => l.firstChartMs));
    const w = summarize(warm.map((l) => l.firstChartMs));
    const api = summarize(apiMs);
    const shipped = cold[0];
    log(`first chart of /scorecard, ${RUNS} loads each (target p50 < ${TARGET_MS} ms):`);
    log(
      `  cache off (first visit): p50 ${c.p50.toFixed(0)} ms  p90 ${c.p90.toFixed(0)} ms  max ${c.max.toFixed(0)} ms  ${c.p50 < TARGET_MS ? 'MET' : 'MISS'}`,
    );
    log(
      `  the same loads until the chart's animation is over: p50 ${median(cold.map((l) => l.settledMs)).toFixed(0)} ms`,
    );
    log(
      `  floor, the API answer alone (GET company-scorecard): p50 ${api.p50.toFixed(0)} ms  p90 ${api.p90.toFixed(0)} ms`,
    );
    log(
      `  where a first visit's time goes (p50): scripts loaded ${median(cold.map((l) => l.scriptsDoneMs)).toFixed(0)} ms, company-scorecard asked at ${median(cold.map((l) => l.apiStartMs)).toFixed(0)} ms and answered at ${median(cold.map((l) => l.apiEndMs)).toFixed(0)} ms`,
    );
    log(
      `  cache on  (returning):   p50 ${w.p50.toFixed(0)} ms  p90 ${w.p90.toFixed(0)} ms  max ${w.max.toFixed(0)} ms`,
    );
    log(`JavaScript sent for /scorecard (gzip on the wire / decoded, scripts):`);
    log(
      `  as shipped:     ${kib(shipped.jsWireBytes)} / ${kib(shipped.jsBytes)}, ${shipped.scripts} scripts`,
    );
    log(
      `  without charts: ${kib(noCharts.jsWireBytes)} / ${kib(noCharts.jsBytes)}, ${noCharts.scripts} scripts`,
    );
    log(
      `  the charts are ${kib(shipped.jsWireBytes - noCharts.jsWireBytes)} on the wire (${((1 - noCharts.jsWireBytes / shipped.jsWireBytes) * 100).toFixed(0)} % of it)`,
    );
    const file = writeResult(BENCH, {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      config: { size: SIZE, runs: RUNS, warmRuns: WARM_RUNS, seedSeconds: platform.seedSeconds },
      firstChartMs: { cacheOff: c, cacheOn: w, apiFloor: api, targetP50: TARGET_MS },
      javascript: { shipped, noCharts },
    });
    log(`results written to ${file}`);
  } finally {
    await browser?.close();
    bareServer?.child.kill('SIGTERM');
    await platform.stop();
    await rm(dist, { recursive: true, force: true });
    await rm(bare, { recursive: true, force: true });
  }
}

runMain(BENCH, main);
