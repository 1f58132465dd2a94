import { ApiProperty } from '@nestjs/swagger';
import { PLAN_KINDS, PlanKind } from './plan.rules';

export class PlanCourseView {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ example: '2026-06-30' }) dueOn!: string;
}

export class PlanView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'sales-2026' }) code!: string;
  @ApiProperty() year!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PLAN_KINDS }) kind!: PlanKind;
  @ApiProperty({ type: String, nullable: true }) storeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) department!: string | null;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
  @ApiProperty({ type: [PlanCourseView] }) courses!: PlanCourseView[];
  @ApiProperty({
    description: 'Enrolments this request made (current staff in the audience)',
    required: false,
  })
  enrolled?: number;
}
