import { HOUR_MS } from '@cx/platform';
import { CoveringIncident, detectSpikes, RecentComplaint, spikeTitle } from './spike';

const NOW = new Date('2026-11-10T12:00:00Z');
const settings = { windowHours: 24, minComplaints: 3 };
let n = 0;
const complaint = (over: Partial<RecentComplaint> = {}): RecentComplaint => ({
  id: `c${++n}`,
  receivedAt: new Date(NOW.getTime() - HOUR_MS),
  storeId: 'SH-001',
  productSku: 'JKT-1',
  ...over,
});
const ids = (spikes: { complaintIds: string[] }[]) => spikes.map((s) => s.complaintIds.length);

describe('detectSpikes', () => {
  it('proposes a product with at least minComplaints inside the window, and not one short of it', () => {
    const three = [complaint(), complaint({ storeId: 'BJ-002' }), complaint({ storeId: 'GZ-003' })];
    expect(detectSpikes(three, [], NOW, settings)).toEqual([
      { kind: 'product', key: 'JKT-1', complaintIds: three.map((c) => c.id) },
    ]);
    expect(detectSpikes(three.slice(0, 2), [], NOW, settings)).toEqual([]);
  });

  it('counts a complaint received exactly windowHours ago, and not one a second earlier (or in the future)', () => {
    const edge = new Date(NOW.getTime() - 24 * HOUR_MS);
    const base = [complaint(), complaint()];
    expect(ids(detectSpikes([...base, complaint({ receivedAt: edge })], [], NOW, settings))).toEqual([3]);
    expect(
      detectSpikes([...base, complaint({ receivedAt: new Date(edge.getTime() - 1000) })], [], NOW, settings),
    ).toEqual([]);
    expect(
      detectSpikes([...base, complaint({ receivedAt: new Date(NOW.getTime() + 1000) })], [], NOW, settings),
    ).toEqual([]);
  });

  it('groups by store what no product spike took, so a complaint is proposed once', () => {
    const product = [complaint(), complaint(), complaint()];
    const store = [
      complaint({ productSku: 'A' }),
      complaint({ productSku: null }),
      complaint({ productSku: 'B' }),
    ];
    const spikes = detectSpikes([...product, ...store], [], NOW, settings);
    expect(spikes).toEqual([
      { kind: 'product', key: 'JKT-1', complaintIds: product.map((c) => c.id) },
      { kind: 'store', key: 'SH-001', complaintIds: store.map((c) => c.id) },
    ]);
  });

  it('does not propose what an incident covers: proposed or open, or dismissed inside the window', () => {
    const three = [complaint(), complaint(), complaint()];
    const incident = (over: Partial<CoveringIncident>): CoveringIncident => ({
      storeId: null,
      productSku: 'JKT-1',
      status: 'open',
      closedAt: null,
      ...over,
    });
    expect(detectSpikes(three, [incident({ status: 'proposed' })], NOW, settings)).toEqual([]);
    expect(detectSpikes(three, [incident({ status: 'open' })], NOW, settings)).toEqual([]);
    const dismissedAt = new Date(NOW.getTime() - 24 * HOUR_MS);
    expect(
      detectSpikes(three, [incident({ status: 'dismissed', closedAt: dismissedAt })], NOW, settings),
    ).toEqual([]);
    // Dismissed a second before the window: the lead is asked again.
    expect(
      ids(
        detectSpikes(
          three,
          [incident({ status: 'dismissed', closedAt: new Date(dismissedAt.getTime() - 1000) })],
          NOW,
          settings,
        ),
      ),
    ).toEqual([3]);
    // A resolved incident does not cover new complaints: the problem came back.
    expect(
      ids(detectSpikes(three, [incident({ status: 'resolved', closedAt: NOW })], NOW, settings)),
    ).toEqual([3]);
    // An incident about the store does not cover the product.
    expect(
      ids(detectSpikes(three, [incident({ productSku: null, storeId: 'SH-001' })], NOW, settings)),
    ).toEqual([3]);
  });

  it('titles the proposal in words', () => {
    expect(spikeTitle({ kind: 'store', key: 'SH-001', complaintIds: ['a', 'b', 'c'] }, 24)).toBe(
      '3 complaints about store SH-001 within 24 h',
    );
  });
});
