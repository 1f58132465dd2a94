import { ServiceDefinition } from '@cx/platform';
import { AftersalesConfig } from './config';
import { aftersalesMigrations } from './database/migrations';

/** How the platform runs the aftersales service: its port, config, modules, entities and migrations. */
export const aftersalesService: ServiceDefinition<AftersalesConfig> = {
  name: 'aftersales',
  title: 'After-sales API',
  description: 'Returns, exchanges, repairs (the 8-step flow) and warranty.',
  version: '0.1.0',
  defaultPort: 3003,
  config: AftersalesConfig,
  imports: [],
  entities: [],
  migrations: aftersalesMigrations,
};
