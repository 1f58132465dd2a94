export * from './events';
export * from './complaints';
export * from './crm';
