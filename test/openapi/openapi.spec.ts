// Every service's OpenAPI document (/docs/json) tells clients the truth: it passes Redocly's lint with
// the checked-in redocly.yaml (the recommended rules), and every answer it documents has a schema, so
// a generated client never gets an untyped body. Warnings fail too, but for one kind (see accepted).
import { startService } from '@cx/testing';
import { ALL_SERVICES } from '../support/services';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../..');
const SERVICES = ALL_SERVICES;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}

/** `redocly lint` on the document: what it reports, as its JSON format lists it. */
async function lint(document: object, dir: string, name: string): Promise<Problem[]> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(document, null, 2));
  const cli = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
  const args = [cli, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'];
  // Exits 1 when it finds errors: the report on stdout is the answer either way.
  const out = await promisify(execFile)(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((e: Error & { stdout?: string; stderr?: string }) => {
    if (!e.stdout) throw new Error(`redocly lint did not report: ${e.stderr || e.message}`);
    return { stdout: e.stdout };
  });
  return (JSON.parse(out.stdout) as { problems: Problem[] }).problems;
}

interface Operation {
  security?: Record<string, string[]>[];
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
}
interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

/** The operation a problem's JSON pointer is in (`#/paths/~1health~1live/get/...`). */
function operationAt(document: Document, pointer: string | undefined): Operation | undefined {
  const [, paths, path, method] = (pointer ?? '').split('/');
  if (paths !== 'paths' || !path || !method) return undefined;
  return document.paths[path.replace(/~1/g, '/').replace(/~0/g, '~')]?.[method];
}

/**
 * Warnings we accept: a public probe (health, metrics: `security: [{}]`, no token, no input) has no 4xx
 * answer to document. Every other warning fails like an error.
 */
const accepted = (document: Document, p: Problem): boolean =>
  p.ruleId === 'operation-4xx-response' &&
  JSON.stringify(operationAt(document, p.location[0]?.pointer)?.security) === '[{}]';

/** `GET /path -> 200` for every documented answer with a body but no schema (a 204 has no body). */
function answersWithoutSchema(document: Document): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(document.paths))
    for (const method of METHODS) {
      const responses = item[method]?.responses;
      if (!item[method]) continue;
      if (!responses || Object.keys(responses).length === 0)
        out.push(`${method.toUpperCase()} ${path}: none`);
      for (const [status, response] of Object.entries(responses ?? {})) {
        if (status === '204' || status === '304') continue;
        const media = Object.values(response.content ?? {});
        if (media.length === 0 || media.some((m) => !m.schema))
          out.push(`${method.toUpperCase()} ${path} -> ${status}`);
      }
    }
  return out;
}

/**
 * Properties typed `object` with nothing inside: what @nestjs/swagger writes for a field it cannot
 * reflect (a `string | null` without `type: String`), so a generated client would expect an object.
 */
function shapelessObjects(document: Document): string[] {
  const out: string[] = [];
  const visit = (schema: Schema | undefined, where: string): void => {
    if (!schema) return;
    const shaped =
      schema.properties || schema.additionalProperties !== undefined || schema.allOf || schema.oneOf;
    if (schema.type === 'object' && !shaped) out.push(where);
    for (const [name, property] of Object.entries(schema.properties ?? {}))
      visit(property, `${where}.${name}`);
    visit(schema.items, `${where}[]`);
    schema.allOf?.forEach((s, i) => visit(s, `${where}.allOf[${i}]`));
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) visit(schema, name);
  return out;
}

describe('OpenAPI documents (every service, real Postgres and NATS)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cx-openapi-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(SERVICES.map((def) => [def.name, def] as const))(
    '%s: passes redocly lint and documents a schema for every answer',
    async (name, def) => {
      const h = await startService(def);
      try {
        const res = await h.request('GET', '/docs/json');
        expect(res.statusCode).toBe(200);
        const document = res.json<Document>();

        const problems = await lint(document, dir, name);
        const report = (severity: Problem['severity']) =>
          problems
            .filter((p) => p.severity === severity && !accepted(document, p))
            .map((p) => `${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`);
        expect({
          errors: report('error'),
          warnings: report('warn'),
          answersWithoutSchema: answersWithoutSchema(document),
          shapelessObjects: shapelessObjects(document),
        }).toEqual({ errors: [], warnings: [], answersWithoutSchema: [], shapelessObjects: [] });
      } finally {
        await h.stop();
      }
    },
  );
});
