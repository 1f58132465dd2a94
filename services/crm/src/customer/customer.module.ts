import { Module } from '@nestjs/common';
import { CustomerContacts } from './customer.contacts';
import { CustomerController } from './customer.controller';
import { CustomerErasure } from './customer.erasure';
import { CustomerHandlers } from './customer.handlers';
import { CustomerRepository } from './customer.repository';
import { CustomerService } from './customer.service';

@Module({
  controllers: [CustomerController, CustomerHandlers],
  providers: [CustomerService, CustomerRepository, CustomerErasure, CustomerContacts],
  exports: [CustomerService, CustomerErasure],
})
export class CustomerModule {}
