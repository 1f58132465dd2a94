import { sampleFor, Subjects } from '@cx/contracts';
import {
  complaintCreatedFact,
  complaintResolvedFact,
  repairCompletedFact,
  returnCompletedFact,
  surveyAnsweredFact,
  tierChangedFact,
  TimelineFact,
} from './timeline.rules';

const CUSTOMER = '0193a8d2-6f1e-7c3a-9b2d-1f2e3d4c5b6a';

/** Every string the summary holds, to check no personal value slipped in. */
const summaryText = (f: TimelineFact | null) => JSON.stringify(f?.summary ?? {});

describe('timeline facts', () => {
  it('names a tier change by customer and instant, so a re-sent change is the same entry', () => {
    const data = sampleFor(Subjects.crm.customerTierChanged, {
      customerId: CUSTOMER,
      fromTier: null,
      toTier: 'gold',
      changedAt: '2026-03-01T00:00:00.000+00:00',
    });
    const fact = tierChangedFact(data);
    expect(fact.referenceId).toBe(`${CUSTOMER}@2026-03-01T00:00:00.000Z`);
    expect(fact.summary).toEqual({ fromTier: null, toTier: 'gold', reason: data.reason });
  });

  it('leaves anonymous complaints and survey answers off every timeline', () => {
    const created = sampleFor(Subjects.complaints.complaintCreated);
    delete created.customerId;
    const resolved = sampleFor(Subjects.complaints.complaintResolved);
    delete resolved.customerId;
    const answer = sampleFor(Subjects.surveys.responseSubmitted);
    delete answer.customerId;
    expect(complaintCreatedFact(created)).toBeNull();
    expect(complaintResolvedFact(resolved)).toBeNull();
    expect(surveyAnsweredFact(answer)).toBeNull();
  });

  it('keeps the resolution text and the survey comment out of the summary', () => {
    const resolved = sampleFor(Subjects.complaints.complaintResolved, {
      customerId: CUSTOMER,
      resolutionSummary: 'Refunded Ms Jane Doe, 13800001111',
    });
    const answer = sampleFor(Subjects.surveys.responseSubmitted, {
      customerId: CUSTOMER,
      comment: 'Call me on 13800001111, Jane',
    });
    expect(summaryText(complaintResolvedFact(resolved))).not.toMatch(/Jane|13800001111/);
    const survey = surveyAnsweredFact(answer);
    expect(summaryText(survey)).not.toMatch(/Jane|13800001111/);
    expect(survey).toMatchObject({
      kind: 'survey-answered',
      source: 'surveys',
      referenceId: answer.responseId,
    });
  });

  it('puts complaints, returns and repairs at the time they happened, under their own ids', () => {
    const created = sampleFor(Subjects.complaints.complaintCreated, { customerId: CUSTOMER });
    const returned = sampleFor(Subjects.aftersales.returnCompleted, { customerId: CUSTOMER });
    const repaired = sampleFor(Subjects.aftersales.repairCompleted, { customerId: CUSTOMER });
    expect(complaintCreatedFact(created)).toMatchObject({
      kind: 'complaint-created',
      referenceId: created.complaintId,
      occurredAt: new Date(created.receivedAt),
      summary: { reference: created.reference, priority: created.priority },
    });
    expect(returnCompletedFact(returned)).toMatchObject({
      kind: 'return-completed',
      source: 'aftersales',
      referenceId: returned.returnId,
      summary: { refundAmountMinor: returned.refundAmountMinor },
    });
    expect(repairCompletedFact(repaired)).toMatchObject({
      kind: 'repair-completed',
      referenceId: repaired.repairId,
      occurredAt: new Date(repaired.completedAt),
    });
  });
});
