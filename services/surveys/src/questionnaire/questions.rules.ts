import type { LocalizedText } from '../common/texts';

// Pure rules of a questionnaire version and of the answers to it: no I/O, every case in
// questions.rules.spec.ts. A problem names the field the way the HTTP answer does
// (`questions[2].options`, `answers.q3`).

export const QUESTION_TYPES = ['csat', 'nps', 'single', 'multiple', 'grid', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Score ranges: CSAT 1 (very dissatisfied) to 5; NPS 0 to 10; a grid row is rated 1 to 5. */
export const SCORE_RANGE: Record<'csat' | 'nps' | 'grid', [number, number]> = {
  csat: [1, 5],
  nps: [0, 10],
  grid: [1, 5],
};
export const FREE_TEXT_MAX = 2000;

export interface Choice {
  key: string;
  text: LocalizedText;
}

export interface Question {
  key: string;
  type: QuestionType;
  required: boolean;
  text: LocalizedText;
  /** The key touchpoint the question measures. */
  touchpoint?: string;
  /** single and multiple choice: the options. */
  options?: Choice[];
  /** grid: the rows, each rated 1 to 5. */
  rows?: Choice[];
  /** Branching: asked only when an earlier CSAT or NPS question was answered with at most this score. */
  showIf?: { question: string; atMost: number };
}

export type AnswerValue = number | string | string[] | Record<string, number>;
export type Answers = Record<string, unknown>;

export interface FieldProblem {
  field: string;
  messages: string[];
}

const isScoreType = (t: QuestionType): t is 'csat' | 'nps' => t === 'csat' || t === 'nps';

/** What is wrong with a version's questions; empty when it may be published. */
export function questionProblems(questions: Question[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (i: number, field: string, message: string) =>
    problems.push({ field: `questions[${i}]${field ? '.' + field : ''}`, messages: [message] });
  const seen = new Map<string, Question>();
  if (questions.length === 0) problems.push({ field: 'questions', messages: ['at least one question'] });
  questions.forEach((q, i) => {
    if (seen.has(q.key)) at(i, 'key', `key ${q.key} is used twice`);
    const choices = q.type === 'single' || q.type === 'multiple';
    if (choices && (q.options?.length ?? 0) < 2)
      at(i, 'options', `a ${q.type} choice question needs 2 options or more`);
    if (!choices && q.options !== undefined) at(i, 'options', `only choice questions have options`);
    if (q.type === 'grid' && (q.rows?.length ?? 0) < 1) at(i, 'rows', 'a grid needs at least one row');
    if (q.type !== 'grid' && q.rows !== undefined) at(i, 'rows', 'only grids have rows');
    for (const [name, list] of [
      ['options', q.options],
      ['rows', q.rows],
    ] as const) {
      const keys = (list ?? []).map((c) => c.key);
      if (new Set(keys).size !== keys.length) at(i, name, `${name} keys must be unique`);
    }
    if (q.showIf) {
      const target = seen.get(q.showIf.question);
      if (!target || !isScoreType(target.type))
        at(i, 'showIf.question', 'must name an earlier CSAT or NPS question');
      else {
        const [min, max] = SCORE_RANGE[target.type];
        if (q.showIf.atMost < min || q.showIf.atMost >= max)
          at(i, 'showIf.atMost', `must be from ${min} to ${max - 1} for a ${target.type} question`);
      }
    }
    seen.set(q.key, q);
  });
  const firstScore = questions.find((q) => isScoreType(q.type));
  if (!firstScore) problems.push({ field: 'questions', messages: ['at least one CSAT or NPS question'] });
  else if (!firstScore.required || firstScore.showIf)
    problems.push({
      field: `questions[${questions.indexOf(firstScore)}].required`,
      messages: ['the first CSAT or NPS question decides satisfaction: it must be required and always asked'],
    });
  return problems;
}

/** Whether `q` is asked, given the answers (branching on a valid score only). */
export function isAsked(q: Question, answers: Answers, questions: Question[]): boolean {
  if (!q.showIf) return true;
  const target = questions.find((x) => x.key === q.showIf!.question);
  const score = answers[q.showIf.question];
  return !!target && valueProblem(target, score) === null && (score as number) <= q.showIf.atMost;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function valueProblem(q: Question, v: unknown): string | null {
  switch (q.type) {
    case 'csat':
    case 'nps': {
      const [min, max] = SCORE_RANGE[q.type];
      return isInt(v) && v >= min && v <= max ? null : `must be a whole number from ${min} to ${max}`;
    }
    case 'single':
      return typeof v === 'string' && q.options!.some((o) => o.key === v)
        ? null
        : 'must be one of the options';
    case 'multiple':
      return Array.isArray(v) &&
        v.length > 0 &&
        new Set(v).size === v.length &&
        v.every((x) => typeof x === 'string' && q.options!.some((o) => o.key === x))
        ? null
        : 'must be a list of distinct options, at least one';
    case 'grid': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must rate every row';
      const rated = v as Record<string, unknown>;
      const rows = q.rows!.map((r) => r.key);
      const [min, max] = SCORE_RANGE.grid;
      if (Object.keys(rated).some((k) => !rows.includes(k))) return 'names a row the grid does not have';
      return rows.every((r) => isInt(rated[r]) && rated[r] >= min && rated[r] <= max)
        ? null
        : `must rate every row from ${min} to ${max}`;
    }
    case 'text':
      return typeof v === 'string' && /\S/.test(v) && v.length <= FREE_TEXT_MAX
        ? null
        : `must be text of 1 to ${FREE_TEXT_MAX} characters`;
  }
}

/**
 * What is wrong with `answers` to a version: a required question asked and not answered, a value out
 * of its range or not among the options, an answer to a question not asked (branching) or unknown.
 */
export function answerProblems(questions: Question[], answers: Answers): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keys = new Set(questions.map((q) => q.key));
  for (const k of Object.keys(answers))
    if (!keys.has(k)) problems.push({ field: `answers.${k}`, messages: ['no such question'] });
  for (const q of questions) {
    const v = answers[q.key];
    const asked = isAsked(q, answers, questions);
    if (v === undefined || v === null) {
      if (asked && q.required) problems.push({ field: `answers.${q.key}`, messages: ['is required'] });
      continue;
    }
    if (!asked) {
      problems.push({ field: `answers.${q.key}`, messages: ['is not asked after the answer given'] });
      continue;
    }
    const p = valueProblem(q, v);
    if (p) problems.push({ field: `answers.${q.key}`, messages: [p] });
  }
  return problems;
}

/** CSAT 4 and 5 count as satisfied (the 90 % target counts these); NPS 7 to 10 when NPS decides. */
export function isSatisfied(kind: 'csat' | 'nps', score: number): boolean {
  return kind === 'csat' ? score >= 4 : score >= 7;
}

export interface ResponseScores {
  csat?: number;
  nps?: number;
  satisfied: boolean;
  /** The first free-text answer, for the event's comment. */
  comment?: string;
}

/** The scores an answer carries: the first CSAT and NPS answers; the first score question decides satisfaction. */
export function scoresOf(questions: Question[], answers: Answers): ResponseScores {
  const first = (t: QuestionType) => {
    const q = questions.find((x) => x.type === t && typeof answers[x.key] === 'number');
    return q ? (answers[q.key] as number) : undefined;
  };
  const csat = first('csat');
  const nps = first('nps');
  const decider = questions.find((q) => isScoreType(q.type));
  const score = decider ? answers[decider.key] : undefined;
  const satisfied =
    decider && typeof score === 'number' ? isSatisfied(decider.type as 'csat' | 'nps', score) : false;
  const text = questions.find((q) => q.type === 'text' && typeof answers[q.key] === 'string');
  return {
    ...(csat !== undefined && { csat }),
    ...(nps !== undefined && { nps }),
    satisfied,
    ...(text && { comment: answers[text.key] as string }),
  };
}

/** Every touchpoint code a version refers to. */
export function touchpointsOf(questions: Question[]): string[] {
  return [...new Set(questions.flatMap((q) => (q.touchpoint ? [q.touchpoint] : [])))];
}

/** Free-text answers replaced (erasure): what remains are scores and choices. */
export function scrubFreeText(questions: Question[], answers: Answers): Answers {
  const out: Answers = { ...answers };
  for (const q of questions) if (q.type === 'text' && q.key in out) out[q.key] = '[erased]';
  return out;
}
