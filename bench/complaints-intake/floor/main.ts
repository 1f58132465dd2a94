// The floor: the least any Nest service can do for this request on this machine. Nest on Fastify
// (the platform of our services), the same body validated by the same class-validator rules, an
// answer of 201 with the body and a fresh id. No token, no database, no events: nothing persisted.
// Whatever the real intake does costs time on top of this, so this server's requests per second are
// an upper bound for ours, measured in the same run with the same load generator.
import 'reflect-metadata';
import { Body, Controller, Module, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { CreateComplaintDto } from '../baseline/create-complaint.dto';
import { serve } from '../../support/server-process';

@Controller('complaints')
class FloorController {
  @Post()
  create(@Body() dto: CreateComplaintDto): CreateComplaintDto & { id: string } {
    return { id: randomUUID(), ...dto };
  }
}

@Module({ controllers: [FloorController] })
class FloorModule {}

serve(async (config) => {
  const app = await NestFactory.create<NestFastifyApplication>(FloorModule, new FastifyAdapter(), {
    logger: ['error', 'warn'],
  });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  await app.listen(config.port, '127.0.0.1');
  return { stop: () => app.close() };
});
