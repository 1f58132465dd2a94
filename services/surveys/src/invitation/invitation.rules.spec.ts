import { DAY_MS } from '@cx/platform';
import {
  answerRefusal,
  contactFor,
  expiresAt,
  fatigueDecision,
  newToken,
  RivalInvitation,
  TOKEN_PATTERN,
} from './invitation.rules';

const T = new Date('2026-05-10T08:00:00.000Z');
const at = (ms: number) => new Date(T.getTime() + ms);

describe('tokens and expiry', () => {
  it('makes distinct 43-character url-safe tokens', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(TOKEN_PATTERN);
  });

  it('expires validDays after sending, answerable until the millisecond before', () => {
    const exp = expiresAt(T, 14);
    expect(exp.toISOString()).toBe('2026-05-24T08:00:00.000Z');
    expect(answerRefusal({ status: 'sent', expiresAt: exp }, at(14 * DAY_MS - 1))).toBeNull();
    expect(answerRefusal({ status: 'sent', expiresAt: exp }, at(14 * DAY_MS))).toBe('expired');
  });

  it('answers once, and hides invitations that never went out', () => {
    const exp = at(DAY_MS);
    expect(answerRefusal({ status: 'answered', expiresAt: exp }, T)).toBe('answered');
    expect(answerRefusal({ status: 'suppressed', expiresAt: exp }, T)).toBe('not-found');
    expect(answerRefusal({ status: 'no-consent', expiresAt: exp }, T)).toBe('not-found');
    expect(answerRefusal({ status: 'not-sent', expiresAt: exp }, T)).toBeNull();
  });
});

describe('fatigueDecision', () => {
  const rival = (over: Partial<RivalInvitation>): RivalInvitation => ({
    id: 'r1',
    priority: 1,
    status: 'sent',
    sendAt: T,
    ...over,
  });
  const cand = (priority: number, sendAt = T) => ({ priority, sendAt });

  it('keeps the first invitation of a customer', () => {
    expect(fatigueDecision(cand(1), [], 30)).toEqual({ keep: true, displaces: [] });
  });

  it('refuses a second one inside the window after one went out, whatever its priority', () => {
    expect(fatigueDecision(cand(9, at(30 * DAY_MS - 1000)), [rival({})], 30).keep).toBe(false);
    expect(fatigueDecision(cand(9, at(-(30 * DAY_MS - 1000))), [rival({})], 30).keep).toBe(false);
  });

  it('lets one exactly a window away through (open end), to the second', () => {
    expect(fatigueDecision(cand(1, at(30 * DAY_MS)), [rival({})], 30).keep).toBe(true);
    expect(fatigueDecision(cand(1, at(30 * DAY_MS - 1000)), [rival({})], 30).keep).toBe(false);
  });

  it('lets the higher priority displace a scheduled rival; the same or lower priority loses', () => {
    const scheduled = rival({ status: 'scheduled', priority: 2, sendAt: at(DAY_MS) });
    expect(fatigueDecision(cand(3), [scheduled], 30)).toEqual({ keep: true, displaces: ['r1'] });
    expect(fatigueDecision(cand(2), [scheduled], 30)).toEqual({ keep: false, displaces: [] });
    expect(fatigueDecision(cand(1), [scheduled], 30)).toEqual({ keep: false, displaces: [] });
  });

  it('ignores suppressed and consent-refused rivals', () => {
    expect(
      fatigueDecision(cand(1), [rival({ status: 'suppressed' }), rival({ status: 'no-consent' })], 30).keep,
    ).toBe(true);
  });
});

describe('contactFor', () => {
  const contact = { email: 'a@b.cn', phone: '+8613800000000', consent: { email: true, sms: false } };
  it('gives the address only with consent for the channel', () => {
    expect(contactFor('email', contact)).toBe('a@b.cn');
    expect(contactFor('sms', contact)).toBeNull();
    expect(contactFor('sms', { ...contact, consent: { email: false, sms: true } })).toBe('+8613800000000');
    expect(contactFor('email', { consent: { email: true, sms: true } })).toBeNull();
  });
});
