import { describeServiceBasics } from '@cx/testing';
import { crmService } from '../src/service';

describeServiceBasics(crmService);
