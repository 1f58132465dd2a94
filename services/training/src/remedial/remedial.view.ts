import { ApiProperty } from '@nestjs/swagger';
import { REMEDIAL_KINDS, RemedialKind } from './remedial.rules';

export class RemedialRuleView {
  @ApiProperty({ enum: REMEDIAL_KINDS }) kind!: RemedialKind;
  @ApiProperty({ example: 'fitting-room' }) code!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
}

export class RemedialPolicyView {
  @ApiProperty({ type: [RemedialRuleView] }) rules!: RemedialRuleView[];
  @ApiProperty() breachThreshold!: number;
  @ApiProperty() satisfactionThresholdPct!: number;
  @ApiProperty() satisfactionMinResponses!: number;
  @ApiProperty() dueDays!: number;
}
