// The floor's consuming side (see floor-pipeline.ts), in a process of its own like the real consumer: a raw
// JetStream pull consumer and raw pg, no Nest, no TypeORM, no contract validation. Messages are spread
// over lanes by aggregate like JetStreamServer's; what has queued in a lane is applied with one query
// (`BEGIN`, per message an inbox row and, only if that row was new, the handler's row, `COMMIT`), then acked.
//
// Started with `node -r libs/testing/register.cjs` and FLOOR_CONSUMER (JSON). IPC: 'ready' once consuming;
// on 'collect' it answers 'collected' with the commit times since the last collect; on 'stop' it exits.
import { jetstream, JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client, escapeLiteral } from 'pg';
import { wallMs } from './stats';

export interface FloorConsumerConfig {
  dbUrl: string;
  natsUrl: string;
  stream: string;
  durable: string;
  lanes: number;
}

export type FromFloorConsumer =
  { type: 'ready' } | { type: 'collected'; orders: string[]; committedAt: number[]; cpuMs: number };

async function main(): Promise<void> {
  const cfg = JSON.parse(process.env.FLOOR_CONSUMER ?? '') as FloorConsumerConfig;
  const orders: string[] = [];
  const committedAt: number[] = [];
  const lanes = await Promise.all(
    Array.from({ length: cfg.lanes }, async () => {
      const db = new Client({ connectionString: cfg.dbUrl });
      await db.connect();
      return { db, queue: [] as JsMsg[], busy: false };
    }),
  );
  const nc = await connect({ servers: cfg.natsUrl, noAsyncTraces: true });
  const messages = await (
    await jetstream(nc).consumers.get(cfg.stream, cfg.durable)
  ).consume({ max_messages: 512 });

  const drain = async (lane: (typeof lanes)[number]): Promise<void> => {
    lane.busy = true;
    while (lane.queue.length > 0) {
      const batch = lane.queue.splice(0, 64);
      const applied: string[] = [];
      const sql = ['BEGIN'];
      for (const m of batch) {
        const e = JSON.parse(m.string()) as {
          id: string;
          type: string;
          aggregateId: string;
          data: { orderId: string };
        };
        applied.push(e.data.orderId);
        sql.push(
          `WITH claimed AS (INSERT INTO inbox (consumer, message_id, subject) VALUES ('floor', ${escapeLiteral(e.id)}, ${escapeLiteral(e.type)})
             ON CONFLICT DO NOTHING RETURNING message_id)
           INSERT INTO applied (message_id, aggregate_id, order_id, delivery)
             SELECT message_id, ${escapeLiteral(e.aggregateId)}, ${escapeLiteral(e.data.orderId)}, ${m.info.deliveryCount} FROM claimed`,
        );
      }
      sql.push('COMMIT');
      await lane.db.query(sql.join(';\n'));
      const at = wallMs();
      for (const o of applied) {
        orders.push(o);
        committedAt.push(at);
      }
      for (const m of batch) m.ack();
    }
    lane.busy = false;
  };

  process.on('message', (m: { type: string }) => {
    if (m.type === 'collect') {
      const cpu = process.cpuUsage();
      const reply: FromFloorConsumer = {
        type: 'collected',
        orders: orders.splice(0),
        committedAt: committedAt.splice(0),
        cpuMs: (cpu.user + cpu.system) / 1000,
      };
      process.send?.(reply);
    } else if (m.type === 'stop') {
      void (async () => {
        void messages.close();
        await nc.close();
        for (const l of lanes) await l.db.end();
        process.exit(0);
      })();
    }
  });
  process.on('disconnect', () => setTimeout(() => process.exit(0), 2_000).unref());
  process.send?.({ type: 'ready' } satisfies FromFloorConsumer);

  for await (const m of messages) {
    const key = m.headers?.get('Cx-Aggregate-Id') || m.subject;
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
    const lane = lanes[Math.abs(h) % lanes.length];
    lane.queue.push(m);
    if (!lane.busy) void drain(lane);
  }
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
