import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientsModule, Transport } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { Purchase, PurchaseLine } from './purchase.entity';
import { PurchasesController } from './purchases.controller';
import { PurchasesService } from './purchases.service';
import { DATA_SOURCE, EVENTS_CLIENT, PURCHASE_REPOSITORY, SUBJECT_PREFIX } from './tokens';

export interface BaselineOptions {
  databaseUrl: string;
  natsUrl: string;
  /** Prefix of the emitted subject ("<namespace>."). */
  subjectPrefix: string;
  poolSize: number;
}

/**
 * POST /purchases as the Nest docs lead a developer to build it: the "SQL (TypeORM)" recipe's
 * DATA_SOURCE and repository providers, repository.save with the lines by cascade, and a
 * ClientsModule NATS client for the event. No customer check, idempotency, loyalty, outbox or auth.
 */
@Module({})
export class AppModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENTS_CLIENT) private readonly client: ClientProxy,
  ) {}

  static forRoot(o: BaselineOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ClientsModule.register([
          { name: EVENTS_CLIENT, transport: Transport.NATS, options: { servers: [o.natsUrl] } },
        ]),
      ],
      controllers: [PurchasesController],
      providers: [
        {
          provide: DATA_SOURCE,
          useFactory: async () => {
            const dataSource = new DataSource({
              type: 'postgres',
              url: o.databaseUrl,
              entities: [Purchase, PurchaseLine],
              // As in the recipe: the schema follows the entities (the bench database is new and thrown away).
              synchronize: true,
              // The same pool size as the real service, so the pool is not what differs.
              poolSize: o.poolSize,
            });
            return dataSource.initialize();
          },
        },
        {
          provide: PURCHASE_REPOSITORY,
          useFactory: (ds: DataSource) => ds.getRepository(Purchase),
          inject: [DATA_SOURCE],
        },
        { provide: SUBJECT_PREFIX, useValue: o.subjectPrefix },
        PurchasesService,
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.client.connect(); // connect at start rather than on the first emit (docs: "ClientProxy")
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
