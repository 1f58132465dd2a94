import { ServiceDefinition } from '@cx/platform';
import { ComplaintsConfig } from './config';
import { complaintsMigrations } from './database/migrations';

/** How the platform runs the complaints service: its port, config, modules, entities and migrations. */
export const complaintsService: ServiceDefinition<ComplaintsConfig> = {
  name: 'complaints',
  title: 'Complaints API',
  description: 'Multi-channel complaint intake, triage, first-contact ownership, SLA with escalation, follow-up and analytics.',
  version: '0.1.0',
  defaultPort: 3002,
  config: ComplaintsConfig,
  imports: [],
  entities: [],
  migrations: complaintsMigrations,
};
