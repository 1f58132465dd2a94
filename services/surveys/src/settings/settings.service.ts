import type { SurveyTrigger } from '@cx/contracts';
import { Clock, Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvitationPolicyCache } from '../questionnaire/invitation-policy.cache';
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
    private readonly cache: InvitationPolicyCache,
  ) {}

  /**
   * Kept until a lead changes them (InvitationPolicyCache): every triggered invitation reads them. A miss
   * reads in the caller's transaction when given its `em` (a handler needs no second connection).
   */
  settings(em?: EntityManager): Promise<SurveySettingsEntity> {
    return this.cache.get('settings', () => this.repo.settings(em));
  }

  async putSettings(dto: PutSettingsDto, who: Principal): Promise<SurveySettingsEntity> {
    const s = await this.repo.settings();
    Object.assign(s, {
      fatigueDays: dto.fatigueDays ?? s.fatigueDays,
      invitationValidDays: dto.invitationValidDays ?? s.invitationValidDays,
      satisfactionTarget: dto.satisfactionTarget ?? s.satisfactionTarget,
      alertMinAnswers: dto.alertMinAnswers ?? s.alertMinAnswers,
      timeZone: dto.timeZone ?? s.timeZone,
      updatedAt: this.clock.now(),
      updatedBy: who.sub,
    });
    await this.repo.saveSettings(s);
    this.cache.clear();
    return s;
  }

  triggers(): Promise<SurveyTriggerEntity[]> {
    return this.repo.triggers();
  }

  /** Kept until a lead changes it (InvitationPolicyCache): read for every event that may trigger. */
  trigger(trigger: SurveyTrigger, em?: EntityManager): Promise<SurveyTriggerEntity | null> {
    return this.cache.get(`trigger:${trigger}`, () => this.repo.trigger(trigger, em));
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
    this.cache.clear();
    return t;
  }
}
