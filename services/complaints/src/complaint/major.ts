import { HOUR_MS } from '@cx/platform';
import type { EscalationStep, PlanTemplateStep } from '../policy/policy.entity';

/**
 * The level of the escalation chain a major complaint goes to at once: the step that names management
 * (seed 003 §1.3: major complaints are escalated to management), else the chain's top step. Null for a
 * chain without steps (the policy refuses one; a stored one is logged by chainOf).
 */
export function managementStep(chain: readonly EscalationStep[]): EscalationStep | null {
  if (chain.length === 0) return null;
  const management = chain.find((s) => s.to === 'management');
  if (management) return management;
  return chain.reduce((top, s) => (s.level > top.level ? s : top));
}

/** Why a complaint is major, in words for the person alerted (no personal data). */
export function majorWhy(o: {
  categoryMajor: boolean;
  importance: string;
  departments: readonly string[];
  category: string;
}): string {
  const why: string[] = [];
  if (o.categoryMajor) why.push(`category ${o.category} is major`);
  if (o.importance === 'critical') why.push('importance is critical');
  if (new Set(o.departments).size > 1) why.push(`${new Set(o.departments).size} departments must act`);
  return why.length ? why.join('; ') : 'flagged major';
}

export interface PlannedStep {
  position: number;
  title: string;
  ownerId: string;
  department: string | null;
  dueAt: Date;
}

/**
 * The emergency plan a major complaint starts with: the category template's steps in order, each due
 * its hours after `from` (the receipt), owned by the step's owner or else the complaint's owner.
 */
export function emergencyPlan(
  template: readonly PlanTemplateStep[],
  from: Date,
  complaintOwner: string,
): PlannedStep[] {
  return template.map((t, i) => ({
    position: i + 1,
    title: t.title,
    ownerId: t.ownerId ?? complaintOwner,
    department: t.department ?? null,
    dueAt: new Date(from.getTime() + t.dueAfterHours * HOUR_MS),
  }));
}
