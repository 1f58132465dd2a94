import { IsIn } from 'class-validator';
import { ENROLLMENT_REASONS, EnrollmentReason } from '../common/enums';
import { IsId, IsRef, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/** An employee was enrolled in a course (training plan, remedial after missed standards, or by hand). */
export class EnrollmentCreatedV1 {
  @IsId() enrollmentId!: string;
  @IsRef() employeeId!: string;
  @OptionalField() @IsRef() storeId?: string;
  @IsId() courseId!: string;
  @IsIn(ENROLLMENT_REASONS) reason!: EnrollmentReason;
  @OptionalField() @IsTimestamp() dueAt?: string;
  @IsTimestamp() createdAt!: string;
}

export const enrollmentCreatedV1 = defineEvent('evt.training.enrollment.created.v1', EnrollmentCreatedV1, {
  description: 'An employee was enrolled in a course: the employee and their lead are notified.',
});
