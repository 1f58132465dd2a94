// The V8 flags every service process runs with (infra/service-node-flags.json, docs/adr/0011). A bench
// that stands in for a service runs its processes with them, so it measures the runtime that ships.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './reference';

export const SERVICE_NODE_FLAGS: readonly string[] = (
  JSON.parse(readFileSync(join(ROOT, 'infra/service-node-flags.json'), 'utf8')) as { flags: string[] }
).flags;

/** The service flags this process was not started with (`npm run bench` passes them; a bench run by hand may not). */
export function missingServiceFlags(): string[] {
  return SERVICE_NODE_FLAGS.filter((f) => !process.execArgv.includes(f));
}
