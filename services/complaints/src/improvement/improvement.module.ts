import { Module } from '@nestjs/common';
import { ComplaintModule } from '../complaint/complaint.module';
import {
  ComplaintCorrectiveActionsController,
  CorrectiveActionController,
  CorrectiveActionsAdminController,
} from './corrective-action.controller';
import { CorrectiveActionRepository } from './corrective-action.repository';
import { CorrectiveActionService } from './corrective-action.service';
import { CorrectiveActionSweeper } from './corrective-action.sweeper';

/** Root causes' follow-up: corrective actions tracked to verification (the cause taxonomy is a policy). */
@Module({
  imports: [ComplaintModule],
  controllers: [
    ComplaintCorrectiveActionsController,
    CorrectiveActionController,
    CorrectiveActionsAdminController,
  ],
  providers: [CorrectiveActionService, CorrectiveActionRepository, CorrectiveActionSweeper],
})
export class ImprovementModule {}
