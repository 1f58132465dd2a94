import { NotifierModule } from '@cx/platform';
import { Module } from '@nestjs/common';
import { QuestionnaireModule } from '../questionnaire/questionnaire.module';
import { PublicSurveyController, ResponseController } from '../response/response.controller';
import { ResponseRepository } from '../response/response.repository';
import { ResponseService } from '../response/response.service';
import { SettingsModule } from '../settings/settings.module';
import { InvitationRepository } from './invitation.repository';
import { InvitationSender } from './invitation.sender';
import { InvitationService } from './invitation.service';
import { InvitationsAdminController } from './invitations.admin.controller';
import { TriggerHandlers } from './trigger.handlers';

/** Invitations (triggered, sent, listed) and the responses to them. */
@Module({
  imports: [QuestionnaireModule, SettingsModule, NotifierModule],
  controllers: [PublicSurveyController, ResponseController, InvitationsAdminController, TriggerHandlers],
  providers: [InvitationService, InvitationRepository, InvitationSender, ResponseService, ResponseRepository],
  exports: [InvitationService, InvitationSender, ResponseService],
})
export class InvitationModule {}
