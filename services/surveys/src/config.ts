import { BaseConfig } from '@cx/platform';

/** The surveys service's environment: the platform's variables plus its own (none yet). */
export class SurveysConfig extends BaseConfig {}
