import { uuidv7 } from '@cx/contracts';
import {
  AuditLog,
  Clock,
  createdAtPositionOf,
  CursorPageQuery,
  decodeCursor,
  EventPublisher,
  IdempotencyKeys,
  IdempotentResult,
  isCreatedAtPosition,
  Page,
  PiiCipher,
  Principal,
  readAudit,
  RequestValidationError,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PurchaseService } from '../purchase/purchase.service';
import { ConsentDto, CreateCustomerDto, FindCustomerDto, UpdateCustomerDto } from './dto/customer.dto';
import { CustomerConsentEntity, CustomerConsentHistoryEntity, CustomerEntity } from './customer.entity';
import { CustomerError } from './customer.errors';
import { customerMerged } from './customer.events';
import { CustomerRepository } from './customer.repository';
import {
  birthdayMonthDay,
  birthdayProblem,
  mergeRefusal,
  normalizePhone,
  PersonalField,
} from './customer.rules';
import {
  ConsentHistoryView,
  CustomerView,
  RetentionPolicyView,
  toConsentHistoryView,
  toCustomerView,
  toRetentionPolicyView,
} from './customer.view';

/** Roles that see a customer's personal data (an audited read); everyone else gets the masked view. */
const PERSONAL_VIEW_ROLES = ['system', 'agent'] as const;

export function seesPersonalData(actor: Principal): boolean {
  return actor.roles.some((r) => (PERSONAL_VIEW_ROLES as readonly string[]).includes(r));
}

/** Profiles: create, change, read (audited), find by phone or email, merge. Erasure: CustomerErasure. */
@Injectable()
export class CustomerService {
  constructor(
    private readonly tx: Transactions,
    private readonly customers: CustomerRepository,
    private readonly idempotency: IdempotencyKeys,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditLog,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly purchases: PurchaseService,
  ) {}

