// A small service built with the real bootstrap, for tests of what every service gets from the platform.
import {
  GetCustomerTierRequestV1,
  GetCustomerTierReplyV1,
  PurchaseRecordedV1,
  sampleFor,
  Subjects,
} from '@cx/contracts';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, Length, Min, ValidateNested } from 'class-validator';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { Roles } from '../../src/auth';
import { BaseConfig } from '../../src/config';
import { Transactions } from '../../src/database';
import { DomainError } from '../../src/http';
import { EventContext, EventPublisher, OnEvent, OnRequest } from '../../src/messaging';
import { ServiceDefinition } from '../../src/service';
import { getTracer } from '../../src/observability';

class LineDto {
  @IsString() @Length(1, 64) sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

export class RecordSaleDto {
  @IsString() @Length(1, 64) orderId!: string;
  @IsString() customerId!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[];
}

class CustomerNotFound extends DomainError<'CUSTOMER_NOT_FOUND'> {
  constructor(id: string) {
    super('CUSTOMER_NOT_FOUND', 404, `customer ${id} does not exist`);
  }
}

/** Tiers the test service knows; anyone else is "not found". */
export const KNOWN_TIERS: Record<string, 'gold' | 'silver'> = {};

@Controller('sales')
class SalesController {
  constructor(
    private readonly tx: Transactions,
    private readonly events: EventPublisher,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('system')
  async record(@Body() dto: RecordSaleDto): Promise<{ orderId: string }> {
    await this.tx.run(async (em) => {
      await em.query(`INSERT INTO sale (order_id, customer_id) VALUES ($1, $2)`, [
        dto.orderId,
        dto.customerId,
      ]);
      const data: PurchaseRecordedV1 = {
        ...sampleFor(Subjects.crm.purchaseRecorded),
        orderId: dto.orderId,
        customerId: dto.customerId,
      };
      await this.events.publish(em, {
        type: Subjects.crm.purchaseRecorded,
        aggregateId: dto.customerId,
        data,
      });
    });
    return { orderId: dto.orderId };
  }
}

@Controller()
class SalesHandlers {
  @OnEvent(Subjects.crm.purchaseRecorded)
  async onPurchase(data: PurchaseRecordedV1, ctx: EventContext): Promise<void> {
    // A span of the handler's own: it must land in the trace the HTTP request started.
    await getTracer().startActiveSpan('apply purchase', async (span) => {
      await ctx.em.query(`INSERT INTO seen (order_id, message_id) VALUES ($1, $2)`, [
        data.orderId,
        ctx.envelope.id,
      ]);
      span.end();
    });
  }

  @OnRequest(Subjects.crm.getCustomerTier)
  getTier(req: GetCustomerTierRequestV1): GetCustomerTierReplyV1 {
    const tier = KNOWN_TIERS[req.customerId];
    if (!tier) throw new CustomerNotFound(req.customerId);
    return { customerId: req.customerId, tier };
  }
}

@Module({ controllers: [SalesController, SalesHandlers] })
class SalesModule {}

class SalesTables1763800000100 implements MigrationInterface {
  name = 'SalesTables1763800000100';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sale (order_id text PRIMARY KEY, customer_id text NOT NULL)`);
    await q.query(`CREATE TABLE seen (order_id text NOT NULL, message_id uuid NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE seen; DROP TABLE sale`);
  }
}

export const testService: ServiceDefinition = {
  name: 'crm',
  title: 'Test service',
  description: 'What every service gets from the platform',
  version: '0.0.0',
  defaultPort: 0,
  config: BaseConfig,
  imports: [SalesModule],
  entities: [],
  migrations: [SalesTables1763800000100],
};
