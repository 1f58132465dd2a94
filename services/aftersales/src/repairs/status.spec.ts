import { canMoveRepair } from './status';

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
