import { AdminController, ApiProblem, CurrentPrincipal, Principal, Roles } from '@cx/platform';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateRewardDto, RedeemDto } from './dto/reward.dto';
import { RewardService } from './reward.service';
import { RedemptionView, RewardView } from './reward.view';

/** The rewards a lead offers for training points. */
@AdminController('rewards')
export class RewardAdminController {
  constructor(private readonly rewards: RewardService) {}

  @Post()
  @ApiOperation({ summary: 'Offer a reward for training points' })
  @ApiCreatedResponse({ type: RewardView })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(409, 'The code is taken (REWARD_CODE_TAKEN)')
  create(@Body() dto: CreateRewardDto, @CurrentPrincipal() actor: Principal): Promise<RewardView> {
    return this.rewards.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Every reward, by code' })
  @ApiOkResponse({ type: [RewardView] })
  list(): Promise<RewardView[]> {
    return this.rewards.list();
  }
}

/** An employee spending training points. */
@ApiTags('rewards')
@Controller('employees')
export class RedemptionController {
  constructor(private readonly rewards: RewardService) {}

  @Post(':employeeId/redemptions')
  @Roles('system', 'lead')
  @ApiOperation({ summary: 'Spend training points on a reward' })
  @ApiCreatedResponse({ type: RedemptionView })
  @ApiProblem(400, 'rewardId is not a UUID')
  @ApiProblem(404, 'No such employee or reward')
  @ApiProblem(409, 'The balance does not cover the cost, or the reward is no longer offered')
  redeem(@Param('employeeId') employeeId: string, @Body() dto: RedeemDto): Promise<RedemptionView> {
    return this.rewards.redeem(employeeId, dto.rewardId);
  }
}
