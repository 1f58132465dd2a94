import { GetCustomerContactReplyV1, Subjects } from '@cx/contracts';
import {
  Clock,
  DAY_MS,
  MINUTE_MS,
  Notifier,
  RpcClient,
  RpcError,
  ScheduledJobs,
  templateLanguage,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { SurveysConfig } from '../config';
import { QuestionnaireService } from '../questionnaire/questionnaire.service';
import { SettingsRepository } from '../settings/settings.repository';
import { InvitationEntity } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { contactFor } from './invitation.rules';
import { answerLink, SURVEY_INVITATION } from './invitation.template';

const JOB = 'surveys.invitation-send';
/** A claim older than this is a crashed sender's: the invitation is claimed again. */
const STALE_CLAIM_MS = 10 * MINUTE_MS;
/** crm unavailable: try the invitation again this much later. */
const CRM_RETRY_MS = 5 * MINUTE_MS;

export interface SendCounts {
  claimed: number;
  sent: number;
  notSent: number;
  failed: number;
  suppressed: number;
  noConsent: number;
  postponed: number;
}

/**
 * Sends due invitations: claims them (SKIP LOCKED, replicas share them), checks fatigue once more
 * (a periodic campaign may have gone out meanwhile), asks crm for the contact and consent for this
 * one purpose, and sends through the platform's notifier. The contact is used for the one send and
 * never stored; the invitation keeps the delivery log's id.
 */
@Injectable()
export class InvitationSender extends ScheduledJobs {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly questionnaires: QuestionnaireService,
    private readonly settings: SettingsRepository,
    private readonly notifier: Notifier,
    private readonly rpc: RpcClient,
    private readonly clock: Clock,
    private readonly config: SurveysConfig,
  ) {
    super('InvitationSender');
    this.scheduler.every(JOB, config.SURVEY_SEND_INTERVAL_MS, () => this.sendDueOnce(this.clock.now()));
  }

  async sendDueOnce(now: Date): Promise<SendCounts> {
    const counts: SendCounts = {
      claimed: 0,
      sent: 0,
      notSent: 0,
      failed: 0,
      suppressed: 0,
      noConsent: 0,
      postponed: 0,
    };
    const settings = await this.settings.settings();
    for (;;) {
      const batch = await this.invitations.claimDue(now, this.config.SURVEY_SEND_BATCH, STALE_CLAIM_MS);
      counts.claimed += batch.length;
      for (const inv of batch) await this.sendOne(inv, now, settings.fatigueDays * DAY_MS, counts);
      if (batch.length < this.config.SURVEY_SEND_BATCH) return counts;
    }
  }

  private async sendOne(inv: InvitationEntity, now: Date, window: number, counts: SendCounts): Promise<void> {
    if (!inv.customerId) {
      counts.noConsent++;
      return this.invitations.finish(inv.id, { status: 'no-consent', note: 'no customer' });
    }
    if (window > 0 && (await this.invitations.sentRecently(inv.customerId, inv.id, now, window))) {
      counts.suppressed++;
      return this.invitations.finish(inv.id, {
        status: 'suppressed',
        note: 'fatigue: another invitation went out',
      });
    }
    let contact: GetCustomerContactReplyV1;
    try {
      contact = await this.rpc.request<GetCustomerContactReplyV1>(Subjects.crm.getCustomerContact, {
        customerId: inv.customerId,
        purpose: 'survey-invitation',
      });
    } catch (e) {
      if (e instanceof RpcError && e.remoteCode === 'CUSTOMER_NOT_FOUND') {
        counts.noConsent++;
        return this.invitations.finish(inv.id, { status: 'no-consent', note: 'customer unknown to crm' });
      }
      counts.postponed++;
      const why = e instanceof Error ? e.message : String(e);
      return this.invitations.reschedule(inv.id, new Date(now.getTime() + CRM_RETRY_MS), `crm: ${why}`);
    }
    const to = contactFor(inv.channel, contact);
    if (!to) {
      counts.noConsent++;
      return this.invitations.finish(inv.id, {
        status: 'no-consent',
        note: `no consent or contact for ${inv.channel}`,
      });
    }
    const { questionnaire } = await this.questionnaires.current(inv.questionnaireId);
    // the customer's language from crm when the invitation has texts in it, zh-CN otherwise
    const language = templateLanguage(SURVEY_INVITATION, contact.language);
    const days = Math.max(1, Math.round((inv.expiresAt.getTime() - now.getTime()) / DAY_MS));
    const delivery = await this.notifier.send({
      channel: inv.channel === 'email' ? 'email' : 'webhook',
      to,
      template: SURVEY_INVITATION,
      language,
      params: {
        title:
          language === 'en'
            ? (questionnaire.title.en ?? questionnaire.title['zh-CN'])
            : questionnaire.title['zh-CN'],
        link: answerLink(this.config.SURVEYS_PUBLIC_URL, inv.token),
        days,
      },
      about: { type: 'survey-invitation', id: inv.id },
      key: `survey-invitation:${inv.id}`,
    });
    const status = delivery.status;
    counts[status === 'sent' ? 'sent' : status === 'not-sent' ? 'notSent' : 'failed']++;
    await this.invitations.finish(inv.id, {
      status,
      deliveryId: delivery.id,
      note: delivery.lastError,
      language,
      ...(status === 'sent' && { sentAt: now }),
    });
  }
}
