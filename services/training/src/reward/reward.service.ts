import { uuidv7 } from '@cx/contracts';
import { Clock, Principal, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EmployeeError } from '../employee/employee.errors';
import { EmployeeRepository } from '../employee/employee.repository';
import { RecordRepository } from '../enrollment/record.repository';
import { CreateRewardDto } from './dto/reward.dto';
import { RewardEntity } from './reward.entity';
import { RewardError } from './reward.errors';
import { RewardRepository } from './reward.repository';
import { redemptionRefusal } from './reward.rules';
import { RedemptionView, RewardView, toRewardView } from './reward.view';

/** Rewards a lead offers, and employees spending their training points on them. */
@Injectable()
export class RewardService {
  constructor(
    private readonly tx: Transactions,
    private readonly rewards: RewardRepository,
    private readonly records: RecordRepository,
    private readonly employees: EmployeeRepository,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateRewardDto, actor: Principal): Promise<RewardView> {
    const r: RewardEntity = {
      id: uuidv7(),
      code: dto.code,
      title: dto.title.trim(),
      costPoints: dto.costPoints,
      active: true,
      createdAt: this.clock.now(),
      createdBy: actor.sub,
    };
    if (!(await this.rewards.insert(r)))
      throw new RewardError('REWARD_CODE_TAKEN', `a reward with code ${dto.code} exists already`, {
        field: 'code',
      });
    return toRewardView(r);
  }

  async list(): Promise<RewardView[]> {
    return (await this.rewards.list()).map(toRewardView);
  }

  /** Spends points on a reward; the employee's row is locked so two redemptions cannot both spend the same points. */
  async redeem(employeeId: string, rewardId: string): Promise<RedemptionView> {
    const at = this.clock.now();
    return this.tx.run(async (em) => {
      if (!(await this.employees.lockById(em, employeeId))) throw EmployeeError.notFound(employeeId);
      const reward = await this.rewards.findById(rewardId, em);
      if (!reward)
        throw new RewardError('REWARD_NOT_FOUND', `reward ${rewardId} does not exist`, { field: 'rewardId' });
      const balance = await this.records.pointsOf(employeeId, em);
      const refusal = redemptionRefusal(balance, reward);
      if (refusal)
        throw new RewardError('REDEMPTION_REFUSED', refusal, { balance, costPoints: reward.costPoints });
      await this.records.insertPoints(em, {
        id: uuidv7(),
        employeeId,
        enrollmentId: null,
        points: -reward.costPoints,
        rewardId,
        reason: `redeemed ${reward.code}`,
        at,
      });
      return {
        employeeId,
        rewardId,
        points: reward.costPoints,
        balance: balance - reward.costPoints,
        at: at.toISOString(),
      };
    });
  }
}
