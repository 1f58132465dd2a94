import { Exclude, Expose, plainToInstance, Transform, Type } from 'class-transformer';
import { IsString, ValidateNested, validateSync } from 'class-validator';
import {
  contracts,
  EnvelopeShape,
  sampleEnvelopeFor,
  sampleFor,
  sampleReplyFor,
  toInstance,
  validateAs,
  type EventSubject,
} from './index';
import { conformsTo, passesWhitelisted, validateShallow } from './validation';

/**
 * validateAs checks values first on its own path (passes) and asks class-validator only for what does
 * not pass there. That path must never accept what class-validator rejects: compare both on every
 * contract with many broken variants of its sample.
 */
function classValidatorAccepts(cls: new () => object, raw: unknown): boolean {
  // What validateAs did before its own path: class-transformer, then class-validator's validateSync.
  const value = plainToInstance(cls, raw, { enableImplicitConversion: false, exposeDefaultValues: false });
  return (
    validateSync(value, {
      whitelist: false,
      forbidNonWhitelisted: false,
      forbidUnknownValues: true,
      skipMissingProperties: false,
      validationError: { target: false, value: false },
    }).length === 0
  );
}

const BAD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'X'.repeat(3000),
  42,
  -1,
  1.5,
  true,
  [],
  ['x'],
  [null],
  [{}],
  {},
  { x: 1 },
  '2026-03-01T10:15:00Z',
  '2026-02-30T10:15:00Z',
  '0192f0a4-5b6c-7d8e-9f01-000000000001',
];

/** The sample, and the sample with each field (nested ones too, down to list elements) replaced by each bad value or removed. */
function variants(sample: unknown): unknown[] {
  const out: unknown[] = [sample];
  const visit = (path: (string | number)[], node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      const at = [...path, Array.isArray(node) ? Number(key) : key];
      for (const bad of [...BAD_VALUES, '__delete__']) out.push(replaced(sample, at, bad));
      visit(at, (node as Record<string, unknown>)[key]);
    }
  };
  visit([], sample);
  return out;
}

function replaced(sample: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(sample) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === '__delete__') delete node[last];
  else node[last] = value;
  return copy;
}

describe('validateAs agrees with class-validator', () => {
  const cases: [string, new () => object, unknown][] = [];
  for (const entry of contracts.all()) {
    const sample = sampleFor(entry.subject);
    cases.push([entry.subject, entry.payload as new () => object, sample]);
    if (entry.reply)
      cases.push([
        `${entry.subject} (reply)`,
        entry.reply as new () => object,
        sampleReplyFor(entry.subject),
      ]);
  }
  const someEvent = contracts.all().find((e) => e.kind === 'event')!.subject as EventSubject;
  cases.push(['envelope', EnvelopeShape, sampleEnvelopeFor(someEvent)]);

  it.each(cases)('%s: same verdict on the sample and every broken variant of it', (_name, cls, sample) => {
    let rejected = 0;
    for (const raw of variants(sample)) {
      const expected = classValidatorAccepts(cls, raw);
      const result = validateAs(cls, raw);
      if (result.ok !== expected)
        throw new Error(
          `validateAs says ${result.ok}, class-validator ${expected}, for ${JSON.stringify(raw)}`,
        );
      if (!expected) rejected++;
      if (conformsTo(cls, raw) && !expected)
        throw new Error(`conformsTo accepts what class-validator refuses: ${JSON.stringify(raw)}`);
    }
    expect(validateAs(cls, sample).ok).toBe(true);
    // The JSON path answers for every contract's valid sample itself (it is the one events are checked by).
    expect(conformsTo(cls, sample)).toBe(true);
    expect(rejected).toBeGreaterThan(0);
  });

  it('leaves to validateAs what toInstance would make other than the JSON', () => {
    class Defaulted {
      @IsString() name: string = 'default';
    }
    class Dated {
      @ValidateNested() @Type(() => Date) at!: Date;
    }
    class Holder {
      @ValidateNested({ each: true }) @Type(() => Inner) items!: Inner[];
    }
    class Inner {
      @IsString() name!: string;
    }
    expect(conformsTo(Defaulted, {})).toBe(false);
    expect(conformsTo(Dated, { at: '2026-01-01T00:00:00Z' })).toBe(false);
    expect(conformsTo(Holder, { items: [{ name: 'a' }] })).toBe(true);
    // A hole: toInstance's copy drops it, so the JSON is not what is validated.
    expect(conformsTo(Holder, { items: [{ name: 'a' }, , { name: 'b' }] })).toBe(false);
    expect(conformsTo(Holder, { items: [{ name: 1 }] })).toBe(false);
    expect(conformsTo(Holder, new Holder())).toBe(false);
  });

  it('rejects a nested value of a class without rules (forbidUnknownValues), as class-validator does', () => {
    class Untyped {
      @IsString() name!: string;
      @ValidateNested() inner!: object;
    }
    const raw = { name: 'x', inner: { anything: 1 } };
    expect(classValidatorAccepts(Untyped, raw)).toBe(false);
    expect(validateAs(Untyped, raw).ok).toBe(false);
  });
});

