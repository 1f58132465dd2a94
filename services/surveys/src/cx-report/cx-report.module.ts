import { Module } from '@nestjs/common';
import { CxReportController } from './cx-report.controller';
import { CxReportRepository } from './cx-report.repository';
import { CxReportService } from './cx-report.service';

@Module({
  controllers: [CxReportController],
  providers: [CxReportService, CxReportRepository],
  exports: [CxReportService],
})
export class CxReportModule {}
