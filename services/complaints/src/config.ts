import { BaseConfig } from '@cx/platform';

/** The complaints service's environment: the platform's variables plus its own (none yet). */
export class ComplaintsConfig extends BaseConfig {}
