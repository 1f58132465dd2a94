// What one write-only catch-up batch costs Postgres, without the machine's noise: the Postgres backend's
// own CPU (utime + stime of its process, /proc) per event for the query a batch of purchase.recorded
// events sends, built by the real PurchaseService: its statements one by one ('separate', as before
// ADR 0036) or their rows joined per table ('joined', joinInserts). Alternates the two; one connection,
// a throwaway database with aftersales' migrations.
//
//   node -r ./libs/testing/register.cjs bench/aftersales/batch-statement-cpu.ts
//
// Knobs: BATCH (64 events), ROUNDS (60 batches per measurement), PAIRS (2), BEFORE (a statement run
// first, e.g. "DROP INDEX ix_warranty_order" to see what an index costs).
import 'reflect-metadata';
import { uuidv7 } from '@cx/contracts';
import { createServiceApp, joinInserts, literal, oneTransaction, Statement } from '@cx/platform';
import { createTestDatabase, SHARED_NATS_URL, SHARED_POSTGRES_URL, uniqueNamespace } from '@cx/testing';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { PurchaseService } from '../../services/aftersales/src/purchase/purchase.service';
import { aftersalesService } from '../../services/aftersales/src/service';
import { numberFrom } from '../crm/common';
import { benchPurchase } from './workload';

const BATCH = numberFrom('BATCH', 64, 1);
const ROUNDS = numberFrom('ROUNDS', 60, 1);
const PAIRS = numberFrom('PAIRS', 2, 1);

/** CPU time of a process so far, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main(): Promise<void> {
  const db = await createTestDatabase(SHARED_POSTGRES_URL, 'cx_bench_as_');
  const svc = await createServiceApp(aftersalesService, {
    env: {
      NODE_ENV: 'development',
      DATABASE_URL: db.url,
      NATS_URL: SHARED_NATS_URL,
      NATS_NAMESPACE: uniqueNamespace(),
      LOG_LEVEL: 'silent',
    },
  });
  const c = new Client({ connectionString: db.url });
  try {
    const purchases = svc.app.get(PurchaseService);
    await c.connect();
    const [{ pid }] = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    if (process.env.BEFORE) await c.query(process.env.BEFORE);
    let next = 0;
    // The query applyWriteOnly sends for a batch: the inbox rows, then the handlers' statements.
    const batchQuery = async (joined: boolean) => {
      const ids = Array.from({ length: BATCH }, () => uuidv7()).sort();
      const inbox = `INSERT INTO inbox (consumer, message_id, subject) VALUES ${ids
        .map((id) => `('aftersales__crm', ${literal(id)}, 'evt.crm.purchase.recorded.v1')`)
        .join(', ')}`;
      const statements: Statement[] = [];
      for (let i = 0; i < BATCH; i++)
        statements.push(...(await purchases.recordPurchase(benchPurchase(next++))));
      return oneTransaction([{ sql: inbox }, ...(joined ? joinInserts(statements) : statements)]);
    };
    for (let pair = 0; pair < PAIRS; pair++)
      for (const joined of [false, true]) {
        let cpu = 0;
        let wall = 0;
        for (let r = 0; r < ROUNDS; r++) {
          const text = await batchQuery(joined);
          const [cpu0, wall0] = [cpuMs(pid), performance.now()];
          await c.query(text);
          [cpu, wall] = [cpu + cpuMs(pid) - cpu0, wall + performance.now() - wall0];
        }
        const events = ROUNDS * BATCH;
        console.log(
          `${joined ? 'joined  ' : 'separate'}: Postgres backend CPU ${(cpu / events).toFixed(3)} ms/event, ` +
            `wall ${(wall / events).toFixed(3)} ms/event (${BATCH} events a batch, ${ROUNDS} batches)`,
        );
      }
  } finally {
    await c.end();
    await svc.stop();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
