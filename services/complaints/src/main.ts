import 'reflect-metadata';
import { runService } from '@cx/platform';
import { complaintsService } from './service';

void runService(complaintsService);
