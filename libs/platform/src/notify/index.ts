export * from './delivery.rules';
export * from './notifier';
export * from './templates';
export * from './webhook-signature';
