// Notification dispatch benchmark (ADR 31): what planning notifications from a service's own events
// costs, beside floors measured in the same run, on the real bootstrap (a small service with one rule,
// in this process), Postgres and a real SMTP listener (smtp-server, also in this process).
//
// 1. publish: events published one per transaction with a rule that asks for one notification
//    (outbox row + notification_request row) beside the same events with no rule (outbox row only).
// 2. dispatch: the dispatcher claiming and sending the requests (staff lookup in process, Notifier
//    send over SMTP, delivery log row, request finished) beside the floor: Notifier.send alone to the
//    same listener (send + delivery log row), one after the other as the dispatcher does.
// 3. dispatch with no channel configured (as the loop's services run in training): nothing is sent,
//    each request is recorded as not sent.
// Each dispatch also counts the statements it sends to Postgres and this process's CPU per notice
// (robust to a shared machine, unlike the rates).
// There is no target: the figures say what a notification costs and where.
//
//   node -r ./libs/testing/register.cjs bench/notify-dispatch.bench.ts   (or: npm run bench -- notify)
//
// Knobs: BENCH_NOTIFY_EVENTS (2000).
import 'reflect-metadata';
import { sampleFor, Subjects } from '@cx/contracts';
import { Injectable, Module } from '@nestjs/common';
import { cpus, loadavg } from 'node:os';
import { ServiceHarness, SmtpListener, startService } from '@cx/testing';
import { Transactions } from '../libs/platform/src/database';
import { EventPublisher } from '../libs/platform/src/messaging';
import {
  NotificationDispatcher,
  NotificationTemplate,
  Notifier,
  notifyOn,
  StaffContact,
  StaffDirectory,
} from '../libs/platform/src/notify';
import { ServiceDefinition } from '../libs/platform/src/service';
import { testService } from '../libs/platform/test/support/test-service';
import { cpuLine, CpuMeter, numberFrom } from './crm/common';
import { CpuShare } from './support/cpu';
import { runMain } from './support/run-main';

const BENCH = 'notify-dispatch';
const log = (line: string) => console.log(`[${BENCH}] ${line}`);
const cfg = { events: numberFrom('BENCH_NOTIFY_EVENTS', 2_000, 10) };

const TEMPLATE: NotificationTemplate = {
  name: 'bench-order',
  texts: {
    'zh-CN': { subject: '新订单 {{orderId}}', body: '门店 {{storeId}} 有新订单 {{orderId}}，请备货。' },
  },
};

@Injectable()
class Directory extends StaffDirectory {
  contact(employeeId: string): Promise<StaffContact> {
    return Promise.resolve({ workEmail: `${employeeId}@staff.example.cn`, active: true });
  }

  known(employeeIds: string[]): Promise<Map<string, boolean>> {
    return Promise.resolve(new Map(employeeIds.map((id) => [id, true])));
  }
}

@Module({ providers: [{ provide: StaffDirectory, useClass: Directory }] })
class DirectoryModule {}

const withRule: ServiceDefinition = {
  ...testService,
  imports: [...testService.imports, DirectoryModule],
  notifications: [
    notifyOn(Subjects.crm.purchaseRecorded, [TEMPLATE], (d) => [
      {
        to: { employeeId: `E-${d.orderId.slice(-3)}`, purpose: 'enrollment' },
        template: TEMPLATE,
        params: { orderId: d.orderId, storeId: d.storeId },
        about: { type: 'order', id: d.orderId },
      },
    ]),
  ],
};

/** Counts the statements sent to Postgres (pg's Client.query, as TypeORM calls it) while `run` runs. */
async function countingStatements<T>(run: () => Promise<T>): Promise<[T, number]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  let n = 0;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  try {
    return [await run(), n];
  } finally {
    pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
  }
}

/** A dispatch round over everything due: its counts, statements and this process's CPU ms per notice. */
async function measuredDispatch(h: ServiceHarness) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const [counts, statements] = await countingStatements(() =>
    h.get(NotificationDispatcher).dispatchOnce(h.clock.now()),
  );
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  const notices = Math.max(1, counts.claimed);
  return {
    counts,
    rate: notices / (ms / 1000),
    perNotice: `${(statements / notices).toFixed(2)} statements, node cpu ${((used.user + used.system) / 1000 / notices).toFixed(3)} ms`,
  };
}

