import {
  ChecklistSection,
  checklistProblems,
  ItemResult,
  mayAudit,
  passRate,
  scoreAudit,
} from './audit.rules';

const t = (zh: string) => ({ 'zh-CN': zh });
const SECTIONS: ChecklistSection[] = [
  {
    touchpoint: 'greeting',
    passingScorePct: 60,
    items: [
      { key: 'g1', text: t('30秒内问候'), weight: 3, critical: false },
      { key: 'g2', text: t('微笑'), weight: 2, critical: false },
    ],
  },
  {
    touchpoint: 'checkout',
    passingScorePct: 50,
    items: [
      { key: 'c1', text: t('唱收唱付'), weight: 4, critical: true },
      { key: 'c2', text: t('提供发票'), weight: 1, critical: false },
    ],
  },
];
const results = (failed: string[]): ItemResult[] =>
  ['g1', 'g2', 'c1', 'c2'].map((key) => ({ key, passed: !failed.includes(key) }));
const score = (failed: string[], threshold = 80) => {
  const r = scoreAudit(SECTIONS, results(failed), threshold);
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r.score;
};

describe('scoreAudit', () => {
  it('passes with every item met: 100 %', () => {
    expect(score([])).toMatchObject({ scorePct: 100, passed: true, failedBecause: [], failedItems: [] });
  });

  it('fails below the threshold, passes at it exactly', () => {
    // c2 failed: 9 of 10 = 90 %
    expect(score(['c2'], 90)).toMatchObject({ scorePct: 90, passed: true });
    expect(score(['c2'], 90.01)).toMatchObject({ passed: false, failedBecause: ['score'] });
  });

  it('fails on a failed section even when the total is enough', () => {
    // g1 failed: greeting 2 of 5 = 40 % < 60 %; total 7 of 10 = 70 %
    const s = score(['g1'], 70);
    expect(s.sections[0]).toEqual({ touchpoint: 'greeting', score: 2, maxScore: 5, pct: 40, passed: false });
    expect(s).toMatchObject({ scorePct: 70, passed: false, failedBecause: ['section:greeting'] });
  });

  it('passes a section exactly at its passing score', () => {
    // g2 failed: greeting 3 of 5 = 60 %
    expect(score(['g2'], 0).sections[0]).toMatchObject({ pct: 60, passed: true });
  });

  it('fails on a critical item whatever the score', () => {
    // c1 failed: checkout 1 of 5 = 20 %, section fails too; total 60 %
    const s = score(['c1'], 0);
    expect(s.passed).toBe(false);
    expect(s.failedBecause).toEqual(['section:checkout', 'critical:c1']);
    expect(s.failedItems).toEqual([{ key: 'c1', touchpoint: 'checkout', critical: true }]);
  });

  it('needs every item scored once, and only checklist items', () => {
    const r = scoreAudit(SECTIONS, [...results([]).slice(1), { key: 'x', passed: true }], 80);
    expect('problems' in r && r.problems.map((p) => p.field)).toEqual(['items[3].key', 'items']);
    const twice = scoreAudit(SECTIONS, [...results([]), { key: 'g1', passed: false }], 80);
    expect('problems' in twice && twice.problems.map((p) => p.messages[0])).toEqual([
      'an item is scored twice',
    ]);
  });
});

describe('checklists, auditors and pass rates', () => {
  it('refuses empty sections and duplicate item keys', () => {
    expect(checklistProblems(SECTIONS)).toEqual([]);
    expect(checklistProblems([]).map((p) => p.field)).toEqual(['sections']);
    const dup: ChecklistSection[] = [SECTIONS[0], { ...SECTIONS[1], items: [SECTIONS[0].items[0]] }];
    expect(checklistProblems(dup).map((p) => p.field)).toEqual(['sections[1].items[0].key']);
    expect(checklistProblems([{ ...SECTIONS[0], items: [] }]).map((p) => p.field)).toEqual([
      'sections[0].items',
    ]);
  });

  it('never lets an auditor audit their own store', () => {
    expect(mayAudit({ homeStoreId: 'SH-001' }, 'SH-001')).toBe(false);
    expect(mayAudit({ homeStoreId: 'SH-001' }, 'SH-002')).toBe(true);
    expect(mayAudit({ homeStoreId: null }, 'SH-002')).toBe(true);
  });

  it('compares the pass rate with 95 %', () => {
    expect(passRate(20, 19)).toEqual({ audits: 20, passed: 19, rate: 0.95, meetsTarget: true });
    expect(passRate(20, 18)).toEqual({ audits: 20, passed: 18, rate: 0.9, meetsTarget: false });
    expect(passRate(0, 0)).toEqual({ audits: 0, passed: 0, rate: null, meetsTarget: null });
  });
});
