import { uuidv7 } from '@cx/contracts';
import {
  Clock,
  EventPublisher,
  IdempotencyKeys,
  IdempotentResult,
  Principal,
  RequestValidationError,
  Transactions,
  writeTogether,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvitationRepository } from '../invitation/invitation.repository';
import { answerRefusal } from '../invitation/invitation.rules';
import { QuestionnaireService } from '../questionnaire/questionnaire.service';
import {
  answerProblems,
  Answers,
  Question,
  scoresOf,
  scrubFreeText,
  touchpointsOf,
} from '../questionnaire/questions.rules';
import { OfflineResponseDto } from './dto/response.dto';
import { ResponseEntity } from './response.entity';
import { ResponseError } from './response.errors';
import { responseSubmitted } from './response.events';
import { ResponseRepository } from './response.repository';
import { PublicSurveyView, ResponseView, toResponseView } from './response.view';

/** Answers: through an invitation's link (once, before it expires) or entered by staff; each publishes its event. */
@Injectable()
export class ResponseService {
  constructor(
    private readonly tx: Transactions,
    private readonly responses: ResponseRepository,
    private readonly invitations: InvitationRepository,
    private readonly questionnaires: QuestionnaireService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  /** The questions behind a link, in the invitation's version. */
  async survey(token: string): Promise<PublicSurveyView> {
    const inv = await this.invitations.findByToken(token);
    const refusal = inv ? answerRefusal(inv, this.clock.now()) : 'not-found';
    if (!inv || refusal) throw this.refused(refusal ?? 'not-found');
    const { questionnaire } = await this.questionnaires.current(inv.questionnaireId);
    const version = await this.questionnaires.requireVersion(inv.questionnaireId, inv.version);
    return {
      title: questionnaire.title,
      language: inv.language,
      questions: version.questions,
      expiresAt: inv.expiresAt.toISOString(),
    };
  }

  /**
   * The customer's answer: validated against the invitation's version, once. The invitation is locked
   * and marked answered by the transaction's first statement; the response and its event are its second.
   */
  async answer(token: string, answers: Answers): Promise<ResponseView> {
    const now = this.clock.now();
    const answered = await this.tx.run(async (em) => {
      const inv = await this.invitations.markAnswered(em, token, now);
      if (!inv) return null;
      // Versions are immutable and kept per replica; one not yet seen is read in this transaction.
      const version = await this.questionnaires.requireVersion(inv.questionnaireId, inv.version, em);
      const r = await this.record(em, version.questions, answers, now, {
        invitationId: inv.id,
        questionnaireId: inv.questionnaireId,
        version: inv.version,
        trigger: inv.trigger,
        subjectType: inv.subjectType,
        subjectId: inv.subjectId,
        customerId: inv.customerId,
        storeId: inv.storeId,
        employeeId: inv.employeeId,
        touchpoint: inv.touchpoint,
        mode: 'online',
        enteredBy: null,
      });
      return toResponseView(r);
    });
    if (answered) return answered;
    // Not marked: no such token, or it takes no answer (any more); the invitation as it is says which.
    const inv = await this.invitations.findByToken(token);
    throw this.refused((inv && answerRefusal(inv, now)) ?? 'not-found');
  }

  /** An answer given on paper, by phone or in an interview (offline research, seed 000), entered by staff. */
  async offline(
    dto: OfflineResponseDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<ResponseView>> {
    const now = this.clock.now();
    const { questionnaire, version } = await this.questionnaires.current(dto.questionnaireId);
    // A retry with the same Idempotency-Key gets the first answer's view: one response, one event.
    const request = key ? { caller: actor.sub, key, body: dto } : undefined;
    return this.tx.run((em) =>
      this.idempotency.run(em, request, async () => {
        const r = await this.record(em, version.questions, dto.answers, now, {
          invitationId: null,
          questionnaireId: questionnaire.id,
          version: version.version,
          trigger: 'manual',
          subjectType: dto.subject?.type ?? (dto.storeId ? 'store' : 'none'),
          subjectId: dto.subject?.id ?? (dto.subject ? null : dto.storeId),
          customerId: dto.customerId ?? null,
          storeId: dto.storeId,
          employeeId: dto.employeeId ?? null,
          touchpoint: touchpointsOf(version.questions)[0] ?? null,
          mode: dto.mode,
          enteredBy: actor.sub,
        });
        return { status: 201, body: toResponseView(r), resourceId: r.id };
      }),
    );
  }

  /** Erasure (crm's customer.erased): free-text answers scrubbed, the link to the person removed. */
  async eraseCustomer(em: EntityManager, customerId: string): Promise<number> {
    const rows = await this.responses.ofCustomerLocked(em, customerId);
    for (const r of rows) {
      const version = await this.questionnaires.requireVersion(r.questionnaireId, r.version, em);
      await this.responses.scrub(em, r.id, scrubFreeText(version.questions, r.answers));
    }
    await this.invitations.forgetCustomer(em, customerId);
    return rows.length;
  }

  /**
   * crm merged two records of one person: invitations and answers held under the merged id move to
   * the survivor, under both customers' invitation locks (taken in id order) so no trigger decides
   * fatigue on either id meanwhile.
   */
  async followMerge(em: EntityManager, survivorId: string, mergedId: string): Promise<void> {
    for (const id of [survivorId, mergedId].sort()) await this.invitations.lockCustomer(em, id);
    await this.invitations.followMerge(em, survivorId, mergedId);
    await this.responses.followMerge(em, survivorId, mergedId);
  }

  private async record(
    em: EntityManager,
    questions: Question[],
    answers: Answers,
    now: Date,
    about: Omit<ResponseEntity, 'id' | 'answers' | 'csat' | 'nps' | 'satisfied' | 'submittedAt'>,
  ): Promise<ResponseEntity> {
    const problems = answerProblems(questions, answers);
    if (problems.length) throw new RequestValidationError(problems);
    const scores = scoresOf(questions, answers);
    const r = Object.assign(new ResponseEntity(), {
      id: uuidv7(),
      ...about,
      answers,
      csat: scores.csat ?? null,
      nps: scores.nps ?? null,
      satisfied: scores.satisfied,
      submittedAt: now,
    } satisfies ResponseEntity);
    // The response and its outbox event as one statement (ADR 28), prepared: its text is the same
    // for every answer (ADR 37).
    await writeTogether(
      em,
      async (w) => {
        await this.responses.insert(w, r);
        await this.events.publish(w, responseSubmitted(r, scores.comment));
      },
      { prepared: true },
    );
    return r;
  }

  private refused(why: 'not-found' | 'answered' | 'expired'): ResponseError {
    return why === 'answered'
      ? ResponseError.answered()
      : why === 'expired'
        ? ResponseError.expired()
        : ResponseError.notFound();
  }
}
