// crm and surveys on one namespace with a real SMTP listener: a resolved complaint's survey invitation
// is sent by email to the address crm gives for that one purpose, and its link answers the survey.
// Nothing of the contact is kept by surveys (docs/notifications.md).
import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { mailText, ServiceHarness, SmtpListener, startServices, StartedGroup, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { crmService } from '../../services/crm/src/service';
import { InvitationSender } from '../../services/surveys/src/invitation/invitation.sender';
import { surveysService } from '../../services/surveys/src/service';
import { invitationsOf, putTrigger, setUpQuestionnaire } from '../../services/surveys/test/support';

const PUBLIC_URL = 'https://surveys.example.cn';

const customerBody = (email: string, consented: boolean, preferredLanguage?: string) => ({
  name: 'Wang Fang',
  phone: `+86 139 ${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')} 7788`,
  email,
  registrationChannel: 'membership',
  registrationStoreId: 'SH-001',
  consents: [{ purpose: 'surveys', channel: 'email', granted: consented, source: 'store-form' }],
  ...(preferredLanguage && { preferredLanguage }),
});

describe('survey invitation by email (crm + surveys, real SMTP listener)', () => {
  const smtp = new SmtpListener();
  let group: StartedGroup<[typeof crmService, typeof surveysService]>;
  let crm: ServiceHarness;
  let surveys: ServiceHarness;

  beforeAll(async () => {
    await smtp.start();
    group = await startServices(
      [
        crmService,
        [
          surveysService,
          {
            env: {
              ...smtp.env('CX 满意度调查 <survey@cx.example.cn>'),
              NOTIFY_RETRY_BASE_MS: '20',
              SURVEYS_PUBLIC_URL: PUBLIC_URL,
            },
          },
        ],
      ],
      { clock: new ManualClock('2026-03-07T16:30:00Z') },
    );
    [crm, surveys] = group.services;
    const { questionnaireId } = await setUpQuestionnaire(surveys);
    await putTrigger(surveys, 'complaint-resolved', questionnaireId, { delayMinutes: 60 });
  });

  afterAll(async () => {
    await group?.stop();
    await smtp.stop();
  });

  async function invitationFor(email: string, consented: boolean, preferredLanguage?: string) {
    const res = await crm.request('POST', '/api/v1/customers', {
      as: 'system',
      body: customerBody(email, consented, preferredLanguage),
    });
    expect(res.statusCode).toBe(201);
    const customerId = res.json().id as string;
    await surveys.publish(Subjects.complaints.complaintResolved, {
      complaintId: randomUUID(),
      customerId,
      resolvedAt: '2026-03-07T16:00:00Z',
    });
    let rows: Awaited<ReturnType<typeof invitationsOf>> = [];
    await waitFor(
      async () => (rows = await invitationsOf(surveys, customerId)).length === 1,
      15_000,
      'invitation',
    );
    return rows[0];
  }

  /** Sends the due invitation and returns the text of the one email it made, to `email`. */
  async function sendOne(inv: { send_at: Date }, email: string): Promise<string> {
    const before = smtp.mails.length;
    const counts = await surveys.get(InvitationSender).sendDueOnce(new Date(inv.send_at));
    expect(counts).toMatchObject({ sent: 1 });
    expect(smtp.mails).toHaveLength(before + 1);
    const mail = smtp.mails[before];
    expect(mail.to).toEqual([email]);
    return mailText(mail.raw);
  }

  it('emails the invitation with a working answer link, and keeps no address', async () => {
    const email = `wang.${randomUUID().slice(0, 6)}@example.cn`;
    const inv = await invitationFor(email, true);
    const text = await sendOne(inv, email);
    expect(text).toContain('请花一分钟告诉我们您的感受');
    expect(text).not.toContain('tell us how we did');
    const link = /https:\/\/surveys\.example\.cn(\/api\/v1\/public\/surveys\/[A-Za-z0-9_-]{43})/.exec(text);
    expect(link?.[1]).toBe(`/api/v1/public/surveys/${inv.token}`);

    const page = await surveys.request('GET', link![1]);
    expect(page.statusCode).toBe(200);
    const answer = await surveys.request('POST', `${link![1]}/answers`, {
      body: { answers: { overall: 5 } },
    });
    expect(answer.statusCode).toBe(201);
    const [row] = await surveys.sql<{ status: string; delivery_id: string }>(
      `SELECT status, delivery_id FROM invitation WHERE id = $1`,
      [inv.id],
    );
    expect(row.status).toBe('answered');
    const [delivery] = await surveys.sql(`SELECT * FROM notification_delivery WHERE id = $1`, [
      row.delivery_id,
    ]);
    expect(delivery).toMatchObject({ status: 'sent', template: 'survey-invitation', about_id: inv.id });
    const everything = JSON.stringify(
      await surveys.sql(
        `SELECT i.*, d.* FROM invitation i LEFT JOIN notification_delivery d ON d.id = i.delivery_id`,
      ),
    );
    expect(everything).not.toContain(email);
  });

  it('writes to a customer whose profile says en in English, and the answer page speaks English too', async () => {
    const email = `emma.${randomUUID().slice(0, 6)}@example.cn`;
    const inv = await invitationFor(email, true, 'en');
    expect(inv.language).toBe('zh-CN');
    const text = await sendOne(inv, email);
    expect(text).toContain('Please take a minute to tell us how we did');
    expect(text).not.toContain('请花一分钟告诉我们您的感受');
    expect(text).toContain(`${PUBLIC_URL}/api/v1/public/surveys/${inv.token}`);
    const [row] = await surveys.sql<{ language: string; delivery_id: string }>(
      `SELECT language, delivery_id FROM invitation WHERE id = $1`,
      [inv.id],
    );
    expect(row.language).toBe('en');
    const [delivery] = await surveys.sql(`SELECT status, template FROM notification_delivery WHERE id = $1`, [
      row.delivery_id,
    ]);
    expect(delivery).toEqual({ status: 'sent', template: 'survey-invitation' });
    const page = await surveys.request('GET', `/api/v1/public/surveys/${inv.token}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().language).toBe('en');
  });

  it('sends nothing to a customer without consent for email', async () => {
    const inv = await invitationFor(`li.${randomUUID().slice(0, 6)}@example.cn`, false);
    const before = smtp.mails.length;
    const counts = await surveys.get(InvitationSender).sendDueOnce(new Date(inv.send_at));
    expect(counts).toMatchObject({ noConsent: 1, sent: 0 });
    expect(smtp.mails).toHaveLength(before);
    const [row] = await surveys.sql(`SELECT status FROM invitation WHERE id = $1`, [inv.id]);
    expect(row).toEqual({ status: 'no-consent' });
  });

  it('keeps an invitation as not sent when no channel is configured, and lists it with its link', async () => {
    const inv = await invitationFor(`zhao.${randomUUID().slice(0, 6)}@example.cn`, true);
    const replica = await surveys.replica({ NOTIFY_SMTP_HOST: '' });
    const counts = await replica.app.get(InvitationSender).sendDueOnce(new Date(inv.send_at));
    expect(counts).toMatchObject({ notSent: 1 });
    const list = await surveys.request('GET', '/api/v1/admin/invitations?status=not-sent', { as: 'lead' });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((i: { id: string }) => i.id === inv.id);
    expect(item).toMatchObject({
      status: 'not-sent',
      link: `${PUBLIC_URL}/api/v1/public/surveys/${inv.token}`,
      note: 'channel email is not configured',
    });
  });
});
