import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { AlertJob } from './alert.job';
import { EarlyWarningMetrics } from './early-warning.metrics';
import { RollupJob } from './rollup.job';
import { ScoresController } from './scores.controller';
import { ScoresRepository } from './scores.repository';
import { ScoresService } from './scores.service';

@Module({
  imports: [SettingsModule],
  controllers: [ScoresController],
  providers: [ScoresService, ScoresRepository, AlertJob, RollupJob, EarlyWarningMetrics],
  exports: [ScoresService, ScoresRepository],
})
export class ScoresModule {}
