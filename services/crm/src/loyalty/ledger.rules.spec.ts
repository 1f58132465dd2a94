import { DAY_MS } from '@cx/platform';
import fc from 'fast-check';
import {
  applyMovements,
  Balance,
  Change,
  EMPTY_BALANCE,
  earn,
  expire,
  goodwill,
  InsufficientPointsError,
  Lot,
  mergeIn,
  mergeOut,
  Movement,
  redeem,
  release,
  reverse,
  sumMovements,
} from './ledger.rules';

const t0 = new Date('2026-03-01T00:00:00Z');
const day = (n: number) => new Date(t0.getTime() + n * DAY_MS);

/** A customer's ledger in memory: lots, balance and every movement written. */
class Ledger {
  lots = new Map<string, Lot>();
  balance: Balance = { ...EMPTY_BALANCE };
  movements: Movement[] = [];
  private next = 0;

  constructor(private readonly prefix = 'lot') {}

  id(): string {
    this.next += 1;
    return `${this.prefix}-${String(this.next).padStart(4, '0')}`;
  }
  apply(change: Change): void {
    this.balance = applyMovements(this.balance, change.movements);
    this.movements.push(...change.movements);
    for (const lot of change.lots) this.lots.set(lot.id, lot);
  }
  all(): Lot[] {
    return [...this.lots.values()];
  }
}

