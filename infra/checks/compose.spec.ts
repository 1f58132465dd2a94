import {
  checkCompose,
  ComposeInputs,
  findVariables,
  loadComposeInputs,
  parseCompose,
  parseEnvExample,
  parseInitDatabases,
} from './compose';

const SERVICES = ['crm', 'complaints', 'aftersales', 'surveys', 'training'];

let real: ComposeInputs;

beforeAll(() => {
  real = loadComposeInputs();
});

/** The real inputs with the compose text edited (string replace must hit, or the test is void). */
function withText(edit: (text: string) => string): ComposeInputs {
  const text = edit(real.text);
  if (text === real.text) throw new Error('the edit changed nothing: fix the test');
  return { ...real, text };
}

const replaceOnce =
  (from: string | RegExp, to: string) =>
  (text: string): string =>
    text.replace(from, to);

describe('infra/compose/docker-compose.yml', () => {
  it('passes every check', () => {
    expect(checkCompose(real)).toEqual([]);
  });

  it('has Postgres, NATS, the collector, and each service after its migration step', () => {
    const compose = parseCompose(real.text);
    for (const name of [
      'postgres',
      'nats',
      'otel-collector',
      ...SERVICES,
      ...SERVICES.map((s) => `${s}-migrate`),
    ])
      expect(Object.keys(compose.services)).toContain(name);
    expect(compose.services.nats.command).toEqual(expect.arrayContaining(['-js', '-sd', '/data']));
    for (const s of SERVICES)
      expect(compose.services[s].depends_on).toMatchObject({
        [`${s}-migrate`]: { condition: 'service_completed_successfully' },
      });
  });

  it('has the console in front of the five services: after they are healthy, on 127.0.0.1, each upstream named', () => {
    const console = parseCompose(real.text).services.console as {
      depends_on: Record<string, { condition: string }>;
      ports: string[];
      environment: Record<string, string>;
    };
    for (const s of SERVICES) {
      expect(console.depends_on[s]).toEqual({ condition: 'service_healthy' });
      expect(console.environment[`CONSOLE_UPSTREAM_${s.toUpperCase()}`]).toMatch(
        new RegExp(`^http://${s}:30\\d\\d$`),
      );
    }
    expect(console.ports).toEqual(['127.0.0.1:3000:3000']);
    // Development sign-in only where the console allows it (it refuses CONSOLE_AUTH=dev in production).
    expect([console.environment.NODE_ENV, console.environment.CONSOLE_AUTH]).toEqual(['development', 'dev']);
  });

  it('the init SQL creates the five databases', () => {
    expect([...real.initDatabases].sort()).toEqual([...SERVICES].sort());
  });
});

