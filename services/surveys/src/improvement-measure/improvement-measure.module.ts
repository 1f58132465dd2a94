import { Module } from '@nestjs/common';
import { ImprovementMeasureController } from './improvement-measure.controller';
import { ImprovementMeasureRepository } from './improvement-measure.repository';
import { ImprovementMeasureService } from './improvement-measure.service';

@Module({
  controllers: [ImprovementMeasureController],
  providers: [ImprovementMeasureService, ImprovementMeasureRepository],
  exports: [ImprovementMeasureService],
})
export class ImprovementMeasureModule {}
