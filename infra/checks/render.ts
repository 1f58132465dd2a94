import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Repository root (infra/checks/../..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const K8S_DIR = path.join(REPO_ROOT, 'infra', 'k8s');
export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** The fields every rendered Kubernetes object has; the rest is checked by schema.ts. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "Deployment cx/crm": how objects are named in every finding. */
export function objectId(obj: K8sObject): string {
  return `${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`;
}

/** Parses a multi-document YAML stream into objects; throws on a YAML error or a non-object document. */
export function parseManifests(text: string, source: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string')
      throw new Error(`${source}: a document without apiVersion/kind`);
    const metadata = value.metadata;
    if (!isRecord(metadata) || typeof metadata.name !== 'string')
      throw new Error(`${source}: ${value.kind} without metadata.name`);
    objects.push(value as K8sObject);
  }
  return objects;
}

export interface RenderOptions {
  /** kubectl binary; default: `kubectl` from PATH. */
  kubectl?: string;
}

/**
 * Renders a Kustomize directory with `kubectl kustomize` (offline). Fails with an actionable message
 * when kubectl is missing: CI installs it, and these checks must never pass silently without it.
 */
export function renderKustomization(dir: string, options: RenderOptions = {}): K8sObject[] {
  const kubectl = options.kubectl ?? 'kubectl';
  const result = spawnSync(kubectl, ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new Error(
        `kubectl not found (tried "${kubectl}"): the infra checks render infra/k8s with ` +
          '`kubectl kustomize`. Install kubectl (CI installs it; on Debian: apt-get install kubectl ' +
          'from the Kubernetes apt repository, or any static kubectl >= 1.27) and re-run.',
      );
    throw new Error(`cannot run ${kubectl}: ${result.error.message}`);
  }
  if (result.status !== 0)
    throw new Error(`kubectl kustomize ${path.relative(REPO_ROOT, dir)} failed:\n${result.stderr}`);
  return parseManifests(result.stdout, `kubectl kustomize ${dir}`);
}

export function renderOverlay(overlay: Overlay, options: RenderOptions = {}): K8sObject[] {
  return renderKustomization(path.join(K8S_DIR, 'overlays', overlay), options);
}

/** Every *.yaml / *.yml file below dir (recursively), for checks on the source tree itself. */
export function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}
