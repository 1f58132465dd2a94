// The floor of the crm purchase bench: the least any Nest service can do for this request on this
// machine. Nest on Fastify (the platform of our services), the same body validated by the crm
// service's own DTO, an answer of 201 with the body and a fresh id: no token, database or events.
import 'reflect-metadata';
import { Body, Controller, Module, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { CreatePurchaseDto } from '../../../services/crm/src/purchase/dto/create-purchase.dto';
import { serve } from '../../support/server-process';

@Controller('purchases')
class FloorController {
  @Post()
  create(@Body() dto: CreatePurchaseDto): CreatePurchaseDto & { id: string } {
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
