import { Clock, ScheduledJobs } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { ComplaintsConfig } from '../config';
import { IncidentService } from './incident.service';

/**
 * Spike detection every INCIDENT_SWEEP_INTERVAL_MS: complaints about one product or store piling up
 * inside the window are proposed as an incident (IncidentService.detectOnce; one replica at a time).
 */
@Injectable()
export class IncidentDetector extends ScheduledJobs {
  constructor(incidents: IncidentService, clock: Clock, config: ComplaintsConfig) {
    super('IncidentDetector');
    this.scheduler.every('complaints.incident-spikes', config.INCIDENT_SWEEP_INTERVAL_MS, () =>
      incidents.detectOnce(clock.now()),
    );
  }
}
