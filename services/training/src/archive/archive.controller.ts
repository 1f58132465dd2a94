import { ApiProblem, Roles } from '@cx/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ArchiveService } from './archive.service';
import { ArchiveView } from './archive.view';

@ApiTags('employees')
@Controller('employees')
export class ArchiveController {
  constructor(private readonly archive: ArchiveService) {}

  @Get(':employeeId/archive')
  @Roles('lead')
  @ApiOperation({
    summary: "An employee's training archive: every course taken, passed and failed, attempts, points",
  })
  @ApiOkResponse({ type: ArchiveView })
  @ApiProblem(404, 'No such employee')
  get(@Param('employeeId') employeeId: string): Promise<ArchiveView> {
    return this.archive.of(employeeId);
  }
}
