// People told (issue 16 item 2, ADR 31): every event that names someone to tell reaches them through
// the platform's notifier, here at a real SMTP listener, with the contact asked from crm (customers)
// or training (staff) for that one send. All five services on one namespace; nothing of a contact is
// kept in any service's delivery log or notification requests.
import { sampleFor, Subjects } from '@cx/contracts';
import { EventPublisher, ManualClock, NotificationDispatcher, Transactions } from '@cx/platform';
import {
  mailText,
  ReceivedMail,
  ServiceHarness,
  SmtpListener,
  startServices,
  StartedGroup,
  validComplaint,
  validCustomer,
  waitFor,
} from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { aftersalesService } from '../../services/aftersales/src/service';
import { recordPurchase, testPurchase } from '../../services/aftersales/test/support';
import { CorrectiveActionService } from '../../services/complaints/src/improvement/corrective-action.service';
import { SlaSweeper } from '../../services/complaints/src/sla/sla.sweeper';
import { complaintsService } from '../../services/complaints/src/service';
import { crmService } from '../../services/crm/src/service';
import { surveysService } from '../../services/surveys/src/service';
import { CertificationJobs } from '../../services/training/src/certification/certification.jobs';
import { createCourse, hire } from '../../services/training/test/support';
import { trainingService } from '../../services/training/src/service';

const T0 = new Date('2026-11-02T01:00:00Z'); // a Monday, 09:00 in Shanghai
const H = 3_600_000;

