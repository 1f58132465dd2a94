import { describeServiceBasics } from '@cx/testing';
import { aftersalesService } from '../src/service';

describeServiceBasics(aftersalesService);
