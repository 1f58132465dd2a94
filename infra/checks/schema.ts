/**
 * Schema checks for rendered manifests, offline.
 *
 * Built-in kinds: (1) the kubernetes-models class for the apiVersion/kind is constructed and its
 * `.validate()` run (JSON-schema validation generated from the Kubernetes OpenAPI spec); (2) a strict
 * walk rejects unknown keys, which that validation lets through (its schemas allow additional
 * properties, so `spec.replica: 2` would pass). The walk follows the TypeScript declarations that
 * kubernetes-models ships beside the validators: they are generated from the same OpenAPI document,
 * and the package ships no raw OpenAPI JSON to walk instead.
 *
 * Custom resources (KEDA, Prometheus Operator, CloudNativePG, External Secrets): small hand-written
 * schemas below, covering the fields this repository uses plus the common neighbours. They check
 * types, required fields and unknown keys; extend them when a manifest needs a new field.
 */
import * as path from 'node:path';
import * as ts from 'typescript';
import { ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { isRecord, K8sObject, objectId, REPO_ROOT } from './render';

/** A kubernetes-models class: constructed from the object's data, `.validate()` throws on errors. */
type ModelClass = new (data: never) => { validate(): void };

interface BuiltinKind {
  model: ModelClass;
  /** Module whose `I<Kind>` interface describes the object (for the unknown-key walk). */
  typesModule: string;
}

/** Built-in kinds the tree may contain. Anything else must be added here (or be a known CRD). */
export const BUILTIN_KINDS: Record<string, BuiltinKind> = {
  'v1/Namespace': { model: Namespace, typesModule: 'kubernetes-models/v1/Namespace' },
  'v1/ServiceAccount': { model: ServiceAccount, typesModule: 'kubernetes-models/v1/ServiceAccount' },
  'v1/ConfigMap': { model: ConfigMap, typesModule: 'kubernetes-models/v1/ConfigMap' },
  'v1/Secret': { model: Secret, typesModule: 'kubernetes-models/v1/Secret' },
  'v1/Service': { model: Service, typesModule: 'kubernetes-models/v1/Service' },
  'v1/PersistentVolumeClaim': {
    model: PersistentVolumeClaim,
    typesModule: 'kubernetes-models/v1/PersistentVolumeClaim',
  },
  'apps/v1/Deployment': { model: Deployment, typesModule: 'kubernetes-models/apps/v1/Deployment' },
  'apps/v1/StatefulSet': { model: StatefulSet, typesModule: 'kubernetes-models/apps/v1/StatefulSet' },
  'batch/v1/Job': { model: Job, typesModule: 'kubernetes-models/batch/v1/Job' },
  'batch/v1/CronJob': { model: CronJob, typesModule: 'kubernetes-models/batch/v1/CronJob' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: HorizontalPodAutoscaler,
    typesModule: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  },
  'policy/v1/PodDisruptionBudget': {
    model: PodDisruptionBudget,
    typesModule: 'kubernetes-models/policy/v1/PodDisruptionBudget',
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    model: NetworkPolicy,
    typesModule: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
  },
  'networking.k8s.io/v1/Ingress': {
    model: Ingress,
    typesModule: 'kubernetes-models/networking.k8s.io/v1/Ingress',
  },
  'rbac.authorization.k8s.io/v1/Role': {
    model: Role,
    typesModule: 'kubernetes-models/rbac.authorization.k8s.io/v1/Role',
  },
  'rbac.authorization.k8s.io/v1/RoleBinding': {
    model: RoleBinding,
    typesModule: 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding',
  },
};

export const kindKey = (obj: { apiVersion: string; kind: string }): string => `${obj.apiVersion}/${obj.kind}`;

// ---------------------------------------------------------------------------------------------
// Hand-written schemas for custom resources
// ---------------------------------------------------------------------------------------------

export type Shape =
  | { type: 'string'; enum?: readonly string[] }
  | { type: 'integer' | 'boolean' | 'any' }
  | { type: 'intOrString' }
  | { type: 'object'; properties: Record<string, Shape>; required?: readonly string[] }
  | { type: 'map'; values: Shape }
  | { type: 'array'; items: Shape };

const str: Shape = { type: 'string' };
const int: Shape = { type: 'integer' };
const bool: Shape = { type: 'boolean' };
const intOrStr: Shape = { type: 'intOrString' };
const oneOf = (...values: string[]): Shape => ({ type: 'string', enum: values });
const obj = (properties: Record<string, Shape>, required: readonly string[] = []): Shape => ({
  type: 'object',
  properties,
  required,
});
const map = (values: Shape): Shape => ({ type: 'map', values });
const arr = (items: Shape): Shape => ({ type: 'array', items });
const stringMap = map(str);

const labelSelector = obj({
  matchLabels: stringMap,
  matchExpressions: arr(
    obj({ key: str, operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist'), values: arr(str) }, [
      'key',
      'operator',
    ]),
  ),
});
const localRef = obj({ name: str }, ['name']);
const secretKeyRef = obj({ name: str, key: str }, ['name', 'key']);
const quantityMap = map(intOrStr);
const resources = obj({
  requests: quantityMap,
  limits: quantityMap,
  claims: arr(obj({ name: str }, ['name'])),
});
const hpaBehaviorRules = obj({
  stabilizationWindowSeconds: int,
  selectPolicy: oneOf('Max', 'Min', 'Disabled'),
  policies: arr(
    obj({ type: oneOf('Pods', 'Percent'), value: int, periodSeconds: int }, [
      'type',
      'value',
      'periodSeconds',
    ]),
  ),
});
const relabeling = obj({
  action: str,
  sourceLabels: arr(str),
  separator: str,
  targetLabel: str,
  regex: str,
  modulus: int,
  replacement: str,
});
const scrapeEndpointCommon = {
  path: str,
  scheme: oneOf('http', 'https'),
  interval: str,
  scrapeTimeout: str,
  honorLabels: bool,
  params: map(arr(str)),
  relabelings: arr(relabeling),
  metricRelabelings: arr(relabeling),
};

// barman-cloud object store configuration (CloudNativePG in-tree and the Barman Cloud plugin share it).
const barmanConfiguration = obj(
  {
    destinationPath: str,
    endpointURL: str,
    serverName: str,
    s3Credentials: obj({
      accessKeyId: secretKeyRef,
      secretAccessKey: secretKeyRef,
      region: secretKeyRef,
      sessionToken: secretKeyRef,
      inheritFromIAMRole: bool,
    }),
    azureCredentials: map({ type: 'any' }),
    googleCredentials: map({ type: 'any' }),
    endpointCA: secretKeyRef,
    wal: obj({
      compression: oneOf('gzip', 'bzip2', 'snappy', 'lz4', 'xz', 'zstd'),
      maxParallel: int,
      encryption: str,
    }),
    data: obj({
      compression: oneOf('gzip', 'bzip2', 'snappy', 'lz4', 'xz', 'zstd'),
      jobs: int,
      immediateCheckpoint: bool,
      encryption: str,
    }),
    tags: stringMap,
    historyTags: stringMap,
  },
  ['destinationPath'],
);

const pluginRef = obj({ name: str, enabled: bool, isWALArchiver: bool, parameters: stringMap }, ['name']);

/** Custom resources the tree may contain, keyed by apiVersion/kind: the shape of the whole object minus metadata. */
export const CRD_SCHEMAS: Record<string, Shape> = {
  // KEDA 2.x
  'keda.sh/v1alpha1/ScaledObject': obj(
    {
      spec: obj(
        {
          scaleTargetRef: obj({ apiVersion: str, kind: str, name: str, envSourceContainerName: str }, [
            'name',
          ]),
          minReplicaCount: int,
          maxReplicaCount: int,
          idleReplicaCount: int,
          pollingInterval: int,
          cooldownPeriod: int,
          initialCooldownPeriod: int,
          fallback: obj({ failureThreshold: int, replicas: int, behavior: str }, [
            'failureThreshold',
            'replicas',
          ]),
          advanced: obj({
            restoreToOriginalReplicaCount: bool,
            horizontalPodAutoscalerConfig: obj({
              name: str,
              behavior: obj({ scaleUp: hpaBehaviorRules, scaleDown: hpaBehaviorRules }),
            }),
          }),
          triggers: arr(
            obj(
              {
                type: str,
                name: str,
                metricType: oneOf('AverageValue', 'Value', 'Utilization'),
                useCachedMetrics: bool,
                metadata: stringMap,
                authenticationRef: obj(
                  { name: str, kind: oneOf('TriggerAuthentication', 'ClusterTriggerAuthentication') },
                  ['name'],
                ),
              },
              ['type', 'metadata'],
            ),
          ),
        },
        ['scaleTargetRef', 'triggers'],
      ),
    },
    ['spec'],
  ),
  // Prometheus Operator
  'monitoring.coreos.com/v1/ServiceMonitor': obj(
    {
      spec: obj(
        {
          selector: labelSelector,
          namespaceSelector: obj({ any: bool, matchNames: arr(str) }),
          jobLabel: str,
          targetLabels: arr(str),
          podTargetLabels: arr(str),
          endpoints: arr(obj({ port: str, targetPort: intOrStr, ...scrapeEndpointCommon })),
        },
        ['selector', 'endpoints'],
      ),
    },
    ['spec'],
  ),
  'monitoring.coreos.com/v1/PodMonitor': obj(
    {
      spec: obj(
        {
          selector: labelSelector,
          namespaceSelector: obj({ any: bool, matchNames: arr(str) }),
          jobLabel: str,
          podTargetLabels: arr(str),
          podMetricsEndpoints: arr(obj({ port: str, portNumber: int, ...scrapeEndpointCommon })),
        },
        ['selector', 'podMetricsEndpoints'],
      ),
    },
    ['spec'],
  ),
  'monitoring.coreos.com/v1/PrometheusRule': obj(
    {
      spec: obj(
        {
          groups: arr(
            obj(
              {
                name: str,
                interval: str,
                rules: arr(
                  obj(
                    {
                      alert: str,
                      record: str,
                      expr: str,
                      for: str,
                      labels: stringMap,
                      annotations: stringMap,
                    },
                    ['expr'],
                  ),
                ),
              },
              ['name', 'rules'],
            ),
          ),
        },
        ['groups'],
      ),
    },
    ['spec'],
  ),
  // CloudNativePG 1.26+
  'postgresql.cnpg.io/v1/Cluster': obj(
    {
      spec: obj(
        {
          description: str,
          instances: int,
          imageName: str,
          imageCatalogRef: obj({ apiGroup: str, kind: str, name: str, major: int }, [
            'kind',
            'name',
            'major',
          ]),
          imagePullPolicy: oneOf('Always', 'IfNotPresent', 'Never'),
          primaryUpdateStrategy: oneOf('unsupervised', 'supervised'),
          primaryUpdateMethod: oneOf('switchover', 'restart'),
          enablePDB: bool,
          enableSuperuserAccess: bool,
          superuserSecret: localRef,
          minSyncReplicas: int,
          maxSyncReplicas: int,
          storage: obj({ size: str, storageClass: str, resizeInUseVolumes: bool }),
          walStorage: obj({ size: str, storageClass: str, resizeInUseVolumes: bool }),
          affinity: obj({
            enablePodAntiAffinity: bool,
            topologyKey: str,
            podAntiAffinityType: oneOf('preferred', 'required'),
            nodeSelector: stringMap,
            tolerations: arr(map({ type: 'any' })),
          }),
          topologySpreadConstraints: arr(map({ type: 'any' })),
          resources,
          priorityClassName: str,
          postgresql: obj({
            parameters: stringMap,
            pg_hba: arr(str),
            pg_ident: arr(str),
            shared_preload_libraries: arr(str),
            synchronous: obj(
              { method: oneOf('any', 'first'), number: int, dataDurability: oneOf('required', 'preferred') },
              ['method', 'number'],
            ),
          }),
          bootstrap: obj({
            initdb: obj({
              database: str,
              owner: str,
              secret: localRef,
              encoding: str,
              localeCollate: str,
              localeCType: str,
              postInitSQL: arr(str),
            }),
            recovery: obj({
              source: str,
              database: str,
              owner: str,
              secret: localRef,
              backup: localRef,
              recoveryTarget: obj({
                backupID: str,
                targetTime: str,
                targetLSN: str,
                targetName: str,
                targetXID: str,
                targetTLI: str,
                targetImmediate: bool,
                exclusive: bool,
              }),
            }),
            pg_basebackup: obj({ source: str, database: str, owner: str, secret: localRef }, ['source']),
          }),
          externalClusters: arr(
            obj(
              {
                name: str,
                connectionParameters: stringMap,
                password: secretKeyRef,
                barmanObjectStore: barmanConfiguration,
                plugin: pluginRef,
              },
              ['name'],
            ),
          ),
          plugins: arr(pluginRef),
          managed: obj({
            roles: arr(
              obj(
                {
                  name: str,
                  ensure: oneOf('present', 'absent'),
                  comment: str,
                  login: bool,
                  superuser: bool,
                  createdb: bool,
                  createrole: bool,
                  inherit: bool,
                  replication: bool,
                  bypassrls: bool,
                  connectionLimit: int,
                  validUntil: str,
                  inRoles: arr(str),
                  passwordSecret: localRef,
                  disablePassword: bool,
                },
                ['name'],
              ),
            ),
            services: map({ type: 'any' }),
          }),
          monitoring: obj({
            customQueriesConfigMap: arr(secretKeyRef),
            customQueriesSecret: arr(secretKeyRef),
            disableDefaultQueries: bool,
          }),
          certificates: map(str),
          inheritedMetadata: obj({ labels: stringMap, annotations: stringMap }),
          startDelay: int,
          stopDelay: int,
          smartShutdownTimeout: int,
          switchoverDelay: int,
          failoverDelay: int,
          logLevel: oneOf('error', 'warning', 'info', 'debug', 'trace'),
        },
        ['instances'],
      ),
    },
    ['spec'],
  ),
  'postgresql.cnpg.io/v1/Database': obj(
    {
      spec: obj(
        {
          cluster: localRef,
          name: str,
          owner: str,
          ensure: oneOf('present', 'absent'),
          databaseReclaimPolicy: oneOf('retain', 'delete'),
          encoding: str,
          locale: str,
          template: str,
          tablespace: str,
          connectionLimit: int,
          allowConnections: bool,
          isTemplate: bool,
          extensions: arr(
            obj({ name: str, ensure: oneOf('present', 'absent'), version: str, schema: str }, ['name']),
          ),
          schemas: arr(obj({ name: str, owner: str, ensure: oneOf('present', 'absent') }, ['name'])),
        },
        ['cluster', 'name', 'owner'],
      ),
    },
    ['spec'],
  ),
  'postgresql.cnpg.io/v1/ScheduledBackup': obj(
    {
      spec: obj(
        {
          cluster: localRef,
          schedule: str,
          immediate: bool,
          suspend: bool,
          backupOwnerReference: oneOf('none', 'self', 'cluster'),
          method: oneOf('barmanObjectStore', 'volumeSnapshot', 'plugin'),
          target: oneOf('primary', 'prefer-standby'),
          online: bool,
          pluginConfiguration: obj({ name: str, parameters: stringMap }, ['name']),
        },
        ['cluster', 'schedule'],
      ),
    },
    ['spec'],
  ),
  // Barman Cloud plugin for CloudNativePG
  'barmancloud.cnpg.io/v1/ObjectStore': obj(
    {
      spec: obj(
        {
          configuration: barmanConfiguration,
          retentionPolicy: str,
          instanceSidecarConfiguration: obj({
            env: arr(map({ type: 'any' })),
            resources,
            retentionPolicyIntervalSeconds: int,
          }),
        },
        ['configuration'],
      ),
    },
    ['spec'],
  ),
  // External Secrets Operator (external-secrets.io/v1, ESO >= 0.16)
  'external-secrets.io/v1/ExternalSecret': obj(
    {
      spec: obj(
        {
          refreshInterval: str,
          refreshPolicy: oneOf('CreatedOnce', 'Periodic', 'OnChange'),
          secretStoreRef: obj({ kind: oneOf('SecretStore', 'ClusterSecretStore'), name: str }, ['name']),
          target: obj({
            name: str,
            creationPolicy: oneOf('Owner', 'Orphan', 'Merge', 'None'),
            deletionPolicy: oneOf('Retain', 'Delete', 'Merge'),
            immutable: bool,
            template: obj({
              type: str,
              engineVersion: oneOf('v2'),
              mergePolicy: oneOf('Replace', 'Merge'),
              metadata: obj({ labels: stringMap, annotations: stringMap }),
              data: stringMap,
              templateFrom: arr(map({ type: 'any' })),
            }),
          }),
          data: arr(
            obj(
              {
                secretKey: str,
                remoteRef: obj(
                  {
                    key: str,
                    property: str,
                    version: str,
                    decodingStrategy: oneOf('Auto', 'Base64', 'Base64URL', 'None'),
                    conversionStrategy: oneOf('Default', 'Unicode'),
                    metadataPolicy: oneOf('None', 'Fetch'),
                  },
                  ['key'],
                ),
              },
              ['secretKey', 'remoteRef'],
            ),
          ),
          dataFrom: arr(map({ type: 'any' })),
        },
        ['secretStoreRef'],
      ),
    },
    ['spec'],
  ),
};

/** Checks a value against a hand-written shape: types, enums, required fields and unknown keys. */
export function checkShape(value: unknown, shape: Shape, at: string): string[] {
  const errors: string[] = [];
  const walk = (v: unknown, s: Shape, p: string): void => {
    switch (s.type) {
      case 'any':
        return;
      case 'string':
        if (typeof v !== 'string') errors.push(`${p}: must be a string`);
        else if (s.enum && !s.enum.includes(v))
          errors.push(`${p}: must be one of ${s.enum.join(', ')} (got "${v}")`);
        return;
      case 'integer':
        if (typeof v !== 'number' || !Number.isInteger(v)) errors.push(`${p}: must be an integer`);
        return;
      case 'boolean':
        if (typeof v !== 'boolean') errors.push(`${p}: must be a boolean`);
        return;
      case 'intOrString':
        if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)))
          errors.push(`${p}: must be a string or a number`);
        return;
      case 'array':
        if (!Array.isArray(v)) errors.push(`${p}: must be an array`);
        else v.forEach((item: unknown, i) => walk(item, s.items, `${p}[${i}]`));
        return;
      case 'map':
        if (!isRecord(v)) errors.push(`${p}: must be an object`);
        else for (const [k, item] of Object.entries(v)) walk(item, s.values, `${p}.${k}`);
        return;
      case 'object':
        if (!isRecord(v)) {
          errors.push(`${p}: must be an object`);
          return;
        }
        for (const r of s.required ?? []) if (v[r] === undefined) errors.push(`${p}.${r}: required`);
        for (const [k, item] of Object.entries(v)) {
          const sub = s.properties[k];
          if (sub === undefined) errors.push(`${p}.${k}: unknown field`);
          else walk(item, sub, `${p}.${k}`);
        }
        return;
    }
  };
  walk(value, shape, at);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Strict unknown-key walk over the kubernetes-models type declarations
