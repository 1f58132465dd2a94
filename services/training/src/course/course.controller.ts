import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CreateCourseDto } from './dto/course.dto';
import { CourseService } from './course.service';
import { CourseView } from './course.view';

const id = new ParseUUIDPipe();

/** The course catalogue, kept by the training lead. */
@AdminController('courses')
export class CourseController {
  constructor(private readonly courses: CourseService) {}

  @Post()
  @ApiOperation({ summary: 'Add a course' })
  @ApiCreatedResponse({ type: CourseView })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(409, 'The code is taken (COURSE_CODE_TAKEN)')
  create(@Body() dto: CreateCourseDto, @CurrentPrincipal() actor: Principal): Promise<CourseView> {
    return this.courses.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Every course, by code' })
  @ApiOkResponse({ type: [CourseView] })
  list(): Promise<CourseView[]> {
    return this.courses.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One course' })
  @ApiOkResponse({ type: CourseView })
  @ApiProblem(404, 'No such course (COURSE_NOT_FOUND)')
  get(@Param('id', id) courseId: string): Promise<CourseView> {
    return this.courses.get(courseId);
  }
}
