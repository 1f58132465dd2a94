import {
  AuditLog,
  Clock,
  decodeCursor,
  localDateOf,
  Page,
  Principal,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { birthdayWindow } from './birthday.rules';
import { CareRepository } from './care.repository';
import { BirthdayView } from './care.view';
import { BirthdaysQuery } from './dto/care.query';

const isPosition = (p: Record<string, unknown>): p is { inDays: number; id: string } =>
  Number.isInteger(p.inDays) && typeof p.id === 'string' && /^[0-9a-f-]{36}$/i.test(p.id);

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Birthday care: who has a birthday in the next days and agreed to marketing. The month and day are
 * personal data: each customer on the page is audited as a read of `birthday` before the page leaves.
 */
@Injectable()
export class BirthdayService {
  constructor(
    private readonly care: CareRepository,
    private readonly audit: AuditLog,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async upcoming(query: BirthdaysQuery, actor: Principal): Promise<Page<BirthdayView>> {
    const window = birthdayWindow(localDateOf(this.clock.now(), query.timeZone), query.days);
    const after = decodeCursor(query.cursor, isPosition);
    const rows = await this.care.birthdays(window, after, query.limit + 1);
    const page = toPage(rows, query.limit, (last) => ({ inDays: last.inDays, id: last.customerId }));
    await this.tx.run(async (em) => {
      for (const r of page.items)
        await this.audit.record(
          {
            actor: { sub: actor.sub, roles: actor.roles },
            action: 'read',
            subjectType: 'customer',
            subjectId: r.customerId,
            fields: ['birthday'],
            purpose: 'birthday-care',
          },
          em,
        );
    });
    return {
      items: page.items.map((r) => ({
        customerId: r.customerId,
        birthday: `${pad(Math.floor(r.monthDay / 100))}-${pad(r.monthDay % 100)}`,
        inDays: r.inDays,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The count alone: what a lead may see. */
  count(days: number, timeZone: string): Promise<number> {
    return this.care.countBirthdays(birthdayWindow(localDateOf(this.clock.now(), timeZone), days));
  }
}
