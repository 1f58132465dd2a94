import { Module } from '@nestjs/common';
import { DisputeController } from './dispute.controller';
import { DisputeRepository } from './dispute.repository';
import { DisputeService } from './dispute.service';

@Module({
  controllers: [DisputeController],
  providers: [DisputeService, DisputeRepository],
  exports: [DisputeService],
})
export class DisputeModule {}
