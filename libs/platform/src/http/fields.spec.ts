import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsEmailAddress, IsIanaTimeZone, IsPhone, IsPlainRef } from './fields';

class Contact {
  @IsPhone() phone!: string;
  @IsEmailAddress() email!: string;
  @IsPlainRef() storeId!: string;
  @IsIanaTimeZone() timeZone!: string;
}

const valid = { phone: '+86 138 0013 8000', email: 'li.mei@example.com', storeId: 'SH-001', timeZone: 'UTC' };
/** The fields refused, each with its messages. */
const refused = (over: Partial<Record<keyof Contact, unknown>>) =>
  Object.fromEntries(
    validateSync(plainToInstance(Contact, { ...valid, ...over })).map((e) => [
      e.property,
      Object.values(e.constraints ?? {}),
    ]),
  );

describe('HTTP field rules', () => {
  it('takes contact fields as people write them', () => {
    expect(refused({})).toEqual({});
    expect(refused({ phone: '(021) 6888-1234', timeZone: 'Asia/Shanghai' })).toEqual({});
    expect(refused({ phone: '13800138000', storeId: 'web/shop:1' })).toEqual({});
  });

  it('refuses a phone with letters or too short or long, naming the field', () => {
    for (const phone of ['call me', '+86 138 0013 800O', '1234', '1'.repeat(33), '++86 138'])
      expect(refused({ phone })).toEqual({ phone: ['phone must be a phone number'] });
  });

  it('refuses an email that is not one, or longer than 254 characters', () => {
    expect(Object.keys(refused({ email: 'li.mei@' }))).toEqual(['email']);
    // Too long for IsEmail too; the length rule names the limit.
    const long = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.cn`;
    expect(refused({ email: long }).email).toContain('email must be shorter than or equal to 254 characters');
  });

  it('refuses a zone given as an offset, and a reference with a space', () => {
    expect(refused({ timeZone: '+08:00', storeId: 'SH 001' })).toEqual({
      timeZone: ['timeZone must be an IANA time zone name such as Asia/Shanghai'],
      storeId: ['storeId must start with a letter or digit and use only letters, digits and . _ : / -'],
    });
  });
});
