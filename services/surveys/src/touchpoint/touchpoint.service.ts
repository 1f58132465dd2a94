import { uuidv7 } from '@cx/contracts';
import {
  Clock,
  createdAtPositionOf,
  CursorPageQuery,
  decodeCursor,
  IdempotencyKeys,
  IdempotentResult,
  isCreatedAtPosition,
  Page,
  Principal,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CreateTouchpointDto } from './dto/create-touchpoint.dto';
import { TouchpointEntity } from './touchpoint.entity';
import { TouchpointError } from './touchpoint.errors';
import { TouchpointRepository } from './touchpoint.repository';
import { TouchpointView, toTouchpointView } from './touchpoint.view';

/** The touchpoint rules: what may be created, and how it reads. */
@Injectable()
export class TouchpointService {
  constructor(
    private readonly tx: Transactions,
    private readonly touchpoints: TouchpointRepository,
    private readonly idempotency: IdempotencyKeys,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates a touchpoint in one transaction with its Idempotency-Key: a retry with the same key and
   * body gets the first answer (200), the same key with another body a 422. Events it causes are
   * published here too, through EventPublisher with the same `em` (docs/service-guide.md).
   */
  async create(
    dto: CreateTouchpointDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<TouchpointView>> {
    const now = this.clock.now();
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        const touchpoint = Object.assign(new TouchpointEntity(), {
          id: uuidv7(),
          code: dto.code,
          name: dto.name,
          department: dto.department,
          standards: dto.standards,
          createdAt: now,
          createdBy: actor.sub,
        } satisfies TouchpointEntity);
        if (!(await this.touchpoints.insert(em, touchpoint))) throw TouchpointError.codeTaken(dto.code);
        return { status: 201, body: toTouchpointView(touchpoint), resourceId: touchpoint.id };
      }),
    );
  }

  /** The codes among `codes` that are not registered (questionnaires and checklists refer only to known ones). */
  async unknownCodes(codes: string[]): Promise<string[]> {
    const known = new Set(await this.touchpoints.existingCodes(codes));
    return [...new Set(codes)].filter((c) => !known.has(c));
  }

  async get(id: string): Promise<TouchpointView> {
    const touchpoint = await this.touchpoints.findById(id);
    if (!touchpoint) throw TouchpointError.notFound(id);
    return toTouchpointView(touchpoint);
  }

  /** Newest first, by cursor (docs/api.md, Pagination). */
  async list(query: CursorPageQuery): Promise<Page<TouchpointView>> {
    const rows = await this.touchpoints.list(
      decodeCursor(query.cursor, isCreatedAtPosition),
      query.limit + 1,
    );
    const page = toPage(rows, query.limit, createdAtPositionOf);
    return { items: page.items.map(toTouchpointView), nextCursor: page.nextCursor };
  }
}
