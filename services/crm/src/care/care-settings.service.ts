import { Tier } from '@cx/contracts';
import { Clock, Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CareRepository, CareSettings } from './care.repository';
import { CareSettingsView } from './care.view';
import { CareSettingsDto } from './dto/care-settings.dto';

const toView = (s: CareSettings): CareSettingsView => ({
  vipTiers: s.vipTiers as Tier[],
  atRiskFactor: s.atRiskFactor,
  atRiskMinDays: s.atRiskMinDays,
  rfmWindowDays: s.rfmWindowDays,
  updatedAt: s.updatedAt.toISOString(),
  updatedBy: s.updatedBy,
});

@Injectable()
export class CareSettingsService {
  constructor(
    private readonly care: CareRepository,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<CareSettingsView> {
    return toView(await this.care.settings());
  }

  async update(dto: CareSettingsDto, who: Principal): Promise<CareSettingsView> {
    await this.care.saveSettings(dto, who.sub, this.clock.now());
    return this.get();
  }
}
