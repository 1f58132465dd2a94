import { Module } from '@nestjs/common';
import { TouchpointModule } from '../touchpoint/touchpoint.module';
import { AuditAdminController, AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Module({
  imports: [TouchpointModule],
  controllers: [AuditAdminController, AuditController],
  providers: [AuditService, AuditRepository],
  exports: [AuditRepository],
})
export class AuditModule {}
