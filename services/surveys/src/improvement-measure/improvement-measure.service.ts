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
import { CreateImprovementMeasureDto } from './dto/create-improvement-measure.dto';
import { ImprovementMeasureEntity } from './improvement-measure.entity';
import { ImprovementMeasureError } from './improvement-measure.errors';
import { ImprovementMeasurePosition, ImprovementMeasureRepository } from './improvement-measure.repository';
import { activeFromProblem } from './improvement-measure.rules';
import { ImprovementMeasureView, toImprovementMeasureView } from './improvement-measure.view';

const isPosition = (p: Record<string, unknown>): p is ImprovementMeasurePosition =>
  typeof p.createdAt === 'string' && typeof p.id === 'string';

/** The improvement measure rules: what may be created, and how it reads. */
@Injectable()
export class ImprovementMeasureService {
  constructor(
    private readonly tx: Transactions,
    private readonly improvementMeasures: ImprovementMeasureRepository,
    private readonly idempotency: IdempotencyKeys,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates a improvement measure in one transaction with its Idempotency-Key: a retry with the same key and
   * body gets the first answer (200), the same key with another body a 422. Events it causes are
   * published here too, through EventPublisher with the same `em` (docs/service-guide.md).
   */
  async create(
    dto: CreateImprovementMeasureDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<ImprovementMeasureView>> {
    const now = this.clock.now();
    const activeFrom = dto.activeFrom ? new Date(dto.activeFrom) : now;
    const problem = activeFromProblem(activeFrom, now);
    if (problem) throw RequestValidationError.field('activeFrom', problem);
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        const improvementMeasure = Object.assign(new ImprovementMeasureEntity(), {
          id: uuidv7(),
          code: dto.code,
          name: dto.name,
          externalRef: dto.externalRef ?? null,
          activeFrom,
          createdAt: now,
          createdBy: actor.sub,
        } satisfies ImprovementMeasureEntity);
        if (!(await this.improvementMeasures.insert(em, improvementMeasure)))
          throw ImprovementMeasureError.codeTaken(dto.code);
        return {
          status: 201,
          body: toImprovementMeasureView(improvementMeasure, now),
          resourceId: improvementMeasure.id,
        };
      }),
    );
  }

  async get(id: string): Promise<ImprovementMeasureView> {
    const improvementMeasure = await this.improvementMeasures.findById(id);
    if (!improvementMeasure) throw ImprovementMeasureError.notFound(id);
    return toImprovementMeasureView(improvementMeasure, this.clock.now());
  }

  /** Newest first, by cursor (docs/api.md, Pagination). */
  async list(query: CursorPageQuery): Promise<Page<ImprovementMeasureView>> {
    const rows = await this.improvementMeasures.list(decodeCursor(query.cursor, isPosition), query.limit + 1);
    const now = this.clock.now();
    const page = toPage(rows, query.limit, (last) => ({
      createdAt: last.createdAt.toISOString(),
      id: last.id,
    }));
    return { items: page.items.map((x) => toImprovementMeasureView(x, now)), nextCursor: page.nextCursor };
  }
}
