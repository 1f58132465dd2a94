import {
  answerProblems,
  isAsked,
  isSatisfied,
  Question,
  questionProblems,
  scoresOf,
  scrubFreeText,
  touchpointsOf,
} from './questions.rules';

const t = (zh: string) => ({ 'zh-CN': zh });
const QUESTIONS: Question[] = [
  { key: 'overall', type: 'csat', required: true, text: t('总体满意度'), touchpoint: 'after-sales' },
  {
    key: 'why',
    type: 'text',
    required: true,
    text: t('哪里不满意？'),
    showIf: { question: 'overall', atMost: 3 },
  },
  { key: 'recommend', type: 'nps', required: false, text: t('推荐意愿') },
  {
    key: 'channel',
    type: 'single',
    required: false,
    text: t('渠道'),
    options: [
      { key: 'store', text: t('门店') },
      { key: 'web', text: t('网站') },
    ],
  },
  {
    key: 'liked',
    type: 'multiple',
    required: false,
    text: t('喜欢'),
    options: [
      { key: 'staff', text: t('员工') },
      { key: 'speed', text: t('速度') },
    ],
  },
  {
    key: 'grid',
    type: 'grid',
    required: false,
    text: t('评分'),
    touchpoint: 'checkout',
    rows: [
      { key: 'wait', text: t('等待') },
      { key: 'polite', text: t('礼貌') },
    ],
  },
];
const fields = (ps: { field: string }[]) => ps.map((p) => p.field);

describe('questionProblems', () => {
  it('accepts a well-formed version', () => {
    expect(questionProblems(QUESTIONS)).toEqual([]);
  });

  it('refuses duplicate keys, choice questions without two options, grids without rows', () => {
    const qs: Question[] = [
      QUESTIONS[0],
      { key: 'overall', type: 'text', required: false, text: t('x') },
      { key: 'c', type: 'single', required: false, text: t('x'), options: [{ key: 'a', text: t('a') }] },
      { key: 'g', type: 'grid', required: false, text: t('x'), rows: [] },
      { key: 'n', type: 'nps', required: false, text: t('x'), options: [] },
    ];
    expect(fields(questionProblems(qs))).toEqual([
      'questions[1].key',
      'questions[2].options',
      'questions[3].rows',
      'questions[4].options',
    ]);
  });

  it('branches only on an earlier score question, with a threshold inside its range', () => {
    const base = QUESTIONS[0];
    const follow = (showIf: Question['showIf']): Question => ({
      key: 'f',
      type: 'text',
      required: true,
      text: t('x'),
      showIf,
    });
    expect(fields(questionProblems([base, follow({ question: 'later', atMost: 3 })]))).toEqual([
      'questions[1].showIf.question',
    ]);
    expect(fields(questionProblems([base, follow({ question: 'overall', atMost: 5 })]))).toEqual([
      'questions[1].showIf.atMost',
    ]);
    expect(fields(questionProblems([base, follow({ question: 'overall', atMost: 0 })]))).toEqual([
      'questions[1].showIf.atMost',
    ]);
    expect(questionProblems([base, follow({ question: 'overall', atMost: 1 })])).toEqual([]);
    expect(questionProblems([base, follow({ question: 'overall', atMost: 4 })])).toEqual([]);
  });

  it('needs a first score question that is required and always asked', () => {
    expect(fields(questionProblems([{ key: 'x', type: 'text', required: true, text: t('x') }]))).toEqual([
      'questions',
    ]);
    expect(fields(questionProblems([{ ...QUESTIONS[0], required: false }]))).toEqual([
      'questions[0].required',
    ]);
    expect(fields(questionProblems([]))).toEqual(['questions', 'questions']);
  });
});

