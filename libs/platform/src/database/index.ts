export * from './naming';
export * from './data-source';
export * from './platform.entities';
export * from './platform.migrations';
export * from './write-batcher';
export * from './cached-reads';
export * from './insert-rows';
export * from './unavailable';
