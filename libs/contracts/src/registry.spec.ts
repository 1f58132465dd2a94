import { IsString } from 'class-validator';
import {
  contracts,
  ContractRegistry,
  CustomerTierChangedV1,
  GetCustomerContactReplyV1,
  FieldError,
  PurchaseLineV1,
  PurchaseRecordedV1,
  sampleEnvelopeFor,
  sampleFor,
  sampleReplyFor,
  Subjects,
  Validation,
} from './index';

const PURCHASE = Subjects.crm.purchaseRecorded;

function errorsOf(result: Validation<unknown>): FieldError[] {
  if (result.ok) throw new Error('expected the validation to fail');
  return result.errors;
}

function fieldsOf(result: Validation<unknown>): string[] {
  return errorsOf(result).map((error) => error.field);
}

describe('validatePayload', () => {
  it('returns a class instance, nested objects included', () => {
    const result = contracts.validatePayload<PurchaseRecordedV1>(PURCHASE, sampleFor(PURCHASE));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeInstanceOf(PurchaseRecordedV1);
    expect(result.value.lines[0]).toBeInstanceOf(PurchaseLineV1);
  });

  it('reports a missing required field by name', () => {
    const data: Partial<PurchaseRecordedV1> = sampleFor(PURCHASE);
    delete data.customerId;
    expect(fieldsOf(contracts.validatePayload(PURCHASE, data))).toEqual(['customerId']);
  });

  it('reports a wrong type by name', () => {
    const data = { ...sampleFor(PURCHASE), paidAmountMinor: '4598.00' };
    const errors = errorsOf(contracts.validatePayload(PURCHASE, data));
    expect(errors).toEqual([
      { field: 'paidAmountMinor', messages: expect.arrayContaining([expect.stringMatching(/integer/)]) },
    ]);
  });

  it('does not coerce types (a numeric string is not a number, a string is not a boolean)', () => {
    const subject = Subjects.complaints.complaintCreated;
    expect(
      fieldsOf(contracts.validatePayload(subject, sampleFor(subject, { isMajor: 'false' as never }))),
    ).toEqual(['isMajor']);
  });

  it('reports a bad nested field as a dotted path', () => {
    const data = sampleFor(PURCHASE);
    (data.lines[1] as unknown as Record<string, unknown>).sku = 42;
    expect(fieldsOf(contracts.validatePayload(PURCHASE, data))).toEqual(['lines.1.sku']);
  });

  it('reports a bad field in a nested object as a dotted path', () => {
    const subject = Subjects.surveys.responseSubmitted;
    const data = sampleFor(subject, { subject: { type: 'parcel' as never, id: 'x' } });
    expect(fieldsOf(contracts.validatePayload(subject, data))).toEqual(['subject.type']);
  });

  it('rejects a nested list element that is not an object', () => {
    const data = { ...sampleFor(PURCHASE), lines: ['JKT-DOWN-BLK-M'] };
    expect(fieldsOf(contracts.validatePayload(PURCHASE, data))).toEqual(['lines.0']);
  });

  it('rejects a list that is not a list, and an empty list where one line is required', () => {
    expect(fieldsOf(contracts.validatePayload(PURCHASE, { ...sampleFor(PURCHASE), lines: 'all' }))).toContain(
      'lines',
    );
    expect(fieldsOf(contracts.validatePayload(PURCHASE, { ...sampleFor(PURCHASE), lines: [] }))).toEqual([
      'lines',
    ]);
  });

  it('rejects a missing nested object', () => {
    const subject = Subjects.crm.getCustomerContact;
    const reply: Partial<GetCustomerContactReplyV1> = sampleReplyFor(subject);
    delete reply.consent;
    expect(fieldsOf(contracts.validateReply(subject, reply))).toEqual(['consent']);
  });

  it('accepts an extra unknown field, top-level and nested (additive changes keep the major)', () => {
    const data = sampleFor(PURCHASE) as unknown as Record<string, unknown> & {
      lines: Record<string, unknown>[];
    };
    data.loyaltyPointsEarned = 460;
    data.lines[0].colour = 'black';
    const result = contracts.validatePayload<PurchaseRecordedV1>(PURCHASE, data);
    expect(result.ok).toBe(true);
    if (result.ok) expect((result.value as unknown as Record<string, unknown>).loyaltyPointsEarned).toBe(460);
  });

  it('treats an optional field as absent-or-valid: null is not absent', () => {
    expect(contracts.validatePayload(PURCHASE, { ...sampleFor(PURCHASE), deliveredAt: undefined }).ok).toBe(
      true,
    );
    expect(
      fieldsOf(contracts.validatePayload(PURCHASE, { ...sampleFor(PURCHASE), deliveredAt: null })),
    ).toEqual(['deliveredAt']);
  });

  it('accepts null where the contract says so (first tier assignment) but still requires the field', () => {
    const subject = Subjects.crm.customerTierChanged;
    expect(contracts.validatePayload(subject, sampleFor(subject, { fromTier: null })).ok).toBe(true);
    const data: Partial<CustomerTierChangedV1> = sampleFor(subject);
    delete data.fromTier;
    expect(fieldsOf(contracts.validatePayload(subject, data))).toEqual(['fromTier']);
  });

  it.each([
    ['money as a float', { paidAmountMinor: 4598.5 }, 'paidAmountMinor'],
    ['negative money', { paidAmountMinor: -1 }, 'paidAmountMinor'],
    ['lower-case currency', { currency: 'cny' }, 'currency'],
    ['made-up currency', { currency: 'XYZ' }, 'currency'],
    ['unknown channel', { channel: 'telepathy' }, 'channel'],
    ['date without time', { purchasedAt: '2026-03-01' }, 'purchasedAt'],
    ['time without zone', { purchasedAt: '2026-03-01T10:15:00' }, 'purchasedAt'],
    ['impossible date', { purchasedAt: '2026-02-30T10:15:00Z' }, 'purchasedAt'],
    ['non-UUID customer id', { customerId: 'C-1' }, 'customerId'],
    ['over-long store code', { storeId: 'S'.repeat(65) }, 'storeId'],
    ['empty order number', { orderId: '' }, 'orderId'],
  ])('rejects %s', (_why, override, field) => {
    expect(fieldsOf(contracts.validatePayload(PURCHASE, { ...sampleFor(PURCHASE), ...override }))).toEqual([
      field,
    ]);
  });

  it('requires the id of a survey subject unless the type is none', () => {
    const subject = Subjects.surveys.responseSubmitted;
    expect(
      fieldsOf(contracts.validatePayload(subject, sampleFor(subject, { subject: { type: 'complaint' } }))),
    ).toEqual(['subject.id']);
    expect(contracts.validatePayload(subject, sampleFor(subject, { subject: { type: 'none' } })).ok).toBe(
      true,
    );
  });

  it.each([
    ['null', null],
    ['an array', [sampleFor(PURCHASE)]],
    ['a string', JSON.stringify(sampleFor(PURCHASE))],
    ['a number', 7],
    ['undefined', undefined],
  ])('rejects %s as a payload', (_why, data) => {
    expect(fieldsOf(contracts.validatePayload(PURCHASE, data))).toEqual(['']);
  });

  it('returns field "type" for an unknown subject', () => {
    expect(fieldsOf(contracts.validatePayload('evt.crm.purchase.recorded.v9', sampleFor(PURCHASE)))).toEqual([
      'type',
    ]);
    expect(fieldsOf(contracts.validateReply(PURCHASE, {}))).toEqual(['type']);
  });

  it('ignores a __proto__ key instead of letting it replace the prototype', () => {
    const data = JSON.parse(
      `{"__proto__": {"customerId": "x"}, ${JSON.stringify(sampleFor(PURCHASE)).slice(1)}`,
    ) as unknown;
    const result = contracts.validatePayload<PurchaseRecordedV1>(PURCHASE, data);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.getPrototypeOf(result.value)).toBe(PurchaseRecordedV1.prototype);
  });
});

