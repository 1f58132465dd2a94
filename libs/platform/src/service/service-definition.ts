import { ServiceName } from '@cx/contracts';
import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { BaseConfig } from '../config/config';
import { EntityClass, MigrationClass } from '../database/data-source';
import type { NotificationRule } from '../notify/notification-rules';

/** Everything the platform needs to know to run one service. Each service exports exactly one. */
export interface ServiceDefinition<C extends BaseConfig = BaseConfig> {
  name: ServiceName;
  /** Shown in OpenAPI. */
  title: string;
  description: string;
  version: string;
  /** Used when PORT is not set; each service has its own so all five run side by side. */
  defaultPort: number;
  /** The service's validated environment (extends BaseConfig). */
  config: Type<C>;
  /** The service's feature modules. */
  imports: (Type<unknown> | DynamicModule | ForwardReference)[];
  /** The service's TypeORM entities (the platform adds outbox, inbox, dead letters and audit log). */
  entities: EntityClass[];
  /** The service's migrations, run after the platform's. */
  migrations: MigrationClass[];
  /** Which of its own events tell someone (ADR 31): sent by the platform's dispatcher after the commit. */
  notifications?: NotificationRule[];
}

export function databaseUrlOf(def: ServiceDefinition, config: BaseConfig): string {
  return config.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${def.name}`;
}

export function portOf(def: ServiceDefinition, config: BaseConfig): number {
  return config.PORT ?? def.defaultPort;
}