describe('each compose check fails on a file broken on purpose', () => {
  it('parse: invalid YAML', () => {
    expect(checkCompose({ ...real, text: 'services: [unclosed' })).toEqual([
      { check: 'parse', message: expect.any(String) },
    ]);
  });

  it('depends-on: a target that is not a service', () => {
    const found = checkCompose(
      withText(replaceOnce('      crm-migrate:\n        condition', '      crm-migrat:\n        condition')),
    );
    expect(found).toContainEqual({
      check: 'depends-on',
      service: 'crm',
      message: 'depends on "crm-migrat", which is not a service',
    });
  });

  it('depends-on: waiting for health of a service without a healthcheck', () => {
    const found = checkCompose(
      withText(
        replaceOnce(
          /otel-collector:\n {8}condition: service_started/,
          'otel-collector:\n        condition: service_healthy',
        ),
      ),
    );
    expect(found).toContainEqual({
      check: 'depends-on',
      service: 'crm',
      message: 'waits for otel-collector to be healthy, but otel-collector has no healthcheck',
    });
  });

  it('depends-on: waiting for completion of a service that restarts', () => {
    const found = checkCompose(
      withText(
        replaceOnce(
          /(command: \['node', 'services\/crm\/dist\/migrate.js'\][\s\S]*?restart: )'no'/,
          '$1unless-stopped',
        ),
      ),
    );
    expect(found).toContainEqual({
      check: 'depends-on',
      service: 'crm',
      message: 'waits for crm-migrate to complete, but crm-migrate restarts (restart: unless-stopped)',
    });
  });

  it('variables: ${VAR} without default and not in .env.example', () => {
    const found = checkCompose(
      withText(replaceOnce('LOG_LEVEL: ${LOG_LEVEL:-info}', 'LOG_LEVEL: ${CX_LOG_LEVEL}')),
    );
    expect(found).toEqual([
      {
        check: 'variables',
        message: expect.stringMatching(
          /\$\{CX_LOG_LEVEL\} has no default and is not in infra\/compose\/.env.example/,
        ),
      },
    ]);
  });

  it('variables: a required variable missing from .env.example', () => {
    const envExample = new Set(real.envExample);
    envExample.delete('JWT_SECRET');
    expect(checkCompose({ ...real, envExample })).toEqual([
      { check: 'variables', message: expect.stringMatching(/\$\{JWT_SECRET\}/) },
    ]);
  });

  it('images: latest and untagged images', () => {
    const found = checkCompose(
      withText((t) =>
        t
          .replace('image: nats:2.12.1-alpine', 'image: nats:latest')
          .replace('image: postgres:17.9-bookworm', 'image: postgres'),
      ),
    );
    expect(found).toEqual([
      { check: 'images', service: 'postgres', message: 'image postgres has no tag' },
      { check: 'images', service: 'nats', message: 'image nats:latest uses the "latest" tag' },
    ]);
  });

  it('healthchecks: a long-running service without one', () => {
    const found = checkCompose(
      withText(replaceOnce(/ {4}healthcheck:\n {6}# Healthy once JetStream[\s\S]*?retries: 20\n/, '')),
    );
    expect(found).toContainEqual({
      check: 'healthchecks',
      service: 'nats',
      message: expect.stringMatching(/without a healthcheck/),
    });
  });

  it('migrations: a service that does not wait for its migration', () => {
    const found = checkCompose(
      withText(replaceOnce(/ {6}surveys-migrate:\n {8}condition: service_completed_successfully\n/, '')),
    );
    expect(found).toEqual([
      {
        check: 'migrations',
        service: 'surveys',
        message: 'must depend on surveys-migrate with condition service_completed_successfully',
      },
    ]);
  });

  it('databases: a service pointing at a database the init SQL does not create', () => {
    const initDatabases = new Set(real.initDatabases);
    initDatabases.delete('training');
    const found = checkCompose({ ...real, initDatabases });
    expect(found).toEqual([
      { check: 'databases', service: 'training-migrate', message: expect.stringMatching(/"training"/) },
      { check: 'databases', service: 'training', message: expect.stringMatching(/"training"/) },
    ]);
  });
});

describe('parsers', () => {
  it('findVariables understands compose interpolation', () => {
    const uses = findVariables(
      'a: ${A}\nb: ${B:-x}\nc: $C\nd: $$NOT\ne: ${E:?msg}\nf: ${F:-${G}}\n# ${COMMENTED}\ng: ${bad-}x}\n',
    );
    expect(uses.map((u) => `${u.name}|${u.modifier}|${u.line}`)).toEqual([
      'A||1',
      'B|:-|2',
      'C||3',
      'E|:?|5',
      'F|:-|6',
      'G||6',
      'bad|-|8',
    ]);
  });

  it('parseEnvExample ignores comments', () => {
    expect([...parseEnvExample('# X=1\nA=\n  B=2\nexport C=3\n#D=4\n')]).toEqual(['A', 'B', 'C']);
  });

  it('parseInitDatabases', () => {
    expect([
      ...parseInitDatabases('-- CREATE DATABASE nope;\nCREATE DATABASE a;\ncreate database "b";'),
    ]).toEqual(['a', 'b']);
  });
});