describe('validateReply', () => {
  it('validates a reply against the reply class', () => {
    const subject = Subjects.crm.getCustomerTier;
    expect(contracts.validateReply(subject, sampleReplyFor(subject)).ok).toBe(true);
    expect(
      fieldsOf(contracts.validateReply(subject, sampleReplyFor(subject, { tier: 'platinum' as never }))),
    ).toEqual(['tier']);
  });
});

describe('validateJsonPayload', () => {
  it('returns valid JSON as it is: no instance copied from it', () => {
    const data = JSON.parse(JSON.stringify(sampleFor(PURCHASE))) as unknown;
    expect(contracts.validateJsonPayload(PURCHASE, data)).toEqual({ ok: true, value: data });
    const result = contracts.validateJsonPayload(PURCHASE, data);
    expect(result.ok && result.value).toBe(data);
  });

  it('reports what validatePayload reports for invalid data', () => {
    const data = sampleFor(PURCHASE);
    (data.lines[1] as unknown as Record<string, unknown>).sku = 42;
    expect(contracts.validateJsonPayload(PURCHASE, data)).toEqual(contracts.validatePayload(PURCHASE, data));
    expect(fieldsOf(contracts.validateJsonPayload(PURCHASE, data))).toEqual(['lines.1.sku']);
  });

  it('refuses a subject that is not registered', () => {
    expect(fieldsOf(contracts.validateJsonPayload('evt.crm.purchase.voided.v1', {}))).toEqual(['type']);
  });

  // A handler given the JSON instead of the instance must lose nothing: every contract class, nested ones
  // included, is data only (no method or accessor on its prototype) in the instance of its sample.
  it.each(contracts.all().map((e) => [e.subject]))('%s: its instance has nothing but data', (subject) => {
    const result = contracts.validatePayload(subject, sampleFor(subject as never));
    expect(result.ok).toBe(true);
    const extras: string[] = [];
    const visit = (value: unknown, path: string) => {
      if (value === null || typeof value !== 'object') return;
      const proto = Object.getPrototypeOf(value) as object | null;
      if (proto && proto !== Object.prototype && proto !== Array.prototype)
        for (const name of Object.getOwnPropertyNames(proto))
          if (name !== 'constructor') extras.push(`${path || '(root)'}: ${name}`);
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
    };
    if (result.ok) visit(result.value, '');
    expect(extras).toEqual([]);
  });
});

