import { CursorPageQuery, decodeCursor, Page, toPage } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CareError } from './care.errors';
import { CareRepository } from './care.repository';
import { SEGMENT_DESCRIPTIONS, SegmentMemberView, SegmentsView } from './care.view';
import { Segment, SEGMENTS } from './segment.rules';

const isPosition = (p: Record<string, unknown>): p is { id: string } =>
  typeof p.id === 'string' && /^[0-9a-f-]{36}$/i.test(p.id);
const isSegment = (code: string): code is Segment => (SEGMENTS as readonly string[]).includes(code);

/** What the segments hold now: sizes for everyone who plans, member ids for campaigns. */
@Injectable()
export class SegmentQueries {
  constructor(private readonly care: CareRepository) {}

  async list(): Promise<SegmentsView> {
    const [sizes, settings] = await Promise.all([this.care.sizes(), this.care.settings()]);
    return {
      computedAt: settings.segmentsComputedAt?.toISOString() ?? null,
      items: SEGMENTS.map((code) => ({ code, ...SEGMENT_DESCRIPTIONS[code], members: sizes.get(code) ?? 0 })),
    };
  }

  async members(code: string, query: CursorPageQuery): Promise<Page<SegmentMemberView>> {
    if (!isSegment(code)) throw CareError.segmentNotFound(code);
    const after = decodeCursor(query.cursor, isPosition);
    const rows = await this.care.membersOf(code, after?.id, query.limit + 1);
    const views = rows.map((r) => ({ customerId: r.customerId, joinedAt: r.joinedAt.toISOString() }));
    return toPage(views, query.limit, (last) => ({ id: last.customerId }));
  }
}
