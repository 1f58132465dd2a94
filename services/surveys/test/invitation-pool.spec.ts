// A triggered invitation is made with the one connection its consumer lane holds. Reading the
// questionnaire on a second pooled connection inside the handler's transaction starved the pool when
// every lane held one: invitations stalled for minutes under the loop's bench (ADR 30). Here the pool
// has two connections and one is taken, so a read that leaves the transaction's `em` waits in vain.
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InvitationService } from '../src/invitation/invitation.service';
import { surveysService } from '../src/service';
import { setUpQuestionnaire } from './support';

describe('an invitation made inside a handler transaction (real Postgres)', () => {
  let h: ServiceHarness;
  let questionnaireId: string;

  beforeAll(async () => {
    h = await startService(surveysService, {
      clock: new ManualClock('2026-03-07T16:30:00Z'),
      env: { DATABASE_POOL_SIZE: '2' },
    });
    ({ questionnaireId } = await setUpQuestionnaire(h));
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('needs no connection beyond the transaction it is given', async () => {
    const dataSource = h.get(DataSource);
    const other = dataSource.createQueryRunner();
    await other.connect(); // another lane's transaction holds the pool's other connection
    await other.startTransaction();
    try {
      const made = dataSource.transaction((em) =>
        h.get(InvitationService).invite(em, {
          questionnaireId,
          trigger: 'complaint-resolved',
          subject: { type: 'complaint', id: randomUUID() },
          customerId: randomUUID(),
          channel: 'email',
          language: 'zh-CN',
          priority: 5,
          sendAt: new Date('2026-03-07T17:00:00Z'),
        }),
      );
      const late = new Promise<string>((r) => setTimeout(() => r('waited for a second connection'), 5_000));
      expect(await Promise.race([made.then((o) => (o.made ? 'made' : o.reason)), late])).toBe('made');
      await made.catch(() => undefined);
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
  });
});
