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
import { spreadSendAt } from './campaign.rules';
import { CampaignView, toCampaignView } from './campaign.view';

/** Periodic campaigns to a crm segment: planned by the lead, invitations made when the start comes. */
@Injectable()
export class CampaignService extends ScheduledJobs {
  constructor(
    private readonly tx: Transactions,
    private readonly campaigns: CampaignRepository,
    private readonly invitations: InvitationService,
    private readonly questionnaires: QuestionnaireService,
    private readonly clock: Clock,
    config: SurveysConfig,
  ) {
    super('CampaignJob');
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
   * Makes the invitations of every campaign whose start has come: the segment's members, their send
   * times spread over the campaign's days, each through fatigue like any trigger. One campaign per
   * transaction, claimed with SKIP LOCKED.
   */
  async runDueOnce(now: Date): Promise<number> {
    let done = 0;
    for (;;) {
      const ran = await this.tx.run(async (em) => {
        const c = await this.campaigns.claimDue(em, now);
        if (!c) return false;
        const members = await this.campaigns.members(em, c.segment);
        let invited = 0;
        let suppressed = 0;
        for (const [n, customerId] of members.entries()) {
          const outcome = await this.invitations.invite(em, {
            questionnaireId: c.questionnaireId,
            trigger: 'periodic',
            subject: { type: 'none' },
            customerId,
            channel: c.channel,
            language: 'zh-CN',
            priority: c.priority,
            sendAt: spreadSendAt(c.startAt, n, members.length, c.spreadDays),
          });
          if (outcome.made) invited++;
          else suppressed++;
        }
        await this.campaigns.finish(em, c.id, invited, suppressed);
        return true;
      });
      if (!ran) return done;
      done++;
    }
  }
}
