import { formatFiles, generateFiles, logger, names, Tree } from '@nx/devkit';
import { join } from 'node:path';
import * as ts from 'typescript';
import type { FeatureSchema } from './schema';

export const SERVICES = ['crm', 'complaints', 'aftersales', 'surveys', 'training'] as const;
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** What the templates are filled with (files/). */
export interface FeatureNames {
  service: string;
  /** `customer`, `loyalty-tier`: file and folder names. */
  fileName: string;
  /** `Customer`, `LoyaltyTier`: class names. */
  className: string;
  /** `customer`, `loyaltyTier`. */
  propertyName: string;
  /** `CUSTOMER`, `LOYALTY_TIER`: error code prefix. */
  constantName: string;
  /** `customers`, `loyalty-tiers`: the route. */
  route: string;
  /** `Customers`, `LoyaltyTiers`. */
  pluralClassName: string;
  /** `customers`, `loyaltyTiers`. */
  pluralProperty: string;
  /** The service definition's export in service.ts: `crmService`. */
  serviceConst: string;
  /** `customer`, `loyalty_tier`: the table. */
  table: string;
  /** `customer`, `loyalty tier`: in sentences. */
  words: string;
  /** The migration's timestamp (ms), later than every migration the service has. */
  timestamp: number;
}

function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

export function featureNames(tree: Tree, o: FeatureSchema, now = Date.now()): FeatureNames {
  if (!(SERVICES as readonly string[]).includes(o.service))
    throw new Error(`--service must be one of ${SERVICES.join(', ')} (got "${o.service}")`);
  if (!KEBAB.test(o.name))
    throw new Error(
      `--name must be a singular kebab-case name such as customer or loyalty-tier (got "${o.name}")`,
    );
  const n = names(o.name);
  const p = names(plural(n.fileName));
  const serviceFile = `services/${o.service}/src/service.ts`;
  const serviceConst = /export const (\w+): ServiceDefinition\b/.exec(
    tree.read(serviceFile, 'utf-8') ?? '',
  )?.[1];
  if (!serviceConst) throw new Error(`${serviceFile} exports no ServiceDefinition`);
  const migrations = `services/${o.service}/src/database/migrations`;
  const latest = Math.max(
    0,
    ...tree
      .children(migrations)
      .map((f) => /^(\d{13})-/.exec(f)?.[1])
      .filter((t): t is string => t !== undefined)
      .map(Number),
  );
  return {
    service: o.service,
    fileName: n.fileName,
    className: n.className,
    propertyName: n.propertyName,
    constantName: n.constantName,
    route: p.fileName,
    pluralClassName: p.className,
    pluralProperty: p.propertyName,
    serviceConst,
    table: n.fileName.replace(/-/g, '_'),
    words: n.fileName.replace(/-/g, ' '),
    timestamp: Math.max(now, latest + 1),
  };
}

/**
 * Writes the feature into the tree (no formatting): the folder, the migration and the test from files/,
 * then registers the migration, the module and the entity, and adds the routes to the authorization
 * matrix. Throws, writing nothing, when the feature or one of the places it registers in is not there.
 */
export function writeFeature(tree: Tree, o: FeatureSchema, now = Date.now()): FeatureNames {
  const n = featureNames(tree, o, now);
  const root = `services/${n.service}`;
  const folder = `${root}/src/${n.fileName}`;
  if (tree.exists(folder)) throw new Error(`${folder} exists already`);
  const serviceFile = `${root}/src/service.ts`;
  const migrationsIndex = `${root}/src/database/migrations/index.ts`;
  const apiDoc = 'docs/api.md';
  const edits: [string, (text: string) => string][] = [
    [
      migrationsIndex,
      (t) =>
        registerIn(t, migrationsIndex, `${n.className}${n.timestamp}`, `./${n.timestamp}-${n.className}`),
    ],
    [
      serviceFile,
      (t) => {
        const feature = `./${n.fileName}/${n.fileName}`;
        const withModule = registerIn(t, serviceFile, `${n.className}Module`, `${feature}.module`, 'imports');
        return registerIn(withModule, serviceFile, `${n.className}Entity`, `${feature}.entity`, 'entities');
      },
    ],
    [apiDoc, (t) => addAuthzRows(t, n)],
  ];
  // Compute every edit before writing anything, so a failure leaves the tree as it was.
  const edited = edits.map(([path, edit]) => {
    const text = tree.read(path, 'utf-8');
    if (text === null) throw new Error(`${path} is missing`);
    return [path, edit(text)] as const;
  });
  const roles = (list: readonly string[]) => list.map((r) => `'${r}'`).join(', ');
  generateFiles(tree, join(__dirname, 'files'), root, {
    ...n,
    tmpl: '',
    createRoles: roles(ROUTE_ROLES.create),
    readRoles: roles(ROUTE_ROLES.read),
  });
  for (const [path, text] of edited) tree.write(path, text);
  return n;
}

