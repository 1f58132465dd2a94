import { IsRef, REF_MAX } from '@cx/contracts';
import { buildMessage, IsEmail, Matches, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';
import { isTimeZone } from '../time/zones';

// A letter or digit first, then letters, digits and `. _ : / -`: what store codes, order numbers, SKUs
// and staff ids look like, with no spaces or control characters to make two spellings of one id.
const PLAIN_REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

/**
 * A reference as an HTTP API takes it: the contracts' `IsRef` (so whatever is accepted can be
 * published), and stricter: written plainly, in the characters of {@link PLAIN_REF}.
 */
export function IsPlainRef(max = REF_MAX): PropertyDecorator {
  const ref = IsRef(max);
  const plain = Matches(PLAIN_REF, {
    message: '$property must start with a letter or digit and use only letters, digits and . _ : / -',
  });
  return (target, key) => {
    ref(target, key);
    plain(target, key);
  };
}

/** An IANA zone name this runtime knows (e.g. Asia/Shanghai; not an offset such as +08:00). */
export const IsIanaTimeZone = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isTimeZone(value),
        defaultMessage: buildMessage(() => '$property must be an IANA time zone name such as Asia/Shanghai'),
      },
    },
    options,
  );

// A phone number as people write and read it out: an optional +, then digits, spaces, brackets and
// dashes. Kept loose on purpose: services normalise it before hashing or storing (docs/personal-data.md).
const PHONE = /^\+?[0-9 ()-]{5,32}$/;

/** A person's phone number, as a contact field of a request takes it. */
export const IsPhone = (): PropertyDecorator =>
  Matches(PHONE, { message: '$property must be a phone number' });

/** A person's email address: what class-validator's IsEmail takes, at most 254 characters (RFC 5321). */
export function IsEmailAddress(): PropertyDecorator {
  const max = MaxLength(254);
  const email = IsEmail();
  return (target, key) => {
    max(target, key);
    email(target, key);
  };
}
