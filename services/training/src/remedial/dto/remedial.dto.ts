import { IsCode } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { REMEDIAL_KINDS, RemedialKind } from '../remedial.rules';

export class RemedialRuleDto {
  @ApiProperty({ enum: REMEDIAL_KINDS })
  @IsIn(REMEDIAL_KINDS)
  kind!: RemedialKind;

  @ApiProperty({
    example: 'fitting-room',
    description: "audit-touchpoint: the touchpoint; complaint-cause: the cause code; the others: 'any'",
  })
  @IsCode()
  code!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId!: string;
}

/** PUT /admin/policies/remedial: the whole mapping and the thresholds. */
export class RemedialPolicyDto {
  @ApiProperty({ type: [RemedialRuleDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RemedialRuleDto)
  rules!: RemedialRuleDto[];

  @ApiProperty({ example: 2, minimum: 1, description: 'Breaches of one employee in a month' })
  @IsInt()
  @Min(1)
  @Max(1_000)
  breachThreshold!: number;

  @ApiProperty({ example: 80, minimum: 0, maximum: 100, description: 'Satisfaction (%) below which' })
  @IsNumber()
  @Min(0)
  @Max(100)
  satisfactionThresholdPct!: number;

  @ApiProperty({ example: 5, minimum: 1, description: 'Answers in the month before satisfaction is judged' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  satisfactionMinResponses!: number;

  @ApiProperty({ example: 30, minimum: 1, description: 'Days a remedial enrolment is due in' })
  @IsInt()
  @Min(1)
  @Max(366)
  dueDays!: number;
}
