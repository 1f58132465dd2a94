import { HOUR_MS } from '@cx/platform';
import type { IncidentStatus } from './incident.entity';

/** What spike detection groups by: complaints about one product, or about one store. */
export type SpikeKind = 'product' | 'store';

export interface SpikeSettings {
  /** How far back a complaint counts (hours). */
  windowHours: number;
  /** At least this many complaints about one product or store inside the window make a spike. */
  minComplaints: number;
}

/** A recent complaint not yet part of an incident. */
export interface RecentComplaint {
  id: string;
  receivedAt: Date;
  storeId: string | null;
  productSku: string | null;
}

/** An incident that already covers a product or a store. */
export interface CoveringIncident {
  storeId: string | null;
  productSku: string | null;
  status: IncidentStatus;
  closedAt: Date | null;
}

export interface Spike {
  kind: SpikeKind;
  key: string;
  complaintIds: string[];
}

/** The window is [now - windowHours, now]: a complaint received exactly windowHours ago still counts. */
export function windowStart(now: Date, windowHours: number): Date {
  return new Date(now.getTime() - windowHours * HOUR_MS);
}

/**
 * The spikes to propose as incidents: per product, then per store, the complaints received inside the
 * window, at least `minComplaints` of them. A product spike is more specific (a faulty batch), so its
 * complaints (and those about a product an incident covers) are not counted again for their store. Not proposed: a product or store with an incident
 * proposed or open, or one dismissed inside the window (the lead said no; ask again only once the
 * complaints that were dismissed have left the window).
 */
export function detectSpikes(
  recent: readonly RecentComplaint[],
  covering: readonly CoveringIncident[],
  now: Date,
  s: SpikeSettings,
): Spike[] {
  const from = windowStart(now, s.windowHours).getTime();
  const inWindow = recent.filter(
    (c) => c.receivedAt.getTime() >= from && c.receivedAt.getTime() <= now.getTime(),
  );
  const covered = (kind: SpikeKind, key: string) =>
    covering.some(
      (i) =>
        (kind === 'product' ? i.productSku : i.storeId) === key &&
        (i.status === 'proposed' ||
          i.status === 'open' ||
          (i.status === 'dismissed' && i.closedAt !== null && i.closedAt.getTime() >= from)),
    );
  const spikes: Spike[] = [];
  const taken = new Set<string>();
  for (const kind of ['product', 'store'] as const) {
    const groups = new Map<string, string[]>();
    for (const c of inWindow) {
      const key = kind === 'product' ? c.productSku : c.storeId;
      if (key === null || taken.has(c.id)) continue;
      const group = groups.get(key);
      if (group) group.push(c.id);
      else groups.set(key, [c.id]);
    }
    for (const [key, ids] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      if (covered(kind, key)) {
        // Complaints about a product an incident covers belong to that problem, not to their store's.
        ids.forEach((id) => taken.add(id));
        continue;
      }
      if (ids.length < s.minComplaints) continue;
      spikes.push({ kind, key, complaintIds: ids });
      ids.forEach((id) => taken.add(id));
    }
  }
  return spikes;
}

/** The proposed incident's title, in the lead's words. */
export function spikeTitle(spike: Spike, windowHours: number): string {
  const what = spike.kind === 'product' ? `product ${spike.key}` : `store ${spike.key}`;
  return `${spike.complaintIds.length} complaints about ${what} within ${windowHours} h`;
}
