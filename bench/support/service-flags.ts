// The V8 flags every service process runs with (infra/service-node-flags.json, docs/adr/0011). A bench
// that stands in for a service runs its processes with them, so it measures the runtime that ships.
import { SERVICE_NODE_FLAGS as SHIPPED } from '../../infra/node-flags';

/** BENCH_SERVICE_NODE_FLAGS replaces them for an experiment (`''`: Node's defaults); results record what ran. */
export const SERVICE_NODE_FLAGS: readonly string[] =
  process.env.BENCH_SERVICE_NODE_FLAGS !== undefined
    ? process.env.BENCH_SERVICE_NODE_FLAGS.split(' ').filter(Boolean)
    : SHIPPED;

/** The service flags this process was not started with (`npm run bench` passes them; a bench run by hand may not). */
export function missingServiceFlags(): string[] {
  return SERVICE_NODE_FLAGS.filter((f) => !process.execArgv.includes(f));
}
