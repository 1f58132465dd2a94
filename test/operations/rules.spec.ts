// The alert rules and dashboards, checked with promtool (Debian's prometheus package, which
// infra/local/ensure-infra.sh installs): the rules parse, each alert's unit tests pass, every dashboard
// query parses, and each alert is documented, tested and has its runbook section.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import {
  alertRules,
  dashboardQueries,
  dashboards,
  headingAnchor,
  promtool,
  ruleGroups,
  RULE_TEST_FILES,
  RUNBOOK,
  writeRuleFile,
} from '../../infra/monitoring/monitoring';

interface RuleTestFile {
  tests: { name: string; alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
}

describe('the platform alert rules', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'cx-rules-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pass promtool check rules, as the PrometheusRule ships them', () => {
    const file = writeRuleFile(join(dir, 'platform.rules.yaml'), ruleGroups());
    const r = promtool(['check', 'rules', file]);
    expect(r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('pass their promtool unit tests: each alert fires on its series and stays quiet on the others', () => {
    // Annotations left out: the tests compare labels (templates are checked by `check rules` above).
    const groups = ruleGroups().map((g) => ({
      ...g,
      rules: g.rules.map(({ annotations: _annotations, ...rule }) => rule),
    }));
    writeRuleFile(join(dir, 'rules.yaml'), groups);
    for (const f of RULE_TEST_FILES) copyFileSync(f, join(dir, basename(f)));
    const r = promtool(['test', 'rules', ...RULE_TEST_FILES.map((f) => basename(f))], dir);
    expect({ status: r.status, output: r.output }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
    expect(r.output).not.toContain('FAILED');
  }, 120_000);

  it('each alert has a test where it fires, a severity, a summary and a runbook section of its own', () => {
    const tests = RULE_TEST_FILES.flatMap((f) => (parse(readFileSync(f, 'utf8')) as RuleTestFile).tests);
    const fired = new Set(
      tests.flatMap((t) =>
        (t.alert_rule_test ?? []).filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname),
      ),
    );
    const anchors = new Set(
      [...readFileSync(RUNBOOK, 'utf8').matchAll(/^#{2,4} (.+)$/gm)].map((m) => headingAnchor(m[1])),
    );
    const problems: string[] = [];
    for (const rule of alertRules()) {
      const name = rule.alert!;
      if (!fired.has(name)) problems.push(`${name}: no promtool test fires it`);
      if (!['critical', 'warning'].includes(rule.labels?.severity ?? '')) problems.push(`${name}: severity`);
      if ((rule.annotations?.summary ?? '').length < 20) problems.push(`${name}: summary`);
      const url = rule.annotations?.runbook_url ?? '';
      const anchor = url.split('#')[1] ?? '';
      if (!url.includes('docs/operations/runbook.md#') || !anchors.has(anchor))
        problems.push(`${name}: runbook_url ${url} names no section of docs/operations/runbook.md`);
    }
    expect(problems).toEqual([]);
    expect(alertRules().length).toBeGreaterThanOrEqual(14);
  });
});

describe('the platform dashboards', () => {
  it('are an overview, one per service and one for the event backbone, each with a unique uid', () => {
    const all = dashboards();
    expect(all.map((d) => d.name)).toEqual(
      ['aftersales', 'complaints', 'crm', 'event-backbone', 'overview', 'surveys', 'training'].sort(),
    );
    expect(new Set(all.map((d) => d.json.uid)).size).toBe(all.length);
  });

  it('use PromQL that parses: every query, checked by promtool as a recording rule', () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(50);
    const dir = mkdtempSync(join(tmpdir(), 'cx-dash-'));
    try {
      const rules = queries.map((q, i) => ({ record: `cx_dashboard_query_${i}`, expr: q.expr }));
      const file = writeRuleFile(join(dir, 'dashboards.rules.yaml'), [{ name: 'dashboards', rules }]);
      const r = promtool(['check', 'rules', file]);
      expect(r.output).toContain(`SUCCESS: ${queries.length} rules found`);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
