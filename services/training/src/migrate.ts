import 'reflect-metadata';
import { runMigrations } from '@cx/platform';
import { trainingService } from './service';

void runMigrations(trainingService);
