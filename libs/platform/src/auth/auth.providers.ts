import { Provider } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { BaseConfig } from '../config';
import { AUTH_SERVICE_NAME, AuthGuard } from './auth.guard';
import { JwtVerifier } from './jwt.verifier';

export type AuthConfig = Pick<
  BaseConfig,
  'JWT_ALGORITHM' | 'JWT_SECRET' | 'JWT_JWKS_URL' | 'JWT_PUBLIC_KEY' | 'JWT_ISSUER' | 'JWT_AUDIENCE'
>;

/**
 * The providers that put AuthGuard in front of every HTTP route of a service: put them in the
 * root module's `providers`. The verifier is built (and a PEM key checked) while the app starts.
 */
export function authProviders(serviceName: string, config: AuthConfig): Provider[] {
  return [
    { provide: AUTH_SERVICE_NAME, useValue: serviceName },
    { provide: JwtVerifier, useFactory: () => JwtVerifier.fromConfig(config) },
    {
      provide: APP_GUARD,
      useFactory: (reflector: Reflector, verifier: JwtVerifier, name: string) =>
        new AuthGuard(reflector, verifier, name),
      inject: [Reflector, JwtVerifier, AUTH_SERVICE_NAME],
    },
  ];
}
