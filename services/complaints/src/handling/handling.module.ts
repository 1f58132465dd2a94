import { Module } from '@nestjs/common';
import { ComplaintModule } from '../complaint/complaint.module';
import { PolicyModule } from '../policy/policy.module';
import { HandlingController } from './handling.controller';
import { HandlingService } from './handling.service';

/** Working a complaint after intake: ownership, departments, comments, pauses, the joint team, merging. */
@Module({
  imports: [ComplaintModule, PolicyModule],
  controllers: [HandlingController],
  providers: [HandlingService],
})
export class HandlingModule {}
