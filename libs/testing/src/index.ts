export * from './processes';
export * from './databases';
