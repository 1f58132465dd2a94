#!/usr/bin/env node
// `npm run seed`: fills a running platform (as `npm start` runs it: same ports, PORT_OFFSET honoured)
// with a retail chain's year: stores in several cities, staff, customers, fourteen months of purchases,
// complaints, returns, repairs, survey answers, mystery-shopper audits, training and staff surveys.
// Public HTTP APIs only (bulk endpoints where they exist), with development tokens (npm run token), so
// the admin views and `npm run scorecard` show something on a fresh start. docs/scorecard.md, "Demo data".
//   npm run seed -- [--size small|demo] [--seed 42]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { portOf, root, SERVICES } from './lib.mjs';

const USAGE = 'usage: npm run seed -- [--size small|demo] [--seed <number>]';

/** How big a chain: `small` for the system test, `demo` (default) for a realistic year. */
const SIZES = {
  small: {
    stores: 3,
    staffPerStore: 5,
    customers: 80,
    purchasesPerCustomer: 3,
    complaintShare: 0.1,
    returnShare: 1,
    surveyAnswers: 60,
    concurrency: 4,
  },
  demo: {
    stores: 8,
    staffPerStore: 12,
    customers: 2500,
    purchasesPerCustomer: 4,
    complaintShare: 0.012,
    returnShare: 0.1,
    surveyAnswers: 1200,
    concurrency: 8,
  },
};

const CITIES = [
  ['SH-001', '上海 南京西路'],
  ['BJ-001', '北京 三里屯'],
  ['GZ-001', '广州 天河路'],
  ['CD-001', '成都 春熙路'],
  ['SH-002', '上海 淮海中路'],
  ['HZ-001', '杭州 湖滨'],
  ['BJ-002', '北京 西单'],
  ['SZ-001', '深圳 华强北'],
];

