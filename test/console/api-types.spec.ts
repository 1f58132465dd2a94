// The console's API types are generated, never written by hand: from each service's OpenAPI document
// (openapi-typescript) and from docs/api.md's authorization matrix (which page a caller may open). This
// test regenerates them and fails when the committed files under apps/console/src/api differ, so a
// changed admin API fails here and in the console's type check, not on a lead's screen.
// `npm run console:api` (CONSOLE_API_WRITE=1) writes them instead of comparing.
import { startService } from '@cx/testing';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CALLERS, readMatrix } from '../support/authz-matrix';
import { ALL_SERVICES } from '../support/services';

const ROOT = join(__dirname, '../..');
const API_DIR = join(ROOT, 'apps/console/src/api');
const WRITE = process.env.CONSOLE_API_WRITE === '1';
const run = promisify(execFile);

/** Prettier as the repository formats the file (so `format:check` agrees with the generated text). */
async function formatted(text: string, path: string): Promise<string> {
  const cli = join(ROOT, 'node_modules/prettier/bin/prettier.cjs');
  const child = run(process.execPath, [cli, '--stdin-filepath', path], { cwd: ROOT, maxBuffer: 64 << 20 });
  child.child.stdin!.end(text);
  return (await child).stdout;
}

/** The committed file equals the generated one, or (CONSOLE_API_WRITE=1) becomes it. */
async function check(file: string, text: string): Promise<void> {
  const path = join(API_DIR, file);
  const wanted = await formatted(text, path);
  if (WRITE) await writeFile(path, wanted);
  const committed = await readFile(path, 'utf8').catch(() => '');
  if (committed !== wanted)
    throw new Error(`apps/console/src/api/${file} is stale: run \`npm run console:api\` and commit it`);
}

describe('console API types (generated from the services and docs/api.md)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cx-console-api-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(ALL_SERVICES.map((def) => [def.name, def.name, def] as const))(
    '%s: apps/console/src/api/%s.ts is what openapi-typescript makes of its document',
    async (name, _file, def) => {
      const h = await startService(def);
      let document: string;
      try {
        const res = await h.request('GET', '/docs/json');
        expect(res.statusCode).toBe(200);
        document = res.body;
      } finally {
        await h.stop();
      }
      const file = join(dir, `${name}.json`);
      await writeFile(file, document);
      const cli = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');
      const { stdout } = await run(process.execPath, [cli, file], { cwd: ROOT, maxBuffer: 64 << 20 });
      await check(`${name}.ts`, stdout);
    },
  );

  // Every row, not only the GETs: the console also hides the forms (a POST) a caller may not send.
  it('apps/console/src/api/access.ts holds the rows of the authorization matrix', async () => {
    const rows = readMatrix();
    const lines = rows.map((r) => {
      const callers = CALLERS.filter((c) => r.allows[c]);
      return `  { service: '${r.service}', operation: '${r.operation}', allows: ${JSON.stringify(callers)} },`;
    });
    const text = [
      '// Generated from the authorization matrix of docs/api.md by test/console/api-types.spec.ts:',
      '// `npm run console:api` rewrites it. The console shows a page, or a form, only to callers these rows',
      '// let through; the services still enforce them.',
      `export type Caller = ${CALLERS.map((c) => `'${c}'`).join(' | ')};`,
      '',
      'export interface AccessRow {',
      '  service: string;',
      '  operation: string;',
      '  allows: readonly Caller[];',
      '}',
      '',
      'export const ACCESS: readonly AccessRow[] = [',
      ...lines,
      '];',
      '',
    ].join('\n');
    await check('access.ts', text);
  });
});
