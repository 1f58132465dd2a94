/**
 * Policy checks over rendered manifests: what a reviewer would otherwise have to remember.
 * Each check is a plain function from the rendered objects to violations; POLICY_CHECKS lists them.
 */
import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { ILabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { ICronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IService } from 'kubernetes-models/v1/Service';
import { SERVICE_NODE_FLAGS } from '../node-flags';
import { isRecord, K8sObject, objectId } from './render';

export interface Violation {
  check: string;
  object: string;
  message: string;
}

export interface PolicyCheck {
  id: string;
  description: string;
  run(objects: readonly K8sObject[]): Violation[];
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Custom resources used by the checks (only the fields read here). */
interface ScaledObject extends K8sObject {
  spec: {
    scaleTargetRef: { apiVersion?: string; kind?: string; name: string };
    triggers: { type: string; metadata: Record<string, string> }[];
  };
}
interface ServiceMonitor extends K8sObject {
  spec: { selector: ILabelSelector; endpoints: { port?: string }[] };
}
interface CnpgCluster extends K8sObject {
  spec: { imageName?: string };
}

const ofKind = <T>(objects: readonly K8sObject[], kind: string): (K8sObject & T)[] =>
  objects.filter((o) => o.kind === kind) as (K8sObject & T)[];

const ns = (o: { metadata?: IObjectMeta }): string => o.metadata?.namespace ?? '';

interface Workload {
  obj: K8sObject;
  namespace: string;
  podSpec: IPodSpec;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
}

/** Pod-owning objects with their pod template (Deployment, StatefulSet, Job, CronJob). */
export function workloads(objects: readonly K8sObject[]): Workload[] {
  const out: Workload[] = [];
  for (const o of objects) {
    let template: { metadata?: IObjectMeta; spec?: IPodSpec } | undefined;
    if (o.kind === 'Deployment' || o.kind === 'StatefulSet' || o.kind === 'Job')
      template = (o as unknown as IDeployment | IJob).spec?.template;
    else if (o.kind === 'CronJob') template = (o as unknown as ICronJob).spec?.jobTemplate.spec?.template;
    if (!template?.spec) continue;
    out.push({
      obj: o,
      namespace: ns(o),
      podSpec: template.spec,
      podLabels: template.metadata?.labels ?? {},
      podAnnotations: template.metadata?.annotations ?? {},
    });
  }
  return out;
}

const deployments = (objects: readonly K8sObject[]): Workload[] =>
  workloads(objects).filter((w) => w.obj.kind === 'Deployment');

/** The pods of the leads' console (base/console): a static site and proxy, not a service. */
const isConsole = (w: Workload): boolean => w.podLabels['app.kubernetes.io/component'] === 'console';

/** The Deployments of the five services: every Deployment but the console's. */
const serviceDeployments = (objects: readonly K8sObject[]): Workload[] =>
  deployments(objects).filter((w) => !isConsole(w));

function containersOf(podSpec: IPodSpec): { container: IContainer; where: string }[] {
  return [
    ...(podSpec.initContainers ?? []).map((container) => ({
      container,
      where: `initContainer ${container.name}`,
    })),
    ...podSpec.containers.map((container) => ({ container, where: `container ${container.name}` })),
  ];
}

/** Label selector semantics: undefined selects nothing, an empty selector selects everything. */
export function selects(selector: ILabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Service selectors are plain maps: an empty or missing one selects no pods for our purposes. */
function mapSelects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The value a container sees for an environment variable: env wins over envFrom; later envFrom wins. */
export function resolveEnv(
  container: IContainer,
  name: string,
  objects: readonly K8sObject[],
  namespace: string,
): string | undefined {
  const direct = container.env?.find((e) => e.name === name);
  if (direct) return direct.value;
  let value: string | undefined;
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef?.name;
    if (!ref) continue;
    const cm = ofKind<IConfigMap>(objects, 'ConfigMap').find(
      (c) => c.metadata.name === ref && ns(c) === namespace,
    );
    const v = cm?.data?.[`${source.prefix ?? ''}${name}`] ?? cm?.data?.[name];
    if (v !== undefined) value = v;
  }
  return value;
}

const violation = (check: string, o: K8sObject, message: string): Violation => ({
  check,
  object: objectId(o),
  message,
});

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

const probes: PolicyCheck = {
  id: 'probes',
  description:
    'every Deployment container has startup, liveness and readiness probes; liveness never depends on DB/NATS',
  run(objects) {
    const out: Violation[] = [];
    for (const w of deployments(objects))
      for (const c of w.podSpec.containers) {
        for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const)
          if (!c[probe]) out.push(violation(this.id, w.obj, `container ${c.name} has no ${probe}`));
        const livePath = c.livenessProbe?.httpGet?.path;
        if (livePath !== undefined && livePath !== '/health/live')
          out.push(
            violation(
              this.id,
              w.obj,
              `container ${c.name}: livenessProbe must use /health/live (got ${livePath}): a DB or NATS outage must not restart every pod`,
            ),
          );
        const readyPath = c.readinessProbe?.httpGet?.path;
        if (readyPath !== undefined && readyPath !== '/health/ready')
          out.push(
            violation(
              this.id,
              w.obj,
              `container ${c.name}: readinessProbe must use /health/ready (got ${readyPath})`,
            ),
          );
      }
    return out;
  },
};

const resources: PolicyCheck = {
  id: 'resources',
  description: 'every container (Deployments, Jobs, init containers) has CPU and memory requests and limits',
  run(objects) {
    const out: Violation[] = [];
    for (const w of workloads(objects))
      for (const { container, where } of containersOf(w.podSpec))
        for (const kind of ['requests', 'limits'] as const)
          for (const resource of ['cpu', 'memory'])
            if (container.resources?.[kind]?.[resource] === undefined)
              out.push(violation(this.id, w.obj, `${where} has no ${resource} ${kind}`));
    return out;
  },
};

const securityContext: PolicyCheck = {
  id: 'security-context',
  description:
    'every container runs as non-root with a read-only root file system, no privilege escalation, ALL capabilities dropped and the RuntimeDefault seccomp profile',
  run(objects) {
    const out: Violation[] = [];
    for (const w of workloads(objects)) {
      const pod = w.podSpec.securityContext ?? {};
      for (const { container, where } of containersOf(w.podSpec)) {
        const sc = container.securityContext ?? {};
        const add = (message: string): void =>
          void out.push(violation(this.id, w.obj, `${where}: ${message}`));
        if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) add('runAsNonRoot must be true');
        if ((sc.runAsUser ?? pod.runAsUser) === 0) add('runAsUser must not be 0');
        if (sc.readOnlyRootFilesystem !== true) add('readOnlyRootFilesystem must be true');
        if (sc.allowPrivilegeEscalation !== false) add('allowPrivilegeEscalation must be false');
        if (sc.privileged === true) add('privileged must not be true');
        if (!(sc.capabilities?.drop ?? []).includes('ALL')) add('capabilities.drop must include ALL');
        if ((sc.capabilities?.add ?? []).length > 0)
          add(`capabilities.add must be empty (got ${(sc.capabilities?.add ?? []).join(', ')})`);
        const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
        if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
          add('seccompProfile must be RuntimeDefault (or Localhost)');
      }
    }
    return out;
  },
};

