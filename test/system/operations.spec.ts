// The platform's alert rules against the running services: every metric the rules and dashboards name is
// one the services export, and a real Prometheus (Debian's `prometheus` binary, on a free port, with the
// platform's rules) fires the consumer-lag alert when a consuming service stops while events pile up,
// and resolves it when the service is back and has caught up.
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Subjects, sampleEnvelopeFor } from '@cx/contracts';
import {
  deleteNamespaceStreams,
  freePort,
  isAlive,
  SHARED_NATS_URL,
  SHARED_POSTGRES_URL,
  sleep,
  uniqueName,
  waitFor,
  withDatabase,
} from '@cx/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { stringify } from 'yaml';
import {
  dashboardQueries,
  exportedSeriesNames,
  metricNames,
  REPO,
  ruleGroups,
  writeRuleFile,
} from '../../infra/monitoring/monitoring';

const SERVICES = ['crm', 'complaints', 'aftersales', 'surveys', 'training'] as const;
type Service = (typeof SERVICES)[number];
/** Series Prometheus makes itself, not the services. */
const PROMETHEUS_OWN = new Set(['up']);
/** The `for` of every alert in this test: the rules' own (minutes) would make it wait that long. */
const TEST_FOR = '3s';
/** Events published while complaints is stopped: above CxConsumerLagHigh's threshold (1000). */
const PILE = Number(process.env.OPS_TEST_PILE ?? 1200);

interface Running {
  proc: ChildProcess;
  port: number;
  log: string;
}

interface PromAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
}