describe('people told: notifications of every service at a real SMTP listener', () => {
  const smtp = new SmtpListener();
  let group: StartedGroup<
    [
      typeof crmService,
      typeof complaintsService,
      typeof aftersalesService,
      typeof surveysService,
      typeof trainingService,
    ]
  >;
  let crm: ServiceHarness;
  let complaints: ServiceHarness;
  let aftersales: ServiceHarness;
  let surveys: ServiceHarness;
  let training: ServiceHarness;
  const run = randomUUID().slice(0, 6);
  const ownerId = `E-OWN-${run}`;
  const leadId = `E-LEAD-${run}`;
  const ownerEmail = `owner.${run}@staff.example.cn`;
  const leadEmail = `lead.${run}@staff.example.cn`;

  beforeAll(async () => {
    await smtp.start();
    const notify = {
      ...smtp.env('CX 客户服务 <service@cx.example.cn>'),
      NOTIFY_RETRY_BASE_MS: '20',
      NOTIFY_DISPATCH_INTERVAL_MS: '100',
    };
    group = await startServices(
      [
        crmService,
        [
          complaintsService,
          {
            env: {
              ...notify,
              SLA_SWEEP_INTERVAL_MS: '3600000',
              INCIDENT_SWEEP_INTERVAL_MS: '3600000',
              ALERT_SWEEP_INTERVAL_MS: '3600000',
              CORRECTIVE_ACTION_SWEEP_INTERVAL_MS: '3600000',
            },
          },
        ],
        [aftersalesService, { env: notify }],
        [surveysService, { env: notify }],
        [trainingService, { env: notify }],
      ],
      { clock: new ManualClock(T0) },
    );
    [crm, complaints, aftersales, surveys, training] = group.services;
    await hire(training, ownerId, { name: '王芳', workEmail: ownerEmail });
    await hire(training, leadId, { name: '陈主管', role: 'store-manager', workEmail: leadEmail });
  }, 120_000);

  afterAll(async () => {
    await group?.stop();
    await smtp.stop();
  });

  async function customer(over: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
    const email = `c.${randomUUID().slice(0, 8)}@example.cn`;
    const res = await crm.request('POST', '/api/v1/customers', {
      as: 'system',
      body: validCustomer({ email, ...over }),
    });
    expect(res.statusCode).toBe(201);
    return { id: res.json<{ id: string }>().id, email };
  }

  /** The mails to `address` once there are `count` of them (the dispatcher runs on its timer). */
  async function mailsTo(address: string, count = 1): Promise<ReceivedMail[]> {
    const mine = () => smtp.mails.filter((m) => m.to.includes(address));
    await waitFor(() => Promise.resolve(mine().length >= count), 15_000, `${count} mail(s) to ${address}`);
    return mine();
  }

  /** No table a notification touched in `h` holds `secret` (an address). */
  async function keepsNo(h: ServiceHarness, secret: string): Promise<void> {
    const rows = await h.sql(
      `SELECT (SELECT coalesce(json_agg(d), '[]') FROM notification_delivery d)::text AS d,
              (SELECT coalesce(json_agg(r), '[]') FROM notification_request r)::text AS r`,
    );
    expect(JSON.stringify(rows)).not.toContain(secret);
  }

  it('tells the customer of a reply and of the resolution of their complaint, in their language', async () => {
    const mei = await customer();
    const emma = await customer({ preferredLanguage: 'en' });
    for (const c of [mei, emma]) {
      const res = await complaints.request('POST', '/api/v1/complaints', {
        as: 'agent',
        sub: ownerId,
        body: validComplaint({ customerId: c.id }),
      });
      expect(res.statusCode).toBe(201);
      const { id } = res.json<{ id: string }>();
      const reply = await complaints.request('POST', `/api/v1/complaints/${id}/comments`, {
        as: 'agent',
        sub: ownerId,
        body: { visibility: 'customer', body: '非常抱歉！我们会为您免费更换拉链。' },
      });
      expect(reply.statusCode).toBe(201);
      const internal = await complaints.request('POST', `/api/v1/complaints/${id}/comments`, {
        as: 'agent',
        sub: ownerId,
        body: { visibility: 'internal', body: 'batch 42 again' },
      });
      expect(internal.statusCode).toBe(201);
      const resolved = await complaints.request('POST', `/api/v1/complaints/${id}/status`, {
        as: 'agent',
        sub: ownerId,
        body: { status: 'resolved', summary: '拉链已更换，外套已寄回。' },
      });
      expect(resolved.statusCode).toBe(200);
    }
    const [toMei1, toMei2] = (await mailsTo(mei.email, 2)).map((m) => mailText(m.raw));
    expect(toMei1).toContain('我们的最新回复如下');
    expect(toMei1).toContain('非常抱歉！我们会为您免费更换拉链。');
    expect(toMei2).toContain('已处理完毕');
    expect(toMei2).toContain('拉链已更换，外套已寄回。');
    const toEmma = (await mailsTo(emma.email, 2)).map((m) => mailText(m.raw));
    expect(toEmma[0]).toContain('here is our latest reply');
    expect(toEmma[1]).toContain('has been resolved');
    // the registration receipt (system-worded) and the internal note are not mailed
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.filter((m) => m.to.includes(mei.email))).toHaveLength(2);
    expect(toMei1 + toMei2).not.toContain('batch 42');

    const log = await complaints.sql<{ template: string; status: string; about_type: string }>(
      `SELECT template, status, about_type FROM notification_delivery ORDER BY created_at, id`,
    );
    expect(log.filter((d) => d.template === 'complaint-reply')).toHaveLength(2);
    expect(log.filter((d) => d.template === 'complaint-resolved')).toHaveLength(2);
    expect(log.every((d) => d.status === 'sent' && d.about_type === 'complaint')).toBe(true);
    await keepsNo(complaints, mei.email);
    await keepsNo(complaints, emma.email);
  });

  it("tells each customer of an incident's open complaints its one message once, and no one whose complaint was done", async () => {
    const [a, b, done] = [await customer(), await customer({ preferredLanguage: 'en' }), await customer()];
    const ids: string[] = [];
    for (const c of [a, b, done]) {
      const res = await complaints.request('POST', '/api/v1/complaints', {
        as: 'agent',
        body: validComplaint({ customerId: c.id }),
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json<{ id: string }>().id);
    }
    const earlier = await complaints.request('POST', `/api/v1/complaints/${ids[2]}/status`, {
      as: 'agent',
      body: { status: 'resolved', summary: '已单独处理。' },
    });
    expect(earlier.statusCode).toBe(200);
    await mailsTo(done.email, 1);
    const incident = await complaints.request('POST', '/api/v1/incidents', {
      as: 'agent',
      body: { title: `Batch ${run}: zips break`, complaintIds: ids },
    });
    expect(incident.statusCode).toBe(201);
    const message = `批次 ${run} 的拉链问题已查明，所有受影响的外套均已免费更换。`;
    const resolved = await complaints.request(
      'POST',
      `/api/v1/incidents/${incident.json<{ id: string }>().id}/resolve`,
      { as: 'lead', body: { summary: 'Batch withdrawn', customerMessage: message } },
    );
    expect(resolved.statusCode).toBe(200);
    expect(mailText((await mailsTo(a.email, 1))[0].raw)).toContain(message);
    const toB = mailText((await mailsTo(b.email, 1))[0].raw);
    expect(toB).toContain('has been resolved');
    expect(toB).toContain(message);
    // a dispatch round later: still one each, and nothing more to the customer whose complaint was done
    await new Promise((r) => setTimeout(r, 400));
    for (const c of [a, b, done]) expect(smtp.mails.filter((m) => m.to.includes(c.email))).toHaveLength(1);
  });

  it('refuses a group naming an employee number training does not know (in complaints and in training itself) or a leaver', async () => {
    for (const h of [complaints, training]) {
      const res = await h.request('PUT', '/api/v1/admin/notifications/recipients/management', {
        as: 'lead',
        body: { recipients: [{ employeeId: leadId }, { employeeId: `E-TYPO-${run}`, storeId: 'SH-001' }] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ errors: unknown[] }>().errors).toEqual([
        { field: 'recipients.1.employeeId', messages: ['unknown to training'] },
      ]);
    }
    const groups = await complaints.request('GET', '/api/v1/admin/notifications/recipients', { as: 'lead' });
    expect(JSON.stringify(groups.json())).not.toContain(`E-TYPO-${run}`);
    // a leaver is refused too, naming the field
    const leaverId = `E-LEFT-${run}`;
    await hire(training, leaverId, { hireDate: '2026-01-05' });
    const left = await training.request('POST', `/api/v1/employees/${leaverId}/leave`, {
      as: 'system',
      body: { leftAt: new Date(group.clock.now().getTime() - H).toISOString() },
    });
    expect(left.statusCode).toBe(200);
    const res = await complaints.request('PUT', '/api/v1/admin/notifications/recipients/management', {
      as: 'lead',
      body: { recipients: [{ employeeId: leaverId }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: unknown[] }>().errors).toEqual([
      { field: 'recipients.0.employeeId', messages: ['has left'] },
    ]);
  });

  it('reminds the owner of a deadline and alerts the escalation level named by the chain', async () => {
    const put = await complaints.request('PUT', '/api/v1/admin/notifications/recipients/owner-lead', {
      as: 'lead',
      body: { recipients: [{ employeeId: leadId, storeId: 'SH-001' }] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      group: 'owner-lead',
      recipients: [{ employeeId: leadId, storeId: 'SH-001' }],
    });

    const created = group.clock.now();
    const res = await complaints.request('POST', '/api/v1/complaints', {
      as: 'agent',
      sub: ownerId,
      body: validComplaint({ storeId: 'SH-001' }),
    });
    expect(res.statusCode).toBe(201);
    const { reference } = res.json<{ reference: string }>();
    const sweeper = complaints.get(SlaSweeper);
    const ownerBefore = smtp.mails.filter((m) => m.to.includes(ownerEmail)).length;
    group.clock.set(new Date(created.getTime() + 22 * H));
    expect(await sweeper.sweepOnce()).toMatchObject({ warned: 1 });
    const reminder = mailText((await mailsTo(ownerEmail, ownerBefore + 1))[ownerBefore].raw);
    expect(reminder).toContain(`您负责的投诉 ${reference}`);
    // due 24 h after filing, 09:00 UTC+8 the next day: on the store's clock (SH-001: the default calendar), not UTC
    expect(reminder).toContain('首次响应时限将于 2026-11-03 09:00（门店时间，Asia/Shanghai）到期');

    const leadBefore = smtp.mails.filter((m) => m.to.includes(leadEmail)).length;
    group.clock.set(new Date(created.getTime() + 24 * H + 1000));
    expect(await sweeper.sweepOnce()).toMatchObject({ escalated: 1 });
    const alert = mailText((await mailsTo(leadEmail, leadBefore + 1))[leadBefore].raw);
    expect(alert).toContain(`投诉 ${reference}`);
    expect(alert).toContain('已升级至第 1 级');

    // training audited both reads of staff contacts, naming complaints and the purpose
    const audit = await training.sql<{ actor_id: string; purpose: string }>(
      `SELECT actor_id, purpose FROM audit_log WHERE subject_id = ANY($1) ORDER BY at`,
      [[ownerId, leadId]],
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor_id: 'service:complaints', purpose: 'complaint-reminder' }),
        expect.objectContaining({ actor_id: 'service:complaints', purpose: 'complaint-escalation' }),
      ]),
    );
    await keepsNo(complaints, leadEmail);
    await keepsNo(complaints, ownerEmail);
  });

  it("tells the owner of a corrective action when it is set, and again when it is overdue, on the store's clock", async () => {
    const storeId = `UR-${run}`;
    const cal = await complaints.request('PUT', `/api/v1/admin/policies/calendars/${storeId}`, {
      as: 'lead',
      body: { timeZone: 'Asia/Urumqi', weekly: { '1': [{ from: '10:00', to: '20:00' }] } },
    });
    expect(cal.statusCode).toBe(200);
    const c = await complaints.request('POST', '/api/v1/complaints', {
      as: 'agent',
      body: validComplaint({ storeId }),
    });
    const { id } = c.json<{ id: string }>();
    await complaints.request('POST', `/api/v1/complaints/${id}/status`, {
      as: 'agent',
      body: {
        status: 'resolved',
        summary: '已更换',
        causeCode: 'product-quality',
        responsibleDepartment: 'quality',
      },
    });
    const due = new Date(group.clock.now().getTime() + 7 * 24 * H);
    const before = smtp.mails.filter((m) => m.to.includes(ownerEmail)).length;
    const added = await complaints.request('POST', `/api/v1/complaints/${id}/corrective-actions`, {
      as: 'agent',
      body: { title: '更换拉链供应商', ownerId, dueAt: due.toISOString(), verification: '30 天内无拉链投诉' },
    });
    expect(added.statusCode).toBe(201);
    const set = mailText((await mailsTo(ownerEmail, before + 1))[before].raw);
    expect(set).toContain('您被指定为一项整改措施的负责人：更换拉链供应商');
    // Urumqi is UTC+6 all year
    const local = new Date(due.getTime() + 6 * H).toISOString().slice(0, 16).replace('T', ' ');
    expect(set).toContain(`截止 ${local}（门店时间，Asia/Urumqi）`);
    group.clock.set(new Date(due.getTime() + 1000));
    await complaints.get(CorrectiveActionService).overdueOnce();
    const late = mailText((await mailsTo(ownerEmail, before + 2))[before + 1].raw);
    expect(late).toContain(
      `您负责的整改措施「更换拉链供应商」已超过截止时间 ${local}（门店时间，Asia/Urumqi）`,
    );
  });

  it("alerts the early-warning group set for the alert's store", async () => {
    const put = await surveys.request('PUT', '/api/v1/admin/notifications/recipients/early-warning', {
      as: 'lead',
      body: { recipients: [{ employeeId: leadId }] },
    });
    expect(put.statusCode).toBe(200);
    const before = smtp.mails.filter((m) => m.to.includes(leadEmail)).length;
    const alertId = randomUUID();
    // the event as surveys' alert job publishes it, through its publisher and transaction
    await surveys.get(Transactions).run((em) =>
      surveys.get(EventPublisher).publish(em, {
        type: Subjects.surveys.alertRaised,
        aggregateId: alertId,
        data: {
          alertId,
          metric: 'customer-satisfaction',
          scope: { storeId: 'SH-001' },
          value: 0.72,
          threshold: 0.85,
          period: '2026-10',
          raisedAt: group.clock.now().toISOString(),
        },
      }),
    );
    const text = mailText((await mailsTo(leadEmail, before + 1))[before].raw);
    expect(text).toContain('SH-001 的 customer-satisfaction 为 72%，越过了设定的阈值 85%');
    const [d] = await surveys.sql(
      `SELECT template, status, about_id FROM notification_delivery WHERE about_id = $1`,
      [alertId],
    );
    expect(d).toEqual({ template: 'early-warning-alert', status: 'sent', about_id: alertId });
    await keepsNo(surveys, leadEmail);
  });

  it("alerts complaints' early-warning group when a store's complaint KPI misses its target", async () => {
    const put = await complaints.request('PUT', '/api/v1/admin/notifications/recipients/early-warning', {
      as: 'lead',
      body: { recipients: [{ employeeId: leadId, storeId: 'SH-001' }] },
    });
    expect(put.statusCode).toBe(200);
    const before = smtp.mails.filter((m) => m.to.includes(leadEmail)).length;
    const alertId = randomUUID();
    // the event as complaints' KPI sweep publishes it, through its publisher and transaction
    await complaints.get(Transactions).run((em) =>
      complaints.get(EventPublisher).publish(em, {
        type: Subjects.complaints.kpiAlertRaised,
        aggregateId: alertId,
        data: { ...sampleFor(Subjects.complaints.kpiAlertRaised), alertId, key: 'SH-001' },
      }),
    );
    const text = mailText((await mailsTo(leadEmail, before + 1))[before].raw);
    expect(text).toContain('SH-001 的 resolution-rate 为 82%，未达到目标 >= 95%');
    expect(text).toMatch(/自 \d{4}-\d\d-\d\d \d\d:\d\d（Asia\/Shanghai）起/);
  });

  it('tells an employee of an enrolment at their work email, from the staff directory', async () => {
    const employeeId = `E-NEW-${run}`;
    const email = `new.${run}@staff.example.cn`;
    await hire(training, employeeId, { name: '李明', workEmail: email, hireDate: '2026-10-01' });
    const courseId = await createCourse(training, `svc-basics-${run}`, { title: '门店服务礼仪' });
    const res = await training.request('POST', '/api/v1/enrollments', {
      as: 'lead',
      body: { employeeId, courseId, dueAt: '2026-11-30T15:59:59Z' },
    });
    expect(res.statusCode).toBe(201);
    const texts = (await mailsTo(email)).map((m) => mailText(m.raw));
    const mine = texts.find((t) => t.includes('门店服务礼仪'));
    expect(mine).toContain('请在 2026-11-30 前完成');
    await keepsNo(training, email);
  });

  it("dates an enrolment on the employee's store's clock, not the chain's home zone", async () => {
    const storeId = `UR-${run}`;
    const zone = await training.request('PUT', `/api/v1/admin/stores/${storeId}/time-zone`, {
      as: 'lead',
      body: { timeZone: 'Asia/Urumqi' },
    });
    expect(zone.statusCode).toBe(200);
    const employeeId = `E-UR-${run}`;
    const email = `ur.${run}@staff.example.cn`;
    await hire(training, employeeId, { workEmail: email, storeId, hireDate: '2026-10-01' });
    const courseId = await createCourse(training, `svc-zone-${run}`, { title: '跨时区门店服务' });
    // 17:00 UTC: 23:00 on the 30th in Urumqi (UTC+6), already 1 December in Shanghai
    const res = await training.request('POST', '/api/v1/enrollments', {
      as: 'lead',
      body: { employeeId, courseId, dueAt: '2026-11-30T17:00:00Z' },
    });
    expect(res.statusCode).toBe(201);
    const texts = (await mailsTo(email)).map((m) => mailText(m.raw));
    expect(texts.find((t) => t.includes('跨时区门店服务'))).toContain('请在 2026-11-30 前完成');
  });

  it('reports a major after-sales dispute to the management group of its store', async () => {
    const put = await aftersales.request('PUT', '/api/v1/admin/notifications/recipients/management', {
      as: 'lead',
      body: { recipients: [{ employeeId: leadId, storeId: 'SH-001' }] },
    });
    expect(put.statusCode).toBe(200);
    const day = (d: number) => new Date(group.clock.now().getTime() - d * 24 * H).toISOString();
    const p = testPurchase({ purchasedAt: day(3), deliveredAt: day(2) });
    await recordPurchase(aftersales, p);
    const ret = await aftersales.request('POST', '/api/v1/returns', {
      as: 'agent',
      body: { kind: 'return', orderId: p.orderId, lineId: '1', reason: 'changed-mind', quality: false },
    });
    expect(ret.statusCode).toBe(201);
    const returnId = ret.json<{ id: string }>().id;
    await aftersales.request('POST', `/api/v1/returns/${returnId}/reject`, {
      as: 'agent',
      body: { reason: 'worn' },
    });
    const dispute = await aftersales.request('POST', '/api/v1/disputes', {
      as: 'agent',
      body: { subjectType: 'return', subjectId: returnId, reason: '顾客坚称商品未穿过，要求退款' },
    });
    expect(dispute.statusCode).toBe(201);
    const before = smtp.mails.filter((m) => m.to.includes(leadEmail)).length;
    const escalated = await aftersales.request(
      'POST',
      `/api/v1/disputes/${dispute.json<{ id: string }>().id}/escalate`,
      {
        as: 'lead',
        body: {},
      },
    );
    expect(escalated.statusCode).toBe(200);
    const text = mailText((await mailsTo(leadEmail, before + 1))[before].raw);
    expect(text).toContain('门店 SH-001 的一起退换货争议已上报管理层');
    expect(text).toContain('顾客坚称商品未穿过，要求退款');
    await keepsNo(aftersales, leadEmail);
  });

  it('reminds an employee whose certification runs out, with the recertification text', async () => {
    const employeeId = `E-CERT-${run}`;
    const email = `cert.${run}@staff.example.cn`;
    await hire(training, employeeId, { name: '周强', workEmail: email, hireDate: '2026-10-01' });
    const courseId = await createCourse(training, `elec-${run}`, {
      title: '电器安全',
      format: 'external',
      certificationValidMonths: 12,
    });
    const e = await training.request('POST', '/api/v1/enrollments', {
      as: 'lead',
      body: { employeeId, courseId },
    });
    const done = await training.request(
      'POST',
      `/api/v1/enrollments/${e.json<{ id: string }>().id}/completion`,
      {
        as: 'system',
        body: { completedAt: group.clock.now().toISOString() },
      },
    );
    expect(done.statusCode).toBe(200);
    const expires = new Date(group.clock.now());
    expires.setUTCFullYear(expires.getUTCFullYear() + 1);
    group.clock.set(new Date(expires.getTime() - 29 * 24 * H));
    expect(await training.get(CertificationJobs).remindOnce()).toBeGreaterThanOrEqual(1);
    const texts = (await mailsTo(email, 2)).map((m) => mailText(m.raw));
    expect(texts[1]).toContain(
      `您的「电器安全」（elec-${run}）认证将于 ${expires.toISOString().slice(0, 10)} 到期`,
    );
  });

  it('tells the customer of a repair appointment, and again when it moves', async () => {
    const c = await customer();
    const r = await aftersales.request('POST', '/api/v1/repairs', {
      as: 'agent',
      body: {
        channel: 'hotline',
        storeId: 'SH-001',
        customerId: c.id,
        sku: 'PH-X200-128-BLU',
        problem: 'no charge',
      },
    });
    expect(r.statusCode).toBe(201);
    const { id } = r.json<{ id: string }>();
    const book = (startsAt: string) =>
      aftersales.request('POST', `/api/v1/repairs/${id}/appointment`, {
        as: 'agent',
        body: { technicianId: `T-${run}`, startsAt },
      });
    const day = new Date(group.clock.now().getTime() + 3 * 24 * H);
    day.setUTCHours(2, 0, 0, 0);
    expect((await book(day.toISOString())).statusCode).toBe(200);
    const later = new Date(day.getTime() + 4 * H);
    expect((await book(later.toISOString())).statusCode).toBe(200);
    const [booked, moved] = (await mailsTo(c.email, 2)).map((m) => mailText(m.raw));
    const local = (d: Date) => new Date(d.getTime() + 8 * H).toISOString().slice(0, 16).replace('T', ' ');
    expect(booked).toContain(`您的维修预约已确认：${local(day)}`);
    expect(moved).toContain(`您的维修预约已改至 ${local(later)}`);
    await keepsNo(aftersales, c.email);
  });

  it('retries a mail server that refuses for a while, and shows the log to the lead only', async () => {
    const c = await customer();
    smtp.refuse = { code: 451, times: 1 };
    const res = await complaints.request('POST', '/api/v1/complaints', {
      as: 'agent',
      sub: ownerId,
      body: validComplaint({ customerId: c.id }),
    });
    const { id } = res.json<{ id: string }>();
    await complaints.request('POST', `/api/v1/complaints/${id}/comments`, {
      as: 'agent',
      sub: ownerId,
      body: { visibility: 'customer', body: '我们已联系供应商。' },
    });
    await mailsTo(c.email);

    const page = await complaints.request('GET', `/api/v1/admin/notifications/deliveries?aboutId=${id}`, {
      as: 'lead',
    });
    expect(page.statusCode).toBe(200);
    const [item] = page.json<{ items: Record<string, unknown>[] }>().items;
    expect(item).toMatchObject({
      template: 'complaint-reply',
      status: 'sent',
      attempts: 2,
      aboutType: 'complaint',
    });
    expect(page.body).not.toContain(c.email);
    const one = await complaints.request(
      'GET',
      `/api/v1/admin/notifications/deliveries/${item.id as string}`,
      {
        as: 'lead',
      },
    );
    expect(one.json()).toEqual(item);

    expect(
      (await complaints.request('GET', '/api/v1/admin/notifications/deliveries', { as: 'agent' })).statusCode,
    ).toBe(403);
    const bad = await complaints.request('GET', '/api/v1/admin/notifications/deliveries?status=lost', {
      as: 'lead',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toContain('status');
    const badGroup = await complaints.request('PUT', '/api/v1/admin/notifications/recipients/Owner_Lead', {
      as: 'lead',
      body: { recipients: [] },
    });
    expect(badGroup.statusCode).toBe(400);
    expect(badGroup.body).toContain('group');
  });

  it('records a customer crm has only a phone for as not sent while SMS is not configured, and sends nothing', async () => {
    const res = await crm.request('POST', '/api/v1/customers', {
      as: 'system',
      body: validCustomer({ email: undefined }),
    });
    const customerId = res.json<{ id: string }>().id;
    const before = smtp.mails.length;
    const c = await complaints.request('POST', '/api/v1/complaints', {
      as: 'agent',
      sub: ownerId,
      body: validComplaint({ customerId }),
    });
    const { id } = c.json<{ id: string }>();
    await complaints.request('POST', `/api/v1/complaints/${id}/comments`, {
      as: 'agent',
      sub: ownerId,
      body: { visibility: 'customer', body: '请问方便电话联系吗？' },
    });
    await complaints.get(NotificationDispatcher).dispatchOnce(group.clock.now());
    let rows: { status: string; last_error: string }[] = [];
    await waitFor(
      async () =>
        (rows = await complaints.sql(
          `SELECT status, last_error FROM notification_delivery WHERE about_id = $1`,
          [id],
        )).length === 1,
      10_000,
      'the delivery row',
    );
    expect(rows).toEqual([{ status: 'not-sent', last_error: 'channel webhook is not configured' }]);
    expect(smtp.mails.length).toBe(before);
  });
});
