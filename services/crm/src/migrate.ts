import 'reflect-metadata';
import { runMigrations } from '@cx/platform';
import { crmService } from './service';

void runMigrations(crmService);
