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
  RequestValidationError,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TouchpointService } from '../touchpoint/touchpoint.service';
import { CreateQuestionnaireDto, CreateVersionDto, QuestionDto } from './dto/questionnaire.dto';
import { InvitationPolicyCache } from './invitation-policy.cache';
import { QuestionnaireEntity, QuestionnaireVersionEntity } from './questionnaire.entity';
import { QuestionnaireError } from './questionnaire.errors';
import { QuestionnaireRepository } from './questionnaire.repository';
import { Question, questionProblems, touchpointsOf } from './questions.rules';
import {
  QuestionnaireVersionView,
  QuestionnaireView,
  toQuestionnaireView,
  toVersionView,
} from './questionnaire.view';

/** Questionnaires and their versions: what may be published, and how it reads. */
@Injectable()
export class QuestionnaireService {
  private readonly versionCache = new Map<string, QuestionnaireVersionEntity>();

  constructor(
    private readonly tx: Transactions,
    private readonly questionnaires: QuestionnaireRepository,
    private readonly touchpoints: TouchpointService,
    private readonly idempotency: IdempotencyKeys,
    private readonly clock: Clock,
    private readonly policy: InvitationPolicyCache,
  ) {}

  async create(
    dto: CreateQuestionnaireDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<QuestionnaireView>> {
    const questions = await this.checked(dto.questions);
    const now = this.clock.now();
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        const q = Object.assign(new QuestionnaireEntity(), {
          id: uuidv7(),
          code: dto.code,
          title: dto.title,
          currentVersion: 1,
          createdAt: now,
          createdBy: actor.sub,
        } satisfies QuestionnaireEntity);
        if (!(await this.questionnaires.insert(em, q))) throw QuestionnaireError.codeTaken(dto.code);
        const v = this.version(q.id, 1, questions, now, actor);
        await this.questionnaires.insertVersion(em, v);
        return { status: 201, body: toQuestionnaireView(q, v), resourceId: q.id };
      }),
    );
  }

  /**
   * Publishes the next version; invitations made from now on use it, earlier answers keep theirs.
   * A retry with the same Idempotency-Key gets the version it published, not one more.
   */
  async addVersion(
    id: string,
    dto: CreateVersionDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<QuestionnaireVersionView>> {
    const questions = await this.checked(dto.questions);
    const now = this.clock.now();
    // The questionnaire is part of what is asked: the same key on another questionnaire is another body.
    const request = key ? { caller: actor.sub, key, body: { questionnaireId: id, ...dto } } : undefined;
    const published = await this.tx.run((em) =>
      this.idempotency.run(em, request, async () => {
        const q = await this.questionnaires.lockById(em, id);
        if (!q) throw QuestionnaireError.notFound(id);
        const v = this.version(id, q.currentVersion + 1, questions, now, actor);
        await this.questionnaires.insertVersion(em, v);
        await this.questionnaires.setCurrentVersion(em, id, v.version);
        return { status: 201, body: toVersionView(v), resourceId: id };
      }),
    );
    this.policy.clear(); // after the commit: this replica invites with it at once, the others when notified
    return published;
  }

  async get(id: string): Promise<QuestionnaireView> {
    const q = await this.questionnaires.findById(id);
    if (!q) throw QuestionnaireError.notFound(id);
    return toQuestionnaireView(q, await this.requireVersion(id, q.currentVersion));
  }

  async versions(id: string): Promise<QuestionnaireVersionView[]> {
    const q = await this.questionnaires.findById(id);
    if (!q) throw QuestionnaireError.notFound(id);
    return (await this.questionnaires.versionsOf(id)).map(toVersionView);
  }

  /** The questionnaire and the version new invitations use. */
  /**
   * The questionnaire and its current version. Inside a transaction (an event handler's) pass its `em`:
   * a read on a second pooled connection while the first is held starves the pool when every consumer
   * lane holds one (seen as minutes of stalled invitations in the loop's bench, ADR 30).
   */
  async current(
    id: string,
    em?: EntityManager,
  ): Promise<{ questionnaire: QuestionnaireEntity; version: QuestionnaireVersionEntity }> {
    const questionnaire = await this.questionnaires.findById(id, em);
    if (!questionnaire) throw QuestionnaireError.notFound(id);
    return { questionnaire, version: await this.requireVersion(id, questionnaire.currentVersion, em) };
  }

  /**
   * The version new invitations use, kept until a questionnaire changes (InvitationPolicyCache). A miss
   * reads in the caller's transaction when given its `em` (a handler needs no second connection).
   */
  invitationVersion(id: string, em?: EntityManager): Promise<QuestionnaireVersionEntity> {
    return this.policy.get(`questionnaire:${id}`, async () => (await this.current(id, em)).version);
  }

  /**
   * A version by number. Versions never change once written (answers refer to them), so each replica
   * keeps the ones it has read: answering a survey then reads no questionnaire from the database.
   */
  async requireVersion(id: string, version: number, em?: EntityManager): Promise<QuestionnaireVersionEntity> {
    const key = `${id}:${version}`;
    const known = this.versionCache.get(key);
    if (known) return known;
    const v = await this.questionnaires.findVersion(id, version, em);
    if (!v) throw QuestionnaireError.versionNotFound(id, version);
    this.versionCache.set(key, v);
    return v;
  }

  async list(query: CursorPageQuery): Promise<Page<QuestionnaireView>> {
    const rows = await this.questionnaires.list(
      decodeCursor(query.cursor, isCreatedAtPosition),
      query.limit + 1,
    );
    const page = toPage(rows, query.limit, createdAtPositionOf);
    const items = await Promise.all(
      page.items.map(async (q) => toQuestionnaireView(q, await this.requireVersion(q.id, q.currentVersion))),
    );
    return { items, nextCursor: page.nextCursor };
  }

  /** The questions as stored, after the version rules and the touchpoint registry agree. */
  private async checked(dtos: QuestionDto[]): Promise<Question[]> {
    const questions: Question[] = dtos.map((d) => ({
      key: d.key,
      type: d.type,
      required: d.required,
      text: { ...d.text },
      ...(d.touchpoint && { touchpoint: d.touchpoint }),
      ...(d.options && { options: d.options.map((o) => ({ key: o.key, text: { ...o.text } })) }),
      ...(d.rows && { rows: d.rows.map((o) => ({ key: o.key, text: { ...o.text } })) }),
      ...(d.showIf && { showIf: { question: d.showIf.question, atMost: d.showIf.atMost } }),
    }));
    const problems = questionProblems(questions);
    if (problems.length) throw new RequestValidationError(problems);
    const unknown = await this.touchpoints.unknownCodes(touchpointsOf(questions));
    if (unknown.length) throw QuestionnaireError.unknownTouchpoints(unknown);
    return questions;
  }

  private version(
    questionnaireId: string,
    version: number,
    questions: Question[],
    now: Date,
    actor: Principal,
  ): QuestionnaireVersionEntity {
    return Object.assign(new QuestionnaireVersionEntity(), {
      questionnaireId,
      version,
      questions,
      createdAt: now,
      createdBy: actor.sub,
    } satisfies QuestionnaireVersionEntity);
  }
}
