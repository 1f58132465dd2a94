import 'reflect-metadata';
import { runService } from '@cx/platform';
import { aftersalesService } from './service';

void runService(aftersalesService);
