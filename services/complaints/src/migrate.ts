import 'reflect-metadata';
import { runMigrations } from '@cx/platform';
import { complaintsService } from './service';

void runMigrations(complaintsService);
