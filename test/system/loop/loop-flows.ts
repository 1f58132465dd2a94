// The closed loop's flows (docs/architecture "The closed loop", issue 16), driven through the public
// HTTP APIs of a ProcessPlatform: what the system tests check and the loop bench times. Each flow makes
// its own customer, employee or store, so flows never see each other (surveys invites a customer once
// per window) and the same flow can run twice at once.
import { fakeJpeg, multipartBody, ProcessPlatform, validPurchaseLine, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';

const LEAD_SURVEYS = { as: 'lead' as const };
const t = (zh: string, en = zh) => ({ 'zh-CN': zh, en });

/** What the lead of each service set up once for the loop (questionnaire, triggers, courses, checklist). */
export interface LoopSetup {
  questionnaireId: string;
  touchpoint: string;
  checklistId: string;
  auditTouchpoint: string;
  remedialCourseId: string;
  auditorId: string;
}

/** A short unique tag for names and codes of one flow. */
export const tag = () => randomUUID().replace(/-/g, '').slice(0, 10);

/** A phone number no other flow used (crm keeps one profile per phone). */
const phone = () =>
  `+86 13${String(Math.floor(Math.random() * 10))} ${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')} ${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;

/** The leads' one-time setup: surveys for resolved complaints and completed repairs, remedial rules. */
export async function setUpLoop(p: ProcessPlatform): Promise<LoopSetup> {
  const touchpoint = `tp-${tag()}`;
  await p.ok('surveys', 'POST', '/api/v1/touchpoints', {
    ...LEAD_SURVEYS,
    body: {
      code: touchpoint,
      name: t('投诉处理', 'Complaint handling'),
      department: 'customer-service',
      standards: [t('24小时内回复', 'Answered within 24 hours')],
    },
  });
  const q = await p.ok('surveys', 'POST', '/api/v1/questionnaires', {
    ...LEAD_SURVEYS,
    body: {
      code: `q-${tag()}`,
      title: t('回访满意度', 'Follow-up satisfaction'),
      questions: [
        { key: 'overall', type: 'csat', required: true, text: t('您对本次处理满意吗？'), touchpoint },
        {
          key: 'why',
          type: 'text',
          required: true,
          text: t('哪里让您不满意？'),
          showIf: { question: 'overall', atMost: 3 },
        },
      ],
    },
  });
  for (const trigger of ['complaint-resolved', 'repair-completed'])
    await p.ok('surveys', 'PUT', `/api/v1/admin/policies/triggers/${trigger}`, {
      ...LEAD_SURVEYS,
      body: { questionnaireId: q.id, delayMinutes: 0, priority: 5, channel: 'email', enabled: true },
    });

  // Mystery-shopper audits: a checklist whose fitting-room section fails on its one item.
  const auditTouchpoint = `fitting-${tag()}`;
  await p.ok('surveys', 'POST', '/api/v1/touchpoints', {
    ...LEAD_SURVEYS,
    body: {
      code: auditTouchpoint,
      name: t('试衣间服务', 'Fitting-room service'),
      department: 'store-operations',
      standards: [t('主动引导试衣', 'Offers the fitting room')],
    },
  });
  const checklist = await p.ok('surveys', 'POST', '/api/v1/admin/audits/checklists', {
    ...LEAD_SURVEYS,
    body: {
      code: `visit-${tag()}`,
      title: t('门店暗访'),
      passThresholdPct: 80,
      sections: [
        {
          touchpoint: auditTouchpoint,
          passingScorePct: 60,
          items: [{ key: 'fr1', text: t('主动引导试衣'), weight: 1, critical: false }],
        },
      ],
    },
  });
  const auditorId = `A${tag()}`;
  await p.ok('surveys', 'PUT', `/api/v1/admin/audits/auditors/${auditorId}`, {
    ...LEAD_SURVEYS,
    body: { homeStoreId: 'HQ-000' },
  });

  const course = await p.ok('training', 'POST', '/api/v1/admin/courses', {
    as: 'lead',
    body: {
      code: `fitting-room-${tag()}`,
      title: 'Fitting-room service',
      topic: 'service-etiquette',
      format: 'role-play',
      durationMinutes: 60,
      points: 1,
    },
  });
  await p.ok('training', 'PUT', '/api/v1/admin/policies/remedial', {
    as: 'lead',
    body: {
      rules: [{ kind: 'audit-touchpoint', code: auditTouchpoint, courseId: course.id }],
      breachThreshold: 50,
      satisfactionThresholdPct: 10,
      satisfactionMinResponses: 50,
      dueDays: 30,
    },
  });
  // Prices for a repair outside a quality fault are not needed: the loop's repair is a warranty one.
  await p.ok('aftersales', 'PUT', '/api/v1/admin/policies/repair-prices/battery-replacement', {
    as: 'lead',
    body: { name: 'Battery replacement', labourMinor: 6_000, currency: 'CNY', active: true },
  });
  await p.ok('aftersales', 'PUT', '/api/v1/admin/policies/parts/battery-x200', {
    as: 'lead',
    body: { name: 'Battery X200', priceMinor: 12_000, currency: 'CNY', active: true },
  });
  return {
    questionnaireId: q.id,
    touchpoint,
    checklistId: checklist.id,
    auditTouchpoint,
    remedialCourseId: course.id,
    auditorId,
  };
}

/** A new crm customer who consented to surveys by email; answers the id. */
export async function newCustomer(p: ProcessPlatform, storeId = 'SH-001'): Promise<string> {
  const n = tag();
  const c = await p.ok('crm', 'POST', '/api/v1/customers', {
    as: 'system',
    body: {
      name: 'Wang Fang',
      phone: phone(),
      email: `wang.${n}@example.cn`,
      registrationChannel: 'membership',
      registrationStoreId: storeId,
      consents: [{ purpose: 'surveys', channel: 'email', granted: true, source: 'store-form' }],
    },
  });
  return c.id as string;
}

/** POST /api/v1/purchases in crm; answers the order id. */
export async function recordPurchase(
  p: ProcessPlatform,
  customerId: string,
  over: { amountMinor?: number; lines?: Record<string, unknown>[]; storeId?: string } = {},
): Promise<string> {
  const orderId = `SO-${tag()}`;
  const amount = over.amountMinor ?? 129_900;
  await p.ok('crm', 'POST', '/api/v1/purchases', {
    as: 'system',
    body: {
      source: 'pos',
      orderId,
      channel: 'store',
      storeId: over.storeId ?? 'SH-001',
      customerId,
      paidAmountMinor: amount,
      currency: 'CNY',
      purchasedAt: new Date(Date.now() - 3_600_000).toISOString(),
      deliveredAt: new Date(Date.now() - 3_600_000).toISOString(),
      lines: over.lines ?? [validPurchaseLine({ unitPriceMinor: amount, warrantyClass: 'general' })],
    },
  });
  return orderId;
}

/** The warranties aftersales registered for an order (GET /api/v1/warranties?orderId=). */
export async function warrantiesOf(p: ProcessPlatform, orderId: string): Promise<any[]> {
  return (await p.ok('aftersales', 'GET', `/api/v1/warranties?orderId=${orderId}`, { as: 'agent' })).items;
}

export async function pointsOf(p: ProcessPlatform, customerId: string) {
  return p.ok<{ available: number; pending: number }>(
    'crm',
    'GET',
    `/api/v1/customers/${customerId}/points`,
    {
      as: 'agent',
    },
  );
}

export async function tierOf(p: ProcessPlatform, customerId: string): Promise<string> {
  return (await p.ok('crm', 'GET', `/api/v1/customers/${customerId}/tier`, { as: 'agent' })).tier;
}

/** Files a complaint as agent `ownerId` (the owner: first-contact ownership); answers its view. */
export async function fileComplaint(
  p: ProcessPlatform,
  customerId: string,
  ownerId: string,
  over: Record<string, unknown> = {},
): Promise<any> {
  return p.ok('complaints', 'POST', '/api/v1/complaints', {
    as: 'agent',
    sub: ownerId,
    body: {
      channel: 'hotline',
      category: 'product-quality',
      urgency: 'medium',
      importance: 'medium',
      customerId,
      storeId: 'SH-001',
      productSku: 'JKT-DOWN-BLK-M',
      description: 'The zip of the down jacket broke on the second day.',
      ...over,
    },
  });
}

export async function complaint(p: ProcessPlatform, id: string): Promise<any> {
  return p.ok('complaints', 'GET', `/api/v1/complaints/${id}`, { as: 'agent' });
}

export async function resolveComplaint(p: ProcessPlatform, id: string, ownerId: string): Promise<any> {
  return p.ok('complaints', 'POST', `/api/v1/complaints/${id}/status`, {
    as: 'agent',
    sub: ownerId,
    body: { status: 'resolved', summary: 'Zip replaced free of charge.' },
  });
}

/** Every invitation surveys holds about `subjectId` (the admin list, all pages). */
export async function invitationsAbout(p: ProcessPlatform, subjectId: string): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | undefined;
  do {
    const page = await p.ok(
      'surveys',
      'GET',
      `/api/v1/admin/invitations?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      LEAD_SURVEYS,
    );
    out.push(...page.items.filter((i: { subjectId: string | null }) => i.subjectId === subjectId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** Waits until surveys invited someone about `subjectId`; answers the invitation. */
export async function invitationAbout(
  p: ProcessPlatform,
  subjectId: string,
  timeoutMs = 30_000,
): Promise<any> {
  const [inv] = await waitFor(
    async () => {
      const list = await invitationsAbout(p, subjectId);
      return list.length ? list : undefined;
    },
    timeoutMs,
    `an invitation about ${subjectId}`,
  );
  return inv;
}

/** Answers an invitation through its public link: csat 5 (satisfied) or 1 with a reason. */
export async function answer(p: ProcessPlatform, inv: { link: string }, satisfied: boolean): Promise<any> {
  const path = new URL(inv.link, 'http://x').pathname;
  return p.ok('surveys', 'POST', `${path}/answers`, {
    body: { answers: satisfied ? { overall: 5 } : { overall: 1, why: 'Nobody called me back.' } },
  });
}

/** HR sends an employee to training. */
export async function hire(p: ProcessPlatform, employeeId: string, storeId = 'SH-001'): Promise<void> {
  await p.ok('training', 'POST', '/api/v1/employees', {
    as: 'system',
    body: {
      employeeId,
      name: 'Staff',
      storeId,
      department: 'sales',
      role: 'sales-associate',
      hireDate: '2026-01-05',
    },
  });
}

/** The auditor's photo of the failed item (a failed item needs evidence). */
export async function uploadPhoto(p: ProcessPlatform, setup: LoopSetup, auditId: string): Promise<void> {
  const form = multipartBody([
    { name: 'item', value: 'fr1' },
    { name: 'file', value: { content: fakeJpeg(2_000), contentType: 'image/jpeg', filename: 'room.jpg' } },
  ]);
  await p.ok('surveys', 'POST', `/api/v1/audits/${auditId}/evidence`, {
    as: 'auditor',
    sub: setup.auditorId,
    raw: form.body,
    headers: form.headers,
  });
}

/** Plans an audit of a fresh store, with its one item failed and photographed; answers the audit. */
export async function failAudit(
  p: ProcessPlatform,
  setup: LoopSetup,
  storeId: string,
  staffOnDuty: string[],
) {
  const now = new Date();
  const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  const audit = await p.ok('surveys', 'POST', '/api/v1/admin/audits', {
    ...LEAD_SURVEYS,
    body: { checklistId: setup.checklistId, storeId, quarter, auditorId: setup.auditorId },
  });
  const auditor = { as: 'auditor' as const, sub: setup.auditorId };
  await uploadPhoto(p, setup, audit.id);
  return p.ok('surveys', 'POST', `/api/v1/audits/${audit.id}/results`, {
    ...auditor,
    body: {
      items: [
        {
          key: 'fr1',
          passed: false,
          note: '未引导试衣',
          actions: [
            {
              kind: 'immediate',
              description: '店长当日复训试衣间服务',
              ownerId: staffOnDuty[0],
              dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
            },
          ],
        },
      ],
      staffOnDuty,
    },
  });
}

/** The remedial enrolments of an employee (training). */
export async function remedialEnrolments(p: ProcessPlatform, employeeId: string): Promise<any[]> {
  const list = await p.ok('training', 'GET', `/api/v1/employees/${employeeId}/enrollments`, { as: 'lead' });
  return (Array.isArray(list) ? list : list.items).filter((e: { reason: string }) => e.reason === 'remedial');
}

/** A phone bought with a serial number and the electronics warranty; answers the order and the serial. */
export async function buyPhone(p: ProcessPlatform, customerId: string) {
  const serialNumber = `SN${tag()}`;
  const orderId = await recordPurchase(p, customerId, {
    amountMinor: 399_900,
    lines: [
      validPurchaseLine({
        sku: 'PH-X200-128-BLU',
        category: 'phones',
        productName: 'Phone X200',
        unitPriceMinor: 399_900,
        serialNumber,
        warrantyClass: 'electronics',
      }),
    ],
  });
  return { orderId, serialNumber };
}

/** A warranty repair of the phone through its steps to completion; answers the repair. */
export async function repairPhone(p: ProcessPlatform, serialNumber: string): Promise<any> {
  const r = await p.ok('aftersales', 'POST', '/api/v1/repairs', {
    as: 'agent',
    body: {
      channel: 'hotline',
      storeId: 'SH-001',
      sku: 'PH-X200-128-BLU',
      serialNumber,
      problem: 'Does not charge',
    },
  });
  const step = (s: string, body: unknown, as: 'agent' | 'technician' = 'agent') =>
    p.ok('aftersales', 'POST', `/api/v1/repairs/${r.id}/${s}`, { as, body });
  const slot = new Date(
    Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000 + Math.floor(Math.random() * 2000) * 3_600_000,
  );
  await step('appointment', { technicianId: `T-${tag()}`, startsAt: slot.toISOString() });
  await step(
    'inspection',
    {
      findings: 'Battery swollen',
      qualityFault: true,
      serviceCode: 'battery-replacement',
      parts: [{ code: 'battery-x200', quantity: 1 }],
    },
    'technician',
  );
  await step('repair', {}, 'technician');
  await step('confirmation', { satisfied: true });
  return step('complete', { serviceRecord: 'Battery replaced' }, 'technician');
}

/** A return of an order's line 1 through refund and completion; answers the completed return. */
export async function returnOrder(p: ProcessPlatform, orderId: string): Promise<any> {
  const created = await p.ok('aftersales', 'POST', '/api/v1/returns', {
    as: 'agent',
    body: { kind: 'return', orderId, lineId: '1', reason: 'changed-mind', quality: false },
  });
  const step = (action: string, body: unknown = {}) =>
    p.ok('aftersales', 'POST', `/api/v1/returns/${created.id}/${action}`, { as: 'agent', body });
  await step('approve');
  await step('receive', { originalPackaging: true, tags: true, invoice: true, intact: true });
  await step('inspect', { finding: 'as new' });
  await step('refund');
  return step('complete');
}

/** Month of an instant in Asia/Shanghai (training's default store zone), as 2026-11. */
export function shanghaiMonth(at: Date | string): string {
  return new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** The employee's scorecard of `month` (recomputed first), from their store's list. */
export async function scorecardOf(
  p: ProcessPlatform,
  month: string,
  employeeId: string,
  storeId = 'SH-001',
): Promise<any> {
  await p.ok('training', 'POST', `/api/v1/admin/scorecards/${month}/recompute`, { as: 'lead' });
  const cards = await p.ok<{ subjectId: string }[]>(
    'training',
    'GET',
    `/api/v1/admin/scorecards/${month}/employees?storeId=${storeId}`,
    { as: 'lead' },
  );
  return cards.find((c) => c.subjectId === employeeId);
}
