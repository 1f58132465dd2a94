// The feature generator run on the real files of a service, into a throwaway copy under .tmp/ (which
// git, Nx and the other tests ignore): what it writes must type-check, pass lint and pass its own tests.
// This file loads the generated specs, so their tests run here, against the real Postgres and NATS.
import { FsTree } from 'nx/src/generators/tree';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { writeFeature } from '../src/feature/generator';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');
// A name no service will have, with a plural that is not just "+s".
const OPTIONS = { service: 'crm', name: 'sample-registry' };
const OUT = join(ROOT, '.tmp', `feature-generator-${process.pid}-${Date.now()}`);

// Generate now, while Jest collects the tests, so that the generated specs can be loaded below.
const tree = new FsTree(ROOT, false);
const n = writeFeature(tree, OPTIONS);
const changes = tree.listChanges();
const serviceDir = join(OUT, 'services', n.service);
cpSync(join(ROOT, 'services', n.service, 'src'), join(serviceDir, 'src'), { recursive: true });
for (const change of changes) {
  if (change.type === 'DELETE') throw new Error(`the generator deleted ${change.path}`);
  const target = join(OUT, change.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, change.content ?? '');
}
const tsconfig = join(OUT, 'tsconfig.json');
writeFileSync(
  tsconfig,
  JSON.stringify({
    extends: relative(OUT, join(ROOT, 'tsconfig.base.json')),
    compilerOptions: { noEmit: true, types: ['node', 'jest'] },
    include: [
      relative(OUT, join(ROOT, 'libs/*/src/**/*.d.ts')),
      'services/*/src/**/*.ts',
      'services/*/test/**/*.ts',
    ],
  }),
);

const ANSI = /\x1b\[[0-9;]*m/g;

/** Runs a node script in the repository; resolves with what it printed (colours removed: CI forces them) and its exit code. */
async function node(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, output: (stdout + stderr).replace(ANSI, '') };
  } catch (e) {
    const failed = e as Error & { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      output: (`${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message).replace(ANSI, ''),
    };
  }
}

// The checks run in processes of their own, started at once, so that they work while this process
// runs the generated tests (and ESLint loads its flat config with import(), which Jest does not do).
let typecheck: Promise<{ code: number; output: string }>;
let lint: Promise<{ code: number; output: string }>;
let dryRun: Promise<{ code: number; output: string }>;
beforeAll(() => {
  typecheck = node([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig, '--pretty', 'false']);
  lint = node([
    join(ROOT, 'node_modules/eslint/bin/eslint.js'),
    '--max-warnings',
    '0',
    '--parser-options',
    `project:${tsconfig}`,
    serviceDir,
  ]);
  const args = [
    'g',
    '@cx/tools:feature',
    '--service',
    OPTIONS.service,
    '--name',
    OPTIONS.name,
    '--dry-run',
    '--no-interactive',
  ];
  dryRun = node([join(ROOT, 'node_modules/.bin/nx'), ...args], { NX_DAEMON: 'false', NX_NO_CLOUD: 'true' });
});

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('nx g @cx/tools:feature', () => {
  it('writes the feature folder, its migration and test, and registers them', () => {
    const written = changes.map((c) => `${c.type} ${c.path}`).sort();
    const feature = `services/crm/src/${n.fileName}`;
    expect(written).toEqual(
      [
        `CREATE ${feature}/dto/create-${n.fileName}.dto.ts`,
        ...[
          'controller',
          'entity',
          'errors',
          'module',
          'repository',
          'rules.spec',
          'rules',
          'service',
          'view',
        ].map((part) => `CREATE ${feature}/${n.fileName}.${part}.ts`),
        `CREATE services/crm/src/database/migrations/${n.timestamp}-${n.className}.ts`,
        `CREATE services/crm/test/${n.fileName}.spec.ts`,
        'UPDATE docs/api.md',
        'UPDATE services/crm/src/database/migrations/index.ts',
        'UPDATE services/crm/src/service.ts',
      ].sort(),
    );
    expect(n).toMatchObject({
      className: 'SampleRegistry',
      route: 'sample-registries',
      table: 'sample_registry',
    });
  });

  it('adds one authorization matrix row per route, after the service rows', () => {
    const doc = tree.read('docs/api.md', 'utf-8') ?? '';
    const rows = doc.split('\n').filter((l) => l.includes('/api/v1/sample-registries'));
    expect(rows.map((r) => r.split('|').map((c) => c.trim()))).toEqual([
      ['', 'crm', '`POST /api/v1/sample-registries`', '✗', '✓', '✓', '✗', '✗', '✗', '✗', '✓', ''],
      ['', 'crm', '`GET /api/v1/sample-registries`', '✗', '✗', '✓', '✗', '✗', '✓', '✗', '✓', ''],
      ['', 'crm', '`GET /api/v1/sample-registries/{id}`', '✗', '✗', '✓', '✗', '✗', '✓', '✗', '✓', ''],
    ]);
  });

  it('refuses a feature that exists, and writes nothing then', () => {
    const again = new FsTree(OUT, false);
    expect(() => writeFeature(again, OPTIONS)).toThrow(/exists already/);
    expect(again.listChanges()).toEqual([]);
  });
});

// The generated tests run here: the rules' unit spec, and the integration spec (startService on the
// real Postgres and NATS).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(serviceDir, 'src', n.fileName, `${n.fileName}.rules.spec.ts`));
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(serviceDir, 'test', `${n.fileName}.spec.ts`));

describe('what nx g @cx/tools:feature writes', () => {
  it('type-checks', async () => {
    const { output } = await typecheck;
    // Only the copy's diagnostics (and tsc's own): work in progress elsewhere in the tree is not this test's.
    const ours = output
      .split(/\n(?=\S)/)
      .filter((d) => d.startsWith(relative(ROOT, OUT)) || d.startsWith('error'))
      .join('\n');
    expect(ours).toBe('');
  });

  it('passes lint', async () => {
    expect(await lint).toEqual({ code: 0, output: '' });
  });

  it('runs through the Nx CLI (a dry run writes nothing)', async () => {
    const { code, output } = await dryRun;
    expect(code).toBe(0);
    expect(output).toContain(`CREATE services/crm/src/${n.fileName}/${n.fileName}.module.ts`);
    expect(output).toContain('UPDATE services/crm/src/service.ts');
    expect(output).toContain('UPDATE docs/api.md');
  });
});