describe('validateEnvelope', () => {
  const envelope = () => sampleEnvelopeFor(PURCHASE);

  it('accepts a well-formed envelope and leaves data for validatePayload', () => {
    const raw = { ...envelope(), data: { anything: true }, schema: 'ignored' };
    const result = contracts.validateEnvelope(raw);
    expect(result).toEqual({ ok: true, value: raw });
  });

  it.each([
    ['a non-UUID id', { id: 'msg-1' }, 'id'],
    ['a UUIDv4 id', { id: '3b241101-e2bb-4255-8caf-4136c566a962' }, 'id'],
    ['a bad date', { occurredAt: '2026-13-01T00:00:00Z' }, 'occurredAt'],
    ['a date that is not ISO', { occurredAt: 'Sun, 01 Mar 2026 10:15:00 GMT' }, 'occurredAt'],
    ['an unknown service', { source: 'billing' }, 'source'],
    ['an empty aggregate id', { aggregateId: '' }, 'aggregateId'],
    ['data that is not an object', { data: 'x' }, 'data'],
    ['data that is an array', { data: [] }, 'data'],
  ])('rejects %s', (_why, override, field) => {
    expect(fieldsOf(contracts.validateEnvelope({ ...envelope(), ...override }))).toEqual([field]);
  });

  it('rejects a missing field', () => {
    const raw: Record<string, unknown> = { ...envelope() };
    delete raw.aggregateId;
    expect(fieldsOf(contracts.validateEnvelope(raw))).toEqual(['aggregateId']);
  });

  it('rejects an unknown type on field "type"', () => {
    expect(
      fieldsOf(contracts.validateEnvelope({ ...envelope(), type: 'evt.crm.purchase.voided.v1' })),
    ).toEqual(['type']);
  });

  it('rejects a request subject as an envelope type: requests carry no envelope', () => {
    expect(
      fieldsOf(contracts.validateEnvelope({ ...envelope(), type: Subjects.crm.getCustomerTier })),
    ).toEqual(['type']);
  });

  it('rejects a source other than the service named in the type', () => {
    expect(fieldsOf(contracts.validateEnvelope({ ...envelope(), source: 'aftersales' }))).toEqual(['source']);
  });

  it('rejects a non-object', () => {
    expect(fieldsOf(contracts.validateEnvelope('{"id":1}'))).toEqual(['']);
    expect(fieldsOf(contracts.validateEnvelope(null))).toEqual(['']);
  });
});

describe('validateEvent', () => {
  it('validates envelope and payload together, payload errors under data.', () => {
    const raw = sampleEnvelopeFor(PURCHASE);
    (raw.data.lines[0] as unknown as Record<string, unknown>).sku = '';
    expect(fieldsOf(contracts.validateEvent(raw))).toEqual(['data.lines.0.sku']);
  });

  it('returns the payload as a class instance', () => {
    const result = contracts.validateEvent<PurchaseRecordedV1>(sampleEnvelopeFor(PURCHASE));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.data).toBeInstanceOf(PurchaseRecordedV1);
  });

  it('stops at a bad envelope', () => {
    expect(fieldsOf(contracts.validateEvent({ ...sampleEnvelopeFor(PURCHASE), id: 'x', data: {} }))).toEqual([
      'id',
    ]);
  });
});

describe('ContractRegistry construction', () => {
  class Body {
    @IsString() name!: string;
  }
  const event = {
    subject: 'evt.crm.thing.happened.v1',
    kind: 'event' as const,
    payload: Body,
    description: 'x',
  };

  it('refuses a subject that breaks the naming rule', () => {
    expect(() => new ContractRegistry([{ ...event, subject: 'evt.crm.Thing.happened.v1' }])).toThrow(
      /naming rule/,
    );
  });

  it('refuses a kind that does not match the subject', () => {
    expect(() => new ContractRegistry([{ ...event, kind: 'request', reply: Body }])).toThrow(
      /declared request/,
    );
  });

  it('refuses an event with a reply and a request without one', () => {
    expect(() => new ContractRegistry([{ ...event, reply: Body }])).toThrow(/reply/);
    expect(
      () =>
        new ContractRegistry([
          { subject: 'rpc.crm.get-thing.v1', kind: 'request', payload: Body, description: 'x' },
        ]),
    ).toThrow(/reply/);
  });

  it('refuses a duplicate subject and a producer listed as its own consumer', () => {
    expect(() => new ContractRegistry([event, event])).toThrow(/twice/);
    expect(() => new ContractRegistry([{ ...event, consumers: ['crm'] }])).toThrow(/own message/);
  });
});
