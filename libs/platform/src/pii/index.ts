export * from './pii.cipher';
export * from './encrypted.transformer';
export * from './audit-log';
export * from './rotate';
