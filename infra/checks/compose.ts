/**
 * Checks for infra/compose/docker-compose.yml, offline (no Docker engine needed): the file parses,
 * dependencies point at services that exist and can satisfy their condition, every ${VAR} is
 * defined, images are pinned, each service waits for its migration step, and the init SQL creates
 * every database the services connect to.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { imagePinningProblem } from './policy';
import { isRecord, REPO_ROOT } from './render';

export const COMPOSE_DIR = path.join(REPO_ROOT, 'infra', 'compose');
export const COMPOSE_FILE = path.join(COMPOSE_DIR, 'docker-compose.yml');
export const ENV_EXAMPLE_FILE = path.join(COMPOSE_DIR, '.env.example');
export const INIT_SQL_FILE = path.join(COMPOSE_DIR, 'postgres', 'init.sql');

export interface ComposeFinding {
  check: string;
  service?: string;
  message: string;
}

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: unknown;
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string; required?: boolean; restart?: boolean }>;
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

export interface ComposeInputs {
  /** The compose file's raw text (variables are checked before YAML anchors are merged). */
  text: string;
  /** Names defined (uncommented NAME=...) in .env.example. */
  envExample: ReadonlySet<string>;
  /** Database names created by the init SQL. */
  initDatabases: ReadonlySet<string>;
}

/** Services that run without a healthcheck, and why (others must have one). */
export const HEALTHCHECK_EXEMPT: Readonly<Record<string, string>> = {
  'otel-collector':
    'distroless image: no shell or HTTP client inside to probe with; dependants use service_started',
};

const VALID_CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

export function parseCompose(text: string): ComposeFile {
  const value: unknown = parse(text, { merge: true });
  if (!isRecord(value) || !isRecord(value.services) || Object.keys(value.services).length === 0)
    throw new Error('compose file has no services');
  return value as ComposeFile;
}

/** Names set in a dotenv file (comments and blank lines ignored). */
export function parseEnvExample(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (m) names.add(m[1]);
  }
  return names;
}

/** Databases created by `CREATE DATABASE name` statements. */
export function parseInitDatabases(sql: string): Set<string> {
  const names = new Set<string>();
  const withoutComments = sql.replace(/--[^\n]*/g, '');
  for (const m of withoutComments.matchAll(/CREATE\s+DATABASE\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi))
    names.add(m[1]);
  return names;
}

export interface VariableUse {
  name: string;
  /** Compose's modifier: ':-' / '-' (default), ':?' / '?' (required, error), ':+' / '+' (alternative), '' (none). */
  modifier: string;
  line: number;
}

/**
 * Finds every interpolation in compose text: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`; `$$` is a literal dollar. Defaults
 * may themselves contain interpolations, which are reported too.
 */
export function findVariables(text: string): VariableUse[] {
  // YAML comments may show ${VAR} syntax; compose ignores them, and so do we (blanked, so that
  // positions and line numbers stay the same).
  const src = text
    .split('\n')
    .map((line) =>
      line.replace(/(^|\s)#.*$/, (match, lead: string) => lead + ' '.repeat(match.length - lead.length)),
    )
    .join('\n');
  const uses: VariableUse[] = [];
  const lineAt = (index: number): number => src.slice(0, index).split('\n').length;
  const scan = (from: number, to: number): void => {
    let i = from;
    while (i < to) {
      if (src[i] !== '$') {
        i++;
        continue;
      }
      const next = src[i + 1];
      if (next === '$') {
        i += 2;
        continue;
      }
      if (next === '{') {
        // Find the matching brace (defaults may nest ${...}).
        let depth = 1;
        let j = i + 2;
        while (j < to && depth > 0) {
          if (src[j] === '{') depth++;
          else if (src[j] === '}') depth--;
          j++;
        }
        const body = src.slice(i + 2, j - 1);
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?/.exec(body);
        if (m && (m[2] !== undefined || m[0].length === body.length)) {
          uses.push({ name: m[1], modifier: m[2] ?? '', line: lineAt(i) });
          if (m[2]) scan(i + 2 + m[0].length, j - 1);
        } else uses.push({ name: body, modifier: 'invalid', line: lineAt(i) });
        i = j;
        continue;
      }
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1, to));
      if (m) uses.push({ name: m[0], modifier: '', line: lineAt(i) });
      i += 1 + (m ? m[0].length : 0);
    }
  };
  scan(0, src.length);
  return uses;
}

const dependencyEntries = (service: ComposeService): [string, string][] => {
  const d = service.depends_on;
  if (!d) return [];
  if (Array.isArray(d)) return d.map((name) => [name, 'service_started']);
  return Object.entries(d).map(([name, spec]) => [name, spec.condition ?? 'service_started']);
};