// ---------------------------------------------------------------------------------------------

const OBJECT_META_MODULE = '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';

interface TypeIndex {
  checker: ts.TypeChecker;
  byKind: Map<string, ts.Type>;
  objectMeta: ts.Type;
}

let typeIndex: TypeIndex | undefined;

/**
 * Builds (once per process, ~1 s) a TypeScript program over a generated file that imports the
 * interface of every built-in kind, and returns each interface's type.
 */
function loadTypeIndex(): TypeIndex {
  if (typeIndex) return typeIndex;
  const keys = Object.keys(BUILTIN_KINDS);
  const lines = keys.map((key, i) => {
    const kind = key.slice(key.lastIndexOf('/') + 1);
    return `import type { I${kind} as T${i} } from '${BUILTIN_KINDS[key].typesModule}';\nexport type K${i} = T${i};`;
  });
  lines.push(`import type { IObjectMeta } from '${OBJECT_META_MODULE}';\nexport type Meta = IObjectMeta;`);
  // A path inside the repo, so module resolution finds the repo's node_modules; never written to disk.
  const virtualFile = path.join(REPO_ROOT, 'infra', 'checks', '__k8s_types__.ts');
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    fileName === virtualFile
      ? ts.createSourceFile(fileName, source, languageVersion)
      : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  host.fileExists = (fileName) => fileName === virtualFile || fileExists(fileName);
  const program = ts.createProgram([virtualFile], options, host);
  const problems = program.getSemanticDiagnostics(program.getSourceFile(virtualFile));
  if (problems.length > 0)
    throw new Error(
      'cannot load the kubernetes-models type declarations:\n' +
        problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'),
    );
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(virtualFile);
  if (!file) throw new Error('internal: generated type file missing');
  const aliases = new Map<string, ts.Type>();
  for (const statement of file.statements)
    if (ts.isTypeAliasDeclaration(statement))
      aliases.set(statement.name.text, checker.getTypeAtLocation(statement.name));
  const byKind = new Map<string, ts.Type>();
  keys.forEach((key, i) => {
    const type = aliases.get(`K${i}`);
    if (!type) throw new Error(`internal: no type for ${key}`);
    byKind.set(key, type);
  });
  const objectMeta = aliases.get('Meta');
  if (!objectMeta) throw new Error('internal: no type for ObjectMeta');
  typeIndex = { checker, byKind, objectMeta };
  return typeIndex;
}

