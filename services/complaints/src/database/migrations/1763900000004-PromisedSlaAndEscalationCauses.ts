import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A complaint keeps the whole SLA promised at intake, not only its hours: the calendar the hours count
 * in (null: around the clock) and the rule that gave them, so resuming or reopening never re-reads
 * rules or calendars a lead has edited since. And the escalation level of each cause (each SLA clock,
 * reopened too often, dissatisfied), so that one cause's escalation does not silence another's.
 * docs/complaints/sla.md.
 */
export class PromisedSlaAndEscalationCauses1763900000004 implements MigrationInterface {
  name = 'PromisedSlaAndEscalationCauses1763900000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE complaint
        ADD COLUMN sla_calendar jsonb,
        ADD COLUMN sla_rule_id uuid,
        ADD COLUMN escalation_levels jsonb NOT NULL DEFAULT '{}'`);

    // Complaints from before: the rule that matches them today (as pickTargets chooses) and, when it
    // counts business hours, today's calendar of their store (or the default '*'). The best guess there
    // is; from now on it is what intake saw.
    await q.query(`
      UPDATE complaint c SET sla_rule_id = r.id,
        sla_calendar = CASE WHEN r.business_hours THEN (
          SELECT jsonb_build_object('timeZone', s.time_zone, 'weekly', s.weekly, 'holidays', to_jsonb(s.holidays))
          FROM store_calendar s WHERE s.store_id = c.store_id OR s.store_id = '*'
          ORDER BY s.store_id = '*' LIMIT 1) END
      FROM complaint m CROSS JOIN LATERAL (
        SELECT r.id, r.business_hours FROM sla_rule r
        WHERE (r.priority IS NULL OR r.priority = m.priority)
          AND (r.channel IS NULL OR r.channel = m.channel)
          AND (r.tier IS NULL OR r.tier = m.customer_tier)
        ORDER BY (r.priority IS NOT NULL)::int + (r.channel IS NOT NULL)::int + (r.tier IS NOT NULL)::int DESC,
          r.resolution_hours, r.first_response_hours, r.id::text
        LIMIT 1) r
      WHERE c.id = m.id`);

    // The levels each cause reached, from the case files: the SLA clocks' highest level (the solution
    // clock's only in its current round), one level per escalation for the other causes.
    await q.query(`
      UPDATE complaint c SET escalation_levels = l.levels
      FROM (
        SELECT complaint_id, jsonb_object_agg(cause, level) AS levels FROM (
          SELECT h.complaint_id, x.cause,
            CASE WHEN x.cause LIKE '%-sla' THEN max((h.details->>'level')::int) ELSE count(*)::int END AS level
          FROM complaint_history h
          JOIN complaint m ON m.id = h.complaint_id
          CROSS JOIN LATERAL (SELECT CASE
            WHEN h.details->>'clock' = 'first-response' THEN 'first-response-sla'
            WHEN h.details->>'clock' = 'resolution' AND h.at >= m.resolution_clock_started_at THEN 'resolution-sla'
            WHEN h.details->>'why' LIKE 'reopened % times' THEN 'reopened-too-often'
            WHEN h.details->>'why' = 'dissatisfied return visit' THEN 'dissatisfied'
          END AS cause) x
          WHERE h.action = 'escalated' AND x.cause IS NOT NULL
          GROUP BY h.complaint_id, x.cause) per_cause
        GROUP BY complaint_id) l
      WHERE c.id = l.complaint_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE complaint DROP COLUMN sla_calendar, DROP COLUMN sla_rule_id, DROP COLUMN escalation_levels`);
  }
}