const isOneShot = (service: ComposeService): boolean =>
  service.restart === 'no' || service.restart === undefined;

const environmentOf = (service: ComposeService): Record<string, string> => {
  const env = service.environment;
  if (!env) return {};
  if (Array.isArray(env))
    return Object.fromEntries(
      env.map((entry) => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
};

/** Runs every compose check; returns the findings (empty when all pass). */
export function checkCompose(inputs: ComposeInputs): ComposeFinding[] {
  const findings: ComposeFinding[] = [];
  let compose: ComposeFile;
  try {
    compose = parseCompose(inputs.text);
  } catch (error) {
    return [{ check: 'parse', message: error instanceof Error ? error.message : String(error) }];
  }
  const services = compose.services;
  const names = new Set(Object.keys(services));

  // Variables: every ${VAR} has a default or is documented in .env.example.
  for (const use of findVariables(inputs.text)) {
    if (use.modifier === 'invalid')
      findings.push({
        check: 'variables',
        message: `line ${use.line}: invalid interpolation \${${use.name}}`,
      });
    else if (['-', ':-', '+', ':+'].includes(use.modifier)) continue;
    else if (!inputs.envExample.has(use.name))
      findings.push({
        check: 'variables',
        message: `line ${use.line}: \${${use.name}} has no default and is not in infra/compose/.env.example`,
      });
  }

  for (const [name, service] of Object.entries(services)) {
    // depends_on: targets exist and can meet the condition.
    for (const [target, condition] of dependencyEntries(service)) {
      if (!names.has(target)) {
        findings.push({
          check: 'depends-on',
          service: name,
          message: `depends on "${target}", which is not a service`,
        });
        continue;
      }
      if (!VALID_CONDITIONS.has(condition))
        findings.push({
          check: 'depends-on',
          service: name,
          message: `unknown condition "${condition}" on ${target}`,
        });
      const t = services[target];
      if (condition === 'service_healthy' && (!t.healthcheck || t.healthcheck.disable === true))
        findings.push({
          check: 'depends-on',
          service: name,
          message: `waits for ${target} to be healthy, but ${target} has no healthcheck`,
        });
      if (condition === 'service_completed_successfully' && !isOneShot(t))
        findings.push({
          check: 'depends-on',
          service: name,
          message: `waits for ${target} to complete, but ${target} restarts (restart: ${t.restart})`,
        });
    }

    // Images: pinned (a ${VAR:-default} tag counts by its default).
    if (service.image !== undefined) {
      const resolved = service.image.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1');
      const problem = imagePinningProblem(resolved);
      if (problem) findings.push({ check: 'images', service: name, message: problem });
    } else if (service.build === undefined)
      findings.push({ check: 'images', service: name, message: 'neither image nor build' });

    // Healthchecks on long-running services.
    if (!isOneShot(service) && !service.healthcheck && !(name in HEALTHCHECK_EXEMPT))
      findings.push({
        check: 'healthchecks',
        service: name,
        message:
          'long-running service without a healthcheck (or an entry in HEALTHCHECK_EXEMPT with the reason)',
      });

    // Migrations first: a service built from the Dockerfile waits for <name>-migrate.
    const buildArgs =
      isRecord(service.build) && isRecord(service.build.args) ? service.build.args : undefined;
    if (buildArgs?.SERVICE !== undefined && !name.endsWith('-migrate')) {
      const migrate = `${name}-migrate`;
      const condition = dependencyEntries(service).find(([t]) => t === migrate)?.[1];
      if (!names.has(migrate))
        findings.push({ check: 'migrations', service: name, message: `no ${migrate} service` });
      else if (condition !== 'service_completed_successfully')
        findings.push({
          check: 'migrations',
          service: name,
          message: `must depend on ${migrate} with condition service_completed_successfully`,
        });
    }

    // Databases: every DATABASE_URL names a database the init SQL creates.
    const url = environmentOf(service).DATABASE_URL;
    if (url) {
      const db = /\/([A-Za-z_][A-Za-z0-9_]*)(\?.*)?$/.exec(url)?.[1];
      if (!db || !inputs.initDatabases.has(db))
        findings.push({
          check: 'databases',
          service: name,
          message: `DATABASE_URL names database "${db ?? '?'}", which postgres/init.sql does not create`,
        });
    }
  }
  return findings;
}

/** The real inputs from infra/compose. */
export function loadComposeInputs(): ComposeInputs {
  return {
    text: fs.readFileSync(COMPOSE_FILE, 'utf8'),
    envExample: parseEnvExample(fs.readFileSync(ENV_EXAMPLE_FILE, 'utf8')),
    initDatabases: parseInitDatabases(fs.readFileSync(INIT_SQL_FILE, 'utf8')),
  };
}