/** An image reference is pinned when it has a digest, or a tag that is not "latest". */
export function imagePinningProblem(image: string | undefined): string | undefined {
  if (!image) return 'no image';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return `image ${image} has no tag`;
  const tag = image.slice(colon + 1);
  if (tag === '' || tag === 'latest') return `image ${image} uses the "latest" tag`;
  return undefined;
}

const pinnedImages: PolicyCheck = {
  id: 'pinned-images',
  description:
    'every image (containers and operator-managed Postgres) has an exact tag or digest, never latest or none',
  run(objects) {
    const out: Violation[] = [];
    for (const w of workloads(objects))
      for (const { container, where } of containersOf(w.podSpec)) {
        const problem = imagePinningProblem(container.image);
        if (problem) out.push(violation(this.id, w.obj, `${where}: ${problem}`));
      }
    for (const cluster of ofKind<CnpgCluster>(objects, 'Cluster').filter((c) =>
      c.apiVersion.startsWith('postgresql.cnpg.io/'),
    )) {
      const problem = imagePinningProblem(cluster.spec.imageName);
      if (problem) out.push(violation(this.id, cluster, `spec.imageName: ${problem}`));
    }
    return out;
  },
};

/** Names of variables/keys that hold secrets and must never carry an inline value. */
export const SECRET_LIKE_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|KEY|CREDENTIAL/i;
/** scheme://user:password@host: a credential inside a URL. */
const CREDENTIALS_IN_URL = /[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:[^\s@/]+@/i;

const noInlineSecrets: PolicyCheck = {
  id: 'no-inline-secrets',
  description:
    'no Secret with data/stringData is rendered; no env value or ConfigMap key named like SECRET/PASSWORD/KEY/TOKEN; no credentials inside URLs',
  run(objects) {
    const out: Violation[] = [];
    for (const o of objects) {
      if (o.kind === 'Secret' && (isRecord(o.data) || isRecord(o.stringData)))
        out.push(
          violation(
            this.id,
            o,
            'Secret with inline data: create it out of band (External Secrets, create-secrets.sh) and reference it',
          ),
        );
      if (o.kind === 'ConfigMap') {
        for (const [key, value] of Object.entries((o as unknown as IConfigMap).data ?? {})) {
          if (SECRET_LIKE_NAME.test(key))
            out.push(violation(this.id, o, `ConfigMap key ${key} looks like a secret: put it in a Secret`));
          if (CREDENTIALS_IN_URL.test(value))
            out.push(violation(this.id, o, `ConfigMap key ${key} holds a URL with credentials`));
        }
      }
    }
    for (const w of workloads(objects))
      for (const { container, where } of containersOf(w.podSpec))
        for (const e of container.env ?? []) {
          if (e.value === undefined || e.value === '') continue;
          if (SECRET_LIKE_NAME.test(e.name))
            out.push(
              violation(
                this.id,
                w.obj,
                `${where}: env ${e.name} has an inline value: use valueFrom.secretKeyRef`,
              ),
            );
          else if (CREDENTIALS_IN_URL.test(e.value))
            out.push(violation(this.id, w.obj, `${where}: env ${e.name} holds a URL with credentials`));
        }
    return out;
  },
};

const disruptionBudget: PolicyCheck = {
  id: 'pod-disruption-budget',
  description:
    'each Deployment has exactly one PodDisruptionBudget selecting its pods, and it allows evictions',
  run(objects) {
    const out: Violation[] = [];
    const pdbs = ofKind<IPodDisruptionBudget>(objects, 'PodDisruptionBudget');
    for (const w of deployments(objects)) {
      const matching = pdbs.filter((p) => ns(p) === w.namespace && selects(p.spec?.selector, w.podLabels));
      if (matching.length !== 1)
        out.push(
          violation(
            this.id,
            w.obj,
            `${matching.length} PodDisruptionBudgets select its pods (need exactly 1: the eviction API refuses pods with several)`,
          ),
        );
      for (const p of matching) {
        const max = p.spec?.maxUnavailable;
        if (max === 0 || max === '0%' || p.spec?.minAvailable === '100%')
          out.push(
            violation(
              this.id,
              w.obj,
              `PodDisruptionBudget ${p.metadata.name} allows no eviction: node drains would hang`,
            ),
          );
      }
    }
    return out;
  },
};

const autoscaler: PolicyCheck = {
  id: 'autoscaler',
  description:
    'each Deployment has exactly one autoscaler (an HPA or a KEDA ScaledObject, never both), leaves spec.replicas to it, and JetStream triggers follow the consumer naming',
  run(objects) {
    const out: Violation[] = [];
    const hpas = ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler');
    const scaled = ofKind<ScaledObject>(objects, 'ScaledObject');
    const targets = (kind: string | undefined, name: string, namespace: string, w: Workload): boolean =>
      (kind ?? 'Deployment') === 'Deployment' && name === w.obj.metadata.name && namespace === w.namespace;
    const deps = deployments(objects);
    for (const w of deps) {
      const mine = [
        ...hpas.filter((h) =>
          targets(h.spec?.scaleTargetRef.kind, h.spec?.scaleTargetRef.name ?? '', ns(h), w),
        ),
        ...scaled.filter((s) => targets(s.spec.scaleTargetRef.kind, s.spec.scaleTargetRef.name, ns(s), w)),
      ];
      if (mine.length !== 1)
        out.push(
          violation(
            this.id,
            w.obj,
            `${mine.length} autoscalers target it (${mine.map(objectId).join(', ') || 'none'}); need exactly one`,
          ),
        );
      if (mine.length > 0 && (w.obj as unknown as IDeployment).spec?.replicas !== undefined)
        out.push(
          violation(
            this.id,
            w.obj,
            'spec.replicas is set on an autoscaled Deployment: every apply would reset the scale',
          ),
        );
    }
    for (const a of [...hpas, ...scaled]) {
      const ref = (a as unknown as ScaledObject).spec.scaleTargetRef;
      if (!deps.some((w) => targets(ref.kind, ref.name, ns(a), w)))
        out.push(
          violation(this.id, a, `targets ${ref.kind ?? 'Deployment'} ${ref.name}, which is not rendered`),
        );
    }
    for (const s of scaled)
      for (const t of s.spec.triggers.filter((x) => x.type === 'nats-jetstream')) {
        const target = s.spec.scaleTargetRef.name;
        const m = /^([a-z0-9-]+)__([a-z0-9-]+)$/.exec(t.metadata.consumer ?? '');
        if (!m || m[1] !== target)
          out.push(
            violation(
              this.id,
              s,
              `trigger consumer "${t.metadata.consumer}" must be ${target}__<source-service>`,
            ),
          );
        else if (t.metadata.stream !== `EVT_${m[2].toUpperCase()}`)
          out.push(
            violation(
              this.id,
              s,
              `trigger stream "${t.metadata.stream}" must be EVT_${m[2].toUpperCase()} for consumer ${t.metadata.consumer}`,
            ),
          );
        if (!t.metadata.natsServerMonitoringEndpoint || !t.metadata.lagThreshold)
          out.push(
            violation(
              this.id,
              s,
              'nats-jetstream trigger needs natsServerMonitoringEndpoint and lagThreshold',
            ),
          );
      }
    return out;
  },
};

/** Where a service may open connections, and on which ports. */
export const ALLOWED_EGRESS: readonly {
  name: string;
  namespace?: string;
  podLabels: Record<string, string>;
  ports: readonly number[];
}[] = [
  { name: 'Postgres', podLabels: { 'cnpg.io/cluster': 'cx-pg' }, ports: [5432] },
  { name: 'NATS', podLabels: { 'app.kubernetes.io/name': 'nats' }, ports: [4222] },
  {
    name: 'OTel collector',
    namespace: 'observability',
    podLabels: { 'app.kubernetes.io/name': 'opentelemetry-collector' },
    ports: [4317, 4318],
  },
  { name: 'DNS', namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, ports: [53] },
];

/** Where the console may open connections besides DNS: the services' HTTP APIs (its proxy). */
export const CONSOLE_EGRESS: typeof ALLOWED_EGRESS = [
  {
    name: "the services' APIs",
    podLabels: { 'app.kubernetes.io/part-of': 'cx-platform', 'app.kubernetes.io/component': 'api' },
    ports: [3001, 3002, 3003, 3004, 3005],
  },
  ...ALLOWED_EGRESS.filter((d) => d.name === 'DNS'),
];

function allowedDestination(
  peer: INetworkPolicyPeer,
  allowed: typeof ALLOWED_EGRESS,
): (typeof ALLOWED_EGRESS)[number] | undefined {
  if (peer.ipBlock) return undefined;
  const peerNamespace = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
  if (
    peer.namespaceSelector &&
    (peerNamespace === undefined || Object.keys(peer.namespaceSelector.matchLabels ?? {}).length !== 1)
  )
    return undefined;
  if (peer.namespaceSelector?.matchExpressions?.length) return undefined;
  const labels = peer.podSelector?.matchLabels ?? {};
  return allowed.find(
    (d) =>
      d.namespace === peerNamespace &&
      Object.entries(d.podLabels).every(([k, v]) => labels[k] === v) &&
      !peer.podSelector?.matchExpressions?.length,
  );
}

const networkPolicy: PolicyCheck = {
  id: 'network-policy',
  description:
    "the pods of every Deployment and Job are selected by a NetworkPolicy restricting ingress and egress, and egress reaches only Postgres, NATS, the OTel collector and DNS (the console: the services' APIs and DNS)",
  run(objects) {
    const out: Violation[] = [];
    const policies = ofKind<INetworkPolicy>(objects, 'NetworkPolicy');
    for (const w of workloads(objects)) {
      const mine = policies.filter((p) => ns(p) === w.namespace && selects(p.spec?.podSelector, w.podLabels));
      if (mine.length === 0) {
        out.push(violation(this.id, w.obj, 'no NetworkPolicy selects its pods'));
        continue;
      }
      const types = new Set(mine.flatMap((p) => p.spec?.policyTypes ?? []));
      const allowed = isConsole(w) ? CONSOLE_EGRESS : ALLOWED_EGRESS;
      for (const t of ['Ingress', 'Egress'] as const)
        if (!types.has(t))
          out.push(violation(this.id, w.obj, `no NetworkPolicy restricts ${t} for its pods`));
      for (const p of mine)
        (p.spec?.egress ?? []).forEach((rule, i) => {
          const where = `NetworkPolicy ${p.metadata.name} egress[${i}]`;
          if (!rule.to || rule.to.length === 0)
            return void out.push(violation(this.id, w.obj, `${where} allows every destination`));
          if (!rule.ports || rule.ports.length === 0)
            out.push(violation(this.id, w.obj, `${where} allows every port`));
          for (const peer of rule.to) {
            const destination = allowedDestination(peer, allowed);
            if (!destination) {
              out.push(
                violation(
                  this.id,
                  w.obj,
                  `${where} allows ${JSON.stringify(peer)}, which is not ${allowed.map((d) => d.name).join(', ')}`,
                ),
              );
              continue;
            }
            for (const port of rule.ports ?? [])
              if (typeof port.port !== 'number' || !destination.ports.includes(port.port))
                out.push(
                  violation(
                    this.id,
                    w.obj,
                    `${where} opens port ${String(port.port)} to ${destination.name} (allowed: ${destination.ports.join(', ')})`,
                  ),
                );
          }
        });
    }
    return out;
  },
};

const DEFAULT_GRACE_SECONDS = 30;
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

function preStopSeconds(container: IContainer): number | undefined {
  const preStop = container.lifecycle?.preStop;
  if (!preStop) return undefined;
  if (preStop.sleep) return preStop.sleep.seconds;
  const command = preStop.exec?.command?.join(' ') ?? '';
  const m = /\bsleep\s+(\d+)/.exec(command);
  return m ? Number(m[1]) : 0;
}

const gracefulShutdown: PolicyCheck = {
  id: 'graceful-shutdown',
  description:
    'every Deployment container has a preStop sleep, and terminationGracePeriodSeconds exceeds that sleep plus the SHUTDOWN_GRACE_MS drain',
  run(objects) {
    const out: Violation[] = [];
    for (const w of deployments(objects)) {
      const grace = w.podSpec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
      for (const c of w.podSpec.containers) {
        const sleep = preStopSeconds(c);
        if (sleep === undefined) {
          out.push(
            violation(
              this.id,
              w.obj,
              `container ${c.name} has no preStop hook: the pod would stop before endpoints drop it`,
            ),
          );
          continue;
        }
        const drainMs = Number(
          resolveEnv(c, 'SHUTDOWN_GRACE_MS', objects, w.namespace) ?? DEFAULT_SHUTDOWN_GRACE_MS,
        );
        if (!(grace > sleep + drainMs / 1000))
          out.push(
            violation(
              this.id,
              w.obj,
              `terminationGracePeriodSeconds ${grace} must exceed preStop ${sleep}s + SHUTDOWN_GRACE_MS ${drainMs}ms of container ${c.name}`,
            ),
          );
      }
    }
    return out;
  },
};

const migrationJob: PolicyCheck = {
  id: 'migration-job',
  description: 'each service Deployment has a migration Job of the same service running the same image',
  run(objects) {
    const out: Violation[] = [];
    const jobs = workloads(objects).filter((w) => w.obj.kind === 'Job');
    for (const w of serviceDeployments(objects)) {
      const service = w.podLabels['app.kubernetes.io/name'];
      const job = jobs.find(
        (j) =>
          j.namespace === w.namespace &&
          j.podLabels['app.kubernetes.io/name'] === service &&
          j.podLabels['app.kubernetes.io/component'] === 'migration',
      );
      if (!job) {
        out.push(
          violation(
            this.id,
            w.obj,
            `no migration Job (labels app.kubernetes.io/name=${service}, app.kubernetes.io/component=migration)`,
          ),
        );
        continue;
      }
      const image = w.podSpec.containers[0]?.image;
      if (!job.podSpec.containers.some((c) => c.image === image))
        out.push(
          violation(
            this.id,
            w.obj,
            `migration Job ${job.obj.metadata.name} does not run the Deployment's image ${image}`,
          ),
        );
    }
    return out;
  },
};

const serviceAndScraping: PolicyCheck = {
  id: 'service-and-observability',
  description:
    'each service Deployment has a Service selecting its pods on a declared port, is scraped by Prometheus (ServiceMonitor or prometheus.io/scrape) and exports OTLP (OTEL_EXPORTER_OTLP_ENDPOINT)',
  run(objects) {
    const out: Violation[] = [];
    const services = ofKind<IService>(objects, 'Service');
    const monitors = ofKind<ServiceMonitor>(objects, 'ServiceMonitor');
    for (const w of serviceDeployments(objects)) {
      const mine = services.filter((s) => ns(s) === w.namespace && mapSelects(s.spec?.selector, w.podLabels));
      if (mine.length === 0) out.push(violation(this.id, w.obj, 'no Service selects its pods'));
      const portNames = new Set(w.podSpec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name)));
      const portNumbers = new Set(
        w.podSpec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.containerPort)),
      );
      for (const s of mine)
        for (const p of s.spec?.ports ?? []) {
          const target = p.targetPort ?? p.port;
          if (typeof target === 'string' ? !portNames.has(target) : !portNumbers.has(target))
            out.push(
              violation(
                this.id,
                w.obj,
                `Service ${s.metadata.name} port ${p.name ?? p.port} targets ${target}, which no container declares`,
              ),
            );
        }
      const scrapedByMonitor = monitors.some(
        (m) =>
          ns(m) === w.namespace &&
          mine.some(
            (s) =>
              selects(m.spec.selector, s.metadata.labels ?? {}) &&
              m.spec.endpoints.some((e) => (s.spec?.ports ?? []).some((p) => p.name === e.port)),
          ),
      );
      if (!scrapedByMonitor && w.podAnnotations['prometheus.io/scrape'] !== 'true')
        out.push(
          violation(
            this.id,
            w.obj,
            'not scraped: no ServiceMonitor selects its Service on a named port, and no prometheus.io/scrape annotation',
          ),
        );
      for (const c of w.podSpec.containers)
        if (!resolveEnv(c, 'OTEL_EXPORTER_OTLP_ENDPOINT', objects, w.namespace))
          out.push(
            violation(
              this.id,
              w.obj,
              `container ${c.name} has no OTEL_EXPORTER_OTLP_ENDPOINT (env or envFrom ConfigMap)`,
            ),
          );
    }
    return out;
  },
};

