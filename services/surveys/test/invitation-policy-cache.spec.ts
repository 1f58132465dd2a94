// A triggered invitation reads its trigger, the survey settings and the questionnaire's current version
// once, then from InvitationPolicyCache until one of them changes, here or on another replica (NOTIFY).
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InvitationService } from '../src/invitation/invitation.service';
import { InvitationPolicyCache } from '../src/questionnaire/invitation-policy.cache';
import { surveysService } from '../src/service';
import { SettingsService } from '../src/settings/settings.service';
import { putTrigger, questions, setUpQuestionnaire } from './support';

describe('what a triggered invitation is made with, cached (real Postgres)', () => {
  const now = Date.parse('2026-03-07T16:30:00Z');
  let h: ServiceHarness;
  let q: Awaited<ReturnType<typeof setUpQuestionnaire>>;

  beforeAll(async () => {
    h = await startService(surveysService, { clock: new ManualClock(new Date(now)) });
    q = await setUpQuestionnaire(h);
    await putTrigger(h, 'complaint-resolved', q.questionnaireId, { delayMinutes: 30 });
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** As the trigger handler does, in one transaction: the tables it read, and the invitation. */
  async function trigger(): Promise<{ read: string[]; version: number; delayed: number }> {
    return h.get(DataSource).transaction(async (em) => {
      const read = new Set<string>();
      const runner = em.queryRunner!;
      const query = runner.query;
      runner.query = ((sql: string, ...rest: unknown[]) => {
        for (const table of ['survey_trigger', 'survey_settings', 'questionnaire'])
          if (new RegExp(`FROM "${table}"`).test(sql)) read.add(table);
        return (query as (...a: unknown[]) => Promise<unknown>).call(runner, sql, ...rest);
      }) as typeof runner.query;
      const t = (await h.get(SettingsService).trigger('complaint-resolved', em))!;
      const outcome = await h.get(InvitationService).invite(em, {
        questionnaireId: t.questionnaireId,
        trigger: 'complaint-resolved',
        subject: { type: 'complaint', id: randomUUID() },
        customerId: randomUUID(),
        channel: t.channel,
        language: 'zh-CN',
        priority: t.priority,
        sendAt: new Date(now + t.delayMinutes * 60_000),
      });
      runner.query = query;
      const inv = outcome.invitation!;
      return {
        read: [...read].sort(),
        version: inv.version,
        delayed: (inv.sendAt.getTime() - now) / 60_000,
      };
    });
  }

  it('reads the policy once, and again after a change made through the API or in the database', async () => {
    const first = await trigger();
    expect(first).toEqual({
      read: ['questionnaire', 'survey_settings', 'survey_trigger'],
      version: 1,
      delayed: 30,
    });
    // The setup's own changes notify too, a moment after their commits: once those have arrived, what
    // was read stays (without the cache every invitation would read all three again).
    await waitFor(async () => (await trigger()).read.length === 0, 10_000, 'an invitation from the cache');
    expect(await trigger()).toEqual({ read: [], version: 1, delayed: 30 });

    // A new version published here: invitations made from now on use it at once.
    const v2 = await h.request('POST', `/api/v1/questionnaires/${q.questionnaireId}/versions`, {
      as: 'lead',
      body: { questions: questions(q.touchpoint) },
    });
    expect(v2.statusCode).toBe(201);
    expect((await trigger()).version).toBe(2);

    // Changed behind this replica's back (another replica, psql): the table's NOTIFY empties the cache.
    const cache = h.get(InvitationPolicyCache);
    const seen = cache.generation;
    await h
      .get(DataSource)
      .query(`UPDATE survey_trigger SET delay_minutes = 45 WHERE trigger = 'complaint-resolved'`);
    await waitFor(() => cache.generation > seen, 5_000, 'the change notified');
    expect(await trigger()).toEqual({
      read: ['questionnaire', 'survey_settings', 'survey_trigger'],
      version: 2,
      delayed: 45,
    });
  });
});