describe('ledger rules', () => {
  it('releases a pending lot into available points that expire after the period', () => {
    const l = new Ledger();
    l.apply(earn('a', 100));
    expect(l.balance).toEqual({ available: 0, pending: 100, debt: 0 });
    l.apply(release(l.balance, l.lots.get('a')!, day(365)));
    expect(l.balance).toEqual({ available: 100, pending: 0, debt: 0 });
    expect(l.lots.get('a')).toMatchObject({ status: 'available', remaining: 100, expiresAt: day(365) });
  });

  it('spends the points that expire first', () => {
    const l = new Ledger();
    l.apply(earn('late', 50));
    l.apply(earn('early', 30));
    l.apply(release(l.balance, l.lots.get('late')!, day(400)));
    l.apply(release(l.balance, l.lots.get('early')!, day(100)));
    const change = redeem(l.balance, l.all(), 40);
    expect(change.movements).toEqual([
      { kind: 'redeem', lotId: 'early', pending: 0, available: -30, debt: 0 },
      { kind: 'redeem', lotId: 'late', pending: 0, available: -10, debt: 0 },
    ]);
    l.apply(change);
    expect(l.lots.get('early')).toMatchObject({ status: 'closed', remaining: 0 });
    expect(l.lots.get('late')).toMatchObject({ status: 'available', remaining: 40 });
  });

  it('refuses to spend more than is available', () => {
    const l = new Ledger();
    l.apply(goodwill(l.balance, 'g', 10, day(10)));
    expect(() => redeem(l.balance, l.all(), 11)).toThrow(InsufficientPointsError);
  });

  it('a refund of pending points takes them out of pending', () => {
    const l = new Ledger();
    l.apply(earn('a', 100));
    l.apply(reverse(l.balance, l.lots.get('a')!, 40, l.all()));
    expect(l.balance).toEqual({ available: 0, pending: 60, debt: 0 });
    l.apply(release(l.balance, l.lots.get('a')!, day(365)));
    expect(l.balance).toEqual({ available: 60, pending: 0, debt: 0 });
  });

  it('a refund after the points were spent leaves a debt that new points pay first', () => {
    const l = new Ledger();
    l.apply(earn('a', 100));
    l.apply(release(l.balance, l.lots.get('a')!, day(365)));
    l.apply(redeem(l.balance, l.all(), 80));
    l.apply(reverse(l.balance, l.lots.get('a')!, 100, l.all()));
    expect(l.balance).toEqual({ available: 0, pending: 0, debt: 80 });
    l.apply(earn('b', 50));
    l.apply(release(l.balance, l.lots.get('b')!, day(400)));
    expect(l.balance).toEqual({ available: 0, pending: 0, debt: 30 });
    l.apply(goodwill(l.balance, 'g', 45, day(400)));
    expect(l.balance).toEqual({ available: 15, pending: 0, debt: 0 });
    expect(l.lots.get('g')).toMatchObject({ remaining: 15 });
  });

  it('a refund takes other available points before it makes a debt', () => {
    const l = new Ledger();
    l.apply(earn('a', 100));
    l.apply(goodwill(l.balance, 'g', 30, day(50)));
    l.apply(release(l.balance, l.lots.get('a')!, day(365)));
    l.apply(redeem(l.balance, l.all(), 120)); // g 30, a 90
    l.apply(reverse(l.balance, l.lots.get('a')!, 100, l.all()));
    expect(l.balance).toEqual({ available: 0, pending: 0, debt: 90 });
  });

  it('a refund of points that expired unspent takes nothing and makes no debt; what was spent still does', () => {
    const l = new Ledger();
    l.apply(earn('a', 100));
    l.apply(release(l.balance, l.lots.get('a')!, day(10)));
    l.apply(redeem(l.balance, l.all(), 30));
    l.apply(expire(l.lots.get('a')!, day(10)));
    expect(l.balance).toEqual(EMPTY_BALANCE);
    l.apply(reverse(l.balance, l.lots.get('a')!, 50, l.all()));
    expect(l.balance).toEqual(EMPTY_BALANCE);
    l.apply(reverse(l.balance, l.lots.get('a')!, 50, l.all()));
    expect(l.balance).toEqual({ available: 0, pending: 0, debt: 30 });
  });

  it('expires what is left of a lot on its date, not before', () => {
    const l = new Ledger();
    l.apply(goodwill(l.balance, 'g', 30, day(10)));
    expect(expire(l.lots.get('g')!, day(9)).movements).toEqual([]);
    l.apply(expire(l.lots.get('g')!, day(10)));
    expect(l.balance).toEqual(EMPTY_BALANCE);
    expect(l.lots.get('g')!.status).toBe('closed');
  });

  type Op =
    | { op: 'earn'; points: number }
    | { op: 'goodwill'; points: number; expiry: number }
    | { op: 'release'; pick: number; expiry: number }
    | { op: 'redeem'; points: number }
    | { op: 'refund'; pick: number; points: number }
    | { op: 'expire'; at: number };

  const ops: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('earn' as const), points: fc.integer({ min: 0, max: 500 }) }),
    fc.record({
      op: fc.constant('goodwill' as const),
      points: fc.integer({ min: 1, max: 200 }),
      expiry: fc.integer({ min: 0, max: 400 }),
    }),
    fc.record({
      op: fc.constant('release' as const),
      pick: fc.nat(),
      expiry: fc.integer({ min: 0, max: 400 }),
    }),
    fc.record({ op: fc.constant('redeem' as const), points: fc.integer({ min: 1, max: 600 }) }),
    fc.record({
      op: fc.constant('refund' as const),
      pick: fc.nat(),
      points: fc.integer({ min: 1, max: 500 }),
    }),
    fc.record({ op: fc.constant('expire' as const), at: fc.integer({ min: 0, max: 400 }) }),
  );

  /** Applies one generated operation, as the service would. */
  function step(l: Ledger, o: Op): void {
    const lots = l.all();
    const pick = (n: number) => (lots.length ? lots[n % lots.length] : undefined);
    switch (o.op) {
      case 'earn':
        l.apply(earn(l.id(), o.points));
        break;
      case 'goodwill':
        l.apply(goodwill(l.balance, l.id(), o.points, day(o.expiry)));
        break;
      case 'release': {
        const lot = pick(o.pick);
        if (lot) l.apply(release(l.balance, lot, day(o.expiry)));
        break;
      }
      case 'redeem':
        if (o.points > l.balance.available) {
          expect(() => redeem(l.balance, lots, o.points)).toThrow(InsufficientPointsError);
        } else {
          l.apply(redeem(l.balance, lots, o.points));
        }
        break;
      case 'refund': {
        const lot = pick(o.pick);
        if (lot) l.apply(reverse(l.balance, lot, o.points, lots));
        break;
      }
      case 'expire':
        for (const lot of lots) l.apply(expire(lot, day(o.at)));
        break;
    }
  }

  function expectConsistent(l: Ledger): void {
    expect(sumMovements(l.movements)).toEqual(l.balance);
    const after = l.all();
    expect(l.balance.available).toBe(
      after.filter((x) => x.status === 'available').reduce((s, x) => s + x.remaining, 0),
    );
    expect(l.balance.pending).toBe(
      after.filter((x) => x.status === 'pending').reduce((s, x) => s + x.points - x.reversed, 0),
    );
    expect(Math.min(l.balance.available, l.balance.pending, l.balance.debt)).toBeGreaterThanOrEqual(0);
    // New points pay the debt first, and refunds take available points before making one.
    if (l.balance.debt > 0) expect(l.balance.available).toBe(0);
  }

  it('the ledger always sums to the balance, the balance matches the lots, and nothing goes negative', () => {
    fc.assert(
      fc.property(fc.array(ops, { maxLength: 60 }), (sequence) => {
        const l = new Ledger();
        for (const o of sequence) {
          step(l, o);
          expectConsistent(l);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a merge moves the whole balance with the lots; both ledgers still sum to their balances', () => {
    fc.assert(
      fc.property(
        fc.array(ops, { maxLength: 40 }),
        fc.array(ops, { maxLength: 40 }),
        fc.array(ops, { maxLength: 20 }),
        (mine, theirs, after) => {
          const survivor = new Ledger('s');
          const merged = new Ledger('m');
          for (const o of mine) step(survivor, o);
          for (const o of theirs) step(merged, o);
          const total = {
            available: survivor.balance.available + merged.balance.available,
            pending: survivor.balance.pending + merged.balance.pending,
            debt: survivor.balance.debt + merged.balance.debt,
          };
          const incoming = merged.balance;
          for (const lot of merged.all()) survivor.lots.set(lot.id, lot);
          merged.lots.clear();
          merged.apply(mergeOut(incoming));
          survivor.apply(mergeIn(survivor.balance, incoming, survivor.all()));
          expect(merged.balance).toEqual(EMPTY_BALANCE);
          expect(sumMovements(merged.movements)).toEqual(EMPTY_BALANCE);
          // Debt paid from available points leaves both by the same amount.
          const paid = total.available - survivor.balance.available;
          expect(survivor.balance).toEqual({
            available: total.available - paid,
            pending: total.pending,
            debt: total.debt - paid,
          });
          expectConsistent(survivor);
          for (const o of after) {
            step(survivor, o);
            expectConsistent(survivor);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a merge pays a debt from the points that expire first', () => {
    const s = new Ledger('s');
    s.apply(earn('s-a', 100));
    s.apply(release(s.balance, s.lots.get('s-a')!, day(365)));
    s.apply(redeem(s.balance, s.all(), 100));
    s.apply(reverse(s.balance, s.lots.get('s-a')!, 100, s.all()));
    expect(s.balance).toEqual({ available: 0, pending: 0, debt: 100 });
    const m = new Ledger('m');
    m.apply(goodwill(m.balance, 'm-late', 70, day(300)));
    m.apply(goodwill(m.balance, 'm-early', 50, day(30)));
    m.apply(earn('m-p', 20));
    for (const lot of m.all()) s.lots.set(lot.id, lot);
    const change = mergeIn(s.balance, m.balance, s.all());
    expect(change.movements).toEqual([
      { kind: 'merge-in', lotId: null, pending: 20, available: 120, debt: 0 },
      { kind: 'debt-payment', lotId: 'm-early', pending: 0, available: -50, debt: -50 },
      { kind: 'debt-payment', lotId: 'm-late', pending: 0, available: -50, debt: -50 },
    ]);
    s.apply(change);
    expect(s.balance).toEqual({ available: 20, pending: 20, debt: 0 });
    expect(s.lots.get('m-late')).toMatchObject({ status: 'available', remaining: 20 });
    expect(mergeOut(EMPTY_BALANCE).movements).toEqual([]);
  });
});
