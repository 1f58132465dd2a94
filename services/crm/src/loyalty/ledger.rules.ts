// The points ledger as pure rules: every change of a customer's points is a list of movements between
// pending, available and debt, and the balance is their sum (docs/crm/loyalty.md, Ledger).

export type LotStatus = 'pending' | 'available' | 'closed';

/** Points earned together (one purchase, one goodwill grant). */
export interface Lot {
  id: string;
  status: LotStatus;
  /** Earned. */
  points: number;
  /** Taken back by refunds (never more than `points`). */
  reversed: number;
  /** Still spendable, once available. */
  remaining: number;
  /** Expired unspent and not yet taken back by a refund: a refund takes these before spent points. */
  expired: number;
  expiresAt: Date | null;
}

export interface Balance {
  available: number;
  pending: number;
  /** Points taken back after they were spent: paid first from new points. */
  debt: number;
}

export type MovementKind =
  | 'earn'
  | 'release'
  | 'debt-payment'
  | 'goodwill'
  | 'redeem'
  | 'reverse'
  | 'debt'
  | 'expire'
  | 'merge-out'
  | 'merge-in';

/** One ledger entry: what moved, from or to which lot. */
export interface Movement {
  kind: MovementKind;
  lotId: string | null;
  pending: number;
  available: number;
  debt: number;
}

/** What a change does: the lots it changed (new objects) and the movements to write. */
export interface Change {
  lots: Lot[];
  movements: Movement[];
}

export class InsufficientPointsError extends Error {
  constructor(
    readonly requested: number,
    readonly available: number,
  ) {
    super(`${requested} points requested, ${available} available`);
  }
}

export const EMPTY_BALANCE: Balance = { available: 0, pending: 0, debt: 0 };

const move = (
  kind: MovementKind,
  lotId: string | null,
  d: Partial<Omit<Movement, 'kind' | 'lotId'>>,
): Movement => ({
  kind,
  lotId,
  pending: d.pending ?? 0,
  available: d.available ?? 0,
  debt: d.debt ?? 0,
});

/** The balance after the movements; a negative column is a bug in a rule, never a state to store. */
export function applyMovements(balance: Balance, movements: Movement[]): Balance {
  const next = { ...balance };
  for (const m of movements) {
    next.available += m.available;
    next.pending += m.pending;
    next.debt += m.debt;
  }
  if (next.available < 0 || next.pending < 0 || next.debt < 0)
    throw new Error(`ledger would go negative: ${JSON.stringify(next)}`);
  return next;
}

/** Sums movements per column (the balance deltas to store with them). */
export function sumMovements(movements: Movement[]): Balance {
  return movements.reduce(
    (s, m) => ({
      available: s.available + m.available,
      pending: s.pending + m.pending,
      debt: s.debt + m.debt,
    }),
    { ...EMPTY_BALANCE },
  );
}

/** A purchase's points, pending until its return window closes. */
export function earn(id: string, points: number): Change {
  return {
    lots: [{ id, status: 'pending', points, reversed: 0, remaining: 0, expired: 0, expiresAt: null }],
    movements: points > 0 ? [move('earn', id, { pending: points })] : [],
  };
}

/** New available points pay the debt first; what is left stays on the lot until it expires. */
function credit(
  balance: Balance,
  lot: Lot,
  net: number,
  kind: 'release' | 'goodwill',
  expiresAt: Date,
): Change {
  const movements = [
    kind === 'release'
      ? move('release', lot.id, { pending: -net, available: net })
      : move('goodwill', lot.id, { available: net }),
  ];
  const pay = Math.min(balance.debt, net);
  if (pay > 0) movements.push(move('debt-payment', lot.id, { available: -pay, debt: -pay }));
  const remaining = net - pay;
  return {
    lots: [{ ...lot, status: remaining > 0 ? 'available' : 'closed', remaining, expiresAt }],
    movements: net > 0 ? movements : [],
  };
}

/** The return window closed: the lot's points (less what refunds took back) become available. */
export function release(balance: Balance, lot: Lot, expiresAt: Date): Change {
  if (lot.status !== 'pending') return { lots: [], movements: [] };
  return credit(balance, lot, lot.points - lot.reversed, 'release', expiresAt);
}

/** Goodwill points: available at once (paying any debt first). */
export function goodwill(balance: Balance, id: string, points: number, expiresAt: Date): Change {
  const lot: Lot = { id, status: 'pending', points, reversed: 0, remaining: 0, expired: 0, expiresAt: null };
  return credit(balance, lot, points, 'goodwill', expiresAt);
}

