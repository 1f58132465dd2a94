// The baseline of the survey answer bench: POST /api/v1/public/surveys/:token/answers built the way
// the NestJS docs lead (Express, a global ValidationPipe, the "SQL (TypeORM)" recipe's DataSource with
// synchronize, repository.findOneBy / save, a ClientsModule NATS emit, fire and forget). It checks the
// token and that it was not answered, stores the answers and marks the invitation; no validation of
// the answers against a questionnaire version, no expiry, no row lock, no outbox.
import 'reflect-metadata';
import {
  Body,
  Controller,
  ConflictException,
  Inject,
  Module,
  NotFoundException,
  Param,
  Post,
  ValidationPipe,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxy, ClientsModule, Transport } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IsObject } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn, Repository } from 'typeorm';
import { serve } from '../../support/server-process';

@Entity('invitation')
export class Invitation {
  @PrimaryColumn('text') token!: string;
  @Column('text') storeId!: string;
  @Column('boolean', { default: false }) answered!: boolean;
}

@Entity('response')
export class SurveyResponse {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') token!: string;
  @Column('jsonb') answers!: Record<string, unknown>;
  @Column('timestamptz') submittedAt!: Date;
}

class AnswersDto {
  @IsObject() answers!: Record<string, unknown>;
}

const DATA_SOURCE = 'DATA_SOURCE';
const EVENTS = 'EVENTS';

@Controller('public/surveys')
class AnswersController {
  private readonly invitations: Repository<Invitation>;
  private readonly responses: Repository<SurveyResponse>;
  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(EVENTS) private readonly client: ClientProxy,
  ) {
    this.invitations = ds.getRepository(Invitation);
    this.responses = ds.getRepository(SurveyResponse);
  }

  @Post(':token/answers')
  async answer(@Param('token') token: string, @Body() dto: AnswersDto): Promise<SurveyResponse> {
    const inv = await this.invitations.findOneBy({ token });
    if (!inv) throw new NotFoundException();
    if (inv.answered) throw new ConflictException();
    const r = await this.responses.save({
      id: randomUUID(),
      token,
      answers: dto.answers,
      submittedAt: new Date(),
    });
    await this.invitations.update({ token }, { answered: true });
    this.client.emit(`${process.env.BENCH_SUBJECT_PREFIX ?? ''}surveys.response.submitted`, r);
    return r;
  }
}

serve(async (config) => {
  process.env.BENCH_SUBJECT_PREFIX = `${config.namespace}.`;
  @Module({
    imports: [
      ClientsModule.register([
        { name: EVENTS, transport: Transport.NATS, options: { servers: [config.natsUrl] } },
      ]),
    ],
    controllers: [AnswersController],
    providers: [
      {
        provide: DATA_SOURCE,
        useFactory: () =>
          new DataSource({
            type: 'postgres',
            url: config.databaseUrl,
            entities: [Invitation, SurveyResponse],
            synchronize: true,
            poolSize: config.poolSize,
          }).initialize(),
      },
    ],
  })
  class AppModule {}
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: ['error', 'warn'] });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  await app.listen(config.port, '127.0.0.1');
  return { stop: () => app.close() };
});
