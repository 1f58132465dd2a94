import { Module } from '@nestjs/common';
import { TouchpointController } from './touchpoint.controller';
import { TouchpointRepository } from './touchpoint.repository';
import { TouchpointService } from './touchpoint.service';

@Module({
  controllers: [TouchpointController],
  providers: [TouchpointService, TouchpointRepository],
  exports: [TouchpointService],
})
export class TouchpointModule {}