describe('a real Prometheus watching the running services', () => {
  const prefix = uniqueName('cx_ops_');
  const ns = uniqueName('ops');
  const running = new Map<Service, Running>();
  const ports = new Map<Service, number>();
  let prometheus: ChildProcess | undefined;
  let promLog = '';
  let promUrl = '';
  const dir = mkdtempSync(join(tmpdir(), 'cx-prom-'));

  const start = (svc: Service): Running => {
    const port = ports.get(svc)!;
    const proc = spawn(
      process.execPath,
      ['-r', join(REPO, 'libs/testing/register.cjs'), join(REPO, `services/${svc}/src/main.ts`)],
      {
        cwd: REPO,
        env: {
          ...process.env,
          PORT: String(port),
          DATABASE_URL: withDatabase(SHARED_POSTGRES_URL, `${prefix}_${svc}`),
          NATS_URL: SHARED_NATS_URL,
          NATS_NAMESPACE: ns,
          EVENT_STREAM_MAX_BYTES: String(64 * 1024 * 1024),
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const r: Running = { proc, port, log: '' };
    proc.stdout.on('data', (d: Buffer) => (r.log = (r.log + d.toString()).slice(-4000)));
    proc.stderr.on('data', (d: Buffer) => (r.log = (r.log + d.toString()).slice(-4000)));
    running.set(svc, r);
    return r;
  };

  const ready = async (svc: Service) => {
    const r = running.get(svc)!;
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${r.port}/health/ready`).catch(() => undefined))?.ok,
      120_000,
      `${svc} ready`,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- ${svc} output ---\n${r.log}`);
    });
  };

  const stop = async (svc: Service) => {
    const r = running.get(svc);
    if (!r?.proc.pid) return;
    const exited = new Promise((res) => r.proc.once('exit', res));
    if (isAlive(r.proc.pid)) r.proc.kill('SIGTERM');
    await Promise.race([exited, sleep(20_000)]);
    if (isAlive(r.proc.pid)) r.proc.kill('SIGKILL');
    running.delete(svc);
  };

  const query = async (
    promql: string,
  ): Promise<{ metric: Record<string, string>; value: [number, string] }[]> => {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    return body.data.result;
  };
  const alerts = async (): Promise<PromAlert[]> => {
    const body = (await (await fetch(`${promUrl}/api/v1/alerts`)).json()) as {
      data: { alerts: PromAlert[] };
    };
    return body.data.alerts;
  };
  const firing = async (name: string, labels: Record<string, string>) =>
    (await alerts()).some(
      (a) =>
        a.state === 'firing' &&
        a.labels.alertname === name &&
        Object.entries(labels).every(([k, v]) => a.labels[k] === v),
    );

  beforeAll(async () => {
    for (const svc of SERVICES) ports.set(svc, await freePort());
    for (const svc of SERVICES) start(svc);
    await Promise.all(SERVICES.map(ready));
  }, 240_000);

  afterAll(async () => {
    if (prometheus?.pid && isAlive(prometheus.pid)) prometheus.kill('SIGKILL');
    for (const svc of [...running.keys()]) await stop(svc);
    const c = new Client({ connectionString: SHARED_POSTGRES_URL });
    await c.connect();
    for (const s of SERVICES) await c.query(`DROP DATABASE IF EXISTS "${prefix}_${s}" WITH (FORCE)`);
    await c.end();
    await deleteNamespaceStreams(SHARED_NATS_URL, ns);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('every metric the alert rules and the dashboards name is one the services export', async () => {
    const exported = new Map<Service, Set<string>>();
    for (const svc of SERVICES) {
      const body = await (await fetch(`http://127.0.0.1:${ports.get(svc)}/metrics`)).text();
      exported.set(svc, exportedSeriesNames(body));
    }
    const anywhere = new Set([...exported.values()].flatMap((s) => [...s]));
    const recorded = new Set(
      ruleGroups().flatMap((g) => g.rules.flatMap((r) => (r.record ? [r.record] : []))),
    );
    const missing: string[] = [];
    for (const rule of ruleGroups().flatMap((g) => g.rules))
      for (const name of metricNames(rule.expr))
        if (!anywhere.has(name) && !recorded.has(name) && !PROMETHEUS_OWN.has(name))
          missing.push(`rule ${rule.alert ?? rule.record}: ${name}`);
    const queries = dashboardQueries();
    for (const q of queries) {
      // A service's own dashboard reads that service's metrics; the overview and backbone any service's.
      const own = (SERVICES as readonly string[]).includes(q.dashboard)
        ? exported.get(q.dashboard as Service)!
        : anywhere;
      for (const name of metricNames(q.expr))
        if (!own.has(name) && !PROMETHEUS_OWN.has(name))
          missing.push(`dashboard ${q.dashboard} "${q.panel}": ${name}`);
    }
    expect(missing).toEqual([]);
    // The comparison saw the names it should: the HTTP histogram, the backbone, the domain's own.
    const named = new Set(queries.flatMap((q) => metricNames(q.expr)));
    for (const name of [
      'http_server_request_duration_seconds_bucket',
      'stream_consumer_pending_messages',
      'complaints_sla_breaches_total',
    ])
      expect(named).toContain(name);
  });

  it('fires the consumer-lag alert while complaints is stopped and events pile up, and resolves it once complaints is back', async () => {
    const groups = ruleGroups().map((g) => ({
      ...g,
      rules: g.rules.map((r) => (r.alert && r.for ? { ...r, for: TEST_FOR } : r)),
    }));
    writeRuleFile(join(dir, 'rules.yaml'), groups);
    writeFileSync(
      join(dir, 'prometheus.yml'),
      stringify({
        global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
        rule_files: ['rules.yaml'],
        scrape_configs: SERVICES.map((svc) => ({
          job_name: svc,
          static_configs: [{ targets: [`127.0.0.1:${ports.get(svc)}`] }],
        })),
      }),
    );
    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout!.on('data', (d: Buffer) => (promLog = (promLog + d.toString()).slice(-4000)));
    prometheus.stderr!.on('data', (d: Buffer) => (promLog = (promLog + d.toString()).slice(-4000)));
    const explain = (e: Error) => {
      e.message += `\n--- prometheus output ---\n${promLog}`;
      throw e;
    };

    // Prometheus sees the five services up, and the consumers of crm's stream (complaints', others').
    const stream = `${ns.toUpperCase().replace(/-/g, '_')}_EVT_CRM`;
    const lag = `max by (consumer) (stream_consumer_pending_messages{stream="${stream}", consumer="complaints__crm"} + stream_consumer_ack_pending_messages{stream="${stream}", consumer="complaints__crm"})`;
    await waitFor(async () => (await query('sum(up)'))[0]?.value[1] === '5', 60_000, 'five targets up').catch(
      explain,
    );
    await waitFor(
      async () => (await query(lag)).length === 1,
      60_000,
      'complaints__crm lag reported by crm',
    ).catch(explain);
    expect(await firing('CxConsumerLagHigh', { consumer: 'complaints__crm' })).toBe(false);

    // complaints stops; crm's customers keep changing tier.
    await stop('complaints');
    const nc = await connect({ servers: SHARED_NATS_URL });
    try {
      const js = jetstream(nc);
      for (let i = 0; i < PILE; i++) {
        const env = sampleEnvelopeFor(Subjects.crm.customerTierChanged);
        await js.publish(`${ns}.${env.type}`, JSON.stringify(env), { msgID: env.id });
      }
    } finally {
      await nc.close();
    }
    await waitFor(
      () => firing('CxConsumerLagHigh', { consumer: 'complaints__crm', severity: 'warning' }),
      60_000,
      'CxConsumerLagHigh firing for complaints__crm',
    ).catch(explain);
    expect(Number((await query(lag))[0].value[1])).toBeGreaterThanOrEqual(PILE);
    // The stopped process itself is noticed too.
    await waitFor(
      () => firing('CxServiceDown', { job: 'complaints' }),
      60_000,
      'CxServiceDown for complaints',
    ).catch(explain);
    // complaints comes back, catches up, and the alert resolves.
    start('complaints');
    await ready('complaints');
    await waitFor(
      async () => (await query(lag))[0]?.value[1] === '0',
      120_000,
      'complaints__crm caught up',
    ).catch(explain);
    await waitFor(
      async () => !(await firing('CxConsumerLagHigh', { consumer: 'complaints__crm' })),
      60_000,
      'CxConsumerLagHigh resolved',
    ).catch(explain);
    await waitFor(
      async () => !(await firing('CxServiceDown', { job: 'complaints' })),
      60_000,
      'CxServiceDown resolved',
    ).catch(explain);
    // Caught up by handling the events, not by dropping them: none went to complaints' dead letters.
    expect(Number((await query('max(dead_letters_pending{service="complaints"})'))[0].value[1])).toBe(0);

    const exited = new Promise((r) => prometheus!.once('exit', r));
    prometheus.kill('SIGTERM');
    await exited;
  }, 360_000);
});
