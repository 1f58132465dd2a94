import 'reflect-metadata';
import { runService } from '@cx/platform';
import { trainingService } from './service';

void runService(trainingService);
