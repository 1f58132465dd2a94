import { redactError, retryDelayMs, smtpOutcome, webhookOutcome } from './delivery.rules';
import {
  NotificationTemplate,
  renderNotification,
  TemplateParamMissingError,
  templateLanguage,
} from './templates';
import { signWebhook, verifyWebhook } from './webhook-signature';

const invitation: NotificationTemplate = {
  name: 'test-invitation',
  texts: {
    'zh-CN': { subject: '{{store}}邀请您评价', body: '您好，请点击 {{ link }} 作答（{{days}}天内有效）。' },
    en: {
      subject: '{{store}} asks for your opinion',
      body: 'Please answer at {{link}} within {{days}} days.',
    },
  },
};

describe('renderNotification', () => {
  it('fills every placeholder in the language asked for', () => {
    const r = renderNotification(invitation, 'en', { store: 'Shop 1', link: 'https://x/a', days: 7 });
    expect(r).toEqual({
      language: 'en',
      subject: 'Shop 1 asks for your opinion',
      body: 'Please answer at https://x/a within 7 days.',
    });
  });

  it('falls back to zh-CN for a language the template lacks or an unknown one', () => {
    const zhOnly: NotificationTemplate = { name: 'zh', texts: { 'zh-CN': invitation.texts['zh-CN'] } };
    expect(renderNotification(zhOnly, 'en', { store: 'A', link: 'L', days: 1 }).language).toBe('zh-CN');
    const r = renderNotification(invitation, 'fr', { store: '一店', link: 'L', days: 3 });
    expect(r.language).toBe('zh-CN');
    expect(r.body).toBe('您好，请点击 L 作答（3天内有效）。');
  });

  it('refuses to render with a placeholder left unfilled, naming it', () => {
    expect(() => renderNotification(invitation, 'en', { store: 'A' })).toThrow(TemplateParamMissingError);
    try {
      renderNotification(invitation, 'en', { store: 'A' });
    } catch (e) {
      expect((e as TemplateParamMissingError).missing).toEqual(['days', 'link']);
    }
  });

  it('inserts values literally, even ones that look like placeholders or replacement patterns', () => {
    const r = renderNotification(invitation, 'en', { store: '$& {{link}}', link: 'L', days: 1 });
    expect(r.subject).toBe('$& {{link}} asks for your opinion');
  });
});

describe('templateLanguage', () => {
  it('is the asked language when the template has it, zh-CN otherwise (unknown, absent, or not in the template)', () => {
    const zhOnly: NotificationTemplate = { name: 'zh-only', texts: { 'zh-CN': invitation.texts['zh-CN'] } };
    expect(templateLanguage(invitation, 'en')).toBe('en');
    expect(templateLanguage(invitation, 'zh-CN')).toBe('zh-CN');
    expect(templateLanguage(zhOnly, 'en')).toBe('zh-CN');
    for (const asked of ['fr', 'EN', 'en-GB', '', undefined])
      expect(templateLanguage(invitation, asked)).toBe('zh-CN');
  });
});

describe('webhook signature', () => {
  const secret = 'a-webhook-secret-of-at-least-32-characters';
  const body = '{"a":1}';
  const at = new Date('2026-03-01T10:00:00Z');
  const ts = at.getTime() / 1000;

  it('verifies what was signed, within the tolerance to the second', () => {
    const signature = signWebhook(secret, ts, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const headers = { timestamp: String(ts), signature };
    expect(verifyWebhook(secret, headers, body, at)).toBe(true);
    expect(verifyWebhook(secret, headers, body, new Date(at.getTime() + 300_000))).toBe(true);
    expect(verifyWebhook(secret, headers, body, new Date(at.getTime() + 301_000))).toBe(false);
  });

  it('refuses another body, another secret, another timestamp or missing headers', () => {
    const signature = signWebhook(secret, ts, body);
    expect(verifyWebhook(secret, { timestamp: String(ts), signature }, '{"a":2}', at)).toBe(false);
    expect(verifyWebhook(secret + 'x', { timestamp: String(ts), signature }, body, at)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(ts + 1), signature }, body, at)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: undefined, signature }, body, at)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(ts), signature: undefined }, body, at)).toBe(false);
  });
});

describe('delivery rules', () => {
  it('doubles the wait after each failed try', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 500))).toEqual([500, 1000, 2000, 4000]);
  });

  it('retries SMTP 4xx and connection errors, not 5xx', () => {
    expect(smtpOutcome(451)).toBe('transient');
    expect(smtpOutcome(421)).toBe('transient');
    expect(smtpOutcome(undefined)).toBe('transient');
    expect(smtpOutcome(550)).toBe('permanent');
    expect(smtpOutcome(554)).toBe('permanent');
  });

  it('retries webhook 408, 429, 5xx and no answer; takes 2xx; refuses other 4xx', () => {
    expect(webhookOutcome(200)).toBe('sent');
    expect(webhookOutcome(204)).toBe('sent');
    expect(webhookOutcome(408)).toBe('transient');
    expect(webhookOutcome(429)).toBe('transient');
    expect(webhookOutcome(503)).toBe('transient');
    expect(webhookOutcome(undefined)).toBe('transient');
    expect(webhookOutcome(400)).toBe('permanent');
    expect(webhookOutcome(410)).toBe('permanent');
    expect(webhookOutcome(302)).toBe('permanent');
  });

  it('keeps addresses and the given contact out of the logged error', () => {
    const e = redactError('550 5.1.1 <li.lei@example.cn>: Recipient address rejected; +8613800000000', [
      '+8613800000000',
    ]);
    expect(e).toBe('550 5.1.1 <<address>>: Recipient address rejected; <recipient>');
    expect(redactError('x'.repeat(600), [])).toHaveLength(500);
  });
});
