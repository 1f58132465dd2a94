import { describeServiceBasics } from '@cx/testing';
import { trainingService } from '../src/service';

describeServiceBasics(trainingService);
