import { uuidv7 } from '@cx/contracts';
import { Clock, Principal, RequestValidationError, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CreateCourseDto } from './dto/course.dto';
import { CourseEntity } from './course.entity';
import { CourseError } from './course.errors';
import { CourseRepository } from './course.repository';
import { assessmentProblem } from './course.rules';
import { CourseView, toCourseView } from './course.view';

/** The training lead's course catalogue. */
@Injectable()
export class CourseService {
  constructor(
    private readonly tx: Transactions,
    private readonly courses: CourseRepository,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateCourseDto, actor: Principal): Promise<CourseView> {
    const problem = assessmentProblem(dto.passingScore, dto.maxAttempts);
    if (problem) throw RequestValidationError.field(problem.field, problem.message);
    const course: CourseEntity = {
      id: uuidv7(),
      code: dto.code,
      title: dto.title.trim(),
      topic: dto.topic,
      format: dto.format,
      durationMinutes: dto.durationMinutes,
      passingScore: dto.passingScore ?? null,
      maxAttempts: dto.maxAttempts ?? null,
      points: dto.points,
      serviceProcess: dto.serviceProcess ?? false,
      active: true,
      createdAt: this.clock.now(),
      createdBy: actor.sub,
    };
    if (!(await this.tx.run((em) => this.courses.insert(em, course)))) throw CourseError.codeTaken(dto.code);
    return toCourseView(course);
  }

  async get(id: string): Promise<CourseView> {
    const c = await this.courses.findById(id);
    if (!c) throw CourseError.notFound(id);
    return toCourseView(c);
  }

  async list(): Promise<CourseView[]> {
    return (await this.courses.list()).map(toCourseView);
  }
}
