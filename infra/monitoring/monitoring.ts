/**
 * The platform's alert rules and dashboards as the tests see them: the rule groups out of the
 * PrometheusRule, every PromQL query of the dashboards, the metric names a query reads, and promtool.
 * Used by test/operations (promtool check and unit tests) and test/system/operations.spec.ts (a real
 * Prometheus, and the comparison with what the services export).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export const REPO = join(__dirname, '../..');
export const MONITORING_DIR = join(REPO, 'infra/k8s/base/monitoring');
export const RULE_FILE = join(MONITORING_DIR, 'prometheusrule.yaml');
export const DASHBOARD_DIR = join(MONITORING_DIR, 'dashboards');
export const RULE_TEST_FILES = ['rules.test.yaml', 'domain-rules.test.yaml'].map((f) =>
  join(REPO, 'infra/monitoring', f),
);
export const RUNBOOK = join(REPO, 'docs/operations/runbook.md');

export interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Rule[];
}

/** The rule groups of the PrometheusRule (its `spec.groups`, the body of a Prometheus rule file). */
export function ruleGroups(): RuleGroup[] {
  const doc = parse(readFileSync(RULE_FILE, 'utf8')) as { kind: string; spec: { groups: RuleGroup[] } };
  if (doc.kind !== 'PrometheusRule') throw new Error(`${RULE_FILE} is not a PrometheusRule`);
  return doc.spec.groups;
}

export const alertRules = (): Rule[] => ruleGroups().flatMap((g) => g.rules.filter((r) => r.alert));

/** Writes groups as a Prometheus rule file (one line per expression, as promtool reports them). */
export function writeRuleFile(path: string, groups: RuleGroup[]): string {
  writeFileSync(path, stringify({ groups }, { lineWidth: 0 }));
  return path;
}

export interface DashboardQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

/** Every dashboard file (name without `.json`) with its parsed JSON. */
export function dashboards(): { name: string; json: DashboardJson }[] {
  return readdirSync(DASHBOARD_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.slice(0, -'.json'.length),
      json: JSON.parse(readFileSync(join(DASHBOARD_DIR, f), 'utf8')) as DashboardJson,
    }));
}

interface DashboardJson {
  uid: string;
  title: string;
  panels: { type: string; title: string; targets?: { expr: string }[]; panels?: unknown[] }[];
}

export function dashboardQueries(): DashboardQuery[] {
  return dashboards().flatMap(({ name, json }) =>
    json.panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ dashboard: name, panel: p.title, expr: t.expr })),
    ),
  );
}

const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects: identifiers that are neither functions, aggregations,
 * keywords, label names (inside `{}` or a grouping clause) nor parts of durations and numbers.
 */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of stripped.matchAll(/(?<![\w.:])[a-zA-Z_:][\w:]*/g)) {
    const rest = stripped.slice(m.index + m[0].length);
    if (/^\s*\(/.test(rest) || KEYWORDS.has(m[0].toLowerCase())) continue;
    names.add(m[0]);
  }
  return [...names];
}

/** Metric families in a text exposition (`# TYPE name type`), with the series names each one yields. */
export function exportedSeriesNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram') for (const s of ['_bucket', '_count', '_sum']) names.add(name + s);
    if (type === 'summary') for (const s of ['_count', '_sum']) names.add(name + s);
  }
  return names;
}

/** Runs promtool (Debian's `prometheus` package, installed by infra/local/ensure-infra.sh). */
export function promtool(args: string[], cwd?: string): { status: number | null; output: string } {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw new Error(`promtool: ${r.error.message} (run bash infra/local/ensure-infra.sh)`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** GitHub's anchor for a Markdown heading. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
}
