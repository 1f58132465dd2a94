import { IsBoolean, IsEmail, IsIn, IsString, Length, Matches } from 'class-validator';
import { IsRef, IsText, OptionalField } from '../common/rules';
import { defineRequest } from '../registry';

/** Why a service asks for a member of staff's work contact (training writes it to its access audit log). */
export const STAFF_CONTACT_PURPOSES = [
  'complaint-escalation',
  'complaint-reminder',
  'early-warning',
  'enrollment',
  'dispute-escalation',
  'corrective-action',
  'cx-report',
] as const;
export type StaffContactPurpose = (typeof STAFF_CONTACT_PURPOSES)[number];

/** Asks training (the staff directory) for an employee's work contact, for one stated purpose. */
export class GetStaffContactRequestV1 {
  /** Employee number (the `employeeId` / `ownerId` of the events). */
  @IsRef() employeeId!: string;
  @IsIn(STAFF_CONTACT_PURPOSES) purpose!: StaffContactPurpose;
}

/**
 * An employee's work contact. PERSONAL DATA: use it transiently to send the message it was asked for,
 * then drop it; never store, log or publish it.
 */
export class GetStaffContactReplyV1 {
  @IsRef() employeeId!: string;
  @OptionalField() @IsText() name?: string;
  @OptionalField() @IsEmail() workEmail?: string;
  /** false once the employee has left: nothing is sent to a leaver. */
  @IsBoolean() active!: boolean;
  /** BCP 47 tag of the language to write in, when known (today `zh-CN` or `en`); zh-CN otherwise. */
  @OptionalField() @IsString() @Length(2, 35) @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/) language?: string;
}

export const getStaffContactV1 = defineRequest(
  'rpc.training.get-staff-contact.v1',
  GetStaffContactRequestV1,
  GetStaffContactReplyV1,
  {
    description:
      'Work contact of an employee for one purpose (audited by training). The reply is personal data: use it transiently, never store, log or publish it.',
    consumers: ['complaints', 'surveys'],
  },
);
