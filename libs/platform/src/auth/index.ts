export * from './roles';
export * from './jwt.verifier';
export * from './decorators';
export * from './admin-controller';
export * from './auth.guard';
export * from './auth.providers';
export * from './token';