describe('answerProblems', () => {
  const ok = { overall: 5, recommend: 10, channel: 'web', liked: ['staff'], grid: { wait: 1, polite: 5 } };

  it('accepts answers inside every range, optional ones left out', () => {
    expect(answerProblems(QUESTIONS, ok)).toEqual([]);
    expect(answerProblems(QUESTIONS, { overall: 4 })).toEqual([]);
  });

  it('names a missing required question and scores out of range, to the boundary', () => {
    expect(fields(answerProblems(QUESTIONS, {}))).toEqual(['answers.overall']);
    expect(fields(answerProblems(QUESTIONS, { overall: 0 }))).toEqual(['answers.overall']);
    expect(fields(answerProblems(QUESTIONS, { overall: 6 }))).toEqual(['answers.overall']);
    expect(fields(answerProblems(QUESTIONS, { overall: 4.5 }))).toEqual(['answers.overall']);
    expect(fields(answerProblems(QUESTIONS, { overall: '5' }))).toEqual(['answers.overall']);
    expect(fields(answerProblems(QUESTIONS, { overall: 5, recommend: 11 }))).toEqual(['answers.recommend']);
    expect(answerProblems(QUESTIONS, { overall: 5, recommend: 0 })).toEqual([]);
    expect(fields(answerProblems(QUESTIONS, { overall: 5, recommend: -1 }))).toEqual(['answers.recommend']);
  });

  it('asks the follow-up only after a low score, and then requires it', () => {
    expect(fields(answerProblems(QUESTIONS, { overall: 3 }))).toEqual(['answers.why']);
    expect(answerProblems(QUESTIONS, { overall: 3, why: '等太久' })).toEqual([]);
    expect(fields(answerProblems(QUESTIONS, { overall: 4, why: '多余' }))).toEqual(['answers.why']);
    expect(isAsked(QUESTIONS[1], { overall: 3 }, QUESTIONS)).toBe(true);
    expect(isAsked(QUESTIONS[1], { overall: 4 }, QUESTIONS)).toBe(false);
  });

  it('checks choices, grids, free text and unknown keys', () => {
    expect(fields(answerProblems(QUESTIONS, { ...ok, channel: 'phone' }))).toEqual(['answers.channel']);
    expect(fields(answerProblems(QUESTIONS, { ...ok, liked: [] }))).toEqual(['answers.liked']);
    expect(fields(answerProblems(QUESTIONS, { ...ok, liked: ['staff', 'staff'] }))).toEqual([
      'answers.liked',
    ]);
    expect(fields(answerProblems(QUESTIONS, { ...ok, grid: { wait: 3 } }))).toEqual(['answers.grid']);
    expect(fields(answerProblems(QUESTIONS, { ...ok, grid: { wait: 3, polite: 3, x: 1 } }))).toEqual([
      'answers.grid',
    ]);
    expect(fields(answerProblems(QUESTIONS, { ...ok, grid: { wait: 0, polite: 3 } }))).toEqual([
      'answers.grid',
    ]);
    expect(fields(answerProblems(QUESTIONS, { overall: 2, why: ' ' }))).toEqual(['answers.why']);
    expect(fields(answerProblems(QUESTIONS, { overall: 2, why: 'x'.repeat(2001) }))).toEqual(['answers.why']);
    expect(fields(answerProblems(QUESTIONS, { ...ok, extra: 1 }))).toEqual(['answers.extra']);
  });
});

describe('scores', () => {
  it('counts CSAT 4 and 5, NPS 7 and up, as satisfied', () => {
    expect([1, 2, 3, 4, 5].map((s) => isSatisfied('csat', s))).toEqual([false, false, false, true, true]);
    expect([6, 7].map((s) => isSatisfied('nps', s))).toEqual([false, true]);
  });

  it('takes the first CSAT and NPS answers and the first free text', () => {
    expect(scoresOf(QUESTIONS, { overall: 3, why: '慢', recommend: 6 })).toEqual({
      csat: 3,
      nps: 6,
      satisfied: false,
      comment: '慢',
    });
    expect(scoresOf(QUESTIONS, { overall: 4 })).toEqual({ csat: 4, satisfied: true });
  });

  it('lists the touchpoints and scrubs free text only', () => {
    expect(touchpointsOf(QUESTIONS)).toEqual(['after-sales', 'checkout']);
    expect(scrubFreeText(QUESTIONS, { overall: 2, why: '王女士 138...' })).toEqual({
      overall: 2,
      why: '[erased]',
    });
  });
});
