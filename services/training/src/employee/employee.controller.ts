import { ApiPageResponse, ApiProblem, CurrentPrincipal, Page, Principal, Roles } from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  BulkEmployeesDto,
  LeaveDto,
  ListEmployeesQuery,
  PurposeQuery,
  UpsertEmployeeDto,
} from './dto/employee.dto';
import { EmployeeService } from './employee.service';
import { AssignmentView, BulkResultView, EmployeeView } from './employee.view';

/** HTTP only: one call to the service per handler; roles, validation and docs in decorators. */
@ApiTags('employees')
@Controller('employees')
export class EmployeeController {
  constructor(private readonly employees: EmployeeService) {}

  @Post()
  @Roles('system')
  @ApiOperation({ summary: "Create or update an employee from HR's record (the answer is masked)" })
  @ApiCreatedResponse({ type: EmployeeView, description: 'A new employee' })
  @ApiOkResponse({ type: EmployeeView, description: 'An employee the service knew: updated or unchanged' })
  @ApiProblem(400, 'A field is invalid (each one is named), or a change dated before the current assignment')
  @ApiProblem(409, 'Another employee has this work email')
  async upsert(
    @Body() dto: UpsertEmployeeDto,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EmployeeView> {
    const { status, body } = await this.employees.upsert(dto, actor);
    void reply.status(status).header('location', `/api/v1/employees/${encodeURIComponent(body.id)}`);
    return body;
  }

  @Post('bulk')
  @HttpCode(200)
  @Roles('system')
  @ApiOperation({
    summary: 'The nightly HR sync: up to 1,000 records, each accepted or refused with its reason',
  })
  @ApiOkResponse({ type: BulkResultView, description: 'One result per record, in the order sent' })
  @ApiProblem(400, 'Not a list of 1 to 1,000 records')
  bulk(@Body() dto: BulkEmployeesDto, @CurrentPrincipal() actor: Principal): Promise<BulkResultView> {
    return this.employees.bulk(dto.employees, actor);
  }

  @Get()
  @Roles('lead')
  @ApiOperation({ summary: 'Staff by employee number, cursor-paginated (masked: no personal data)' })
  @ApiPageResponse(EmployeeView)
  @ApiProblem(400, 'A filter, the limit or the cursor is invalid')
  list(@Query() query: ListEmployeesQuery): Promise<Page<EmployeeView>> {
    return this.employees.list(query);
  }

  @Get(':employeeId')
  @Roles('system', 'lead')
  @ApiOperation({ summary: 'One employee with name and work email (the read and its purpose are audited)' })
  @ApiOkResponse({ type: EmployeeView })
  @ApiProblem(400, 'No purpose stated')
  @ApiProblem(404, 'No such employee')
  get(
    @Param('employeeId') employeeId: string,
    @Query() query: PurposeQuery,
    @CurrentPrincipal() actor: Principal,
  ): Promise<EmployeeView> {
    return this.employees.get(employeeId, actor, query.purpose);
  }

  @Get(':employeeId/assignments')
  @Roles('lead')
  @ApiOperation({ summary: "An employee's stores, departments and roles over time, oldest first" })
  @ApiOkResponse({ type: [AssignmentView] })
  @ApiProblem(404, 'No such employee')
  assignments(@Param('employeeId') employeeId: string): Promise<AssignmentView[]> {
    return this.employees.assignments(employeeId);
  }

  @Post(':employeeId/leave')
  @HttpCode(200)
  @Roles('system')
  @ApiOperation({ summary: 'An employee left: kept in history, out of current figures' })
  @ApiOkResponse({ type: EmployeeView })
  @ApiProblem(400, 'leftAt is invalid, in the future or before the current assignment')
  @ApiProblem(404, 'No such employee')
  @ApiProblem(409, 'The employee has left already')
  leave(
    @Param('employeeId') employeeId: string,
    @Body() dto: LeaveDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<EmployeeView> {
    return this.employees.leave(employeeId, dto.leftAt, actor);
  }
}
