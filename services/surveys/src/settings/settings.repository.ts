import type { SurveyTrigger } from '@cx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SurveySettingsEntity, SurveyTriggerEntity } from './settings.entity';

/** The only place that touches survey_trigger and survey_settings. */
@Injectable()
export class SettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async settings(em?: EntityManager): Promise<SurveySettingsEntity> {
    return (em ?? this.dataSource.manager).getRepository(SurveySettingsEntity).findOneByOrFail({ id: 1 });
  }

  async saveSettings(s: SurveySettingsEntity): Promise<void> {
    await this.dataSource.getRepository(SurveySettingsEntity).save(s);
  }

  triggers(): Promise<SurveyTriggerEntity[]> {
    return this.dataSource.getRepository(SurveyTriggerEntity).find({ order: { trigger: 'ASC' } });
  }

  trigger(trigger: SurveyTrigger, em?: EntityManager): Promise<SurveyTriggerEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(SurveyTriggerEntity).findOneBy({ trigger });
  }

  async saveTrigger(t: SurveyTriggerEntity): Promise<void> {
    await this.dataSource.getRepository(SurveyTriggerEntity).save(t);
  }
}
