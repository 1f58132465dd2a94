import {
  birthdayMonthDay,
  birthdayProblem,
  ConsentState,
  consentNeededFor,
  hasMarketingConsent,
  mayContact,
  mergeRefusal,
  normalizePhone,
  retentionCutoff,
} from './customer.rules';

const now = new Date('2026-11-01T10:00:00.000Z');

describe('consent for a contact request', () => {
  const consents: ConsentState[] = [
    { purpose: 'surveys', channel: 'email', granted: true },
    { purpose: 'surveys', channel: 'sms', granted: false },
    { purpose: 'marketing', channel: 'sms', granted: true },
  ];

  it("needs none for messages about the customer's own case", () => {
    expect(consentNeededFor('complaint-update')).toBeNull();
    expect(consentNeededFor('after-sales-update')).toBeNull();
    expect(mayContact('complaint-update', 'sms', [])).toBe(true);
  });

  it('needs the surveys consent on the channel for invitations and return visits', () => {
    expect(mayContact('survey-invitation', 'email', consents)).toBe(true);
    expect(mayContact('survey-invitation', 'sms', consents)).toBe(false); // withdrawn
    expect(mayContact('return-visit', 'phone', consents)).toBe(false); // never given
    // marketing consent on sms does not stand in for the surveys consent
    expect(mayContact('return-visit', 'sms', consents)).toBe(false);
  });

  it('needs none for notices about their own membership, and marketing on the channel for a spend offer', () => {
    expect(mayContact('loyalty-notice', 'email', [])).toBe(true);
    expect(mayContact('loyalty-offer', 'sms', consents)).toBe(true);
    expect(mayContact('loyalty-offer', 'email', consents)).toBe(false); // surveys consent only
  });

  it('knows marketing consent on any channel', () => {
    expect(hasMarketingConsent(consents)).toBe(true);
    expect(hasMarketingConsent(consents.slice(0, 2))).toBe(false);
  });
});

describe('birthday', () => {
  it('takes a real past date', () => {
    expect(birthdayProblem('1990-02-28', now)).toBeNull();
    expect(birthdayProblem('2000-02-29', now)).toBeNull();
    expect(birthdayProblem('2026-11-01', now)).toBeNull();
  });

  it('refuses what is not a date, the future, and more than 130 years ago', () => {
    expect(birthdayProblem('1990-2-28', now)).toBe('birthday must be a date YYYY-MM-DD');
    expect(birthdayProblem('1991-02-29', now)).toBe('birthday is not a date of the calendar');
    expect(birthdayProblem('2026-11-02', now)).toBe('birthday cannot be in the future');
    expect(birthdayProblem('1895-12-31', now)).toBe('birthday is more than 130 years ago');
    expect(birthdayProblem('1896-01-01', now)).toBeNull();
  });

  it('keeps month and day for birthday care', () => {
    expect(birthdayMonthDay('1990-02-28')).toBe(228);
    expect(birthdayMonthDay('1985-12-31')).toBe(1231);
  });
});

describe('normalizePhone', () => {
  it('keeps digits and a leading plus', () => {
    expect(normalizePhone(' +86 138-0013-8000 ')).toBe('+8613800138000');
    expect(normalizePhone('(021) 5555 0101')).toBe('02155550101');
    expect(normalizePhone('＋８６ １３８ ００１３ ８０００')).toBe('+8613800138000');
  });
});

describe('retentionCutoff', () => {
  it('is the setting in days before now, to the millisecond', () => {
    expect(retentionCutoff(now, 1095).toISOString()).toBe('2023-11-02T10:00:00.000Z');
  });
});

describe('mergeRefusal', () => {
  const a = { id: 'a', status: 'active' as const };
  const b = { id: 'b', status: 'active' as const };

  it('merges two active customers', () => {
    expect(mergeRefusal(a, b)).toBeNull();
  });

  it('refuses itself, and a merged or erased side, naming the field', () => {
    expect(mergeRefusal(a, a)?.field).toBe('duplicateId');
    expect(mergeRefusal({ ...a, status: 'merged' }, b)?.field).toBe('id');
    expect(mergeRefusal(a, { ...b, status: 'erased' })).toEqual({
      field: 'duplicateId',
      message: 'the duplicate is erased',
    });
  });
});