/** Kubernetes quantity (Mi, Gi, M, G or bytes) in MiB. */
function mebibytes(quantity: string | number | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(String(quantity));
  if (!m) return undefined;
  const factor: Record<string, number> = {
    Ki: 1 / 1024,
    Mi: 1,
    Gi: 1024,
    K: 1e3 / 2 ** 20,
    M: 1e6 / 2 ** 20,
    G: 1e9 / 2 ** 20,
  };
  return Number(m[1]) * (m[2] ? factor[m[2]] : 1 / 2 ** 20);
}

/** The value of a `--name=value` V8 flag in a list of flags, as a number. */
function flagValue(flags: readonly string[], name: string): number | undefined {
  const found = flags.map((f) => f.split('=')).find(([k]) => k === `--${name}`);
  return found ? Number(found[1]) : undefined;
}

/** The share of the memory limit the V8 heap may take; the rest is for buffers, code and native memory. */
const HEAP_SHARE_OF_LIMIT = 0.85;

const serviceRuntime: PolicyCheck = {
  id: 'service-runtime',
  description: `every service container (Deployment container "app") runs node with the flags of infra/service-node-flags.json, and its V8 heap (old space from NODE_OPTIONS plus the young generation) stays under ${HEAP_SHARE_OF_LIMIT * 100} % of its memory limit`,
  run(objects) {
    const out: Violation[] = [];
    for (const w of serviceDeployments(objects))
      for (const c of w.podSpec.containers.filter((x) => x.name === 'app')) {
        const command = c.command ?? [];
        const entry = command[command.length - 1] ?? '';
        const expected = ['node', ...SERVICE_NODE_FLAGS, entry];
        if (
          !/^services\/[a-z-]+\/dist\/main\.js$/.test(entry) ||
          JSON.stringify(command) !== JSON.stringify(expected)
        )
          out.push(
            violation(
              this.id,
              w.obj,
              `container app must run ${JSON.stringify(['node', ...SERVICE_NODE_FLAGS, 'services/<name>/dist/main.js'])}, runs ${JSON.stringify(command)}`,
            ),
          );
        const options = (resolveEnv(c, 'NODE_OPTIONS', objects, w.namespace) ?? '').split(/\s+/);
        const oldSpace = flagValue(options, 'max-old-space-size');
        const limit = mebibytes(c.resources?.limits?.memory);
        if (oldSpace === undefined || limit === undefined) {
          out.push(
            violation(
              this.id,
              w.obj,
              'container app needs --max-old-space-size in NODE_OPTIONS and a memory limit',
            ),
          );
          continue;
        }
        // V8's young generation: two semi-spaces and a large-object space of the same size.
        const young = 3 * (flagValue(command, 'max-semi-space-size') ?? 16);
        if (oldSpace + young > HEAP_SHARE_OF_LIMIT * limit)
          out.push(
            violation(
              this.id,
              w.obj,
              `V8 heap ${oldSpace} + ${young} MiB (old + young) exceeds ${HEAP_SHARE_OF_LIMIT * 100} % of the ${limit} MiB memory limit`,
            ),
          );
      }
    return out;
  },
};

