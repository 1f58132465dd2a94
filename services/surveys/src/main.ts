import 'reflect-metadata';
import { runService } from '@cx/platform';
import { surveysService } from './service';

void runService(surveysService);
