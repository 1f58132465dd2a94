// Whatever the HTTP API accepts (the global ValidationPipe over the DTOs) must pass the contract of the
// event it ends up in, or the request fails with a 500 at publish time. Properties over generated
// strings, each checked through the real pipe and through the contracts registry.
import { contracts, EventSubject, sampleFor, Subjects } from '@cx/contracts';
import { createValidationPipe } from '@cx/platform';
import fc from 'fast-check';
import { EscalationStepDto } from './admin/dto/policy-settings.dto';
import { CreateCategoryDto } from './admin/dto/category.dto';
import { ChangeStatusDto } from './complaint/dto/actions.dto';
import { CreateComplaintDto } from './complaint/dto/create-complaint.dto';
import { CommentDto } from './handling/dto/comment.dto';
import { AssignDto, TransferDto } from './handling/dto/ownership.dto';

const pipe = createValidationPipe();

/** Whether the API takes `body` for a request of `dto`, as the global pipe decides. */
async function apiAccepts(dto: new () => object, body: Record<string, unknown>): Promise<boolean> {
  try {
    await pipe.transform(body, { type: 'body', metatype: dto });
    return true;
  } catch {
    return false;
  }
}

/** Whether the contract of `subject` takes its sample with `field` set to `value`. */
function contractAccepts(subject: EventSubject, field: string, value: unknown): boolean {
  return contracts.validatePayload(subject, { ...sampleFor(subject), [field]: value }).ok;
}

const intake = {
  channel: 'hotline',
  category: 'product-quality',
  urgency: 'medium',
  importance: 'medium',
  description: 'The zip broke.',
};

const chars = (s: string, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...s.split('')), maxLength });

// Near misses of each format as well as what a loose rule would let through (leading digits,
// doubled or trailing hyphens, upper case, spaces, any Unicode).
const codes = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/),
  fc.stringMatching(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/),
  chars('az09-_A .', 70),
  fc.string({ unit: 'grapheme', maxLength: 70 }),
);
const refs = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,70}$/),
  chars('aZ09._:/- \t*', 80),
  fc.string({ unit: 'binary', maxLength: 70 }),
);
const dates = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
const timestamps = fc.oneof(
  dates.map((d) => d.toISOString()),
  fc
    .tuple(dates, fc.stringMatching(/^[+-](0\d|1[0-4]):(00|30|45)$/))
    .map(([d, offset]) => d.toISOString().slice(0, 19) + offset),
  dates.map((d) => d.toISOString().slice(0, 19)),
  fc.stringMatching(/^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-][01]\d:[0-5]\d)?$/),
  fc.string({ maxLength: 40 }),
);
const texts = fc.oneof(
  chars(' \t\n\u00a0a', 40),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.integer({ min: 1990, max: 2010 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 0, max: 2600 }).map((n) => ' '.repeat(n)),
);

interface Case {
  what: string;
  values: fc.Arbitrary<string>;
  dto: new () => object;
  body: (v: string) => Record<string, unknown>;
  subject: EventSubject;
  field: string;
}

const created = Subjects.complaints.complaintCreated;
const resolved = Subjects.complaints.complaintResolved;
const escalated = Subjects.complaints.complaintEscalated;
const updated = Subjects.complaints.complaintUpdated;

const CASES: Case[] = [
  {
    what: 'intake category',
    values: codes,
    dto: CreateComplaintDto,
    body: (v) => ({ ...intake, category: v }),
    subject: created,
    field: 'category',
  },
  ...(['storeId', 'orderId', 'productSku', 'employeeId'] as const).map((f) => ({
    what: `intake ${f}`,
    values: refs,
    dto: CreateComplaintDto,
    body: (v: string) => ({ ...intake, [f]: v }),
    subject: created,
    field: f,
  })),
  {
    what: 'intake receivedAt',
    values: timestamps,
    dto: CreateComplaintDto,
    body: (v) => ({ ...intake, receivedAt: v }),
    subject: created,
    field: 'receivedAt',
  },
  {
    what: 'intake takenBy (the owner)',
    values: refs,
    dto: CreateComplaintDto,
    body: (v) => ({ ...intake, takenBy: v }),
    subject: resolved,
    field: 'ownerId',
  },
  {
    what: 'intake departments',
    values: codes,
    dto: CreateComplaintDto,
    body: (v) => ({ ...intake, departments: [v] }),
    subject: escalated,
    field: 'department',
  },
  {
    what: 'category code',
    values: codes,
    dto: CreateCategoryDto,
    body: (v) => ({ code: v, name: 'A name' }),
    subject: created,
    field: 'category',
  },
  {
    what: 'category department',
    values: codes,
    dto: CreateCategoryDto,
    body: (v) => ({ code: 'zip-defect', name: 'Zips', department: v }),
    subject: escalated,
    field: 'department',
  },
  {
    what: 'escalation step addressee',
    values: codes,
    dto: EscalationStepDto,
    body: (v) => ({ level: 1, to: v, afterMinutes: 0 }),
    subject: escalated,
    field: 'to',
  },
  {
    what: 'transfer owner',
    values: refs,
    dto: TransferDto,
    body: (v) => ({ toOwnerId: v, reason: 'Back from leave' }),
    subject: resolved,
    field: 'ownerId',
  },
  {
    what: 'assigned department',
    values: codes,
    dto: AssignDto,
    body: (v) => ({ department: v }),
    subject: escalated,
    field: 'department',
  },
  {
    what: 'resolution summary',
    values: texts,
    dto: ChangeStatusDto,
    body: (v) => ({ status: 'resolved', summary: v }),
    subject: resolved,
    field: 'resolutionSummary',
  },
  {
    what: 'status message to the customer',
    values: texts,
    dto: ChangeStatusDto,
    body: (v) => ({ status: 'in-progress', message: v }),
    subject: updated,
    field: 'customerMessage',
  },
  {
    what: 'customer-visible comment',
    values: texts,
    dto: CommentDto,
    body: (v) => ({ visibility: 'customer', body: v }),
    subject: updated,
    field: 'customerMessage',
  },
];

describe('the HTTP DTOs accept nothing their events refuse', () => {
  it.each(CASES.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(c.values, async (v) => {
        if (!(await apiAccepts(c.dto, c.body(v)))) return true;
        accepted++;
        return contractAccepts(c.subject, c.field, v);
      }),
      { numRuns: 300 },
    );
    // The generators must reach the accepting side too, or the property says nothing.
    expect(accepted).toBeGreaterThan(20);
  });

  it('refuses what the old local rules let through', async () => {
    expect(await apiAccepts(CreateCategoryDto, { code: '2-day-delay', name: 'Two-day delay' })).toBe(false);
    expect(await apiAccepts(CreateComplaintDto, { ...intake, receivedAt: '2026-11-01T10:00:00' })).toBe(
      false,
    );
    expect(await apiAccepts(ChangeStatusDto, { status: 'resolved', summary: '   ' })).toBe(false);
    expect(await apiAccepts(CreateComplaintDto, { ...intake, receivedAt: '2026-11-01T10:00:00+08:00' })).toBe(
      true,
    );
  });
});