/** What the chain sells: apparel (general warranty), electronics (serials, two years), socks (none). */
const CATALOGUE = [
  {
    sku: 'JK-DOWN-BLK-M',
    category: 'outerwear',
    productName: '羽绒服 黑色 M',
    unitPriceMinor: 129_900,
    warrantyClass: 'general',
  },
  {
    sku: 'JK-WIND-NVY-L',
    category: 'outerwear',
    productName: '风衣 藏青 L',
    unitPriceMinor: 89_900,
    warrantyClass: 'general',
  },
  {
    sku: 'SH-OXF-WHT-40',
    category: 'shirts',
    productName: '牛津衬衫 白 40',
    unitPriceMinor: 29_900,
    warrantyClass: 'general',
  },
  {
    sku: 'TR-CHN-KHK-32',
    category: 'trousers',
    productName: '休闲裤 卡其 32',
    unitPriceMinor: 39_900,
    warrantyClass: 'general',
  },
  {
    sku: 'KN-CASH-GRY-M',
    category: 'knitwear',
    productName: '羊绒衫 灰 M',
    unitPriceMinor: 69_900,
    warrantyClass: 'general',
  },
  { sku: 'SK-WOOL-3', category: 'socks', productName: '羊毛袜 三双装', unitPriceMinor: 9_900 },
  {
    sku: 'PH-X200-128-BLU',
    category: 'phones',
    productName: 'X200 手机 128G 蓝',
    unitPriceMinor: 329_900,
    warrantyClass: 'electronics',
    serial: true,
  },
  {
    sku: 'WA-FIT-2-BLK',
    category: 'wearables',
    productName: '运动手环 2 黑',
    unitPriceMinor: 49_900,
    warrantyClass: 'electronics',
    serial: true,
  },
];

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
];
const CATEGORIES = ['product-quality', 'product-quality', 'service-attitude', 'delivery'];
const DAY = 86_400_000;
const HOUR = 3_600_000;

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      size: { type: 'string', default: process.env.SEED_SIZE ?? 'demo' },
      seed: { type: 'string', default: '42' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (e) {
  console.error(`seed: ${e.message}\n${USAGE}`);
  process.exit(2);
}
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
const size = SIZES[opts.size];
if (!size) {
  console.error(`seed: --size must be one of ${Object.keys(SIZES).join(', ')}\n${USAGE}`);
  process.exit(2);
}

// A seeded generator (mulberry32): the same --seed gives the same chain.
let state = Number(opts.seed) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const chance = (p) => random() < p;
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
// Each run gets its own ids, so seeding a platform twice adds a second chain's year rather than clashing.
const run = Date.now().toString(36).slice(-5).toUpperCase();
/** Four digits of the run for phone numbers (crm keeps one profile per phone). */
const runDigits = String(Date.now() % 10_000).padStart(4, '0');

const base = Object.fromEntries(
  SERVICES.map((s) => [
    s.name,
    process.env[`${s.name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${portOf(s)}`,
  ]),
);
const token = (...args) =>
  execFileSync(process.execPath, [join(root, 'scripts/token.mjs'), ...args], { encoding: 'utf8' }).trim();
const tokens = {
  system: token('--role', 'system', '--sub', 'seed-pos'),
  agent: token('--role', 'agent', '--sub', 'seed-agent'),
  technician: token('--role', 'technician', '--sub', 'seed-tech'),
  admin: token('--role', 'admin', '--sub', 'seed-admin'),
};
const auditorToken = new Map();

// ---------------------------------------------------------------------------------------------- HTTP

const failures = [];

/** One call; a 4xx/5xx throws with the problem's code and detail (and the failing field). */
async function call(service, method, path, { as = 'admin', body, form, ok = [], notYet } = {}) {
  const headers = { authorization: `Bearer ${typeof as === 'string' && tokens[as] ? tokens[as] : as}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base[service]}${path}`, {
      method,
      headers,
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (res.ok || ok.includes(res.status)) return { status: res.status, json };
    // A busy service (429, 503), or one that has not yet heard of what the call names (`notYet`: an
    // order aftersales learns of from crm's event): wait and try again, a few times.
    if ((res.status === 429 || res.status === 503 || (notYet && json?.code === notYet)) && attempt < 8) {
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      continue;
    }
    const field = json?.errors?.[0] ? ` (${json.errors[0].field}: ${json.errors[0].messages[0]})` : '';
    throw new Error(
      `${service} ${method} ${path}: ${res.status} ${json?.code ?? ''} ${json?.detail ?? text}${field}`,
    );
  }
}

/** Runs `work` over `items`, `concurrency` at a time; a failure is counted and reported, not fatal. */
async function each(items, work, progress, concurrency = size.concurrency) {
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (e) {
        failures.push(e.message);
      }
      progress.tick();
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

// ------------------------------------------------------------------------------------------ progress

const steps = [];
class Progress {
  constructor(label, total) {
    Object.assign(this, { label, total, done: 0, started: Date.now() });
    steps.push(this);
    this.draw();
  }
  tick(n = 1) {
    this.done += n;
    if (process.stderr.isTTY || this.done === this.total) this.draw();
  }
  draw() {
    const width = 30;
    const share = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    const line = `${this.label.padEnd(22)} ${bar} ${String(Math.round(share * 100)).padStart(3)} %  ${this.done}/${this.total}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${this.done >= this.total ? '\n' : ''}`);
    else if (this.done >= this.total)
      process.stderr.write(`${line}  ${((Date.now() - this.started) / 1000).toFixed(1)} s\n`);
  }
}
const step = (label, total) => new Progress(label, total);

// ----------------------------------------------------------------------------------------- the chain

const started = Date.now();
const now = Date.now();
const iso = (ms) => new Date(ms).toISOString();
const stores = CITIES.slice(0, size.stores).map(([id, name]) => ({ id, name }));

// Everything is checked before anything is written: all five must answer.
for (const s of SERVICES) {
  const ready = await fetch(`${base[s.name]}/health/ready`).catch(() => undefined);
  if (!ready?.ok) {
    console.error(`seed: ${s.name} does not answer at ${base[s.name]}: start the platform first (npm start)`);
    process.exit(1);
  }
}
console.error(
  `Seeding a chain of ${stores.length} stores (size ${opts.size}, seed ${opts.seed}, run ${run})`,
);

// 1. Policies: store zones, the service-process course, repair prices, a touchpoint, a questionnaire, a checklist.
const setup = step('policies', 6 + stores.length);
for (const s of stores) {
  await call('training', 'PUT', `/api/v1/admin/stores/${s.id}/time-zone`, {
    body: { timeZone: 'Asia/Shanghai' },
  });
  setup.tick();
}
await call('training', 'POST', '/api/v1/admin/courses', {
  ok: [409, 422],
  body: {
    code: 'service-process',
    title: '门店服务流程',
    topic: 'service-process',
    format: 'internal',
    durationMinutes: 120,
    passingScore: 80,
    points: 10,
    serviceProcess: true,
  },
});
setup.tick();
await call('aftersales', 'PUT', '/api/v1/admin/policies/repair-prices/battery-replacement', {
  body: { name: '更换电池', labourMinor: 6_000, currency: 'CNY', active: true },
});
await call('aftersales', 'PUT', '/api/v1/admin/policies/parts/battery-x200', {
  body: { name: 'X200 电池', priceMinor: 12_000, currency: 'CNY', active: true },
});
setup.tick(2);
const touchpoint = `store-visit-${run.toLowerCase()}`;
await call('surveys', 'POST', '/api/v1/touchpoints', {
  body: {
    code: touchpoint,
    name: { 'zh-CN': '门店购物', en: 'Store visit' },
    department: 'retail',
    standards: [{ 'zh-CN': '30秒内接待', en: 'Greeted within 30 seconds' }],
  },
});
setup.tick();
const questionnaire = (
  await call('surveys', 'POST', '/api/v1/questionnaires', {
    body: {
      code: `csat-${run.toLowerCase()}`,
      title: { 'zh-CN': '顾客满意度调查', en: 'Customer satisfaction' },
      questions: [
        {
          key: 'overall',
          type: 'csat',
          required: true,
          touchpoint,
          text: { 'zh-CN': '您对本次购物满意吗？' },
        },
        {
          key: 'why',
          type: 'text',
          required: true,
          text: { 'zh-CN': '哪里让您不满意？' },
          showIf: { question: 'overall', atMost: 3 },
        },
        { key: 'recommend', type: 'nps', required: false, text: { 'zh-CN': '您会推荐我们吗？' } },
      ],
    },
  })
).json;
setup.tick();
const checklist = (
  await call('surveys', 'POST', '/api/v1/admin/audits/checklists', {
    body: {
      code: `visit-${run.toLowerCase()}`,
      title: { 'zh-CN': '门店暗访' },
      passThresholdPct: 80,
      sections: [
        {
          touchpoint,
          passingScorePct: 60,
          items: [
            { key: 'greet', text: { 'zh-CN': '30秒内问候' }, weight: 3, critical: false },
            { key: 'smile', text: { 'zh-CN': '微笑服务' }, weight: 2, critical: false },
            { key: 'receipt', text: { 'zh-CN': '唱收唱付' }, weight: 4, critical: true },
            { key: 'invoice', text: { 'zh-CN': '主动提供发票' }, weight: 1, critical: false },
          ],
        },
      ],
    },
  })
).json;
setup.tick();

// 2. Staff: hired over 30 months (a fifth in the last five months, whose 3-month training deadline is near).
const staff = [];
for (const s of stores)
  for (let i = 1; i <= size.staffPerStore; i++) {
    const recent = i <= Math.ceil(size.staffPerStore / 5);
    const hired = now - (recent ? between(60, 150) : between(160, 900)) * DAY;
    staff.push({
      employeeId: `E-${run}-${s.id}-${String(i).padStart(2, '0')}`,
      name: `${pick(SURNAMES)}${pick(GIVEN)}`,
      storeId: s.id,
      department: i === 1 ? 'management' : 'sales',
      role: i === 1 ? 'store-manager' : 'sales-associate',
      hireDate: iso(hired).slice(0, 10),
      hired,
    });
  }
const hires = step('staff', staff.length);
for (let i = 0; i < staff.length; i += 500) {
  const chunk = staff.slice(i, i + 500);
  await call('training', 'POST', '/api/v1/employees/bulk', {
    as: 'system',
    body: { employees: chunk.map(({ hired: _h, ...e }) => e) },
  });
  hires.tick(chunk.length);
}
// Most complete the service-process course in time; some late, some not yet.
const training = step('training', staff.length);
await each(
  staff,
  async (e) => {
    const { json } = await call('training', 'GET', `/api/v1/employees/${e.employeeId}/enrollments`);
    for (const enrollment of json ?? []) {
      if (chance(0.12)) continue;
      const takenAt = Math.min(now - HOUR, e.hired + (chance(0.9) ? between(5, 80) : between(95, 140)) * DAY);
      if (takenAt <= e.hired) continue;
      await call('training', 'POST', `/api/v1/enrollments/${enrollment.id}/attempts`, {
        as: 'system',
        body: { score: between(80, 100), takenAt: iso(takenAt) },
      });
    }
  },
  training,
);

// 3. Customers, registered in their home store.
const customers = [];
const registering = step('customers', size.customers);
await each(
  Array.from({ length: size.customers }, (_, i) => i),
  async (i) => {
    const home = pick(stores);
    const n = `${run}${String(i).padStart(4, '0')}`;
    const { json } = await call('crm', 'POST', '/api/v1/customers', {
      as: 'system',
      body: {
        name: `${pick(SURNAMES)}${pick(GIVEN)}`,
        phone: `+86 139 ${runDigits} ${String(i).padStart(4, '0')}`,
        email: `member.${n.toLowerCase()}@example.com`,
        registrationChannel: pick(['membership', 'purchase', 'online']),
        registrationStoreId: home.id,
      },
    });
    customers.push({ id: json.id, home });
  },
  registering,
);

// 4. Purchases over fourteen months (a year to compare with the year before), mostly in the home store.
const purchases = [];
let orderNo = 0;
for (const c of customers) {
  const count = Math.max(1, Math.round(size.purchasesPerCustomer * (0.3 + random() * 1.4)));
  for (let k = 0; k < count; k++) {
    // A few from the last days, whose return window is still open.
    const at = now - (chance(0.03) ? between(2, 5 * 24) : between(1, 425 * 24)) * HOUR;
    const store = chance(0.85) ? c.home : pick(stores);
    const lines = Array.from({ length: between(1, 3) }, (_, j) => {
      const item = pick(CATALOGUE);
      return {
        lineId: String(j + 1),
        sku: item.sku,
        category: item.category,
        productName: item.productName,
        quantity: 1,
        unitPriceMinor: item.unitPriceMinor,
        ...(item.warrantyClass && { warrantyClass: item.warrantyClass }),
        ...(item.serial && { serialNumber: `SN-${run}-${++orderNo}-${j}` }),
      };
    });
    purchases.push({
      source: 'pos',
      orderId: `SO-${run}-${String(++orderNo).padStart(7, '0')}`,
      channel: 'store',
      storeId: store.id,
      customerId: c.id,
      paidAmountMinor: lines.reduce((sum, l) => sum + l.unitPriceMinor, 0),
      currency: 'CNY',
      purchasedAt: iso(at),
      deliveredAt: iso(Math.min(now - 60_000, at + between(0, 90) * 60_000)),
      lines,
    });
  }
}
// The orders complaints already knows of in the purchases' span (an earlier seed's), to wait for ours.
const first = iso(Math.min(...purchases.map((p) => Date.parse(p.purchasedAt))));
const ordersKnown = async () =>
  (await call('complaints', 'GET', `/api/v1/admin/analytics/kpis?from=${first}&to=${iso(now + DAY)}`)).json
    .orders;
const knownBefore = await ordersKnown();
const buying = step('purchases', purchases.length);
const bulks = [];
for (let i = 0; i < purchases.length; i += 500) bulks.push(purchases.slice(i, i + 500));
await each(
  bulks,
  async (chunk) => {
    await call('crm', 'POST', '/api/v1/purchases/bulk', { as: 'system', body: { purchases: chunk } });
    buying.tick(chunk.length - 1);
  },
  { tick: () => buying.tick() },
  2,
);

// The other services hear of the purchases from crm's events: wait until complaints counts the orders
// (its KPI document says how many it knows) before anything refers to them.
const hearing = step('events delivered', purchases.length);
for (let waited = 0; ; waited += 1) {
  const heard = (await ordersKnown()) - knownBefore;
  hearing.done = Math.min(heard, purchases.length);
  hearing.draw();
  if (heard >= purchases.length) break;
  if (waited > 240) {
    failures.push(`complaints knew ${heard} of ${purchases.length} orders after 4 minutes`);
    break;
  }
  await new Promise((r) => setTimeout(r, 1_000));
}

// 5. Complaints. History (received 31-85 days back, the most the API takes; handled now, so late) and
// the last day's (answered and mostly solved in time), about 1 % of orders, more at the weakest store.
const weakest = stores[stores.length - 1];
const recentOrders = purchases.filter((p) => Date.parse(p.purchasedAt) > now - 30 * DAY);
const complaintsToFile = [
  ...purchases
    .filter(
      (p) =>
        Date.parse(p.purchasedAt) <= now - 30 * DAY &&
        chance(size.complaintShare * (p.storeId === weakest.id ? 2 : 1)),
    )
    // complaints takes a receivedAt at most 90 days back: older history cannot be filed.
    .filter((p) => Date.parse(p.purchasedAt) > now - 85 * DAY)
    .map((p) => ({
      p,
      receivedAt: Math.min(now - 31 * DAY, Date.parse(p.purchasedAt) + between(1, 4) * DAY),
      category: pick(CATEGORIES),
      recent: false,
    })),
  ...recentOrders
    .filter((p) => chance(size.complaintShare * (p.storeId === weakest.id ? 2.5 : 1)))
    .map((p) => ({ p, receivedAt: now - between(1, 20) * HOUR, category: pick(CATEGORIES), recent: true })),
];
// A few customers complain again about the same thing (same order, same category): repeat complaints.
for (const c of complaintsToFile.filter((x) => x.recent && chance(0.15)))
  complaintsToFile.push({ ...c, receivedAt: c.receivedAt + 30 * 60_000, again: true });
const filing = step('complaints', complaintsToFile.length);
await each(
  complaintsToFile,
  async ({ p, receivedAt, category, recent, again }) => {
    const { json } = await call('complaints', 'POST', '/api/v1/complaints', {
      as: 'agent',
      body: {
        channel: pick(['hotline', 'online', 'store-box', 'email']),
        receivedAt: iso(receivedAt),
        category,
        urgency: pick(['low', 'medium', 'medium', 'high']),
        importance: pick(['low', 'medium', 'medium', 'high']),
        customerId: p.customerId,
        storeId: p.storeId,
        orderId: p.orderId,
        productSku: p.lines[0].sku,
        description: again
          ? '上次反映的问题仍未解决，拉链又坏了。'
          : pick(['拉链坏了', '送货延误三天', '店员态度冷淡', '衣服起球严重', '尺码与标签不符']),
      },
    });
    const status = (body) =>
      call('complaints', 'POST', `/api/v1/complaints/${json.id}/status`, { as: 'agent', body });
    // Recent ones: answered at once, nine in ten solved; older ones: handled now, a few left open.
    if (!recent && chance(0.05)) return;
    await status({ status: 'acknowledged', message: '您好，我们已收到您的反馈，正在处理。' });
    if (recent && chance(0.1)) return;
    await status({
      status: 'resolved',
      summary: pick(['为顾客更换新品', '退还运费并致歉', '店长当面致歉并赠送积分']),
    });
  },
  filing,
);

// 6. Returns of the last week's deliveries, and repairs of electronics.
const returnable = purchases.filter(
  (p) => Date.parse(p.deliveredAt) > now - 6 * DAY && chance(size.returnShare),
);
const returning = step('returns', returnable.length);
await each(
  returnable,
  async (p) => {
    const { json } = await call('aftersales', 'POST', '/api/v1/returns', {
      as: 'agent',
      body: {
        kind: 'return',
        orderId: p.orderId,
        lineId: '1',
        reason: pick(['wrong-size', 'changed-mind']),
        quality: false,
      },
      notYet: 'ORDER_LINE_NOT_FOUND',
    });
    const act = (what, body = {}) =>
      call('aftersales', 'POST', `/api/v1/returns/${json.id}/${what}`, { as: 'agent', body });
    const roll = random();
    if (roll < 0.2) return; // still waiting
    if (roll < 0.35) return void (await act('reject', { reason: '商品已穿着洗涤，不符合退货条件' }));
    await act('approve');
    await act('receive', { originalPackaging: true, tags: true, invoice: true, intact: true });
    await act('inspect', { finding: '商品完好' });
    await act('refund');
    await act('complete');
  },
  returning,
);
const repairable = purchases
  .filter((p) => p.lines.some((l) => l.sku === 'PH-X200-128-BLU'))
  .filter(() => chance(0.08));
const repairing = step('repairs', repairable.length);
let slot = 0;
await each(
  repairable,
  async (p) => {
    const line = p.lines.find((l) => l.sku === 'PH-X200-128-BLU');
    const { json } = await call('aftersales', 'POST', '/api/v1/repairs', {
      as: 'agent',
      body: {
        channel: pick(['hotline', 'store-visit']),
        storeId: p.storeId,
        sku: line.sku,
        serialNumber: line.serialNumber,
        problem: '无法充电',
      },
    });
    const act = (what, body, as = 'technician') =>
      call('aftersales', 'POST', `/api/v1/repairs/${json.id}/${what}`, { as, body });
    if (chance(0.15)) return; // waiting for an appointment
    const startsAt = Math.ceil(now / HOUR) * HOUR + ++slot * HOUR;
    await act('appointment', { technicianId: `T-${run}-${p.storeId}`, startsAt: iso(startsAt) }, 'agent');
    await act('inspection', {
      findings: '电池老化',
      qualityFault: true,
      serviceCode: 'battery-replacement',
      parts: [{ code: 'battery-x200', quantity: 1 }],
    });
    await act('repair', {});
    await act('confirmation', { satisfied: chance(0.9) });
    await act('complete', { serviceRecord: '更换电池，测试正常' });
  },
  repairing,
);

// 7. Survey answers at every store (the weakest a little less satisfied), credited to its staff.
const answering = step('survey answers', size.surveyAnswers);
await each(
  Array.from({ length: size.surveyAnswers }, () => pick(stores)),
  async (s) => {
    const satisfied = chance(s.id === weakest.id ? 0.8 : 0.93);
    const overall = satisfied ? pick([4, 5, 5]) : pick([1, 2, 3]);
    const employee = pick(staff.filter((e) => e.storeId === s.id));
    await call('surveys', 'POST', '/api/v1/responses/offline', {
      as: 'agent',
      body: {
        questionnaireId: questionnaire.id,
        mode: pick(['phone', 'paper', 'interview']),
        storeId: s.id,
        employeeId: employee.employeeId,
        answers: satisfied
          ? { overall, recommend: between(8, 10) }
          : { overall, why: '等待时间太长', recommend: between(2, 6) },
      },
    });
  },
  answering,
);

// 8. Mystery-shopper audits this quarter: an auditor from another city per store; most pass.
const quarter = `${new Date(now).getUTCFullYear()}-Q${Math.floor(new Date(now).getUTCMonth() / 3) + 1}`;
const auditing = step('audits', stores.length);
await each(
  stores,
  async (s) => {
    const auditorId = `A-${run}-${s.id}`;
    const home = stores.find((o) => o.id !== s.id)?.id ?? 'HQ-001';
    await call('surveys', 'PUT', `/api/v1/admin/audits/auditors/${auditorId}`, {
      body: { homeStoreId: home },
    });
    const { json: audit } = await call('surveys', 'POST', '/api/v1/admin/audits', {
      body: { checklistId: checklist.id, storeId: s.id, quarter, auditorId },
    });
    if (!auditorToken.has(auditorId))
      auditorToken.set(auditorId, token('--role', 'auditor', '--sub', auditorId));
    const as = auditorToken.get(auditorId);
    const onDuty = staff
      .filter((e) => e.storeId === s.id)
      .slice(0, 2)
      .map((e) => e.employeeId);
    const fails = s.id === weakest.id || chance(0.1);
    const items = ['greet', 'smile', 'receipt', 'invoice'].map((key) => ({
      key,
      passed: !(fails && key === 'receipt'),
    }));
    if (fails) {
      // A failed item needs a photo and corrective actions (seed 001 (6)).
      const form = new FormData();
      form.append('item', 'receipt');
      const jpeg = Buffer.alloc(2_000, 0x20);
      jpeg.set([0xff, 0xd8, 0xff], 0);
      form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'till.jpg');
      await call('surveys', 'POST', `/api/v1/audits/${audit.id}/evidence`, { as, form });
      const due = iso(now + 14 * DAY);
      items[2].actions = [
        { kind: 'immediate', description: '当班店长提醒收银员唱收唱付', ownerId: onDuty[0], dueAt: due },
        { kind: 'prevention', description: '收银流程复训', ownerId: onDuty[0], dueAt: due },
      ];
    }
    await call('surveys', 'POST', `/api/v1/audits/${audit.id}/results`, {
      as,
      body: { items, staffOnDuty: onDuty },
    });
  },
  auditing,
);

// 9. The staff survey per store and month (leads record it; a closed month refuses, which is fine).
const months = Array.from({ length: 13 }, (_, i) => {
  const d = new Date(now);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - i);
  return d.toISOString().slice(0, 7);
});
const surveyed = step('staff surveys', months.length * stores.length);
await each(
  months.flatMap((m) => stores.map((s) => [m, s])),
  async ([month, s]) => {
    const pct = Math.round((s.id === weakest.id ? 78 : 86) + random() * 8);
    await call('training', 'PUT', `/api/v1/admin/scorecards/${month}/staff-satisfaction`, {
      ok: [409],
      body: { storeId: s.id, satisfiedPct: pct, respondents: size.staffPerStore },
    });
  },
  surveyed,
);

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.error(
  `\nSeeded ${stores.length} stores, ${staff.length} staff, ${customers.length} customers, ${purchases.length} purchases, ` +
    `${complaintsToFile.length} complaints, ${returnable.length} returns, ${repairable.length} repairs, ` +
    `${size.surveyAnswers} survey answers, ${stores.length} audits in ${seconds} s.`,
);
if (failures.length) {
  // Grouped by what went wrong (ids and numbers left out), most frequent first.
  const kinds = new Map();
  for (const f of failures) {
    const kind = f.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}').replace(/\d+/g, 'n');
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const list = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.error(`${failures.length} calls failed:\n  ${list.map(([k, n]) => `${n}× ${k}`).join('\n  ')}`);
  process.exitCode = 1;
}
console.error('See it: npm run scorecard   (or --store <id>, --csv, --json)');
