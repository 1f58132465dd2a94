export * from './events';
export * from './complaints';
