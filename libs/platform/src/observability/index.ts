export * from './tracing';
export * from './http-tracing';
export * from './logger';
export * from './metrics';
export * from './health';
export * from './open-alerts.metrics';
export * from './observability.module';
