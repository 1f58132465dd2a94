import {
  breachesCallForTraining,
  causeOf,
  RemedialSettings,
  remedialDueAt,
  satisfactionCallsForTraining,
} from './remedial.rules';

const s: RemedialSettings = {
  breachThreshold: 2,
  satisfactionThresholdPct: 80,
  satisfactionMinResponses: 5,
  dueDays: 30,
};

describe('remedial rules', () => {
  it('calls for training from the threshold of breaches on', () => {
    expect(breachesCallForTraining(1, s)).toBe(false);
    expect(breachesCallForTraining(2, s)).toBe(true);
  });

  it('calls for training below the satisfaction threshold, once there are enough answers', () => {
    expect(satisfactionCallsForTraining(3, 4, s)).toBe(false); // 75 %, 4 answers: too few to say
    expect(satisfactionCallsForTraining(3, 5, s)).toBe(true); // 60 %
    expect(satisfactionCallsForTraining(4, 5, s)).toBe(false); // 80 %: at the threshold is fine
  });

  it('names one cause per audit item, per month of breaches or satisfaction, per complaint cause', () => {
    expect(causeOf.auditItem('a1', 'FR-03')).toBe('audit:a1:FR-03');
    expect(causeOf.breaches('2026-11')).toBe('sla-breaches:2026-11');
    expect(causeOf.satisfaction('2026-11')).toBe('low-satisfaction:2026-11');
    expect(causeOf.complaint('c1', 'rude-staff')).toBe('complaint:c1:rude-staff');
  });

  it('is due the configured days later, to the millisecond', () => {
    expect(remedialDueAt(new Date('2026-11-01T00:00:00.000Z'), s).toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
  });
});
