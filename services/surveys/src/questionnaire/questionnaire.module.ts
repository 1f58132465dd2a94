import { Module } from '@nestjs/common';
import { TouchpointModule } from '../touchpoint/touchpoint.module';
import { InvitationPolicyCache } from './invitation-policy.cache';
import { QuestionnaireController } from './questionnaire.controller';
import { QuestionnaireRepository } from './questionnaire.repository';
import { QuestionnaireService } from './questionnaire.service';

@Module({
  imports: [TouchpointModule],
  controllers: [QuestionnaireController],
  providers: [QuestionnaireService, QuestionnaireRepository, InvitationPolicyCache],
  exports: [QuestionnaireService, InvitationPolicyCache],
})
export class QuestionnaireModule {}
