import { Module } from '@nestjs/common';
import { EmployeeDataModule } from '../employee/employee-data.module';
import { EnrollmentModule } from '../enrollment/enrollment.module';
import { RedemptionController, RewardAdminController } from './reward.controller';
import { RewardRepository } from './reward.repository';
import { RewardService } from './reward.service';

@Module({
  imports: [EmployeeDataModule, EnrollmentModule],
  controllers: [RewardAdminController, RedemptionController],
  providers: [RewardService, RewardRepository],
})
export class RewardModule {}
