import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { fakeJpeg, multipartBody, ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { surveysService } from '../src/service';
import { touchpointBody } from './support';

const ADMIN = '/api/v1/admin/audits';

describe('mystery-shopper audits (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let checklistId: string;
  let greeting: string;
  let checkout: string;

  beforeAll(async () => {
    h = await startService(surveysService, { clock: new ManualClock('2026-04-20T02:00:00Z') });
    greeting = touchpointBody().code;
    checkout = touchpointBody().code;
    for (const code of [greeting, checkout])
      expect(
        (await h.request('POST', '/api/v1/touchpoints', { as: 'lead', body: touchpointBody({ code }) }))
          .statusCode,
      ).toBe(201);
    const t = (zh: string) => ({ 'zh-CN': zh });
    const res = await h.request('POST', `${ADMIN}/checklists`, {
      as: 'lead',
      body: {
        code: `visit-${randomUUID().slice(0, 6)}`,
        title: t('门店暗访'),
        passThresholdPct: 80,
        sections: [
          {
            touchpoint: greeting,
            passingScorePct: 60,
            items: [
              { key: 'g1', text: t('30秒内问候'), weight: 3, critical: false },
              { key: 'g2', text: t('微笑'), weight: 2, critical: false },
            ],
          },
          {
            touchpoint: checkout,
            passingScorePct: 50,
            items: [
              { key: 'c1', text: t('唱收唱付'), weight: 4, critical: true },
              { key: 'c2', text: t('提供发票'), weight: 1, critical: false },
            ],
          },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    checklistId = res.json().id;
    await h.request('PUT', `${ADMIN}/auditors/A7001`, { as: 'lead', body: { homeStoreId: 'SH-002' } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const plan = (storeId: string, auditorId = 'A7001', quarter = '2026-Q2') =>
    h.request('POST', ADMIN, { as: 'lead', body: { checklistId, storeId, quarter, auditorId } });
  const action = (kind: string) => ({
    kind,
    description: '当班店长提醒收银员唱收唱付',
    ownerId: 'E10023',
    dueAt: '2026-04-25T18:00:00+08:00',
  });

  it('never assigns an auditor to their own store, and plans one audit per store and quarter', async () => {
    const own = await plan('SH-002');
    expect([own.statusCode, own.json().code]).toEqual([422, 'AUDITOR_OWN_STORE']);
    expect((await plan('SH-101')).statusCode).toBe(201);
    const again = await plan('SH-101');
    expect([again.statusCode, again.json().code]).toEqual([409, 'AUDIT_EXISTS']);
    const badQuarter = await plan('SH-101', 'A7001', '2026-Q5');
    expect(badQuarter.json().errors.map((e: { field: string }) => e.field)).toEqual(['quarter']);
  });

  it('scores submitted items: a failed critical item fails the audit, with actions and the completion event', async () => {
    const audit = (await plan('SH-102')).json();
    const url = `/api/v1/audits/${audit.id}/results`;
    const items: Record<string, unknown>[] = [
      { key: 'g1', passed: true },
      { key: 'g2', passed: true },
      { key: 'c1', passed: false, note: '未唱收唱付' },
      { key: 'c2', passed: true },
    ];
    const noAction = await h.request('POST', url, {
      as: 'auditor',
      sub: 'A7001',
      body: { items, staffOnDuty: ['E10023'] },
    });
    expect(noAction.json().errors).toEqual([
      { field: 'items[2].actions', messages: ['a failed item needs at least one corrective action'] },
    ]);
    const missing = await h.request('POST', url, {
      as: 'auditor',
      sub: 'A7001',
      body: { items: items.slice(0, 3), staffOnDuty: [] },
    });
    expect(missing.json().errors.map((e: { messages: string[] }) => e.messages[0])).toEqual([
      'not scored: c2',
    ]);
    const other = await h.request('POST', url, {
      as: 'auditor',
      sub: 'A9999',
      body: { items, staffOnDuty: [] },
    });
    expect([other.statusCode, other.json().code]).toEqual([403, 'AUDIT_NOT_YOURS']);

    items[2] = { ...items[2], actions: [action('immediate'), action('prevention')] };
    const noEvidence = await h.request('POST', url, {
      as: 'auditor',
      sub: 'A7001',
      body: { items, staffOnDuty: ['E10023'] },
    });
    expect(noEvidence.json().errors.map((e: { field: string }) => e.field)).toEqual(['items[2].evidence']);
    const upload = (item: string) => {
      const form = multipartBody([
        { name: 'item', value: item },
        {
          name: 'file',
          value: { content: fakeJpeg(2_000), contentType: 'image/jpeg', filename: 'till.jpg' },
        },
      ]);
      return h.request('POST', `/api/v1/audits/${audit.id}/evidence`, {
        as: 'auditor',
        sub: 'A7001',
        body: form.body,
        headers: form.headers,
      });
    };
    const wrongItem = await upload('zz');
    expect(wrongItem.json().errors.map((e: { field: string }) => e.field)).toEqual(['item']);
    const photo = await upload('c1');
    expect(photo.statusCode).toBe(201);
    expect(photo.json()).toMatchObject({ itemKey: 'c1', contentType: 'image/jpeg' });
    const [stored] = await h.sql(`SELECT owner FROM stored_file WHERE id = $1`, [photo.json().fileId]);
    expect(stored).toEqual({ owner: `audit:${audit.id}` });
    const res = await h.request('POST', url, {
      as: 'auditor',
      sub: 'A7001',
      body: { items, staffOnDuty: ['E10023'] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'completed', scorePct: 60, passed: false });
    expect(res.json().evidence.map((e: { itemKey: string }) => e.itemKey)).toEqual(['c1']);
    expect(res.json().actions.map((a: { kind: string; status: string }) => [a.kind, a.status])).toEqual([
      ['immediate', 'open'],
      ['prevention', 'open'],
    ]);
    const twice = await h.request('POST', url, {
      as: 'auditor',
      sub: 'A7001',
      body: { items, staffOnDuty: [] },
    });
    expect(twice.json().code).toBe('AUDIT_COMPLETED');

    const [event] = (await h.outbox(Subjects.surveys.auditCompleted)).filter(
      (e) => e.data.auditId === audit.id,
    );
    expect(event.data).toEqual({
      auditId: audit.id,
      storeId: 'SH-102',
      auditorId: 'A7001',
      employeeIds: ['E10023'],
      touchpoints: [
        { touchpoint: greeting, score: 5, maxScore: 5, passed: true },
        { touchpoint: checkout, score: 1, maxScore: 5, passed: false },
      ],
      scorePct: 60,
      passed: false,
      failedItems: [{ itemId: 'c1', touchpoint: checkout, note: '未唱收唱付' }],
      completedAt: '2026-04-20T02:00:00.000Z',
    });
  });

  it('tracks corrective actions to closure, lists overdue ones, and gives pass rates against 95 %', async () => {
    const passing = (await plan('SH-103')).json();
    const all = ['g1', 'g2', 'c1', 'c2'].map((key) => ({ key, passed: true }));
    const ok = await h.request('POST', `/api/v1/audits/${passing.id}/results`, {
      as: 'auditor',
      sub: 'A7001',
      body: { items: all, staffOnDuty: [] },
    });
    expect(ok.json()).toMatchObject({ scorePct: 100, passed: true });

    h.clock.set('2026-04-26T00:00:00Z');
    const overdue = await h.request('GET', `${ADMIN}/corrective-actions?overdue=true`, { as: 'lead' });
    expect(overdue.json().length).toBeGreaterThanOrEqual(2);
    const first = overdue.json()[0];
    const closed = await h.request('POST', `/api/v1/corrective-actions/${first.id}/close`, { as: 'agent' });
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: '2026-04-26T00:00:00.000Z' });
    const left = await h.request('GET', `${ADMIN}/corrective-actions?overdue=true`, { as: 'lead' });
    expect(left.json().map((a: { id: string }) => a.id)).not.toContain(first.id);

    const rates = await h.request('GET', `${ADMIN}/pass-rates?from=2026-04-01&timeZone=Asia/Shanghai`, {
      as: 'lead',
    });
    expect(rates.json()).toEqual([
      { storeId: 'SH-102', audits: 1, passed: 0, rate: 0, meetsTarget: false },
      { storeId: 'SH-103', audits: 1, passed: 1, rate: 1, meetsTarget: true },
    ]);
  });

  it('reads an evidence file back with its stored type to its uploader, the lead and admin, audited; 404 to other auditors', async () => {
    const audit = (await plan('SH-105')).json();
    const pdf = Buffer.from('%PDF-1.4 till receipt of the visit');
    const form = multipartBody([
      { name: 'item', value: 'c1' },
      { name: 'file', value: { content: pdf, contentType: 'application/pdf', filename: 'receipt.pdf' } },
    ]);
    const up = await h.request('POST', `/api/v1/audits/${audit.id}/evidence`, {
      as: 'auditor',
      sub: 'A7001',
      body: form.body,
      headers: form.headers,
    });
    expect(up.statusCode).toBe(201);
    const url = `/api/v1/audits/${audit.id}/evidence/${up.json().id}`;

    for (const who of [{ as: 'auditor', sub: 'A7001' }, { as: 'lead' }, { as: 'admin' }] as const) {
      const file = await h.request('GET', url, who);
      expect([who.as, file.statusCode, file.headers['content-type']]).toEqual([
        who.as,
        200,
        'application/pdf',
      ]);
      expect(file.headers['cache-control']).toBe('private, no-store');
      expect(file.rawPayload.equals(pdf)).toBe(true);
    }
    expect(
      await h.sql(`SELECT actor_id, action, purpose FROM audit_log WHERE subject_id = $1 ORDER BY at, id`, [
        up.json().id,
      ]),
    ).toEqual(
      ['A7001', 'u-lead', 'u-admin'].map((actor_id) => ({
        actor_id,
        action: 'read',
        purpose: `audit ${audit.id}`,
      })),
    );

    // Another auditor learns nothing: the same 404 as an id that does not exist, and no read logged.
    const other = await h.request('GET', url, { as: 'auditor', sub: 'A8' });
    expect([other.statusCode, other.json().code]).toEqual([404, 'EVIDENCE_NOT_FOUND']);
    const unknown = await h.request('GET', `/api/v1/audits/${audit.id}/evidence/${randomUUID()}`, {
      as: 'lead',
    });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'EVIDENCE_NOT_FOUND']);
    const elsewhere = (await plan('SH-106')).json();
    const wrongAudit = await h.request('GET', `/api/v1/audits/${elsewhere.id}/evidence/${up.json().id}`, {
      as: 'lead',
    });
    expect(wrongAudit.statusCode).toBe(404);
    expect((await h.request('GET', url, { as: 'agent' })).statusCode).toBe(403);
    expect((await h.request('GET', url)).statusCode).toBe(401);
    expect(await h.sql(`SELECT 1 FROM audit_log WHERE subject_id = $1`, [up.json().id])).toHaveLength(3);
  });

  it('shows an auditor only the audits assigned to them; refuses a checklist on unknown touchpoints', async () => {
    const audit = (await plan('SH-104')).json();
    expect(
      (await h.request('GET', `/api/v1/audits/${audit.id}`, { as: 'auditor', sub: 'A7001' })).statusCode,
    ).toBe(200);
    expect(
      (await h.request('GET', `/api/v1/audits/${audit.id}`, { as: 'auditor', sub: 'A8' })).statusCode,
    ).toBe(403);
    expect((await h.request('GET', `/api/v1/audits/${audit.id}`, { as: 'lead' })).statusCode).toBe(200);
    const bad = await h.request('POST', `${ADMIN}/checklists`, {
      as: 'lead',
      body: {
        code: 'x-list',
        title: { 'zh-CN': 'x' },
        passThresholdPct: 80,
        sections: [
          {
            touchpoint: 'nowhere',
            passingScorePct: 1,
            items: [{ key: 'a', text: { 'zh-CN': 'a' }, weight: 1, critical: false }],
          },
        ],
      },
    });
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'TOUCHPOINT_UNKNOWN']);
  });
});
