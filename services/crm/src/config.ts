import { BaseConfig } from '@cx/platform';

/** The crm service's environment: the platform's variables plus its own (none yet). */
export class CrmConfig extends BaseConfig {}
