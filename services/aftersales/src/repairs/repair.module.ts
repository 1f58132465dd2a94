import { Module } from '@nestjs/common';
import { WarrantyModule } from '../warranty/warranty.module';
import { RepairController } from './repair.controller';
import { RepairRepository } from './repair.repository';
import { RepairService } from './repair.service';

@Module({
  imports: [WarrantyModule],
  controllers: [RepairController],
  providers: [RepairService, RepairRepository],
  exports: [RepairService],
})
export class RepairModule {}
