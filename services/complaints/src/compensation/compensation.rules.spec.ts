import { compensationProblem } from './compensation.rules';

describe('compensationProblem', () => {
  it('accepts money for refunds, exchanges and vouchers, and points (with an optional cost) for goodwill', () => {
    expect(compensationProblem({ kind: 'refund', amountMinor: 59900, currency: 'CNY' })).toBeNull();
    expect(compensationProblem({ kind: 'exchange', amountMinor: 0, currency: 'CNY' })).toBeNull();
    expect(compensationProblem({ kind: 'voucher', amountMinor: 5000, currency: 'CNY' })).toBeNull();
    expect(compensationProblem({ kind: 'goodwill-points', points: 500 })).toBeNull();
    expect(
      compensationProblem({ kind: 'goodwill-points', points: 500, amountMinor: 500, currency: 'CNY' }),
    ).toBeNull();
  });

  it('names the missing or misplaced field', () => {
    expect(compensationProblem({ kind: 'refund' })?.field).toBe('amountMinor');
    expect(compensationProblem({ kind: 'refund', amountMinor: 100 })?.field).toBe('currency');
    expect(compensationProblem({ kind: 'voucher', currency: 'CNY' })?.field).toBe('amountMinor');
    expect(compensationProblem({ kind: 'refund', amountMinor: 100, currency: 'CNY', points: 5 })?.field).toBe(
      'points',
    );
    expect(compensationProblem({ kind: 'goodwill-points' })?.field).toBe('points');
  });
});
