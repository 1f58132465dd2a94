import { ServiceHarness } from '@cx/testing';
import { randomUUID } from 'node:crypto';

/** A touchpoint body (a fresh code unless given). */
export const touchpointBody = (over: Record<string, unknown> = {}) => ({
  code: `tp-${randomUUID().slice(0, 8)}`,
  name: { 'zh-CN': '售后服务', en: 'After-sales service' },
  department: 'after-sales',
  standards: [{ 'zh-CN': '30秒内接待', en: 'Greeted within 30 seconds' }],
  ...over,
});

/** Version questions: overall CSAT (required), a follow-up after 3 or less, NPS, a choice, a comment. */
export const questions = (touchpoint?: string): Record<string, any>[] => [
  {
    key: 'overall',
    type: 'csat',
    required: true,
    text: { 'zh-CN': '您对本次服务满意吗？', en: 'How satisfied are you?' },
    ...(touchpoint && { touchpoint }),
  },
  {
    key: 'why',
    type: 'text',
    required: true,
    text: { 'zh-CN': '哪里让您不满意？', en: 'What went wrong?' },
    showIf: { question: 'overall', atMost: 3 },
  },
  { key: 'recommend', type: 'nps', required: false, text: { 'zh-CN': '您会推荐我们吗？' } },
  {
    key: 'channel',
    type: 'single',
    required: false,
    text: { 'zh-CN': '您通过什么渠道联系我们？' },
    options: [
      { key: 'store', text: { 'zh-CN': '门店' } },
      { key: 'hotline', text: { 'zh-CN': '热线' } },
    ],
  },
];

/** Registers a touchpoint and a questionnaire on it (as the quality lead); answers their ids and codes. */
export async function setUpQuestionnaire(
  h: ServiceHarness,
): Promise<{ touchpoint: string; questionnaireId: string; code: string }> {
  const tp = touchpointBody();
  const t = await h.request('POST', '/api/v1/touchpoints', { as: 'lead', body: tp });
  if (t.statusCode !== 201) throw new Error(`touchpoint: ${t.body}`);
  const code = `q-${randomUUID().slice(0, 8)}`;
  const q = await h.request('POST', '/api/v1/questionnaires', {
    as: 'lead',
    body: {
      code,
      title: { 'zh-CN': '售后满意度', en: 'After-sales satisfaction' },
      questions: questions(tp.code),
    },
  });
  if (q.statusCode !== 201) throw new Error(`questionnaire: ${q.body}`);
  return { touchpoint: tp.code, questionnaireId: q.json().id, code };
}

/** Offline CSAT answers by phone, one per score (4-5 is satisfied; 3 or less carries its follow-up). */
export async function answerOffline(
  h: ServiceHarness,
  at: { questionnaireId: string; storeId: string; employeeId?: string },
  ...scores: number[]
): Promise<void> {
  for (const overall of scores) {
    const res = await h.request('POST', '/api/v1/responses/offline', {
      as: 'agent',
      body: {
        ...at,
        mode: 'phone',
        answers: overall <= 3 ? { overall, why: '慢', recommend: overall * 2 } : { overall, recommend: 10 },
      },
    });
    if (res.statusCode !== 201) throw new Error(`offline answer: ${res.statusCode} ${res.body}`);
  }
}

/** Sets the lead's trigger for `trigger` to `questionnaireId`. */
export async function putTrigger(
  h: ServiceHarness,
  trigger: string,
  questionnaireId: string,
  over: Record<string, unknown> = {},
): Promise<void> {
  const res = await h.request('PUT', `/api/v1/admin/policies/triggers/${trigger}`, {
    as: 'lead',
    body: { questionnaireId, delayMinutes: 60, priority: 5, channel: 'email', enabled: true, ...over },
  });
  if (res.statusCode !== 200) throw new Error(`trigger: ${res.body}`);
}

export interface InvitationRow {
  id: string;
  token: string;
  status: string;
  customer_id: string | null;
  store_id: string | null;
  employee_id: string | null;
  subject_id: string | null;
  trigger: string;
  priority: number;
  send_at: Date;
  expires_at: Date;
  note: string | null;
  language: string;
}

export const invitationsOf = (h: ServiceHarness, customerId: string) =>
  h.sql<InvitationRow>(`SELECT * FROM invitation WHERE customer_id = $1 ORDER BY created_at, id`, [
    customerId,
  ]);
