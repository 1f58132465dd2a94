// The baseline server process: a Nest app on Express (@nestjs/platform-express, Nest's default
// platform) with a global ValidationPipe, as in the docs' "Validation" chapter.
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
    { logger: ['error', 'warn'] }, // no start-up chatter in the bench output; Nest logs nothing per request anyway
  );
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  await app.listen(config.port, '127.0.0.1');
  return { stop: () => app.close() };
});
