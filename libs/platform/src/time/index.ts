export * from './clock';
export * from './scheduler';
