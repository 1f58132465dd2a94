import { describeServiceBasics } from '@cx/testing';
import { complaintsService } from '../src/service';

describeServiceBasics(complaintsService);
