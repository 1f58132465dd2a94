import { uuidv7 } from '@cx/contracts';
import { Principal, RequestValidationError } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { ComplaintChanges } from '../complaint/complaint.changes';
import { ComplaintError } from '../complaint/complaint.errors';
import { ComplaintRepository } from '../complaint/complaint.repository';
import { CompensationEntity } from './compensation.entity';
import { CompensationRepository } from './compensation.repository';
import { compensationProblem } from './compensation.rules';
import { CompensationView, toCompensationView } from './compensation.view';
import { AddCompensationDto } from './dto/compensation.dto';

/** What customers were given for their complaints (refund, exchange, voucher, goodwill points). */
@Injectable()
export class CompensationService {
  constructor(
    private readonly compensations: CompensationRepository,
    private readonly complaints: ComplaintRepository,
    private readonly changes: ComplaintChanges,
  ) {}

  async add(complaintId: string, dto: AddCompensationDto, actor: Principal): Promise<CompensationView> {
    const problem = compensationProblem(dto);
    if (problem) throw RequestValidationError.field(problem.field, problem.message);
    const given = await this.changes.apply(complaintId, actor.sub, async (_c, rec, em) => {
      const given: CompensationEntity = {
        id: uuidv7(),
        complaintId,
        kind: dto.kind,
        amountMinor: dto.amountMinor ?? null,
        currency: dto.currency ?? null,
        points: dto.points ?? null,
        note: dto.note ?? null,
        givenAt: rec.now,
        givenBy: actor.sub,
      };
      await this.compensations.insert(em, given);
      rec.note('compensation-given', {
        compensationId: given.id,
        kind: given.kind,
        amountMinor: given.amountMinor,
        currency: given.currency,
        points: given.points,
      });
      return given;
    });
    return toCompensationView(given);
  }

  async ofComplaint(complaintId: string): Promise<CompensationView[]> {
    if (!(await this.complaints.findById(complaintId))) throw ComplaintError.notFound(complaintId);
    return (await this.compensations.ofComplaint(complaintId)).map(toCompensationView);
  }
}
