import { ApiProperty } from '@nestjs/swagger';

export class CsatView {
  @ApiProperty() answers!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of 4 and 5, 0..1' }) score!: number | null;
  @ApiProperty({ type: Number, nullable: true }) average!: number | null;
  @ApiProperty({ type: [Number], description: 'Answers with 1, 2, 3, 4, 5' }) distribution!: number[];
}

export class NpsView {
  @ApiProperty() answers!: number;
  @ApiProperty() promoters!: number;
  @ApiProperty() passives!: number;
  @ApiProperty() detractors!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Promoters minus detractors, -100..100' })
  score!: number | null;
  @ApiProperty({ type: Number, nullable: true }) average!: number | null;
  @ApiProperty({ type: [Number], description: 'Answers with 0 to 10' }) distribution!: number[];
}

export class ScoreGroupView {
  @ApiProperty({ example: 'SH-001', description: 'The store, touchpoint, employee or questionnaire' })
  key!: string;
  @ApiProperty() responses!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share satisfied, 0..1 (target 0.9)' })
  satisfaction!: number | null;
  @ApiProperty({ type: CsatView }) csat!: CsatView;
  @ApiProperty({ type: NpsView }) nps!: NpsView;
  @ApiProperty({ description: 'Invitations that went out in the period' }) invited!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Answered share of those invitations' })
  responseRate!: number | null;
}

export class ScoresView {
  @ApiProperty({ example: 'store' }) groupBy!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: [ScoreGroupView] }) groups!: ScoreGroupView[];
}

export class AlertView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'store' }) scopeType!: string;
  @ApiProperty({ example: 'SH-001' }) scopeKey!: string;
  @ApiProperty() value!: number;
  @ApiProperty() threshold!: number;
  @ApiProperty() answers!: number;
  @ApiProperty({ example: '2026-03' }) period!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
}

export class TrendPointView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty() responses!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share satisfied, 0..1 (target 0.9)' })
  satisfaction!: number | null;
  @ApiProperty({ type: CsatView }) csat!: CsatView;
  @ApiProperty({ type: NpsView }) nps!: NpsView;
  @ApiProperty({ description: 'Invitations that went out in the period' }) invited!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Answered share of those invitations' })
  responseRate!: number | null;
}

export class TrendPeriodView extends TrendPointView {
  @ApiProperty({ type: TrendPointView, description: 'The period before this one, for comparison' })
  previous!: TrendPointView;
}

export class TrendsView {
  @ApiProperty({ example: 'month' }) interval!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ type: String, nullable: true, example: 'SH-001' }) storeId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'checkout' }) touchpoint!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'E1001' }) employeeId!: string | null;
  @ApiProperty({ type: [TrendPeriodView], description: 'Oldest first' }) periods!: TrendPeriodView[];
}
