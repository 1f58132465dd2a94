import {
  ComplaintResolvedV1,
  CustomerErasedV1,
  CustomerMergedV1,
  PurchaseDeliveredV1,
  RepairCompletedV1,
  SegmentMembershipChangedV1,
  ReturnCompletedV1,
  Subjects,
  SurveySubjectType,
  SurveyTrigger,
} from '@cx/contracts';
import { EventContext, MINUTE_MS, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { CampaignService } from '../campaign/campaign.service';
import { ResponseService } from '../response/response.service';
import { SettingsService } from '../settings/settings.service';
import { InvitationService } from './invitation.service';

interface Case {
  subject: { type: SurveySubjectType; id: string };
  customerId?: string;
  storeId?: string;
  employeeId?: string;
  at: string;
}

/**
 * Triggered surveys: each event the lead set a trigger for makes one invitation (in the handler's
 * transaction, with its inbox row: a redelivered event makes none), sent after the trigger's delay.
 * The store and the employee answerable for the case are captured now.
 */
@Controller()
export class TriggerHandlers {
  constructor(
    private readonly settings: SettingsService,
    private readonly invitations: InvitationService,
    private readonly responses: ResponseService,
    private readonly campaigns: CampaignService,
  ) {}

  /** A campaign's audience: crm's segment members as crm recomputes them. */
  @OnEvent(Subjects.crm.segmentMembershipChanged)
  async onSegmentMembership(d: SegmentMembershipChangedV1, ctx: EventContext): Promise<void> {
    await this.campaigns.membership(ctx.em, d.segment, d.customerId, d.change, new Date(d.at));
  }

  @OnEvent(Subjects.complaints.complaintResolved)
  async onComplaintResolved(d: ComplaintResolvedV1, ctx: EventContext): Promise<void> {
    await this.trigger(ctx, 'complaint-resolved', {
      subject: { type: 'complaint', id: d.complaintId },
      customerId: d.customerId,
      storeId: d.storeId,
      employeeId: d.employeeId ?? d.ownerId,
      at: d.resolvedAt,
    });
  }

  @OnEvent(Subjects.aftersales.repairCompleted)
  async onRepairCompleted(d: RepairCompletedV1, ctx: EventContext): Promise<void> {
    await this.trigger(ctx, 'repair-completed', {
      subject: { type: 'repair', id: d.repairId },
      customerId: d.customerId,
      storeId: d.storeId,
      employeeId: d.technicianId,
      at: d.completedAt,
    });
  }

  @OnEvent(Subjects.aftersales.returnCompleted)
  async onReturnCompleted(d: ReturnCompletedV1, ctx: EventContext): Promise<void> {
    await this.trigger(ctx, 'return-completed', {
      subject: { type: 'order', id: d.orderId },
      customerId: d.customerId,
      storeId: d.storeId,
      at: d.completedAt,
    });
  }

  @OnEvent(Subjects.crm.purchaseDelivered)
  async onPurchaseDelivered(d: PurchaseDeliveredV1, ctx: EventContext): Promise<void> {
    await this.trigger(ctx, 'delivery', {
      subject: { type: 'order', id: d.orderId },
      customerId: d.customerId,
      storeId: d.storeId,
      at: d.deliveredAt,
    });
  }

  /** Erasure: free-text answers scrubbed, invitations unlinked from the person. */
  @OnEvent(Subjects.crm.customerErased)
  async onCustomerErased(d: CustomerErasedV1, ctx: EventContext): Promise<void> {
    await this.responses.eraseCustomer(ctx.em, d.customerId);
    await this.campaigns.forgetCustomer(ctx.em, d.customerId);
  }

  /**
   * Two crm records of one person became one: invitations, answers and segment memberships held under
   * the merged id follow the survivor, in this transaction; fatigue then sees one customer.
   */
  @OnEvent(Subjects.crm.customerMerged)
  async onCustomerMerged(d: CustomerMergedV1, ctx: EventContext): Promise<void> {
    if (d.survivorId === d.mergedId) return;
    await this.responses.followMerge(ctx.em, d.survivorId, d.mergedId);
    await this.campaigns.followMerge(ctx.em, d.survivorId, d.mergedId);
  }

  private async trigger(ctx: EventContext, trigger: SurveyTrigger, c: Case): Promise<void> {
    const t = await this.settings.trigger(trigger, ctx.em); // cached (InvitationPolicyCache)
    if (!t?.enabled || !c.customerId) return;
    await this.invitations.invite(ctx.em, {
      questionnaireId: t.questionnaireId,
      trigger,
      subject: c.subject,
      customerId: c.customerId,
      storeId: c.storeId,
      employeeId: c.employeeId,
      channel: t.channel,
      language: 'zh-CN',
      priority: t.priority,
      sendAt: new Date(new Date(c.at).getTime() + t.delayMinutes * MINUTE_MS),
    });
  }
}
