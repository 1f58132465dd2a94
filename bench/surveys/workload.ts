// What the surveys benches put in the database before they measure: a touchpoint, a questionnaire and
// its version, then invitations (the answer bench) or answers (the scores bench), written with
// set-based SQL so the set-up of a million rows takes seconds, not the bench's time.
import { randomUUID } from 'node:crypto';
import { sql } from '../crm/common';

export const QUESTIONS = [
  { key: 'overall', type: 'csat', required: true, text: { 'zh-CN': '总体满意度' }, touchpoint: 'checkout' },
  {
    key: 'why',
    type: 'text',
    required: true,
    text: { 'zh-CN': '原因' },
    showIf: { question: 'overall', atMost: 3 },
  },
  { key: 'recommend', type: 'nps', required: false, text: { 'zh-CN': '推荐意愿' } },
];

/** The surveys service's tables with one questionnaire; answers its id. */
export async function seedQuestionnaire(db: string): Promise<string> {
  const id = randomUUID();
  await sql(
    db,
    `INSERT INTO touchpoint (id, code, name, department, standards, created_at, created_by)
     VALUES ($1, 'checkout', '{"zh-CN":"收银"}', 'retail', '[]', now(), 'bench')`,
    [randomUUID()],
  );
  await sql(
    db,
    `INSERT INTO questionnaire (id, code, title, current_version, created_at, created_by)
     VALUES ($1, 'bench', '{"zh-CN":"满意度"}', 1, now(), 'bench')`,
    [id],
  );
  await sql(
    db,
    `INSERT INTO questionnaire_version (questionnaire_id, version, questions, created_at, created_by)
     VALUES ($1, 1, $2, now(), 'bench')`,
    [id, JSON.stringify(QUESTIONS)],
  );
  return id;
}

/** `count` sent invitations to the questionnaire, tokens `tokenOf(prefix, 0 .. count - 1)`. */
export async function seedInvitations(
  db: string,
  questionnaireId: string,
  prefix: string,
  count: number,
): Promise<void> {
  await sql(
    db,
    `INSERT INTO invitation (id, token, questionnaire_id, version, trigger, subject_type, subject_id, customer_id,
        store_id, employee_id, touchpoint, channel, language, priority, status, send_at, expires_at, created_at)
     SELECT gen_random_uuid(), rpad($1 || '-' || i, 43, 'x'), $3, 1, 'complaint-resolved', 'complaint',
        gen_random_uuid()::text, gen_random_uuid(), 'SH-' || (i % 50), 'E' || (i % 400), 'checkout', 'email',
        'zh-CN', 5, 'sent', now(), now() + interval '14 days', now()
       FROM generate_series(0, $2 - 1) i`,
    [prefix, count, questionnaireId],
  );
}

/** `n` tokens: `prefix-<i>` padded to the 43 characters of a real token. */
export const tokenOf = (prefix: string, i: number): string => `${prefix}-${i}`.padEnd(43, 'x');
