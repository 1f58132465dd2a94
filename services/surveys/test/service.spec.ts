import { describeServiceBasics } from '@cx/testing';
import { surveysService } from '../src/service';

describeServiceBasics(surveysService);
