// The baseline server process: a Nest app on Express (@nestjs/platform-express, Nest's default
// platform) with a global ValidationPipe, as in the docs' "Validation" chapter.
import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startTrace } from '../../support/request-trace';
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
  // Under the light probe only (BENCH_INTAKE_TRACE_FILE): its statements, stalls and GC pauses, as for ours.
  const traceFile = process.env.BENCH_INTAKE_TRACE_FILE;
  const trace = traceFile ? startTrace(traceFile) : undefined;
  await app.listen(config.port, '127.0.0.1');
  return {
    stop: async () => {
      trace?.write();
      await app.close();
    },
  };
});
