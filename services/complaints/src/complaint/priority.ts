import { Priority, Tier } from '@cx/contracts';
import { Importance, Urgency } from './complaint.entity';

/**
 * Priority matrix (docs/complaints/README.md, Triage: category, urgency and importance give the priority).
 *
 * | urgency \ importance | low | medium | high | critical |
 * | -------------------- | --- | ------ | ---- | -------- |
 * | low                  | P4  | P4     | P3   | P2       |
 * | medium               | P4  | P3     | P2   | P1       |
 * | high                 | P3  | P2     | P1   | P1       |
 * | critical             | P2  | P1     | P1   | P1       |
 *
 * Then: a VIP customer (a tier the policy names, e.g. gold or diamond) raises it one step; a major
 * complaint is at least P2.
 */
const MATRIX: Record<Urgency, Record<Importance, Priority>> = {
  low: { low: 'P4', medium: 'P4', high: 'P3', critical: 'P2' },
  medium: { low: 'P4', medium: 'P3', high: 'P2', critical: 'P1' },
  high: { low: 'P3', medium: 'P2', high: 'P1', critical: 'P1' },
  critical: { low: 'P2', medium: 'P1', high: 'P1', critical: 'P1' },
};

const ORDER: Priority[] = ['P1', 'P2', 'P3', 'P4'];
const raise = (p: Priority): Priority => ORDER[Math.max(0, ORDER.indexOf(p) - 1)];
const atLeast = (p: Priority, floor: Priority): Priority =>
  ORDER.indexOf(p) > ORDER.indexOf(floor) ? floor : p;

export interface TriageFacts {
  urgency: Urgency;
  importance: Importance;
  /** The customer's tier from the local read model, if known. */
  tier: Tier | null;
  vipTiers: readonly Tier[];
  /** The category is flagged major in the taxonomy. */
  majorCategory: boolean;
  /** Departments that must act on it. */
  departments: readonly string[];
}

export interface Triage {
  priority: Priority;
  isMajor: boolean;
  isVip: boolean;
  /** Why, in words, for the case file. */
  reasons: string[];
}

/** Major or multi-department complaints go to a joint team and up to management (docs/complaints). */
export function isMajor(f: Pick<TriageFacts, 'importance' | 'majorCategory' | 'departments'>): boolean {
  return f.importance === 'critical' || f.majorCategory || new Set(f.departments).size > 1;
}

export function triage(f: TriageFacts): Triage {
  const reasons = [`urgency ${f.urgency} x importance ${f.importance} = ${MATRIX[f.urgency][f.importance]}`];
  let priority = MATRIX[f.urgency][f.importance];
  const isVip = f.tier !== null && f.vipTiers.includes(f.tier);
  if (isVip) {
    const raised = raise(priority);
    if (raised !== priority) reasons.push(`VIP (${f.tier}) raises ${priority} to ${raised}`);
    priority = raised;
  }
  const major = isMajor(f);
  if (major) {
    const floored = atLeast(priority, 'P2');
    if (floored !== priority) reasons.push(`major complaint: at least P2`);
    priority = floored;
  }
  return { priority, isMajor: major, isVip, reasons };
}
