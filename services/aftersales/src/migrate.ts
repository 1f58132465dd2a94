import 'reflect-metadata';
import { runMigrations } from '@cx/platform';
import { aftersalesService } from './service';

void runMigrations(aftersalesService);
