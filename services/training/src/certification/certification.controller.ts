import { ApiProblem, Roles } from '@cx/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CertificationService } from './certification.service';
import { CertificationView } from './certification.view';

@ApiTags('employees')
@Controller('employees')
export class CertificationController {
  constructor(private readonly certifications: CertificationService) {}

  @Get(':employeeId/certifications')
  @Roles('lead')
  @ApiOperation({ summary: "An employee's certifications: valid, expiring (reminded) or expired" })
  @ApiOkResponse({ type: [CertificationView] })
  @ApiProblem(404, 'No such employee')
  list(@Param('employeeId') employeeId: string): Promise<CertificationView[]> {
    return this.certifications.ofEmployee(employeeId);
  }
}
