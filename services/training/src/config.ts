import { BaseConfig } from '@cx/platform';

/** The training service's environment: the platform's variables plus its own (none yet). */
export class TrainingConfig extends BaseConfig {}