export const POLICY_CHECKS: readonly PolicyCheck[] = [
  probes,
  resources,
  securityContext,
  pinnedImages,
  noInlineSecrets,
  disruptionBudget,
  autoscaler,
  networkPolicy,
  gracefulShutdown,
  migrationJob,
  serviceAndScraping,
  serviceRuntime,
];

export function runPolicies(
  objects: readonly K8sObject[],
  checks: readonly PolicyCheck[] = POLICY_CHECKS,
): Violation[] {
  return checks.flatMap((check) => check.run(objects));
}

// ---------------------------------------------------------------------------------------------
// Source-tree check: secrets must not be in any file, rendered or not
// ---------------------------------------------------------------------------------------------

/**
 * Scans YAML files (manifests, kustomizations, Helm values) for inline secrets: a Secret with
 * data/stringData, or a kustomize secretGenerator (its literals/files would land in git or in the
 * rendered output). Non-Kubernetes documents are ignored.
 */
export function findInlineSecretsInFiles(files: readonly string[]): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const value: unknown = doc.toJS();
      if (!isRecord(value)) continue;
      if (value.kind === 'Secret' && (isRecord(value.data) || isRecord(value.stringData)))
        out.push({ check: 'no-inline-secrets', object: file, message: 'Secret with inline data/stringData' });
      if (Array.isArray(value.secretGenerator) && value.secretGenerator.length > 0)
        out.push({
          check: 'no-inline-secrets',
          object: file,
          message: 'kustomize secretGenerator: secrets must be created out of band',
        });
    }
  }
  return out;
}
