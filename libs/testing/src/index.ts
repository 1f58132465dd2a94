export * from './processes';
export * from './databases';
export * from './nats';
export * from './service-harness';
export * from './service-group';
export * from './service-basics';
export * from './builders';
export * from './multipart';
