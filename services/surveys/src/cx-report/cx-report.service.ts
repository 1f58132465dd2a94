import { uuidv7 } from '@cx/contracts';
import {
  Clock,
  CursorPageQuery,
  decodeCursor,
  IdempotencyKeys,
  IdempotentResult,
  Page,
  Principal,
  RequestValidationError,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CreateCxReportDto } from './dto/create-cx-report.dto';
import { CxReportEntity } from './cx-report.entity';
import { CxReportError } from './cx-report.errors';
import { CxReportPosition, CxReportRepository } from './cx-report.repository';
import { activeFromProblem } from './cx-report.rules';
import { CxReportView, toCxReportView } from './cx-report.view';

const isPosition = (p: Record<string, unknown>): p is CxReportPosition =>
  typeof p.createdAt === 'string' && typeof p.id === 'string';

/** The cx report rules: what may be created, and how it reads. */
@Injectable()
export class CxReportService {
  constructor(
    private readonly tx: Transactions,
    private readonly cxReports: CxReportRepository,
    private readonly idempotency: IdempotencyKeys,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates a cx report in one transaction with its Idempotency-Key: a retry with the same key and
   * body gets the first answer (200), the same key with another body a 422. Events it causes are
   * published here too, through EventPublisher with the same `em` (docs/service-guide.md).
   */
  async create(
    dto: CreateCxReportDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<CxReportView>> {
    const now = this.clock.now();
    const activeFrom = dto.activeFrom ? new Date(dto.activeFrom) : now;
    const problem = activeFromProblem(activeFrom, now);
    if (problem) throw RequestValidationError.field('activeFrom', problem);
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        const cxReport = Object.assign(new CxReportEntity(), {
          id: uuidv7(),
          code: dto.code,
          name: dto.name,
          externalRef: dto.externalRef ?? null,
          activeFrom,
          createdAt: now,
          createdBy: actor.sub,
        } satisfies CxReportEntity);
        if (!(await this.cxReports.insert(em, cxReport))) throw CxReportError.codeTaken(dto.code);
        return { status: 201, body: toCxReportView(cxReport, now), resourceId: cxReport.id };
      }),
    );
  }

  async get(id: string): Promise<CxReportView> {
    const cxReport = await this.cxReports.findById(id);
    if (!cxReport) throw CxReportError.notFound(id);
    return toCxReportView(cxReport, this.clock.now());
  }

  /** Newest first, by cursor (docs/api.md, Pagination). */
  async list(query: CursorPageQuery): Promise<Page<CxReportView>> {
    const rows = await this.cxReports.list(decodeCursor(query.cursor, isPosition), query.limit + 1);
    const now = this.clock.now();
    const page = toPage(rows, query.limit, (last) => ({
      createdAt: last.createdAt.toISOString(),
      id: last.id,
    }));
    return { items: page.items.map((x) => toCxReportView(x, now)), nextCursor: page.nextCursor };
  }
}
