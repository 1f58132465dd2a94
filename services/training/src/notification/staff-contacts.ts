import { GetStaffContactReplyV1, ServiceName, StaffContactPurpose } from '@cx/contracts';
import { AuditLog, StaffDirectory } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EmployeeRepository } from '../employee/employee.repository';

/**
 * The staff directory's answer to "how do I reach this employee, for this purpose": the work email
 * (and whether they still work here), audited before it leaves, naming the service that asked.
 * Training's own notifications use it directly; the others ask over `rpc.training.get-staff-contact.v1`.
 */
@Injectable()
export class StaffContacts extends StaffDirectory {
  constructor(
    private readonly employees: EmployeeRepository,
    private readonly audit: AuditLog,
  ) {
    super();
  }

  /** Existence and status only: no personal data, so not audited. */
  known(employeeIds: string[]): Promise<Map<string, boolean>> {
    return this.employees.activeByIds(employeeIds);
  }

  contact(employeeId: string, purpose: StaffContactPurpose): Promise<GetStaffContactReplyV1 | null> {
    return this.contactFor(employeeId, purpose, 'training');
  }

  async contactFor(
    employeeId: string,
    purpose: StaffContactPurpose,
    caller: ServiceName | undefined,
  ): Promise<GetStaffContactReplyV1 | null> {
    const e = await this.employees.findById(employeeId);
    if (!e) return null;
    const reply: GetStaffContactReplyV1 = {
      employeeId: e.id,
      name: e.name,
      ...(e.workEmail ? { workEmail: e.workEmail } : {}),
      active: e.status === 'active',
    };
    await this.audit.record({
      actor: { sub: `service:${caller ?? 'unknown'}`, roles: ['system'] },
      action: 'read',
      subjectType: 'employee',
      subjectId: e.id,
      fields: e.workEmail ? ['name', 'workEmail'] : ['name'],
      purpose,
    });
    return reply;
  }
}
