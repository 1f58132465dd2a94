import 'reflect-metadata';
import { runService } from '@cx/platform';
import { crmService } from './service';

void runService(crmService);
