import { CustomerDirectory } from '@cx/platform';
import { Module } from '@nestjs/common';
import { CustomerModule } from '../customer/customer.module';
import { LocalCustomerDirectory } from './customer-directory';

/** The customer contacts crm's own notifications (loyalty notices) are sent to. */
@Module({
  imports: [CustomerModule],
  providers: [LocalCustomerDirectory, { provide: CustomerDirectory, useExisting: LocalCustomerDirectory }],
})
export class CustomerNotificationModule {}
