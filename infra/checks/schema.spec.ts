import * as path from 'node:path';
import { K8S_DIR, K8sObject, OVERLAYS, Overlay, renderKustomization, renderOverlay } from './render';
import { findUnknownKeys, validateSchemas } from './schema';

const rendered = new Map<Overlay, K8sObject[]>();

beforeAll(() => {
  for (const overlay of OVERLAYS) rendered.set(overlay, renderOverlay(overlay));
});

function objects(overlay: Overlay): K8sObject[] {
  const found = rendered.get(overlay);
  if (!found) throw new Error(`overlay ${overlay} was not rendered`);
  return found;
}

/** A deep copy of the rendered prod objects, to break on purpose. */
function copyOfProd(): K8sObject[] {
  return structuredClone(objects('prod'));
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

describe('kustomize rendering', () => {
  it.each(OVERLAYS)('renders overlay %s with every service and the console', (overlay) => {
    const deployments = objects(overlay)
      .filter((o) => o.kind === 'Deployment')
      .map((o) => o.metadata.name);
    expect(deployments.sort()).toEqual(['aftersales', 'complaints', 'console', 'crm', 'surveys', 'training']);
  });

  it('fails with a clear message when kubectl is missing', () => {
    expect(() =>
      renderKustomization(path.join(K8S_DIR, 'overlays', 'dev'), { kubectl: '/nonexistent/kubectl' }),
    ).toThrow(/kubectl not found .*Install kubectl/s);
  });

  it('reports a broken kustomization instead of rendering nothing', () => {
    expect(() => renderKustomization(path.join(K8S_DIR, 'no-such-overlay'))).toThrow(
      /kubectl kustomize .* failed/,
    );
  });
});

describe('schema validation (kubernetes-models .validate() and CRD schemas)', () => {
  it.each(OVERLAYS)('every object of overlay %s validates', (overlay) => {
    expect(validateSchemas(objects(overlay))).toEqual([]);
  });

  it('rejects a wrong type in a built-in kind', () => {
    const broken = copyOfProd();
    at(
      find(broken, 'Deployment', 'crm'),
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'ports',
      0,
    ).containerPort = '3001';
    expect(validateSchemas(broken)).toEqual([
      expect.objectContaining({
        object: 'Deployment cx/crm',
        message: expect.stringMatching(/containerPort must be integer/),
      }),
    ]);
  });

  it('rejects a missing required field in a built-in kind', () => {
    const broken = copyOfProd();
    delete at(find(broken, 'Deployment', 'crm'), 'spec').selector;
    expect(
      validateSchemas(broken)
        .map((f) => f.message)
        .join('\n'),
    ).toMatch(/selector/);
  });

  it('rejects a wrong type and a missing required field in a custom resource', () => {
    const broken = copyOfProd();
    at(find(broken, 'ScaledObject', 'complaints'), 'spec').maxReplicaCount = 'ten';
    delete at(find(broken, 'Database', 'cx-pg-crm'), 'spec').owner;
    expect(validateSchemas(broken)).toEqual([
      { object: 'ScaledObject cx/complaints', message: '.spec.maxReplicaCount: must be an integer' },
      { object: 'Database cx/cx-pg-crm', message: '.spec.owner: required' },
    ]);
  });

  it('rejects a kind it has no schema for', () => {
    const broken = copyOfProd();
    broken.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'cx' } });
    expect(validateSchemas(broken)).toEqual([
      { object: 'Widget cx/w', message: expect.stringMatching(/^no schema for example.com\/v1\/Widget/) },
    ]);
  });
});

describe('unknown keys (strict walk)', () => {
  it.each(OVERLAYS)('overlay %s has no unknown keys', (overlay) => {
    expect(findUnknownKeys(objects(overlay))).toEqual([]);
  });

  it('catches `replica: 2`, which .validate() lets through', () => {
    const broken = copyOfProd();
    const deployment = find(broken, 'Deployment', 'crm');
    at(deployment, 'spec').replica = 2;
    expect(validateSchemas([deployment])).toEqual([]); // the gap this check closes
    expect(findUnknownKeys(broken)).toEqual([
      { object: 'Deployment cx/crm', message: 'spec.replica: unknown field' },
    ]);
  });

  it('catches a misspelt key deep in a pod template and in a list', () => {
    const broken = copyOfProd();
    const container = at(
      find(broken, 'Job', 'surveys-migrate-0.1.0'),
      'spec',
      'template',
      'spec',
      'containers',
      0,
    );
    container.livenesProbe = container.livenessProbe;
    at(container, 'env', 0).valueFromm = {};
    expect(
      findUnknownKeys(broken)
        .map((f) => f.message)
        .sort(),
    ).toEqual([
      'spec.template.spec.containers[0].env[0].valueFromm: unknown field',
      'spec.template.spec.containers[0].livenesProbe: unknown field',
    ]);
  });

  it('catches an unknown key in metadata and in a custom resource', () => {
    const broken = copyOfProd();
    const scaled = find(broken, 'ScaledObject', 'surveys');
    at(scaled, 'metadata').label = { a: 'b' };
    at(scaled, 'spec').minReplicas = 2;
    expect(findUnknownKeys(broken)).toEqual([
      { object: 'ScaledObject cx/surveys', message: 'metadata.label: unknown field' },
      { object: 'ScaledObject cx/surveys', message: 'spec.minReplicas: unknown field' },
    ]);
  });

  it('accepts free-form maps (labels, annotations, ConfigMap data)', () => {
    const fine = copyOfProd();
    const configMap = fine.find((o) => o.kind === 'ConfigMap');
    if (!configMap) throw new Error('no ConfigMap rendered');
    at(configMap, 'data').ANY_NEW_KEY = 'x';
    at(find(fine, 'Deployment', 'crm'), 'metadata', 'labels')['example.com/team'] = 'cx';
    expect(findUnknownKeys(fine)).toEqual([]);
  });
});