describe('validateShallow', () => {
  const someEvent = contracts.all().find((e) => e.kind === 'event')!.subject as EventSubject;

  it('gives the envelope the verdict and field errors of validateAs, without copying its data', () => {
    const sample = sampleEnvelopeFor(someEvent);
    const odd = [
      { ...sample, __proto__: { polluted: true } },
      JSON.parse(`{"__proto__": {"x": 1}, "id": ${JSON.stringify(sample.id)}}`),
      { ...sample, constructor: 1 },
    ];
    let rejected = 0;
    for (const raw of [...variants(sample), ...odd, 'x', [], null]) {
      const deep = validateAs(EnvelopeShape, raw);
      const shallow = validateShallow(EnvelopeShape, raw);
      expect(shallow.ok).toBe(deep.ok);
      if (!deep.ok && !shallow.ok) {
        expect(shallow.errors).toEqual(deep.errors);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(50);
    const accepted = validateShallow(EnvelopeShape, sample);
    expect(accepted.ok && (accepted.value as unknown as { data: unknown }).data).toBe(sample.data);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('copies deep, as validateAs, a class with nested rules', () => {
    const entry = contracts
      .all()
      .find((e) => e.kind === 'event' && JSON.stringify(sampleFor(e.subject)).includes('['))!;
    const sample = sampleFor(entry.subject) as Record<string, unknown>;
    const result = validateShallow(entry.payload as new () => object, sample);
    expect(result.ok).toBe(true);
    expect(result).toEqual(validateAs(entry.payload as new () => object, sample));
    const list = Object.keys(sample).find((k) => Array.isArray(sample[k]))!;
    expect(result.ok && (result.value as Record<string, unknown>)[list]).not.toBe(sample[list]);
  });
});

/** The same instance as plainToInstance: same classes at every level, same own keys, same values. */
function expectSameInstance(cls: new () => object, raw: object): void {
  const expected = plainToInstance(cls, raw, { enableImplicitConversion: false, exposeDefaultValues: false });
  const actual = toInstance(cls, raw);
  expect(actual).toStrictEqual(expected);
  const shape = (v: unknown): unknown =>
    v === null || typeof v !== 'object'
      ? v
      : [Object.getPrototypeOf(v)?.constructor?.name, Object.keys(v), Object.values(v).map(shape)];
  expect(shape(actual)).toEqual(shape(expected));
}

describe('toInstance builds what plainToInstance builds', () => {
  const cases: [string, new () => object, unknown][] = [];
  for (const entry of contracts.all()) {
    cases.push([entry.subject, entry.payload as new () => object, sampleFor(entry.subject)]);
    if (entry.reply)
      cases.push([
        `${entry.subject} (reply)`,
        entry.reply as new () => object,
        sampleReplyFor(entry.subject),
      ]);
  }
  const someEvent = contracts.all().find((e) => e.kind === 'event')!.subject as EventSubject;
  cases.push(['envelope', EnvelopeShape, sampleEnvelopeFor(someEvent)]);

  it.each(cases)('%s: the sample and every broken variant of it', (_name, cls, sample) => {
    for (const raw of variants(sample))
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) expectSameInstance(cls, raw);
  });

  class Line {
    @IsString() sku!: string;
    get label(): string {
      return `line ${this.sku}`;
    }
    describe(): string {
      return this.sku;
    }
  }
  class Order {
    @IsString() id!: string;
    @Type(() => Line) lines!: Line[];
    @Type(() => Line) main!: Line;
    extra?: unknown;
  }
  class Base {
    @Type(() => Line) inherited!: Line;
  }
  class Derived extends Base {
    @IsString() id!: string;
  }

  it('nested classes, inherited @Type, plain objects, accessors, methods, odd keys and holes', () => {
    expectSameInstance(Order, {
      id: 'o',
      lines: [{ sku: 'a', label: 'x', describe: 1 }, null, 3, [{ sku: 'b' }]],
      main: { sku: 'm' },
      extra: { toString: 1, a: { b: [1, { c: 2 }] } },
    });
    expectSameInstance(
      Order,
      JSON.parse(
        '{"id":"o","__proto__":{"polluted":true},"constructor":1,"main":"not an object","lines":{"sku":"x"}}',
      ) as object,
    );
    expectSameInstance(Order, { id: 'o', lines: [1, , 3] });
    expectSameInstance(Derived, { id: 'd', inherited: { sku: 'i' }, other: [{ x: 1 }] });
  });

  it('falls back to plainToInstance for what it does not handle', () => {
    class Shaped {
      @Transform(({ value }) => String(value).toUpperCase()) code!: string;
      @Expose({ name: 'renamed' }) original!: string;
      @Exclude() secret!: string;
      @Type(() => Number) n!: number;
      @Type(() => Date) at!: Date;
    }
    expectSameInstance(Shaped, {
      code: 'abc',
      renamed: 'r',
      secret: 's',
      n: '42',
      at: '2026-01-01T00:00:00Z',
    });
    class Converted {
      @Type(() => Number) n!: number;
    }
    expectSameInstance(Converted, { n: '42' });
    expect(toInstance(Converted, { n: '42' })).toEqual({ n: 42 });
    expectSameInstance(Order, {
      id: 'o',
      main: new Date(0),
      lines: new Set([1]),
      extra: new Map([['a', 1]]),
    });
    expectSameInstance(Order, Object.assign(Object.create(null) as object, { id: 'o' }));
  });
});

describe('passesWhitelisted never accepts what class-validator with forbidNonWhitelisted rejects', () => {
  const refuses = (value: object) =>
    validateSync(value, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    }).length > 0;
  /** The variants, and each object in the sample (nested ones too) with a property no rule names. */
  const withUnknown = (sample: unknown): unknown[] => {
    const out: unknown[] = [{ ...(sample as object), unknownProperty: 1 }];
    const visit = (path: (string | number)[], node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      if (path.length > 0 && !Array.isArray(node))
        out.push(replaced(sample, path, { ...node, unknownProperty: 'x' }));
      for (const key of Object.keys(node))
        visit([...path, Array.isArray(node) ? Number(key) : key], (node as Record<string, unknown>)[key]);
    };
    visit([], sample);
    return out;
  };

  it.each(
    contracts.all().map((e) => [e.subject, e.payload as new () => object, sampleFor(e.subject)] as const),
  )('%s', (_name, cls, sample) => {
    let unknownRefused = 0;
    for (const raw of [...variants(sample), ...withUnknown(sample)]) {
      const value = plainToInstance(cls, raw, {
        enableImplicitConversion: false,
        exposeDefaultValues: false,
      });
      const refused = refuses(value);
      if (passesWhitelisted(value) && refused)
        throw new Error(`passesWhitelisted accepts what class-validator refuses: ${JSON.stringify(raw)}`);
      if (refused && (raw as Record<string, unknown>).unknownProperty !== undefined) unknownRefused++;
    }
    expect(passesWhitelisted(plainToInstance(cls, sample))).toBe(true);
    expect(unknownRefused).toBeGreaterThan(0);
  });
});
