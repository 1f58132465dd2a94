import { ApiProperty } from '@nestjs/swagger';
import { CertificationRow } from './certification.repository';
import { CertificationState, certificationState } from './certification.rules';

export class CertificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'date-time' }) certifiedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the recertification enrolment is made' })
  remindAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) remindedAt!: string | null;
  @ApiProperty({ enum: ['valid', 'expiring', 'expired'] }) state!: CertificationState;
}

export const toCertificationView = (c: CertificationRow, now: Date): CertificationView => ({
  id: c.id,
  courseId: c.courseId,
  certifiedAt: c.certifiedAt.toISOString(),
  expiresAt: c.expiresAt.toISOString(),
  remindAt: c.remindAt.toISOString(),
  remindedAt: c.remindedAt?.toISOString() ?? null,
  state: certificationState(c.expiresAt, c.remindAt, now),
});
