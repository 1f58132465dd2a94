// The periodic CX report across services: surveys makes the company's November report on schedule
// with complaints' and training's figures (asked over NATS, ADR 32), complaints' hot spots and open
// corrective actions (rpc.complaints.get-report-digest.v1), and the platform's notifier mails its link
// to the CX committee and the department leads (recipient groups, ADR 31) through a real SMTP listener.
import { ManualClock, NotificationDispatcher } from '@cx/platform';
import {
  mailText,
  pdfPageTexts,
  ServiceHarness,
  SmtpListener,
  startServices,
  StartedGroup,
  validComplaint,
  waitFor,
} from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { complaintsService } from '../../services/complaints/src/service';
import { CxReportService } from '../../services/surveys/src/cx-report/cx-report.service';
import { surveysService } from '../../services/surveys/src/service';
import { hire } from '../../services/training/test/support';
import { trainingService } from '../../services/training/src/service';

const NOVEMBER = new Date('2026-11-10T02:00:00Z');
const AFTER_NOVEMBER = new Date('2026-12-01T02:00:00Z'); // 10:00 on 1 December in Shanghai

describe('the CX report across services, mailed to the committee', () => {
  const smtp = new SmtpListener();
  let group: StartedGroup<[typeof surveysService, typeof complaintsService, typeof trainingService]>;
  let surveys: ServiceHarness;
  let complaints: ServiceHarness;
  let training: ServiceHarness;
  const run = randomUUID().slice(0, 6);
  const committee = `committee.${run}@staff.example.cn`;
  const quality = `quality.${run}@staff.example.cn`;

  beforeAll(async () => {
    await smtp.start();
    const notify = {
      ...smtp.env('CX 客户体验 <cx@cx.example.cn>'),
      NOTIFY_RETRY_BASE_MS: '20',
      NOTIFY_DISPATCH_INTERVAL_MS: '100',
    };
    group = await startServices(
      [
        [surveysService, { env: { ...notify, CX_REPORT_INTERVAL_MS: '86400000' } }],
        complaintsService,
        trainingService,
      ],
      { clock: new ManualClock(NOVEMBER) },
    );
    [surveys, complaints, training] = group.services;
    await hire(training, `E-CX-${run}`, { name: '周委员', role: 'store-manager', workEmail: committee });
    await hire(training, `E-QA-${run}`, { name: '吴经理', role: 'store-manager', workEmail: quality });
    for (const [name, employeeId] of [
      ['cx-committee', `E-CX-${run}`],
      ['department-leads', `E-QA-${run}`],
    ]) {
      const put = await surveys.request('PUT', `/api/v1/admin/notifications/recipients/${name}`, {
        as: 'lead',
        body: { recipients: [{ employeeId }] },
      });
      expect(put.statusCode).toBe(200);
    }
    // Two November complaints about product quality at SH-001 (two orders).
    for (let i = 0; i < 2; i++) {
      const filed = await complaints.request('POST', '/api/v1/complaints', {
        as: 'agent',
        body: validComplaint({ storeId: 'SH-001', category: 'product-quality', orderId: `SO-${run}-${i}` }),
      });
      expect(filed.statusCode).toBe(201);
    }
  }, 180_000);

  afterAll(async () => {
    await group?.stop();
    await smtp.stop();
  });

  it('makes November’s report with every owner’s figures and complaints’ digest, and mails its link', async () => {
    group.clock.set(AFTER_NOVEMBER.toISOString());
    const made = await surveys.get(CxReportService).generateDueOnce(AFTER_NOVEMBER);
    const november = made.find((r) => r.label === '2026-11')!;
    expect(november).toBeDefined();
    // crm and aftersales are not running: named; complaints and training answered.
    expect(november.unavailable).toEqual(['aftersales', 'crm']);
    const owners = new Set(november.figures.map((f) => f.owner));
    expect([...owners].sort()).toEqual(['complaints', 'surveys', 'training']);
    expect(november.figures.map((f) => f.figure)).toEqual([
      'satisfaction',
      'complaint-rate',
      'first-response-in-time',
      'solution-in-time',
      'resolution-rate',
      'repeat-complaints',
      'audit-pass-rate',
      'training-coverage',
      'employee-satisfaction',
    ]);

    const pdf = await surveys.request('GET', `/api/v1/cx-reports/${november.id}/pdf`, { as: 'lead' });
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfPageTexts(pdf.rawPayload)).join('\n');
    const hotSpots = text.slice(text.indexOf('三、投诉热点'), text.indexOf('四、未关闭预警'));
    expect(hotSpots).toMatch(/product-quality\s+2\s+0/);
    expect(hotSpots).toMatch(/门店 SH-001\s+2\s+0/);
    expect(text).toContain('服务流程培训覆盖率');

    const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
    // The dispatcher runs on its timer; a contact lookup that timed out on a busy machine is tried
    // again a round (a minute or more) later, so each look also moves the clock past that round.
    await waitFor(
      async () => {
        if (mailsTo(committee).length >= 2 && mailsTo(quality).length >= 2) return true;
        group.clock.advance(2 * 60_000);
        await surveys.get(NotificationDispatcher).dispatchOnce(group.clock.now());
        return false;
      },
      20_000,
      'both reports mailed to the committee and the department leads',
    ).catch(async (e: Error) => {
      const log = await surveys.sql(`SELECT about_id, status, last_error FROM notification_delivery`);
      const asked = await surveys.sql(`SELECT * FROM notification_request`);
      throw new Error(`${e.message}: ${JSON.stringify({ made: made.map((r) => r.label), log, asked })}`);
    });
    // Two reports were due (November, and the third quarter): one mail each to each group.
    const link = `http://127.0.0.1:3004/api/v1/cx-reports/${november.id}/pdf`;
    const toCommittee = mailsTo(committee).map((m) => mailText(m.raw));
    const mail = toCommittee.find((text) => text.includes(link));
    expect(mail).toContain('2026-11 的客户体验报告（*）已生成');
    expect(mail).toContain(`报告编号：${november.id}`);
    const deliveries = await surveys.sql<{ status: string; template: string }>(
      `SELECT status, template FROM notification_delivery WHERE about_type = 'cx-report' AND about_id = $1`,
      [november.id],
    );
    expect(deliveries).toEqual([
      { status: 'sent', template: 'cx-report-ready' },
      { status: 'sent', template: 'cx-report-ready' },
    ]);
  }, 120_000);
});
