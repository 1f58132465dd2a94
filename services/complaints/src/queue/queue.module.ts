import { Module } from '@nestjs/common';
import { ComplaintModule } from '../complaint/complaint.module';
import { PolicyModule } from '../policy/policy.module';
import { QueueController } from './queue.controller';
import { QueueService } from './queue.service';

@Module({
  imports: [ComplaintModule, PolicyModule],
  controllers: [QueueController],
  providers: [QueueService],
})
export class QueueModule {}
