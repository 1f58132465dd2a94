import { SLA_CLOCKS, SlaClock } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { PAUSE_REASONS } from '../complaint/complaint.entity';
import type { ClockExplanation, ClockState, PauseExplanation, SlaExplanation } from './sla-clock';

const CLOCK_STATES = ['met', 'breached', 'pending', 'paused'] as const satisfies readonly ClockState[];

// The classes document the explanation explainClock builds (sla-clock.ts): the compiler checks that
// each view has every field of it, so the document cannot drift from the JSON.

export class PauseExplanationView implements PauseExplanation {
  @ApiProperty({ enum: PAUSE_REASONS, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) pausedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while open' })
  resumedAt!: string | null;
  @ApiProperty({ example: 108000000, description: 'Wall-clock length in ms (to now while open)' })
  durationMs!: number;
  @ApiProperty({
    example: 36000000,
    description:
      'Working time in ms by which it moved the deadline (0: before the clock started, or after it passed)',
  })
  countedMs!: number;
}

export class ClockExplanationView implements ClockExplanation {
  @ApiProperty({ enum: SLA_CLOCKS }) clock!: SlaClock;
  @ApiProperty({ example: 72 }) targetHours!: number;
  @ApiProperty({ description: "Counted in the store's business calendar rather than around the clock" })
  businessHours!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Asia/Shanghai',
    description: 'Zone of the calendar counted in; null = around the clock',
  })
  timeZone!: string | null;
  @ApiProperty({
    format: 'date-time',
    description: 'Receipt, or the last reopening for the resolution clock',
  })
  startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while paused' })
  dueAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the clock was met (first response, solution proposed); null while running',
  })
  stoppedAt!: string | null;
  @ApiProperty({ enum: CLOCK_STATES }) state!: ClockState;
  @ApiProperty({ description: 'Working time run in ms, pauses excluded (to stoppedAt, or to now)' })
  usedMs!: number;
  @ApiProperty({ description: 'Working time left in ms' }) remainingMs!: number;
  @ApiProperty({ description: 'Working time beyond the target in ms' }) overdueMs!: number;
  @ApiProperty({ type: [PauseExplanationView] }) pauses!: PauseExplanationView[];
  @ApiProperty({
    example:
      '72 hours around the clock from 2026-03-02T01:00:00.000Z: due 2026-03-05T01:00:00.000Z, 51h 00m left',
  })
  summary!: string;
}

/** Why the deadlines of a complaint are what they are, as of `at`. */
export class SlaExplanationView implements SlaExplanation {
  @ApiProperty({ format: 'date-time', description: 'The instant the clocks are judged at' }) at!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The lead's SLA rule whose targets were promised; null = the policy's defaults",
  })
  ruleId!: string | null;
  @ApiProperty({ type: ClockExplanationView }) firstResponse!: ClockExplanationView;
  @ApiProperty({ type: ClockExplanationView }) resolution!: ClockExplanationView;
}
