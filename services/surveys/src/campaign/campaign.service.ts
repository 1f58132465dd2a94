import { uuidv7 } from '@cx/contracts';
import { Clock, Principal, ScheduledJobs, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SurveysConfig } from '../config';
import { InvitationService } from '../invitation/invitation.service';
import { QuestionnaireService } from '../questionnaire/questionnaire.service';
import { CreateCampaignDto } from './dto/campaign.dto';
import { CampaignEntity } from './campaign.entity';
import { CampaignRepository } from './campaign.repository';
import { dueMembers, spreadSendAt } from './campaign.rules';
import { CampaignView, toCampaignView } from './campaign.view';

/** Periodic campaigns to a crm segment: planned by the lead, its members invited in batches over its days. */
@Injectable()
export class CampaignService extends ScheduledJobs {
  private readonly batchSize: number;

  constructor(
    private readonly tx: Transactions,
    private readonly campaigns: CampaignRepository,
    private readonly invitations: InvitationService,
    private readonly questionnaires: QuestionnaireService,
    private readonly clock: Clock,
    config: SurveysConfig,
  ) {
    super('CampaignJob');
    this.batchSize = config.SURVEY_CAMPAIGN_BATCH;
    this.scheduler.every('surveys.campaigns', config.SURVEY_SEND_INTERVAL_MS, () =>
      this.runDueOnce(this.clock.now()),
    );
  }

  async create(dto: CreateCampaignDto, who: Principal): Promise<CampaignView> {
    await this.questionnaires.current(dto.questionnaireId); // 404 for an unknown questionnaire
    const c = Object.assign(new CampaignEntity(), {
      id: uuidv7(),
      segment: dto.segment,
      questionnaireId: dto.questionnaireId,
      channel: dto.channel,
      priority: dto.priority,
      startAt: new Date(dto.startAt),
      spreadDays: dto.spreadDays,
      status: 'planned',
      members: 0,
      invited: 0,
      suppressed: 0,
      createdAt: this.clock.now(),
      createdBy: who.sub,
    } satisfies CampaignEntity);
    await this.campaigns.insert(c);
    return toCampaignView(c);
  }

  async list(): Promise<CampaignView[]> {
    return (await this.campaigns.list()).map(toCampaignView);
  }

  /** crm's segment recompute: who is in which segment now. */
  async membership(
    em: EntityManager,
    segment: string,
    customerId: string,
    change: 'joined' | 'left',
    at: Date,
  ) {
    if (change === 'joined') await this.campaigns.join(em, segment, customerId, at);
    else await this.campaigns.leave(em, segment, customerId);
  }

  forgetCustomer(em: EntityManager, customerId: string): Promise<void> {
    return this.campaigns.forgetCustomer(em, customerId);
  }

  followMerge(em: EntityManager, survivorId: string, mergedId: string): Promise<void> {
    return this.campaigns.followMerge(em, survivorId, mergedId);
  }

  /**
   * Starts the campaigns whose start has come (their segment's members copied in send order), then
   * invites, batch by batch, the members whose spread send time has come: each member through
   * fatigue like any trigger, marked in the batch's transaction (ADR 0025). A member who has left the
   * segment meanwhile is not invited. Answers how many members were decided.
   */
  async runDueOnce(now: Date): Promise<number> {
    while (await this.tx.run((em) => this.campaigns.startDue(em, now))) {
      // one campaign started per transaction
    }
    let decided = 0;
    for (const c of await this.campaigns.running()) {
      const due = dueMembers(c.startAt, c.members, c.spreadDays, now);
      for (;;) {
        const n = await this.tx.run((em) => this.runBatch(em, c, due));
        if (!n) break;
        decided += n;
      }
    }
    return decided;
  }

  /** One batch of a running campaign; 0 when none of its due members is left to claim. */
  private async runBatch(em: EntityManager, c: CampaignEntity, due: number): Promise<number> {
    const batch = await this.campaigns.claimMembers(em, c, due, this.batchSize);
    if (!batch.length) {
      await this.campaigns.finishIfDone(em, c.id);
      return 0;
    }
    const decided: { n: number; state: 'invited' | 'suppressed' | 'left' }[] = [];
    for (const m of batch) {
      if (!m.still) {
        decided.push({ n: m.n, state: 'left' });
        continue;
      }
      const outcome = await this.invitations.invite(em, {
        questionnaireId: c.questionnaireId,
        trigger: 'periodic',
        subject: { type: 'none' },
        customerId: m.customer_id,
        channel: c.channel,
        language: 'zh-CN',
        priority: c.priority,
        sendAt: spreadSendAt(c.startAt, m.n, c.members, c.spreadDays),
      });
      decided.push({ n: m.n, state: outcome.made ? 'invited' : 'suppressed' });
    }
    await this.campaigns.decided(em, c.id, decided);
    return batch.length;
  }
}
