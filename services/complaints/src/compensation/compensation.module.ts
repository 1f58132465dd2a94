import { Module } from '@nestjs/common';
import { ComplaintModule } from '../complaint/complaint.module';
import { CompensationController } from './compensation.controller';
import { CompensationRepository } from './compensation.repository';
import { CompensationService } from './compensation.service';

@Module({
  imports: [ComplaintModule],
  controllers: [CompensationController],
  providers: [CompensationService, CompensationRepository],
})
export class CompensationModule {}
