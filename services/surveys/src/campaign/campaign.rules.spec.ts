import { DAY_MS } from '@cx/platform';
import { spreadSendAt } from './campaign.rules';

const start = new Date('2026-06-01T01:00:00.000Z');

describe('spreadSendAt', () => {
  it('spreads members evenly over the days, the last before the end', () => {
    const at = [0, 1, 2, 3].map((n) => spreadSendAt(start, n, 4, 2).getTime() - start.getTime());
    expect(at).toEqual([0, DAY_MS / 2, DAY_MS, (3 * DAY_MS) / 2]);
    expect(spreadSendAt(start, 999, 1000, 3).getTime()).toBeLessThan(start.getTime() + 3 * DAY_MS);
  });

  it('sends a lone member at the start', () => {
    expect(spreadSendAt(start, 0, 1, 5)).toEqual(start);
  });
});
