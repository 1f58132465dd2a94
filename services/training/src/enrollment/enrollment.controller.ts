import { ApiProblem, CurrentPrincipal, Principal, Roles } from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AttemptDto, AttendanceDto, CompletionDto, CreateEnrollmentDto } from './dto/enrollment.dto';
import { EnrollmentService } from './enrollment.service';
import { EnrollmentView } from './enrollment.view';

const id = new ParseUUIDPipe();

/** HTTP only: enrolments by hand and the records of training (attendance, attempts, completion). */
@ApiTags('enrollments')
@Controller()
export class EnrollmentController {
  constructor(private readonly enrollments: EnrollmentService) {}

  @Post('enrollments')
  @Roles('lead')
  @ApiOperation({ summary: 'Enrol an employee in a course by hand' })
  @ApiCreatedResponse({ type: EnrollmentView })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(404, 'No such employee or course')
  @ApiProblem(409, 'Enrolled in this course already, or the employee has left')
  create(@Body() dto: CreateEnrollmentDto, @CurrentPrincipal() actor: Principal): Promise<EnrollmentView> {
    return this.enrollments.create(dto, actor);
  }

  @Get('employees/:employeeId/enrollments')
  @Roles('lead')
  @ApiOperation({ summary: "An employee's enrolments, oldest first" })
  @ApiOkResponse({ type: [EnrollmentView] })
  @ApiProblem(404, 'No such employee')
  list(@Param('employeeId') employeeId: string): Promise<EnrollmentView[]> {
    return this.enrollments.listForEmployee(employeeId);
  }

  @Post('enrollments/:id/attendance')
  @HttpCode(200)
  @Roles('system', 'lead')
  @ApiOperation({ summary: 'Record that the employee attended' })
  @ApiOkResponse({ type: EnrollmentView })
  @ApiProblem(400, 'attendedAt is invalid or in the future')
  @ApiProblem(404, 'No such enrolment')
  @ApiProblem(409, 'The enrolment is closed')
  attend(@Param('id', id) enrollmentId: string, @Body() dto: AttendanceDto): Promise<EnrollmentView> {
    return this.enrollments.attend(enrollmentId, dto.attendedAt);
  }

  @Post('enrollments/:id/attempts')
  @HttpCode(200)
  @Roles('system', 'lead')
  @ApiOperation({ summary: 'Record an assessment attempt (passing completes the course)' })
  @ApiOkResponse({ type: EnrollmentView })
  @ApiProblem(400, 'score or takenAt is invalid')
  @ApiProblem(404, 'No such enrolment')
  @ApiProblem(409, 'The enrolment is closed, the course has no assessment, or no attempts are left')
  attempt(@Param('id', id) enrollmentId: string, @Body() dto: AttemptDto): Promise<EnrollmentView> {
    return this.enrollments.attempt(enrollmentId, dto);
  }

  @Post('enrollments/:id/completion')
  @HttpCode(200)
  @Roles('system', 'lead')
  @ApiOperation({ summary: 'Record the completion of a course without assessment' })
  @ApiOkResponse({ type: EnrollmentView })
  @ApiProblem(400, 'completedAt is invalid or in the future')
  @ApiProblem(404, 'No such enrolment')
  @ApiProblem(409, 'The enrolment is closed, or the course is completed by its assessment')
  complete(@Param('id', id) enrollmentId: string, @Body() dto: CompletionDto): Promise<EnrollmentView> {
    return this.enrollments.completion(enrollmentId, dto.completedAt);
  }
}
