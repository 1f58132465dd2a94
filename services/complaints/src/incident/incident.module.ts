import { Module } from '@nestjs/common';
import { ComplaintModule } from '../complaint/complaint.module';
import { PolicyModule } from '../policy/policy.module';
import { IncidentController } from './incident.controller';
import { IncidentDetector } from './incident.detector';
import { IncidentRepository } from './incident.repository';
import { IncidentService } from './incident.service';

@Module({
  imports: [ComplaintModule, PolicyModule],
  controllers: [IncidentController],
  providers: [IncidentService, IncidentRepository, IncidentDetector],
  exports: [IncidentService],
})
export class IncidentModule {}