/** Spendable lots, the ones that expire first first. */
export function byExpiry(lots: Lot[]): Lot[] {
  return lots
    .filter((l) => l.status === 'available' && l.remaining > 0)
    .sort(
      (a, b) =>
        (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** Takes `points` from the lots that expire first; throws when the balance does not hold them. */
export function redeem(balance: Balance, lots: Lot[], points: number): Change {
  if (points > balance.available) throw new InsufficientPointsError(points, balance.available);
  return takeFromLots(lots, points, (lotId, take) => move('redeem', lotId, { available: -take }));
}

/** Takes `points` of available points from the lots that expire first, one movement per lot touched. */
function takeFromLots(
  lots: Lot[],
  points: number,
  movement: (lotId: string, take: number) => Movement,
): Change {
  const changed: Lot[] = [];
  const movements: Movement[] = [];
  let left = points;
  for (const lot of byExpiry(lots)) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    left -= take;
    const remaining = lot.remaining - take;
    changed.push({ ...lot, remaining, status: remaining > 0 ? 'available' : 'closed' });
    movements.push(movement(lot.id, take));
  }
  if (left > 0) throw new Error('available lots do not add up to the balance');
  return { lots: changed, movements };
}

/**
 * A refund takes back `points` of `lot`. Still pending: they leave the pending points. Already
 * released: from what is left of the lot, then from what of it expired unspent (nothing to take),
 * then from the points that expire first, and what was already spent becomes debt.
 */
export function reverse(balance: Balance, lot: Lot, points: number, others: Lot[]): Change {
  const count = Math.min(points, lot.points - lot.reversed);
  if (count <= 0) return { lots: [], movements: [] };
  if (lot.status === 'pending') {
    const reversed = lot.reversed + count;
    return {
      lots: [{ ...lot, reversed, status: reversed === lot.points ? 'closed' : 'pending' }],
      movements: [move('reverse', lot.id, { pending: -count })],
    };
  }
  const own = Math.min(lot.remaining, count);
  // Points of the lot that expired unspent already left the balance: taking them back moves nothing.
  const gone = Math.min(lot.expired, count - own);
  const first: Lot = {
    ...lot,
    reversed: lot.reversed + count,
    remaining: lot.remaining - own,
    expired: lot.expired - gone,
  };
  first.status = first.remaining > 0 ? 'available' : 'closed';
  const movements: Movement[] = own > 0 ? [move('reverse', lot.id, { available: -own })] : [];
  const changed: Lot[] = [first];
  let left = count - own - gone;
  let available = balance.available - own;
  for (const other of byExpiry(others.filter((o) => o.id !== lot.id))) {
    if (left === 0 || available === 0) break;
    const take = Math.min(other.remaining, left);
    left -= take;
    available -= take;
    const remaining = other.remaining - take;
    changed.push({ ...other, remaining, status: remaining > 0 ? 'available' : 'closed' });
    movements.push(move('reverse', other.id, { available: -take }));
  }
  if (left > 0) movements.push(move('debt', lot.id, { debt: left }));
  return { lots: changed, movements };
}

/** The lot's expiry came: what is left of it leaves the balance. */
export function expire(lot: Lot, now: Date): Change {
  if (lot.status !== 'available' || !lot.expiresAt || lot.expiresAt > now) return { lots: [], movements: [] };
  return {
    lots: [{ ...lot, remaining: 0, expired: lot.expired + lot.remaining, status: 'closed' }],
    movements: lot.remaining > 0 ? [move('expire', lot.id, { available: -lot.remaining })] : [],
  };
}

/** A merged record's whole balance leaves it (its lots went to the survivor): its ledger sums to zero. */
export function mergeOut(balance: Balance): Change {
  const { available, pending, debt } = balance;
  if (available === 0 && pending === 0 && debt === 0) return { lots: [], movements: [] };
  return {
    lots: [],
    movements: [move('merge-out', null, { available: -available, pending: -pending, debt: -debt })],
  };
}

/**
 * The merged record's balance arrives at the survivor, whose `lots` now include the merged record's.
 * A debt on either side is paid from the combined available points, the ones that expire first first,
 * as any debt is paid before points can be spent.
 */
export function mergeIn(balance: Balance, incoming: Balance, lots: Lot[]): Change {
  const movements: Movement[] = [];
  if (incoming.available !== 0 || incoming.pending !== 0 || incoming.debt !== 0)
    movements.push(move('merge-in', null, incoming));
  const combined = applyMovements(balance, movements);
  const paid = takeFromLots(lots, Math.min(combined.debt, combined.available), (lotId, take) =>
    move('debt-payment', lotId, { available: -take, debt: -take }),
  );
  return { lots: paid.lots, movements: [...movements, ...paid.movements] };
}
