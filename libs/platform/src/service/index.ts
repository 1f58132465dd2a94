export * from './service-definition';
export * from './platform.module';
export * from './bootstrap';
export * from './dead-letter.controller';
export * from './dead-letter.view';
export * from './notification.controller';
export * from './notification.view';
