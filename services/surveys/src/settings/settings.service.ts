import type { SurveyTrigger } from '@cx/contracts';
import { Clock, Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { QuestionnaireService } from '../questionnaire/questionnaire.service';
import { PutSettingsDto, PutTriggerDto } from './dto/settings.dto';
import { SurveySettingsEntity, SurveyTriggerEntity } from './settings.entity';
import { SettingsRepository } from './settings.repository';

/** The lead's survey policies: triggers (questionnaire, delay, priority, channel) and the fatigue window. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly repo: SettingsRepository,
    private readonly questionnaires: QuestionnaireService,
    private readonly clock: Clock,
  ) {}

  settings(): Promise<SurveySettingsEntity> {
    return this.repo.settings();
  }

  async putSettings(dto: PutSettingsDto, who: Principal): Promise<SurveySettingsEntity> {
    const s = await this.repo.settings();
    Object.assign(s, {
      fatigueDays: dto.fatigueDays ?? s.fatigueDays,
      invitationValidDays: dto.invitationValidDays ?? s.invitationValidDays,
      updatedAt: this.clock.now(),
      updatedBy: who.sub,
    });
    await this.repo.saveSettings(s);
    return s;
  }

  triggers(): Promise<SurveyTriggerEntity[]> {
    return this.repo.triggers();
  }

  trigger(trigger: SurveyTrigger): Promise<SurveyTriggerEntity | null> {
    return this.repo.trigger(trigger);
  }

  async putTrigger(trigger: SurveyTrigger, dto: PutTriggerDto, who: Principal): Promise<SurveyTriggerEntity> {
    await this.questionnaires.current(dto.questionnaireId); // 404 for an unknown questionnaire
    const t = Object.assign(new SurveyTriggerEntity(), {
      trigger,
      ...dto,
      updatedAt: this.clock.now(),
      updatedBy: who.sub,
    } satisfies SurveyTriggerEntity);
    await this.repo.saveTrigger(t);
    return t;
  }
}
