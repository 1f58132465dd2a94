export * from './clock';
export * from './durations';
export * from './scheduler';
export * from './zones';
