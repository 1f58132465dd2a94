// The floor of an HTTP create bench: the least any Nest service can do for the request on this
// machine. Nest on Fastify (the platform of our services), the body validated by the given DTO
// class, an answer of 201 with the body and a fresh id. No token, no database, no events: whatever
// the real service does costs time on top of this, so its requests per second bound ours from above,
// measured in the same run with the same load generator.
import 'reflect-metadata';
import { Body, Controller, Module, Post, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { serve } from './server-process';

/** Serves `POST /api/v1/<path>` validating its body as `dto`, in a bench child process. */
export function serveValidationFloor(path: string, dto: Type<object>): void {
  class FloorController {
    create(body: object): object {
      return { id: randomUUID(), ...body };
    }
  }
  // What `@Post() create(@Body() dto: Dto)` would declare, for the DTO given at run time: the
  // ValidationPipe reads the parameter's class from design:paramtypes.
  Reflect.defineMetadata('design:paramtypes', [dto], FloorController.prototype, 'create');
  Body()(FloorController.prototype, 'create', 0);
  Post()(
    FloorController.prototype,
    'create',
    Object.getOwnPropertyDescriptor(FloorController.prototype, 'create')!,
  );
  Controller(path)(FloorController);

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
}
