import {
  CheckStaffReplyV1,
  CheckStaffRequestV1,
  GetStaffContactReplyV1,
  GetStaffContactRequestV1,
  Subjects,
} from '@cx/contracts';
import { OnRequest, RequestContext } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { EmployeeError } from '../employee/employee.errors';
import { StaffContacts } from './staff-contacts';

/** Other services' notifications to staff ask here for the work email, for one send, and leads' groups are checked here. */
@Controller()
export class StaffContactHandlers {
  constructor(private readonly contacts: StaffContacts) {}

  @OnRequest(Subjects.training.getStaffContact)
  async contact(req: GetStaffContactRequestV1, ctx: RequestContext): Promise<GetStaffContactReplyV1> {
    const reply = await this.contacts.contactFor(req.employeeId, req.purpose, ctx.source);
    if (!reply) throw EmployeeError.notFound(req.employeeId);
    return reply;
  }

  /** Which employee numbers exist and still work here: a lead naming a notification group's staff. */
  @OnRequest(Subjects.training.checkStaff)
  async check(req: CheckStaffRequestV1): Promise<CheckStaffReplyV1> {
    const known = await this.contacts.known(req.employeeIds);
    return { known: [...known].map(([employeeId, active]) => ({ employeeId, active })) };
  }
}
