import { Module } from '@nestjs/common';
import { EmployeeDataModule } from '../employee/employee-data.module';
import { StoreModule } from '../store/store.module';
import { ScorecardFacts } from './scorecard.facts';
import { ScorecardRepository } from './scorecard.repository';

/** Writing scorecard facts, for the features whose records count (events, training attempts). */
@Module({
  imports: [EmployeeDataModule, StoreModule],
  providers: [ScorecardFacts, ScorecardRepository],
  exports: [ScorecardFacts, ScorecardRepository],
})
export class ScorecardFactsModule {}
