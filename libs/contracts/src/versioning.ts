import { parseSubject } from './subjects';

/**
 * The versioning rule. The major version is part of the subject (`.v1`), nothing else carries a version.
 *
 * Keeps the major (same subject, change the payload class in place):
 * - adding an OPTIONAL field (consumers never forbid unknown properties, so old consumers accept it);
 * - relaxing a rule a producer never relied on being enforced (a longer max length, a wider number range).
 *
 * Breaking (needs a new major):
 * - removing or renaming a field, making an optional field required, changing a field's type or meaning;
 * - tightening a rule, or ADDING A VALUE TO A CLOSED ENUM (`@IsIn`): old consumers validate with the old
 *   list and would dead-letter the new value. Open code lists (categories, touchpoints, metrics, change
 *   codes) are kebab codes, not enums, precisely so they can grow without a new major.
 *
 * How a breaking change ships: add the `.v2` subject and payload class ALONGSIDE `.v1` (both stay
 * registered); the producer publishes both, from the same outbox transaction, until every consumer
 * listed for `.v1` has moved to `.v2`; then `.v1` is removed from the producer and, last, from the registry.
 * A request/reply `.v2` is served next to `.v1` by the answering service until no caller sends `.v1`.
 */
export const VERSIONING_RULE =
  'Additive, optional changes keep the major. Breaking changes add a .v2 subject alongside .v1; the ' +
  'producer publishes both until every consumer has moved, then retires .v1.';

/** The subject without its version token: `evt.crm.purchase.recorded`. Null when the subject breaks the rule. */
export function subjectFamily(subject: string): string | null {
  if (!parseSubject(subject)) return null;
  return subject.slice(0, subject.lastIndexOf('.'));
}

/** The major version of a subject, or null when it breaks the rule. */
export function majorOf(subject: string): number | null {
  return parseSubject(subject)?.major ?? null;
}

/** The same subject at another major: `withMajor('evt.crm.purchase.recorded.v1', 2)` is `...recorded.v2`. */
export function withMajor(subject: string, major: number): string {
  const family = subjectFamily(subject);
  const next = `${family ?? ''}.v${major}`;
  if (family === null || !parseSubject(next)) throw new Error(`cannot move "${subject}" to major ${major}`);
  return next;
}
