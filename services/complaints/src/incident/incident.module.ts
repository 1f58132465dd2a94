import { Module } from '@nestjs/common';
import { ComplaintModule } from '../complaint/complaint.module';
import { IncidentController } from './incident.controller';
import { IncidentDetector } from './incident.detector';
import { IncidentRepository } from './incident.repository';
import { IncidentService } from './incident.service';

@Module({
  imports: [ComplaintModule],
  controllers: [IncidentController],
  providers: [IncidentService, IncidentRepository, IncidentDetector],
  exports: [IncidentService],
})
export class IncidentModule {}
