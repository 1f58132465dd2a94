import 'reflect-metadata';
import { runMigrations } from '@cx/platform';
import { surveysService } from './service';

void runMigrations(surveysService);
