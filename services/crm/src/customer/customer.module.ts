import { Module } from '@nestjs/common';
import { PurchaseModule } from '../purchase/purchase.module';
import { CustomerContacts } from './customer.contacts';
import { CustomerController } from './customer.controller';
import { CustomerErasure } from './customer.erasure';
import { CustomerRetentionController } from './customer-retention.controller';
import { CustomerRetention } from './customer.retention';
import { CustomerHandlers } from './customer.handlers';
import { CustomerRepository } from './customer.repository';
import { CustomerService } from './customer.service';

@Module({
  imports: [PurchaseModule],
  controllers: [CustomerController, CustomerRetentionController, CustomerHandlers],
  providers: [CustomerService, CustomerRepository, CustomerErasure, CustomerContacts, CustomerRetention],
  exports: [CustomerService, CustomerErasure, CustomerContacts],
})
export class CustomerModule {}