/** `nx g @cx/tools:feature --service crm --name customer` */
export default async function featureGenerator(tree: Tree, o: FeatureSchema): Promise<() => void> {
  const n = writeFeature(tree, o);
  await formatFiles(tree);
  return () =>
    logger.info(
      [
        `Next (docs/service-guide.md): give ${n.className}Entity its real fields (entity, migration, DTO, view,`,
        `rules), check the ${n.route} rows of the authorization matrix in docs/api.md, and run`,
        `  npx jest services/${n.service}/test/${n.fileName}.spec.ts`,
      ].join('\n'),
    );
}

/**
 * Imports `name` from `from` and appends it to an array literal: the property `property` of the
 * exported object (service.ts), or with no property the exported array itself (migrations/index.ts).
 */
export function registerIn(
  text: string,
  path: string,
  name: string,
  from: string,
  property?: string,
): string {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const array = findArray(file, property);
  if (!array) throw new Error(`${path}: found no ${property ?? 'exported'} array to add ${name} to`);
  const elements = array.elements;
  const last = elements[elements.length - 1];
  // Insert after the last element (keeping a trailing comma where there is one), or into `[]`.
  const at = last ? last.getEnd() : array.getStart(file) + 1;
  const insertion = last ? `, ${name}` : name;
  const withElement = text.slice(0, at) + insertion + text.slice(at);
  return addImport(withElement, path, name, from);
}

function findArray(file: ts.SourceFile, property: string | undefined): ts.ArrayLiteralExpression | undefined {
  let found: ts.ArrayLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      property !== undefined &&
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === property &&
      ts.isArrayLiteralExpression(node.initializer)
    ) {
      found = node.initializer;
      return;
    }
    if (
      property === undefined &&
      ts.isVariableDeclaration(node) &&
      node.initializer &&
      ts.isArrayLiteralExpression(node.initializer)
    ) {
      found = node.initializer;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Adds `import { name } from 'from'` among the imports, in the order of their paths. */
function addImport(text: string, path: string, name: string, from: string): string {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const imports = file.statements.filter(ts.isImportDeclaration);
  const line = `import { ${name} } from '${from}';\n`;
  const specifier = (i: ts.ImportDeclaration) => (i.moduleSpecifier as ts.StringLiteral).text;
  const next = imports.find((i) => specifier(i).startsWith('.') && specifier(i) > from);
  if (next) {
    const at = next.getStart(file);
    return text.slice(0, at) + line + text.slice(at);
  }
  const last = imports[imports.length - 1];
  const at = last ? last.getEnd() + 1 : 0;
  return text.slice(0, at) + line + text.slice(at);
}

type Role = 'system' | 'agent' | 'technician' | 'auditor' | 'lead' | 'admin';

/** Who may call the feature's routes: the controller's @Roles and the matrix rows come from here. */
export const ROUTE_ROLES = {
  create: ['system', 'agent'],
  read: ['agent', 'lead'],
} as const satisfies Record<string, readonly Role[]>;

const MATRIX_HEADING = '### Authorization matrix';

/**
 * Adds the feature's operations to the authorization matrix of docs/api.md (test/authz/matrix.spec.ts
 * checks every route of every service against it), after the service's last row.
 */
export function addAuthzRows(text: string, n: FeatureNames): string {
  const path = `/api/v1/${n.route}`;
  const operations = [
    [`POST ${path}`, ROUTE_ROLES.create],
    [`GET ${path}`, ROUTE_ROLES.read],
    [`GET ${path}/{id}`, ROUTE_ROLES.read],
  ] as const;
  const lines = text.split('\n');
  const heading = lines.findIndex((l) => l.trim() === MATRIX_HEADING);
  if (heading < 0) throw new Error(`docs/api.md has no "${MATRIX_HEADING}" section`);
  const first = lines.findIndex((l, i) => i > heading && l.trim().startsWith('|'));
  if (first < 0) throw new Error('docs/api.md: the authorization matrix has no table');
  const cells = (line: string) => line.split('|').map((c) => c.trim());
  let last = first;
  let lastOfService = -1;
  for (let i = first; i < lines.length && lines[i].trim().startsWith('|'); i++) {
    last = i;
    const [, service, operation] = cells(lines[i]);
    if (service !== n.service) continue;
    lastOfService = i;
    const taken = operations.find(([op]) => operation === `\`${op}\``);
    if (taken) throw new Error(`docs/api.md has a row for ${taken[0]} of ${n.service} already`);
  }
  const rows = operations.map(([operation, roles]) => {
    const may = (role: Role) => ((roles as readonly Role[]).includes(role) ? '✓' : '✗');
    // no token, system, agent, technician, auditor, lead (own dept), lead (other dept), admin
    const marks = [
      '✗',
      may('system'),
      may('agent'),
      may('technician'),
      may('auditor'),
      may('lead'),
      '✗',
      '✓',
    ];
    return `| ${n.service} | \`${operation}\` | ${marks.join(' | ')} |`;
  });
  lines.splice((lastOfService >= 0 ? lastOfService : last) + 1, 0, ...rows);
  return lines.join('\n');
}
