import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  findInlineSecretsInFiles,
  imagePinningProblem,
  POLICY_CHECKS,
  resolveEnv,
  runPolicies,
  selects,
  Violation,
} from './policy';
import { SERVICE_NODE_FLAGS } from '../node-flags';
import { K8S_DIR, K8sObject, OVERLAYS, Overlay, renderOverlay, yamlFilesUnder } from './render';

const rendered = new Map<Overlay, K8sObject[]>();

beforeAll(() => {
  for (const overlay of OVERLAYS) rendered.set(overlay, renderOverlay(overlay));
});

function objects(overlay: Overlay): K8sObject[] {
  const found = rendered.get(overlay);
  if (!found) throw new Error(`overlay ${overlay} was not rendered`);
  return found;
}

function find(list: K8sObject[], kind: string, name: string): K8sObject {
  const found = list.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${kind} ${name} not rendered`);
  return found;
}

/** Follows a path of keys / indexes into an object and returns the record there. */
function at(o: unknown, ...keys: (string | number)[]): Record<string, unknown> {
  let current: unknown = o;
  for (const key of keys) current = (current as Record<string | number, unknown>)[key];
  if (typeof current !== 'object' || current === null) throw new Error(`nothing at ${keys.join('.')}`);
  return current as Record<string, unknown>;
}

const podSpec = (list: K8sObject[], kind: string, name: string): Record<string, unknown> =>
  at(find(list, kind, name), 'spec', 'template', 'spec');
const appContainer = (list: K8sObject[], name = 'crm'): Record<string, unknown> =>
  at(podSpec(list, 'Deployment', name), 'containers', 0);
const envList = (
  container: Record<string, unknown>,
): { name: string; value?: string; valueFrom?: unknown }[] =>
  container.env as { name: string; value?: string; valueFrom?: unknown }[];
const remove = (list: K8sObject[], kind: string, name: string): K8sObject[] =>
  list.filter((o) => !(o.kind === kind && o.metadata.name === name));

describe.each(OVERLAYS)('policies on overlay %s', (overlay) => {
  it.each(POLICY_CHECKS.map((c) => [c.id, c] as const))('%s passes', (_id, check) => {
    expect(check.run(objects(overlay))).toEqual([]);
  });
});

/**
 * Each case breaks a copy of the rendered prod objects on purpose and names the check that must
 * catch it, with a fragment of the expected message.
 */
const breakages: [string, string, RegExp, (list: K8sObject[]) => K8sObject[] | void][] = [
  [
    'probes',
    'no readiness probe',
    /has no readinessProbe/,
    (l) => void delete appContainer(l).readinessProbe,
  ],
  [
    'probes',
    'no startup probe',
    /has no startupProbe/,
    (l) => void delete appContainer(l, 'surveys').startupProbe,
  ],
  [
    'probes',
    'liveness on the DB-dependent endpoint',
    /livenessProbe must use \/health\/live/,
    (l) => void (at(appContainer(l), 'livenessProbe', 'httpGet').path = '/health/ready'),
  ],
  [
    'resources',
    'no memory limit',
    /container app has no memory limits/,
    (l) => void delete at(appContainer(l), 'resources', 'limits').memory,
  ],
  [
    'resources',
    'no requests on a migration Job',
    /container migrate has no cpu requests/,
    (l) => void delete at(podSpec(l, 'Job', 'crm-migrate-0.1.0'), 'containers', 0, 'resources').requests,
  ],
  [
    'security-context',
    'runAsNonRoot missing at both levels',
    /runAsNonRoot must be true/,
    (l) => {
      delete at(appContainer(l), 'securityContext').runAsNonRoot;
      delete at(podSpec(l, 'Deployment', 'crm'), 'securityContext').runAsNonRoot;
    },
  ],
  [
    'security-context',
    'writable root file system',
    /readOnlyRootFilesystem must be true/,
    (l) => void (at(appContainer(l), 'securityContext').readOnlyRootFilesystem = false),
  ],
  [
    'security-context',
    'privilege escalation',
    /allowPrivilegeEscalation must be false/,
    (l) => void delete at(appContainer(l), 'securityContext').allowPrivilegeEscalation,
  ],
  [
    'security-context',
    'capabilities kept',
    /capabilities.drop must include ALL/,
    (l) => void (at(appContainer(l), 'securityContext', 'capabilities').drop = ['NET_RAW']),
  ],
  [
    'security-context',
    'no seccomp profile',
    /seccompProfile must be RuntimeDefault/,
    (l) => void delete at(podSpec(l, 'Deployment', 'crm'), 'securityContext').seccompProfile,
  ],
  [
    'pinned-images',
    'latest tag',
    /uses the "latest" tag/,
    (l) => void (appContainer(l).image = 'ghcr.io/cx-platform/crm:latest'),
  ],
  [
    'pinned-images',
    'no tag',
    /has no tag/,
    (l) =>
      void (at(podSpec(l, 'Job', 'crm-migrate-0.1.0'), 'containers', 0).image = 'ghcr.io/cx-platform/crm'),
  ],
  [
    'pinned-images',
    'floating Postgres image',
    /spec.imageName: image .* has no tag/,
    (l) => void (at(find(l, 'Cluster', 'cx-pg'), 'spec').imageName = 'ghcr.io/cloudnative-pg/postgresql'),
  ],
  [
    'no-inline-secrets',
    'a Secret with data',
    /Secret with inline data/,
    (l) => [
      ...l,
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'oops', namespace: 'cx' },
        stringData: { JWT_SECRET: 'x'.repeat(40) },
      },
    ],
  ],
  [
    'no-inline-secrets',
    'an inline env secret',
    /env JWT_SECRET has an inline value/,
    (l) => void envList(appContainer(l)).push({ name: 'JWT_SECRET', value: 'x'.repeat(40) }),
  ],
  [
    'no-inline-secrets',
    'a password in a URL',
    /env DATABASE_URL holds a URL with credentials/,
    (l) => {
      const env = envList(appContainer(l));
      env[0] = { name: 'DATABASE_URL', value: 'postgres://crm:hunter2@cx-pg-rw:5432/crm' };
    },
  ],
  [
    'no-inline-secrets',
    'a secret-like ConfigMap key',
    /ConfigMap key PII_HASH_KEY looks like a secret/,
    (l) => {
      const cm = l.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('cx-common-'));
      if (!cm) throw new Error('no cx-common ConfigMap');
      at(cm, 'data').PII_HASH_KEY = 'abc';
    },
  ],
  [
    'pod-disruption-budget',
    'PDB missing',
    /0 PodDisruptionBudgets select its pods/,
    (l) => remove(l, 'PodDisruptionBudget', 'crm'),
  ],
  [
    'pod-disruption-budget',
    'PDB selecting other pods',
    /0 PodDisruptionBudgets select its pods/,
    (l) =>
      void (at(find(l, 'PodDisruptionBudget', 'crm'), 'spec', 'selector', 'matchLabels')[
        'app.kubernetes.io/name'
      ] = 'crn'),
  ],
  [
    'pod-disruption-budget',
    'PDB that blocks drains',
    /allows no eviction/,
    (l) => void (at(find(l, 'PodDisruptionBudget', 'crm'), 'spec').maxUnavailable = 0),
  ],
  [
    'autoscaler',
    'no autoscaler',
    /0 autoscalers target it/,
    (l) => remove(l, 'HorizontalPodAutoscaler', 'crm'),
  ],
  [
    'autoscaler',
    'an HPA and a ScaledObject on one Deployment',
    /2 autoscalers target it/,
    (l) => {
      const hpa = structuredClone(find(l, 'HorizontalPodAutoscaler', 'crm'));
      hpa.metadata.name = 'complaints-cpu';
      at(hpa, 'spec', 'scaleTargetRef').name = 'complaints';
      return [...l, hpa];
    },
  ],
  [
    'autoscaler',
    'replicas fighting the autoscaler',
    /spec.replicas is set on an autoscaled Deployment/,
    (l) => void (at(find(l, 'Deployment', 'crm'), 'spec').replicas = 3),
  ],
  [
    'autoscaler',
    'a dangling autoscaler',
    /targets Deployment crm2, which is not rendered/,
    (l) => void (at(find(l, 'HorizontalPodAutoscaler', 'crm'), 'spec', 'scaleTargetRef').name = 'crm2'),
  ],
  [
    'autoscaler',
    'a JetStream trigger on the wrong stream',
    /trigger stream "EVT_CRM" must be EVT_SURVEYS/,
    (l) =>
      void (at(find(l, 'ScaledObject', 'complaints'), 'spec', 'triggers', 1, 'metadata').stream = 'EVT_CRM'),
  ],
  [
    'network-policy',
    'no NetworkPolicy',
    /no NetworkPolicy selects its pods/,
    (l) => remove(l, 'NetworkPolicy', 'training'),
  ],
  [
    'network-policy',
    'ingress-only policy',
    /no NetworkPolicy restricts Egress/,
    (l) => void (at(find(l, 'NetworkPolicy', 'crm'), 'spec').policyTypes = ['Ingress']),
  ],
  [
    'network-policy',
    'egress to anywhere',
    /egress\[4\] allows every destination/,
    (l) =>
      void (at(find(l, 'NetworkPolicy', 'crm'), 'spec').egress as unknown[]).push({
        ports: [{ port: 443, protocol: 'TCP' }],
      }),
  ],
  [
    'network-policy',
    'egress to the internet',
    /allows \{"ipBlock".*which is not Postgres/,
    (l) =>
      void (at(find(l, 'NetworkPolicy', 'crm'), 'spec').egress as unknown[]).push({
        to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
        ports: [{ port: 443 }],
      }),
  ],
  [
    'network-policy',
    'an extra port to Postgres',
    /opens port 22 to Postgres/,
    (l) =>
      void (at(find(l, 'NetworkPolicy', 'crm'), 'spec', 'egress', 0).ports as unknown[]).push({ port: 22 }),
  ],
  [
    'network-policy',
    'the console reaching Postgres',
    /allows \{"podSelector".*which is not the services' APIs, DNS/,
    (l) =>
      void (at(find(l, 'NetworkPolicy', 'console'), 'spec').egress as unknown[]).push({
        to: [{ podSelector: { matchLabels: { 'cnpg.io/cluster': 'cx-pg' } } }],
        ports: [{ port: 5432 }],
      }),
  ],
  [
    'network-policy',
    'a service reaching another service',
    /allows \{"podSelector".*which is not Postgres/,
    (l) =>
      void (at(find(l, 'NetworkPolicy', 'crm'), 'spec').egress as unknown[]).push({
        to: [
          {
            podSelector: {
              matchLabels: {
                'app.kubernetes.io/part-of': 'cx-platform',
                'app.kubernetes.io/component': 'api',
              },
            },
          },
        ],
        ports: [{ port: 3002 }],
      }),
  ],
  [
    'service-runtime',
    'a service started without the V8 flags',
    /container app must run \["node","--max-semi-space-size=32"/,
    (l) => void (appContainer(l, 'complaints').command = ['node', 'services/complaints/dist/main.js']),
  ],
  [
    'service-runtime',
    'an old space that no longer fits the memory limit',
    /V8 heap 448 \+ 96 MiB \(old \+ young\) exceeds 85 % of the 512 MiB memory limit/,
    (l) => {
      const cm = l.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('cx-common-'));
      if (!cm) throw new Error('no cx-common ConfigMap');
      (cm as unknown as { data: Record<string, string> }).data.NODE_OPTIONS =
        '--enable-source-maps --max-old-space-size=448';
    },
  ],
  [
    'graceful-shutdown',
    'no preStop hook',
    /has no preStop hook/,
    (l) => void delete appContainer(l).lifecycle,
  ],
  [
    'graceful-shutdown',
    'grace period shorter than the drain',
    /terminationGracePeriodSeconds 12 must exceed preStop 5s \+ SHUTDOWN_GRACE_MS 10000ms/,
    (l) => void (podSpec(l, 'Deployment', 'crm').terminationGracePeriodSeconds = 12),
  ],
  [
    'graceful-shutdown',
    'a drain longer than the grace period (through the ConfigMap)',
    /SHUTDOWN_GRACE_MS 60000ms/,
    (l) => {
      const cm = l.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('cx-common-'));
      if (!cm) throw new Error('no cx-common ConfigMap');
      at(cm, 'data').SHUTDOWN_GRACE_MS = '60000';
    },
  ],
  [
    'migration-job',
    'no migration Job',
    /no migration Job/,
    (l) => remove(l, 'Job', 'aftersales-migrate-0.1.0'),
  ],
  [
    'migration-job',
    'a migration Job on another release',
    /does not run the Deployment's image/,
    (l) =>
      void (at(podSpec(l, 'Job', 'crm-migrate-0.1.0'), 'containers', 0).image =
        'ghcr.io/cx-platform/crm:0.0.9'),
  ],
  [
    'service-and-observability',
    'no Service',
    /no Service selects its pods/,
    (l) => remove(l, 'Service', 'crm'),
  ],
  [
    'service-and-observability',
    'a Service on an undeclared port',
    /targets metrics, which no container declares/,
    (l) => void (at(find(l, 'Service', 'crm'), 'spec', 'ports', 0).targetPort = 'metrics'),
  ],
  ['service-and-observability', 'not scraped', /not scraped/, (l) => remove(l, 'ServiceMonitor', 'crm')],
  [
    'service-and-observability',
    'no OTLP endpoint',
    /has no OTEL_EXPORTER_OTLP_ENDPOINT/,
    (l) => {
      const cm = l.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('cx-common-'));
      if (!cm) throw new Error('no cx-common ConfigMap');
      delete at(cm, 'data').OTEL_EXPORTER_OTLP_ENDPOINT;
    },
  ],
];

describe('each policy check fails on a manifest broken on purpose', () => {
  it('every check has at least one breakage case', () => {
    const covered = new Set(breakages.map(([id]) => id));
    expect(POLICY_CHECKS.map((c) => c.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(breakages)('%s: %s', (id, _what, expected, breakIt) => {
    const copy = structuredClone(objects('prod'));
    const broken = breakIt(copy) ?? copy;
    const check = POLICY_CHECKS.find((c) => c.id === id);
    if (!check) throw new Error(`no check ${id}`);
    const found: Violation[] = check.run(broken);
    expect(found.map((v) => `${v.object}: ${v.message}`).join('\n')).toMatch(expected);
    // The rendered objects themselves are untouched (the copy was broken, not the original).
    expect(check.run(objects('prod'))).toEqual([]);
  });

  it('runPolicies reports across checks', () => {
    const copy = structuredClone(objects('dev'));
    delete appContainer(copy).readinessProbe;
    appContainer(copy).image = 'ghcr.io/cx-platform/crm:latest';
    expect(new Set(runPolicies(copy).map((v) => v.check))).toEqual(
      new Set(['probes', 'pinned-images', 'migration-job']),
    );
  });
});

describe('no inline secrets anywhere in infra/k8s (rendered or not)', () => {
  it('the source tree has none', () => {
    expect(findInlineSecretsInFiles(yamlFilesUnder(K8S_DIR))).toEqual([]);
  });

  it('finds a Secret with data and a secretGenerator in files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-secrets-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'a.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: dg==}\n',
      );
      fs.writeFileSync(
        path.join(dir, 'kustomization.yaml'),
        'secretGenerator:\n  - name: s\n    literals: [JWT_SECRET=abc]\n',
      );
      expect(findInlineSecretsInFiles(yamlFilesUnder(dir)).map((v) => v.message)).toEqual([
        'Secret with inline data/stringData',
        'kustomize secretGenerator: secrets must be created out of band',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the image runs a service with the service node flags', () => {
  it('the Dockerfile CMD is node, the flags of infra/service-node-flags.json, service/main.js', () => {
    const dockerfile = fs.readFileSync(path.join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
    const cmds = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)].map((m) => JSON.parse(m[1]) as string[]);
    expect(cmds.at(-1)).toEqual(['node', ...SERVICE_NODE_FLAGS, 'service/main.js']);
    expect(SERVICE_NODE_FLAGS.length).toBeGreaterThan(0);
  });

  it('the image runs an exact Node LTS version that package.json engines admits', () => {
    const dockerfile = fs.readFileSync(path.join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(imagePinningProblem(image)).toBeUndefined();
    // .ci/run reads the version from this line and runs the tests on it.
    const version = /^node:(\d+)\.(\d+)\.(\d+)-/
      .exec(image ?? '')
      ?.slice(1)
      .map(Number);
    expect(version).toHaveLength(3);
    const [major, minor, patch] = version!;
    expect(major % 2).toBe(0); // only even majors become LTS
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    // engines lists caret ranges, one per supported major (^20.19.0 || ^24.11.0).
    const admitted = pkg.engines.node.split('||').some((range) => {
      const [m, n, p] = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range.trim())!.slice(1).map(Number);
      return m === major && (minor > n || (minor === n && patch >= p));
    });
    expect(admitted).toBe(true);
  });
});

describe('helpers', () => {
  it('imagePinningProblem', () => {
    expect(imagePinningProblem('node:24.21.0-bookworm-slim')).toBeUndefined();
    expect(imagePinningProblem('registry:5000/cx/crm:1.2.3')).toBeUndefined();
    expect(imagePinningProblem(`ghcr.io/x/y@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    expect(imagePinningProblem('registry:5000/cx/crm')).toMatch(/no tag/);
    expect(imagePinningProblem('nats:latest')).toMatch(/latest/);
  });

  it('selects follows label-selector semantics', () => {
    const labels = { a: '1', b: '2' };
    expect(selects(undefined, labels)).toBe(false);
    expect(selects({}, labels)).toBe(true);
    expect(selects({ matchLabels: { a: '1' } }, labels)).toBe(true);
    expect(selects({ matchLabels: { a: '2' } }, labels)).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'b', operator: 'In', values: ['2', '3'] }] }, labels)).toBe(
      true,
    );
    expect(selects({ matchExpressions: [{ key: 'c', operator: 'Exists' }] }, labels)).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'c', operator: 'DoesNotExist' }] }, labels)).toBe(true);
  });

  it('resolveEnv prefers env over envFrom ConfigMaps', () => {
    const list = objects('prod');
    const container = appContainer(structuredClone(list)) as { name: string };
    expect(resolveEnv(container, 'PORT', list, 'cx')).toBe('3001');
    expect(resolveEnv(container, 'JWT_ALGORITHM', list, 'cx')).toBe('RS256');
    expect(resolveEnv({ ...container, env: [{ name: 'PORT', value: '9' }] }, 'PORT', list, 'cx')).toBe('9');
  });
});
