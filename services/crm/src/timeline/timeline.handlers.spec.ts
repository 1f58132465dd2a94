import { Envelope, sampleEnvelopeFor, Subjects } from '@cx/contracts';
import { EventContext, HandlerEffects, ManualClock } from '@cx/platform';
import { DataSource } from 'typeorm';
import { TimelineHandlers } from './timeline.handlers';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';

const CUSTOMER = '0193a8d2-6f1e-7c3a-9b2d-1f2e3d4c5b6a';

/** The context a write-only handler gets on the one-round-trip path (ADR 10): no EntityManager. */
function writeOnlyContext(envelope: Envelope): { ctx: EventContext; effects: HandlerEffects } {
  const effects = new HandlerEffects();
  const facts = { deliveryCount: 1, consumer: 'crm__crm', replay: false };
  return { ctx: new EventContext([envelope, undefined, facts, effects]), effects };
}

describe('timeline handlers', () => {
  const handlers = new TimelineHandlers(
    new TimelineService(new TimelineRepository({} as DataSource), new ManualClock('2026-06-01T08:00:00Z')),
  );

  it("queue crm's own purchase as one idempotent insert, without the message's transaction", () => {
    const envelope = sampleEnvelopeFor(Subjects.crm.purchaseRecorded, {
      aggregateId: 'p-1',
      data: { customerId: CUSTOMER },
    });
    const { ctx, effects } = writeOnlyContext(envelope);

    handlers.onPurchase(envelope.data, ctx);

    expect(effects.writes).toHaveLength(1);
    expect(effects.writes[0].sql).toMatch(
      /INSERT INTO timeline_entry .* ON CONFLICT \(kind, reference_id\) DO NOTHING/s,
    );
    expect(effects.writes[0].params).toEqual(expect.arrayContaining([CUSTOMER, 'purchase', 'crm', 'p-1']));
  });

  it('queue nothing for an anonymous complaint', () => {
    const envelope = sampleEnvelopeFor(Subjects.complaints.complaintCreated);
    delete envelope.data.customerId;
    const { ctx, effects } = writeOnlyContext(envelope);

    handlers.onComplaintCreated(envelope.data, ctx);

    expect(effects.writes).toEqual([]);
  });
});