async function publishMany(h: ServiceHarness, prefix: string): Promise<number> {
  const tx = h.get(Transactions);
  const events = h.get(EventPublisher);
  const sample = sampleFor(Subjects.crm.purchaseRecorded);
  const t0 = performance.now();
  for (let i = 0; i < cfg.events; i++) {
    const orderId = `${prefix}-${String(i).padStart(6, '0')}`;
    await tx.run((em) =>
      events.publish(em, {
        type: Subjects.crm.purchaseRecorded,
        aggregateId: orderId,
        data: { ...sample, orderId },
      }),
    );
  }
  return cfg.events / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const smtp = await new SmtpListener().start();
  const meter = await CpuMeter.create(cpus().length);
  const env = {
    NOTIFY_SMTP_HOST: '127.0.0.1',
    NOTIFY_SMTP_PORT: String(smtp.port),
    NOTIFY_SMTP_FROM: 'CX <noreply@cx.example.cn>',
    NOTIFY_DISPATCH_INTERVAL_MS: '3600000', // the bench dispatches
  };
  const started: ServiceHarness[] = [];
  try {
    const plain = await startService(testService, { env });
    started.push(plain);
    const ours = await startService(withRule, { env });
    started.push(ours);
    const silent = await startService(withRule, { env: { ...env, NOTIFY_SMTP_HOST: '' } });
    started.push(silent);
    const dbName = (h: ServiceHarness) => new URL(h.dbUrl).pathname.slice(1);
    log(
      `${cfg.events} events per side; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );

    // warm-up both sides
    const warm = cfg.events;
    cfg.events = Math.min(200, warm);
    await publishMany(plain, 'W0');
    await publishMany(ours, 'W1');
    await ours.get(NotificationDispatcher).dispatchOnce(ours.clock.now());
    await publishMany(silent, 'W2');
    await silent.get(NotificationDispatcher).dispatchOnce(silent.clock.now());
    cfg.events = warm;

    const [plainRate, plainCpu] = await meter.during({ databaseName: dbName(plain) }, () =>
      publishMany(plain, 'P'),
    );
    const [ourRate, ourCpu] = await meter.during({ databaseName: dbName(ours) }, () =>
      publishMany(ours, 'Q'),
    );

    const notifier = ours.get(Notifier);
    const floorStart = smtp.mails.length;
    const [floorRate, floorCpu] = await meter.during({ databaseName: dbName(ours) }, async () => {
      const t0 = performance.now();
      for (let i = 0; i < cfg.events; i++)
        await notifier.send({
          channel: 'email',
          to: `floor-${i % 1000}@staff.example.cn`,
          template: TEMPLATE,
          language: 'zh-CN',
          params: { orderId: `F-${i}`, storeId: 'SH-001' },
          about: { type: 'order', id: `F-${i}` },
          key: `floor:${i}`,
        });
      return cfg.events / ((performance.now() - t0) / 1000);
    });
    const floorSent = smtp.mails.length - floorStart;

    const dispatchStart = smtp.mails.length;
    const [dispatch, dispatchCpu] = await meter.during({ databaseName: dbName(ours) }, () =>
      measuredDispatch(ours),
    );
    const dispatched = smtp.mails.length - dispatchStart;
    await publishMany(silent, 'S');
    const [unsent, unsentCpu] = await meter.during({ databaseName: dbName(silent) }, () =>
      measuredDispatch(silent),
    );

    const perItem = (c: CpuShare, rate: number) =>
      `node ${(((c.server + c.loadGenerator) / rate) * 1000).toFixed(2)} ms + Postgres ${(((c.postgres ?? NaN) / rate) * 1000).toFixed(2)} ms`;
    console.log('');
    console.log(
      `publish, one event per transaction   no rule (floor): ${plainRate.toFixed(0)} events/s; one notification planned: ${ourRate.toFixed(0)} events/s (${((ourRate / plainRate) * 100).toFixed(0)} % of the floor)`,
    );
    console.log(
      `dispatch, one after the other          Notifier.send alone (floor): ${floorRate.toFixed(0)}/s; dispatcher: ${dispatch.rate.toFixed(0)}/s (${((dispatch.rate / floorRate) * 100).toFixed(0)} % of the floor)`,
    );
    console.log(
      `cpu per item: publish floor ${perItem(plainCpu, plainRate)}; publish ours ${perItem(ourCpu, ourRate)}; send floor ${perItem(floorCpu, floorRate)}; dispatch ${perItem(dispatchCpu, dispatch.rate)}`,
    );
    console.log(cpuLine('publish floor', plainCpu));
    console.log(cpuLine('publish ours', ourCpu));
    console.log(
      `per notice: dispatch ${dispatch.perNotice}; dispatch with no channel ${unsent.perNotice} (${unsent.rate.toFixed(0)}/s, ${perItem(unsentCpu, unsent.rate)})`,
    );
    console.log(cpuLine('send floor', floorCpu));
    console.log(cpuLine('dispatch', dispatchCpu));
    console.log(cpuLine('no channel', unsentCpu));
    console.log(
      `check: ${floorSent} mails from the floor, ${dispatched} from the dispatcher (${JSON.stringify(dispatch.counts)})`,
    );
    if (dispatched !== cfg.events || floorSent !== cfg.events) throw new Error('a notification was not sent');
    if (unsent.counts.notSent !== cfg.events) throw new Error('a notification was not recorded as not sent');
  } finally {
    for (const h of started.reverse()) await h.stop().catch(() => undefined);
    await smtp.stop();
  }
}

runMain(BENCH, main);
