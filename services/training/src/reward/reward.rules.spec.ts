import { redemptionRefusal } from './reward.rules';

describe('redemptionRefusal', () => {
  it('takes a balance that covers the cost exactly, refuses one point less', () => {
    expect(redemptionRefusal(50, { costPoints: 50, active: true })).toBeNull();
    expect(redemptionRefusal(49, { costPoints: 50, active: true })).toBe(
      'the balance (49 points) does not cover 50 points',
    );
  });

  it('refuses a reward no longer offered', () => {
    expect(redemptionRefusal(500, { costPoints: 50, active: false })).toBe('the reward is no longer offered');
  });
});
