import { SurveySubjectType, SurveyTrigger, uuidv7 } from '@cx/contracts';
import { Clock, DAY_MS } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QuestionnaireService } from '../questionnaire/questionnaire.service';
import { touchpointsOf } from '../questionnaire/questions.rules';
import { SettingsService } from '../settings/settings.service';
import { InvitationEntity } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { expiresAt, fatigueDecision, InvitationChannel, newToken } from './invitation.rules';

/** What an invitation is made of; the store and employee are captured now, so the answer is credited to them. */
export interface InvitationPlan {
  questionnaireId: string;
  trigger: SurveyTrigger;
  subject: { type: SurveySubjectType; id?: string };
  customerId: string;
  storeId?: string;
  employeeId?: string;
  channel: InvitationChannel;
  language: string;
  priority: number;
  sendAt: Date;
}

export type InvitationOutcome =
  | { made: true; invitation: InvitationEntity }
  | { made: false; reason: 'duplicate' | 'fatigue'; invitation?: InvitationEntity };

/** Makes invitations: the version current now, the token, the expiry, and fatigue across every touchpoint. */
@Injectable()
export class InvitationService {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly questionnaires: QuestionnaireService,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
  ) {}

  /**
   * In the caller's transaction (an event handler's, with its inbox row): one invitation per case,
   * fatigue decided under a per-customer lock, so two triggers racing for one customer give one.
   * An invitation fatigue refuses is kept as `suppressed` (visible to the lead), not dropped. The
   * questionnaire's version and the settings are cached reads (InvitationPolicyCache).
   */
  async invite(em: EntityManager, plan: InvitationPlan): Promise<InvitationOutcome> {
    const version = await this.questionnaires.invitationVersion(plan.questionnaireId, em);
    const settings = await this.settings.settings(em);
    await this.invitations.lockCustomer(em, plan.customerId);
    const window = settings.fatigueDays * DAY_MS;
    const rivals = window > 0 ? await this.invitations.rivals(em, plan.customerId, plan.sendAt, window) : [];
    const decision = fatigueDecision(plan, rivals, settings.fatigueDays);
    const inv = Object.assign(new InvitationEntity(), {
      id: uuidv7(),
      token: newToken(),
      questionnaireId: plan.questionnaireId,
      version: version.version,
      trigger: plan.trigger,
      subjectType: plan.subject.type,
      subjectId: plan.subject.id ?? null,
      customerId: plan.customerId,
      storeId: plan.storeId ?? null,
      employeeId: plan.employeeId ?? null,
      touchpoint: touchpointsOf(version.questions)[0] ?? null,
      channel: plan.channel,
      language: plan.language,
      priority: plan.priority,
      status: decision.keep ? 'scheduled' : 'suppressed',
      sendAt: plan.sendAt,
      expiresAt: expiresAt(plan.sendAt, settings.invitationValidDays),
      claimedAt: null,
      sentAt: null,
      deliveryId: null,
      note: decision.keep ? null : `fatigue: another invitation within ${settings.fatigueDays} days`,
      createdAt: this.clock.now(),
    } satisfies InvitationEntity);
    if (!(await this.invitations.insert(em, inv))) return { made: false, reason: 'duplicate' };
    await this.invitations.suppress(em, decision.displaces, `fatigue: displaced by invitation ${inv.id}`);
    return decision.keep
      ? { made: true, invitation: inv }
      : { made: false, reason: 'fatigue', invitation: inv };
  }
}
