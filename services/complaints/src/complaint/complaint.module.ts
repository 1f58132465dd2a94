import { Module } from '@nestjs/common';
import { CustomerModule } from '../customer/customer.module';
import { PolicyModule } from '../policy/policy.module';
import { SlaModule } from '../sla/sla.module';
import { ComplaintChanges } from './complaint.changes';
import { ComplaintController } from './complaint.controller';
import { ComplaintHandlers } from './complaint.handlers';
import { ComplaintIntake } from './complaint.intake';
import { ComplaintRepository } from './complaint.repository';
import { ComplaintService } from './complaint.service';
import { FollowUpController } from './follow-up.controller';

@Module({
  imports: [PolicyModule, CustomerModule, SlaModule],
  controllers: [ComplaintController, ComplaintHandlers, FollowUpController],
  providers: [ComplaintRepository, ComplaintChanges, ComplaintIntake, ComplaintService],
  exports: [ComplaintRepository, ComplaintChanges, ComplaintService],
})
export class ComplaintModule {}