/** Reports every key of `value` that the declared type does not have, recursively. */
function unknownKeysByType(value: unknown, type: ts.Type, at: string, checker: ts.TypeChecker): string[] {
  const errors: string[] = [];
  const walk = (v: unknown, t: ts.Type, p: string): void => {
    if (v === null || v === undefined) return;
    let declared = checker.getNonNullableType(t);
    if (declared.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
    if (declared.isUnion()) {
      // e.g. IntOrString (number | string): nothing to walk. Several object members: ambiguous, skip.
      const objects = declared.types.filter((m) => m.flags & ts.TypeFlags.Object);
      if (objects.length !== 1) return;
      declared = objects[0];
    }
    if (!(declared.flags & ts.TypeFlags.Object)) return; // primitive: types are .validate()'s job
    if (Array.isArray(v)) {
      if (!checker.isArrayType(declared)) return;
      const element = checker.getTypeArguments(declared as ts.TypeReference)[0];
      v.forEach((item: unknown, i) => walk(item, element, `${p}[${i}]`));
      return;
    }
    if (!isRecord(v)) return;
    const index = checker.getIndexInfoOfType(declared, ts.IndexKind.String);
    for (const [key, item] of Object.entries(v)) {
      const property = declared.getProperty(key);
      if (property) walk(item, checker.getTypeOfSymbol(property), `${p}.${key}`);
      else if (index) walk(item, index.type, `${p}.${key}`);
      else errors.push(`${p}.${key}: unknown field`);
    }
  };
  walk(value, type, at);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

export interface SchemaFinding {
  object: string;
  message: string;
}

function modelErrors(model: ModelClass, data: object): string[] {
  try {
    // The model class only copies the data and validates it: the parameter type is irrelevant here.
    new model(data as never).validate();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/**
 * Schema validation: kubernetes-models `.validate()` for built-in kinds, the hand-written schema for
 * known custom resources (metadata checked as ObjectMeta), an error for any other kind.
 */
export function validateSchemas(objects: readonly K8sObject[]): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const o of objects) {
    const key = kindKey(o);
    const builtin = BUILTIN_KINDS[key];
    const crd = CRD_SCHEMAS[key];
    let errors: string[];
    if (builtin) errors = modelErrors(builtin.model, o);
    else if (crd) {
      const { apiVersion: _apiVersion, kind: _kind, metadata, ...rest } = o;
      errors = [...modelErrors(ObjectMeta, metadata), ...checkShape(rest, crd, '')];
    } else
      errors = [`no schema for ${key}: add it to BUILTIN_KINDS or CRD_SCHEMAS in infra/checks/schema.ts`];
    for (const message of errors) findings.push({ object: objectId(o), message });
  }
  return findings;
}

/** Unknown-key check: the strict type walk for built-in kinds, the hand-written schema for CRDs. */
export function findUnknownKeys(objects: readonly K8sObject[]): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const index = loadTypeIndex();
  for (const o of objects) {
    const key = kindKey(o);
    const type = index.byKind.get(key);
    let errors: string[];
    if (type) errors = unknownKeysByType(o, type, '', index.checker);
    else if (CRD_SCHEMAS[key]) {
      const { apiVersion: _apiVersion, kind: _kind, metadata, ...rest } = o;
      errors = [
        ...unknownKeysByType(metadata, index.objectMeta, '.metadata', index.checker),
        ...checkShape(rest, CRD_SCHEMAS[key], '').filter((e) => e.endsWith(': unknown field')),
      ];
    } else errors = [`no schema for ${key}`];
    for (const message of errors) findings.push({ object: objectId(o), message: message.replace(/^\./, '') });
  }
  return findings;
}
