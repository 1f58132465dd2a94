import { CachedReads } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INVITATION_POLICY_CHANNEL } from '../database/migrations/1796560000000-InvitationPolicyNotifications';

/**
 * What every triggered invitation is made with (the trigger, the survey settings, the questionnaire's
 * current version), kept until one of those tables changes on any replica (ADR 9): a lead edits them a
 * few times a month, and reading them took three of a triggered invitation's statements.
 */
@Injectable()
export class InvitationPolicyCache extends CachedReads {
  constructor(dataSource: DataSource) {
    super(dataSource, INVITATION_POLICY_CHANNEL);
  }
}
