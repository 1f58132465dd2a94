import { canMoveRepair, repairDueAt } from './status';

describe('repair steps', () => {
  it('goes requested -> scheduled -> inspected -> repaired -> confirmed -> completed', () => {
    expect(canMoveRepair('requested', 'scheduled')).toBe(true);
    expect(canMoveRepair('scheduled', 'scheduled')).toBe(true);
    expect(canMoveRepair('scheduled', 'inspected')).toBe(true);
    expect(canMoveRepair('inspected', 'repaired')).toBe(true);
    expect(canMoveRepair('repaired', 'confirmed')).toBe(true);
    expect(canMoveRepair('confirmed', 'completed')).toBe(true);
  });

  it('inspects first, then repairs; nothing moves after the end', () => {
    expect(canMoveRepair('scheduled', 'repaired')).toBe(false);
    expect(canMoveRepair('requested', 'inspected')).toBe(false);
    expect(canMoveRepair('completed', 'scheduled')).toBe(false);
    expect(canMoveRepair('repaired', 'cancelled')).toBe(false);
  });
});

describe('repair step time limits', () => {
  const at = new Date('2026-11-01T10:00:00Z');

  it('gives the first response 24 h to the second, and the ends no limit', () => {
    expect(repairDueAt({ status: 'requested', appointmentAt: null }, at)).toEqual(
      new Date('2026-11-02T10:00:00Z'),
    );
    expect(repairDueAt({ status: 'inspected', appointmentAt: null }, at)).toEqual(
      new Date('2026-11-04T10:00:00Z'),
    );
    expect(repairDueAt({ status: 'completed', appointmentAt: null }, at)).toBeNull();
    expect(repairDueAt({ status: 'cancelled', appointmentAt: null }, at)).toBeNull();
  });

  it('counts a scheduled repair from the end of its slot, not from the booking', () => {
    const appointmentAt = new Date('2026-11-05T14:00:00Z');
    expect(repairDueAt({ status: 'scheduled', appointmentAt }, at)).toEqual(new Date('2026-11-06T15:00:00Z'));
  });
});
