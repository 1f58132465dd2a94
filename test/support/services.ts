// The five services' definitions, in port order, for the tests that cover every service at once.
import { ServiceDefinition } from '@cx/platform';
import { aftersalesService } from '../../services/aftersales/src/service';
import { complaintsService } from '../../services/complaints/src/service';
import { crmService } from '../../services/crm/src/service';
import { surveysService } from '../../services/surveys/src/service';
import { trainingService } from '../../services/training/src/service';

export const ALL_SERVICES: readonly ServiceDefinition[] = [
  crmService,
  complaintsService,
  aftersalesService,
  surveysService,
  trainingService,
];
