// The baseline server process of the crm purchase bench: a Nest app on Express (Nest's default
// platform) with a global ValidationPipe, as in the docs' "Validation" chapter, validating the same
// body with the crm service's own DTO (the same class-validator rules).
import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { serve } from '../../support/server-process';
import { AppModule } from './app.module';

serve(async (config) => {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      databaseUrl: config.databaseUrl,
      natsUrl: config.natsUrl,
      subjectPrefix: `${config.namespace}.`,
      poolSize: config.poolSize,
    }),
    { logger: ['error', 'warn'] },
  );
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  await app.listen(config.port, '127.0.0.1');
  return { stop: () => app.close() };
});
