import { uuidv7 } from '@cx/contracts';
import {
  Clock,
  createdAtPositionOf,
  decodeCursor,
  IdempotencyKeys,
  IdempotentResult,
  isCreatedAtPosition,
  Page,
  Principal,
  RequestValidationError,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CxReportRepository } from '../cx-report/cx-report.repository';
import { CreateImprovementMeasureDto } from './dto/create-improvement-measure.dto';
import { ListImprovementMeasuresQuery } from './dto/list-improvement-measures.query';
import { ImprovementMeasureEntity } from './improvement-measure.entity';
import { ImprovementMeasureError } from './improvement-measure.errors';
import { ImprovementMeasureRepository } from './improvement-measure.repository';
import { canMove, dueDateProblem, mayAnswerFor, MeasureStatus } from './improvement-measure.rules';
import { ImprovementMeasureView, toImprovementMeasureView } from './improvement-measure.view';

/**
 * The departments' answers to a CX report (seed 003 6.5, PDCA): each lead sets measures for their own
 * department (mayAnswerFor), moves their status, and the next report shows each KPI before and after.
 */
@Injectable()
export class ImprovementMeasureService {
  constructor(
    private readonly tx: Transactions,
    private readonly measures: ImprovementMeasureRepository,
    private readonly reports: CxReportRepository,
    private readonly idempotency: IdempotencyKeys,
    private readonly clock: Clock,
  ) {}

  async create(
    dto: CreateImprovementMeasureDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<ImprovementMeasureView>> {
    if (!mayAnswerFor(actor, dto.department))
      throw ImprovementMeasureError.notYours(dto.department, actor.dept);
    const report = await this.reports.findById(dto.reportId);
    if (!report) throw ImprovementMeasureError.noReport(dto.reportId);
    const problem = dueDateProblem(dto.dueDate, report.periodTo, report.timeZone);
    if (problem) throw RequestValidationError.field('dueDate', problem);
    const now = this.clock.now();
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        const measure = Object.assign(new ImprovementMeasureEntity(), {
          id: uuidv7(),
          reportId: report.id,
          department: dto.department,
          goal: dto.goal,
          ownerId: dto.ownerId,
          dueDate: dto.dueDate,
          kpi: dto.kpi,
          status: dto.status ?? 'planned',
          createdAt: now,
          createdBy: actor.sub,
          updatedAt: now,
          updatedBy: actor.sub,
        } satisfies ImprovementMeasureEntity);
        await this.measures.insert(em, measure);
        return { status: 201, body: toImprovementMeasureView(measure), resourceId: measure.id };
      }),
    );
  }

  /** planned -> in-progress -> done, or dropped; by the lead of its department (or an admin). */
  async setStatus(id: string, status: MeasureStatus, actor: Principal): Promise<ImprovementMeasureView> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const measure = await this.measures.lockById(em, id);
      if (!measure) throw ImprovementMeasureError.notFound(id);
      if (!mayAnswerFor(actor, measure.department))
        throw ImprovementMeasureError.notYours(measure.department, actor.dept);
      if (!canMove(measure.status, status)) throw ImprovementMeasureError.final(measure.status, status);
      if (measure.status !== status) {
        Object.assign(measure, { status, updatedAt: now, updatedBy: actor.sub });
        await this.measures.save(em, measure);
      }
      return toImprovementMeasureView(measure);
    });
  }

  async get(id: string): Promise<ImprovementMeasureView> {
    const measure = await this.measures.findById(id);
    if (!measure) throw ImprovementMeasureError.notFound(id);
    return toImprovementMeasureView(measure);
  }

  /** Newest first, by cursor (docs/api.md, Pagination). */
  async list(query: ListImprovementMeasuresQuery): Promise<Page<ImprovementMeasureView>> {
    const rows = await this.measures.list(
      { reportId: query.reportId, department: query.department },
      decodeCursor(query.cursor, isCreatedAtPosition),
      query.limit + 1,
    );
    const page = toPage(rows, query.limit, createdAtPositionOf);
    return { items: page.items.map(toImprovementMeasureView), nextCursor: page.nextCursor };
  }
}
