import { Module } from '@nestjs/common';
import { StoreZoneCache } from './store.cache';
import { StoreController } from './store.controller';
import { StoreRepository } from './store.repository';
import { StoreService } from './store.service';

@Module({
  controllers: [StoreController],
  providers: [StoreService, StoreRepository, StoreZoneCache],
  exports: [StoreService],
})
export class StoreModule {}