  /**
   * Creates a profile in one transaction with its Idempotency-Key: a retry with the same key and body
   * gets the first answer (200), the same key with another body a 422. The answer is the masked view:
   * it is kept with the key, and personal data must not be (ADR 12).
   */
  async create(
    dto: CreateCustomerDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<CustomerView>> {
    const now = this.clock.now();
    if (!dto.phone && !dto.email)
      throw RequestValidationError.field('phone', 'give a phone, an email or both');
    this.checkBirthday(dto.birthday, now);
    this.checkConsents(dto.consents, now);
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        const c = Object.assign(new CustomerEntity(), {
          id: uuidv7(),
          status: 'active',
          name: dto.name.trim(),
          phone: null,
          email: null,
          birthday: null,
          gender: dto.gender ?? null,
          phoneHash: null,
          emailHash: null,
          birthdayMonthDay: null,
          preferredSizes: dto.preferredSizes ?? [],
          preferredColours: dto.preferredColours ?? [],
          preferredCategories: dto.preferredCategories ?? [],
          registrationChannel: dto.registrationChannel,
          registrationStoreId: dto.registrationStoreId ?? null,
          preferredLanguage: dto.preferredLanguage ?? null,
          mergedIntoId: null,
          mergedAt: null,
          erasedAt: null,
          lastActivityAt: now,
          createdAt: now,
          createdBy: actor.sub,
          updatedAt: now,
          version: 1,
        } satisfies CustomerEntity);
        this.setPhone(c, dto.phone ?? null);
        this.setEmail(c, dto.email ?? null);
        this.setBirthday(c, dto.birthday ?? null);
        const taken = await this.customers.insert(em, c);
        if (taken) throw CustomerError.contactTaken(taken);
        const consents = await this.recordConsents(em, c.id, dto.consents ?? [], actor, now);
        await this.audit.record(
          {
            actor,
            action: 'update',
            subjectType: 'customer',
            subjectId: c.id,
            fields: personalFieldsOf(c),
            purpose: 'registration',
          },
          em,
        );
        return { status: 201, body: toCustomerView(c, consents, false), resourceId: c.id };
      }),
    );
  }

  /** Changes what the PATCH sends, row locked; the answer is the masked view (nothing is read back). */
  async update(id: string, dto: UpdateCustomerDto, actor: Principal): Promise<CustomerView> {
    const now = this.clock.now();
    this.checkBirthday(dto.birthday, now);
    this.checkConsents(dto.consents, now);
    return this.tx.run(async (em) => {
      const c = await this.customers.lockById(em, id);
      if (!c) throw CustomerError.notFound(id);
      if (c.status === 'erased') throw CustomerError.erased(id);
      if (c.status === 'merged') throw CustomerError.merged(id, c.mergedIntoId ?? '');
      const changed: PersonalField[] = [];
      if (dto.name !== undefined && dto.name.trim() !== c.name) {
        c.name = dto.name.trim();
        changed.push('name');
      }
      if (dto.phone !== undefined) {
        const before = c.phoneHash;
        this.setPhone(c, dto.phone);
        if (c.phoneHash !== before) changed.push('phone');
      }
      if (dto.email !== undefined) {
        const before = c.emailHash;
        this.setEmail(c, dto.email);
        if (c.emailHash !== before) changed.push('email');
      }
      if (dto.birthday !== undefined && dto.birthday !== c.birthday) {
        this.setBirthday(c, dto.birthday);
        changed.push('birthday');
      }
      if (dto.gender !== undefined && dto.gender !== c.gender) {
        c.gender = dto.gender;
        changed.push('gender');
      }
      if (dto.preferredSizes) c.preferredSizes = dto.preferredSizes;
      if (dto.preferredColours) c.preferredColours = dto.preferredColours;
      if (dto.preferredCategories) c.preferredCategories = dto.preferredCategories;
      if (dto.registrationStoreId !== undefined) c.registrationStoreId = dto.registrationStoreId;
      if (dto.preferredLanguage !== undefined) c.preferredLanguage = dto.preferredLanguage;
      if (!c.phoneHash && !c.emailHash)
        throw RequestValidationError.field(
          dto.phone === null ? 'phone' : 'email',
          'a customer keeps a phone or an email',
        );
      c.updatedAt = now;
      c.lastActivityAt = now;
      c.version += 1;
      const taken = await this.customers.update(em, c);
      if (taken) throw CustomerError.contactTaken(taken);
      const consents = await this.recordConsents(em, c.id, dto.consents ?? [], actor, now);
      if (changed.length)
        await this.audit.record(
          { actor, action: 'update', subjectType: 'customer', subjectId: c.id, fields: changed },
          em,
        );
      return toCustomerView(c, consents, false);
    });
  }

  /** One profile: personal fields for system and agent (audited, with the purpose), masked for others. */
  async get(id: string, actor: Principal, purpose: string | undefined): Promise<CustomerView> {
    const personal = seesPersonalData(actor);
    if (personal && !purpose)
      throw RequestValidationError.field('purpose', 'say why you read this personal data (purpose)');
    const audit = personal ? { by: readAudit(actor, purpose), skipMerged: false } : undefined;
    const found = await this.customers.findWithConsents({ id }, audit);
    if (!found) throw CustomerError.notFound(id);
    return toCustomerView(found.customer, found.consents, personal);
  }

  /**
   * By phone or email through the keyed hash (the value is never compared in clear). A merged
   * record answers with its survivor. Always a personal read: system and agent only, audited.
   */
  async find(dto: FindCustomerDto, actor: Principal): Promise<CustomerView> {
    if (!dto.phone === !dto.email)
      throw RequestValidationError.field('phone', 'give a phone or an email, not both');
    const field = dto.phone ? 'phone' : 'email';
    const personal = seesPersonalData(actor);
    const by = personal ? readAudit(actor, dto.purpose) : undefined;
    // A merged record is answered by its survivor: only the survivor's read is audited.
    const found = dto.phone
      ? await this.customers.findWithConsents(
          { phoneHash: this.cipher.blindIndex(normalizePhone(dto.phone), 'phone') },
          by && { by, skipMerged: true },
        )
      : await this.customers.findWithConsents(
          { emailHash: this.cipher.blindIndex(dto.email!, 'email') },
          by && { by, skipMerged: true },
        );
    if (!found) throw new CustomerError('CUSTOMER_NOT_FOUND', `no customer has this ${field}`, { field });
    const survivor = found.customer.mergedIntoId
      ? await this.customers.findWithConsents(
          { id: found.customer.mergedIntoId },
          by && { by, skipMerged: false },
        )
      : null;
    const { customer, consents } = survivor ?? found;
    return toCustomerView(customer, consents, personal);
  }

  /** Newest first, by cursor; always masked (a list is no reason to read everyone's contact). */
  async list(query: CursorPageQuery): Promise<Page<CustomerView>> {
    const rows = await this.customers.list(decodeCursor(query.cursor, isCreatedAtPosition), query.limit + 1);
    const page = toPage(rows, query.limit, createdAtPositionOf);
    const consents = await this.customers.consentsOfMany(page.items.map((c) => c.id));
    return {
      items: page.items.map((c) => toCustomerView(c, consents.get(c.id) ?? [], false)),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Merges `duplicateId` into `id`: the duplicate points to the survivor, both keep their histories.
   * Its purchases, points and tier inputs move to the survivor in this transaction (the survivor's tier
   * re-evaluated); other features and services follow the event.
   */
  async merge(id: string, duplicateId: string, actor: Principal): Promise<CustomerView> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const rows = await this.customers.lockPair(em, id, duplicateId);
      const survivor = rows.get(id);
      if (!survivor) throw CustomerError.notFound(id);
      const duplicate = rows.get(duplicateId);
      if (!duplicate)
        throw new CustomerError('CUSTOMER_NOT_FOUND', `customer ${duplicateId} does not exist`, {
          field: 'duplicateId',
        });
      const refusal = mergeRefusal(survivor, duplicate);
      if (refusal)
        throw new CustomerError('CUSTOMER_MERGE_REFUSED', refusal.message, { field: refusal.field });
      Object.assign(duplicate, {
        status: 'merged',
        mergedIntoId: survivor.id,
        mergedAt: now,
        updatedAt: now,
      });
      duplicate.version += 1;
      await this.customers.update(em, duplicate);
      await this.customers.repointMerged(em, duplicate.id, survivor.id);
      await this.purchases.followMerge(em, duplicate.id, survivor.id, actor);
      survivor.lastActivityAt = now;
      survivor.updatedAt = now;
      survivor.version += 1;
      await this.customers.update(em, survivor);
      for (const subjectId of [survivor.id, duplicate.id])
        await this.audit.record(
          {
            actor,
            action: 'update',
            subjectType: 'customer',
            subjectId,
            fields: [],
            purpose: `merge ${duplicate.id} into ${survivor.id}`,
          },
          em,
        );
      await this.events.publish(em, customerMerged(survivor.id, duplicate.id, now));
      return toCustomerView(survivor, await this.customers.consentsOf(survivor.id, em), false);
    });
  }

  /** Every consent given or withdrawn, oldest first (no personal data). */
  async consentHistory(id: string): Promise<ConsentHistoryView[]> {
    if (!(await this.customers.findById(id))) throw CustomerError.notFound(id);
    return (await this.customers.consentHistory(id)).map(toConsentHistoryView);
  }

  async retentionPolicy(): Promise<RetentionPolicyView> {
    return toRetentionPolicyView(await this.customers.retentionPolicy());
  }

  async updateRetentionPolicy(inactiveDays: number, who: Principal): Promise<RetentionPolicyView> {
    const policy = { id: 1, inactiveDays, updatedAt: this.clock.now(), updatedBy: who.sub };
    await this.tx.run((em) => this.customers.saveRetentionPolicy(em, policy));
    return toRetentionPolicyView(policy);
  }

  private setPhone(c: CustomerEntity, phone: string | null): void {
    const normalized = phone === null ? null : normalizePhone(phone);
    c.phone = normalized;
    c.phoneHash = normalized === null ? null : this.cipher.blindIndex(normalized, 'phone');
  }

  private setEmail(c: CustomerEntity, email: string | null): void {
    c.email = email === null ? null : email.trim();
    c.emailHash = email === null ? null : this.cipher.blindIndex(email, 'email');
  }

  private setBirthday(c: CustomerEntity, birthday: string | null): void {
    c.birthday = birthday;
    c.birthdayMonthDay = birthday === null ? null : birthdayMonthDay(birthday);
  }

  private checkBirthday(birthday: string | null | undefined, now: Date): void {
    // An empty string is a birthday that is not a date, not an absent one.
    const problem = typeof birthday === 'string' ? birthdayProblem(birthday, now) : null;
    if (problem) throw RequestValidationError.field('birthday', problem);
  }

  private checkConsents(consents: ConsentDto[] | undefined, now: Date): void {
    const seen = new Set<string>();
    for (const [i, k] of (consents ?? []).entries()) {
      const key = `${k.purpose}/${k.channel}`;
      if (seen.has(key)) throw RequestValidationError.field(`consents.${i}`, `${key} is given twice`);
      seen.add(key);
      if (k.at && new Date(k.at).getTime() > now.getTime())
        throw RequestValidationError.field(`consents.${i}.at`, 'consent cannot be given in the future');
    }
  }

  /** The new answers become current, and every one goes to the history; returns the current set. */
  private async recordConsents(
    em: EntityManager,
    customerId: string,
    given: ConsentDto[],
    actor: Principal,
    now: Date,
  ): Promise<CustomerConsentEntity[]> {
    const current = given.map((k) =>
      Object.assign(new CustomerConsentEntity(), {
        customerId,
        purpose: k.purpose,
        channel: k.channel,
        granted: k.granted,
        changedAt: k.at ? new Date(k.at) : now,
        source: k.source,
      } satisfies CustomerConsentEntity),
    );
    const history = current.map((k) =>
      Object.assign(new CustomerConsentHistoryEntity(), {
        id: uuidv7(),
        ...k,
        recordedAt: now,
        recordedBy: actor.sub,
      } satisfies CustomerConsentHistoryEntity),
    );
    await this.customers.recordConsents(em, current, history);
    return this.customers.consentsOf(customerId, em);
  }
}

/** The personal fields a profile holds a value for (names only: what an audit entry lists). */
export function personalFieldsOf(c: CustomerEntity): PersonalField[] {
  return (['name', 'phone', 'email', 'birthday', 'gender'] as const).filter((f) => c[f] !== null);
}
