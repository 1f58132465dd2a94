import { StaffDirectory } from '@cx/platform';
import { Module } from '@nestjs/common';
import { EmployeeDataModule } from '../employee/employee-data.module';
import { StaffContactHandlers } from './staff-contact.handlers';
import { StaffContacts } from './staff-contacts';

/** The staff directory's contacts for notifications: training's own sender, and the request other services make. */
@Module({
  imports: [EmployeeDataModule],
  controllers: [StaffContactHandlers],
  providers: [StaffContacts, { provide: StaffDirectory, useExisting: StaffContacts }],
})
export class StaffNotificationModule {}
