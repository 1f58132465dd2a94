import { BaseConfig } from '@cx/platform';

/** The aftersales service's environment: the platform's variables plus its own (none yet). */
export class AftersalesConfig extends BaseConfig {}
