import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { HealthCheckResult, ReadinessReport } from './health';

export class LivenessView {
  @ApiProperty({ enum: ['ok', 'shutting_down'], description: 'shutting_down answers 503' })
  status!: 'ok' | 'shutting_down';
}

export class HealthCheckView implements HealthCheckResult {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiPropertyOptional({ enum: ['failed', 'timeout'], description: 'Why it is down (details go to the log)' })
  reason?: 'failed' | 'timeout';
}

export class ReadinessView implements ReadinessReport {
  @ApiProperty({ enum: ['ok', 'unavailable', 'shutting_down'], description: 'Anything but ok answers 503' })
  status!: 'ok' | 'unavailable' | 'shutting_down';
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthCheckView' },
    example: { database: { status: 'up' }, nats: { status: 'up' } },
    description: 'Each registered check by name',
  })
  checks!: Record<string, HealthCheckView>;
}
