import { Module } from '@nestjs/common';
import { CustomerHandlers } from './customer.handlers';
import { CustomerRepository } from './customer.repository';

@Module({ controllers: [CustomerHandlers], providers: [CustomerRepository], exports: [CustomerRepository] })
export class CustomerModule {}
