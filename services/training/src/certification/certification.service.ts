import { Clock } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EmployeeError } from '../employee/employee.errors';
import { EmployeeRepository } from '../employee/employee.repository';
import { CertificationRepository } from './certification.repository';
import { CertificationView, toCertificationView } from './certification.view';

/** How an employee's certifications stand today. */
@Injectable()
export class CertificationService {
  constructor(
    private readonly certifications: CertificationRepository,
    private readonly employees: EmployeeRepository,
    private readonly clock: Clock,
  ) {}

  async ofEmployee(employeeId: string): Promise<CertificationView[]> {
    if (!(await this.employees.findById(employeeId))) throw EmployeeError.notFound(employeeId);
    const now = this.clock.now();
    return (await this.certifications.ofEmployee(employeeId)).map((c) => toCertificationView(c, now));
  }
}
