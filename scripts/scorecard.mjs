#!/usr/bin/env node
// `npm run scorecard`: the company CX scorecard of a running platform (as `npm start` runs it) in the
// terminal, as CSV (--csv) or as JSON (--json). Training gathers the figures from the services that own
// them (GET /api/v1/admin/company-scorecard, docs/scorecard.md); this script only shows them.
//   npm run scorecard -- [--from 2026-03-01] [--to 2026-04-01] [--store SH-001] [--time-zone Asia/Shanghai] [--csv|--json]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { portOf, root, SERVICES } from './lib.mjs';

const USAGE = `usage: npm run scorecard -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--store <storeId>] [--time-zone <IANA zone>] [--csv | --json] [--url <training base URL>]
  Default period: last month (UTC unless --time-zone). The token: CX_TOKEN, else a development admin token (npm run token).`;

/** The figures' names as the targets table of docs/scorecard.md words them. */
const LABELS = {
  satisfaction: 'Customer satisfaction',
  'complaint-rate': 'Complaint rate',
  'first-response-in-time': 'First response within 24 h',
  'solution-in-time': 'Solution within 72 h',
  'resolution-rate': 'Complaint resolution rate',
  'aftersales-resolution-rate': 'After-sales resolution rate',
  'repeat-complaints': 'Repeat complaints',
  'audit-pass-rate': 'Mystery-shopper pass rate',
  'training-coverage': 'Training coverage',
  'repurchase-rate': 'Member repurchase rate',
  'employee-satisfaction': 'Employee satisfaction',
};
const TREND = { better: '▲ better', worse: '▼ worse', same: '= same' };

function fail(message, code = 2) {
  process.stderr.write(`scorecard: ${message}\n`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      store: { type: 'string' },
      'time-zone': { type: 'string' },
      csv: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (values.csv && values.json) fail('choose one of --csv and --json');

const training = SERVICES.find((s) => s.name === 'training');
const base = (values.url ?? process.env.TRAINING_URL ?? `http://127.0.0.1:${portOf(training)}`).replace(
  /\/$/,
  '',
);
const token =
  process.env.CX_TOKEN ??
  execFileSync(process.execPath, [join(root, 'scripts/token.mjs'), '--role', 'admin', '--sub', 'scorecard'], {
    encoding: 'utf8',
  }).trim();

const query = new URLSearchParams();
if (values.from) query.set('from', values.from);
if (values.to) query.set('to', values.to);
if (values.store) query.set('storeId', values.store);
if (values['time-zone']) query.set('timeZone', values['time-zone']);

let res;
try {
  res = await fetch(`${base}/api/v1/admin/company-scorecard?${query}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(60_000),
  });
} catch (error) {
  fail(
    `training does not answer at ${base} (${error.cause?.code ?? error.message}): is the platform running (npm start)?`,
    1,
  );
}
const body = await res.json().catch(() => ({}));
if (!res.ok) {
  const fields = (body.errors ?? []).map((e) => `\n  ${e.field}: ${e.messages.join(', ')}`).join('');
  fail(`${res.status} ${body.code ?? ''} ${body.detail ?? ''}${fields}`, 1);
}

const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
const target = (t) => (t ? `${t.operator === '>=' ? '≥' : '≤'} ${pct(t.value)}` : '–');
const status = (f) => (f.missed === true ? 'MISSED' : f.missed === false ? 'met' : '–');

if (values.json) {
  process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
} else if (values.csv) {
  // RFC 4180; every value is a code or a number except the basis, quoted when it needs to be.
  const cell = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const header = [
    'figure',
    'owner',
    'value',
    'numerator',
    'denominator',
    'target_operator',
    'target_value',
    'target_basis',
    'previous',
    'trend',
    'missed',
    'from',
    'to',
    'previous_from',
    'store_id',
  ];
  const rows = body.figures.map((f) => [
    f.figure,
    f.owner,
    f.value,
    f.numerator,
    f.denominator,
    f.target?.operator,
    f.target?.value,
    f.target?.basis,
    f.previous,
    f.trend,
    f.missed,
    body.from,
    body.to,
    body.previousFrom,
    body.storeId,
  ]);
  process.stdout.write([header, ...rows].map((r) => `${r.map(cell).join(',')}\r\n`).join(''));
} else {
  const color = process.stdout.isTTY && !process.env.NO_COLOR;
  const paint = (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const columns = ['Figure', 'Owner', 'Value', 'Target', 'Previous', 'Trend', 'Status'];
  const rows = body.figures.map((f) => [
    LABELS[f.figure] ?? f.figure,
    f.owner,
    pct(f.value),
    target(f.target),
    pct(f.previous),
    f.trend ? TREND[f.trend] : '–',
    status(f),
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const day = (iso) => iso.slice(0, 16).replace('T00:00', '').replace('T', ' ');
  console.log(
    `Company CX scorecard, ${body.storeId ? `store ${body.storeId}` : 'all stores'}: ${day(body.from)} to ${day(body.to)}` +
      ` (previous period from ${day(body.previousFrom)})\n`,
  );
  console.log(paint(1, line(columns)));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  body.figures.forEach((f, i) => {
    const text = line(rows[i]);
    console.log(f.missed === true ? paint(31, `${text}  ✗`) : f.missed === false ? paint(32, text) : text);
  });
  console.log(`\n${body.missed} of ${body.figures.length} figures miss their target (✗).`);
  for (const u of body.unavailable)
    console.log(paint(33, `Not shown: ${u.service} did not answer (${u.code}: ${u.reason}).`));
}
