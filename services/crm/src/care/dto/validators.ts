import { isTimeZone } from '@cx/platform';
import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/** An IANA zone name this runtime knows (not an offset such as +08:00). */
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
