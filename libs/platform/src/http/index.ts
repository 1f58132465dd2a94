export * from './errors';
export * from './problem';
export * from './problem.filter';
export * from './validation';
export * from './openapi';
export * from './pagination';
export * from './idempotency';
export * from './fields';
