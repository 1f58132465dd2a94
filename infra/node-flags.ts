// The V8 flags every service process runs with (docs/adr/0011), for TypeScript: the checks, the benches and
// the tests read them here; the root scripts read the same JSON (scripts/lib.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVICE_NODE_FLAGS: readonly string[] = (
  JSON.parse(readFileSync(join(__dirname, 'service-node-flags.json'), 'utf8')) as { flags: string[] }
).flags;
