import { IsCode, IsRef } from '@cx/contracts';
import { Body, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { AdminController, CurrentPrincipal, Principal } from '../auth';
import {
  ApiPageResponse,
  ApiProblem,
  CursorPageQuery,
  decodeCursor,
  DomainError,
  encodeCursor,
  Page,
  RequestValidationError,
} from '../http';
import { isCreatedAtPosition } from '../database/newest-first';
import { DELIVERY_STATUSES, DeliveryStatus } from '../notify/delivery.rules';
import { NotificationRepository } from '../notify/notification.repository';
import { Notifier } from '../notify/notifier';
import { staffDirectoryOf } from '../notify/staff-directory';
import { RpcClient } from '../messaging/rpc.client';
import { Clock } from '../time/clock';
import { DeliveryView, RecipientGroupView, toDeliveryView, toRecipientGroupViews } from './notification.view';

export class NotificationError extends DomainError<'DELIVERY_NOT_FOUND'> {
  constructor(id: string) {
    super('DELIVERY_NOT_FOUND', 404, `delivery ${id} does not exist`);
  }
}

export class ListDeliveriesQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ example: 'complaint', description: 'What the notifications were about' })
  @IsOptional()
  @IsCode()
  aboutType?: string;

  @ApiPropertyOptional({ description: 'The id of what they were about' })
  @IsOptional()
  @IsRef()
  aboutId?: string;

  @ApiPropertyOptional({ example: 'complaint-update' })
  @IsOptional()
  @IsCode()
  template?: string;
}

export class RecipientDto {
  @ApiProperty({
    example: 'E10023',
    description: 'Employee number (training asked for the contact at each send)',
  })
  @IsRef()
  employeeId!: string;

  @ApiPropertyOptional({ example: 'SH-001', description: 'Only for this store; absent: every store' })
  @IsOptional()
  @IsRef()
  storeId?: string;
}

export class PutRecipientsDto {
  @ApiProperty({ type: [RecipientDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  recipients!: RecipientDto[];
}

/**
 * What this service told people (docs/notifications.md): the delivery log, and the groups of staff
 * its notifications to leads go to. Neither holds an address or a text.
 */
@AdminController('notifications')
export class NotificationController {
  constructor(
    private readonly repo: NotificationRepository,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly rpc: RpcClient,
    private readonly moduleRef: ModuleRef,
  ) {}

  @Get('deliveries')
  @ApiOperation({
    summary: 'The delivery log, newest first: what each notification was about and what became of it',
  })
  @ApiPageResponse(DeliveryView)
  @ApiProblem(400, 'A filter or the cursor is invalid')
  async deliveries(@Query() query: ListDeliveriesQuery): Promise<Page<DeliveryView>> {
    const after = decodeCursor(query.cursor, isCreatedAtPosition);
    const rows = await this.repo.deliveryPage({ ...query, after, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit).map(toDeliveryView);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  @Get('deliveries/:id')
  @ApiOperation({ summary: 'One delivery' })
  @ApiOkResponse({ type: DeliveryView })
  @ApiProblem(404, 'No such delivery')
  async delivery(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeliveryView> {
    const record = await this.notifier.findById(id);
    if (!record) throw new NotificationError(id);
    return toDeliveryView(record);
  }

  @Get('recipients')
  @ApiOperation({ summary: 'The groups of staff notifications go to (escalation levels, early warnings)' })
  @ApiOkResponse({ type: [RecipientGroupView] })
  async recipients(): Promise<RecipientGroupView[]> {
    return toRecipientGroupViews(await this.repo.recipients());
  }

  @Put('recipients/:group')
  @ApiOperation({ summary: "Replace a group's recipients (an empty list empties it)" })
  @ApiOkResponse({ type: RecipientGroupView })
  @ApiProblem(
    400,
    'The group code or a recipient is invalid, or an employee is unknown to training or has left',
  )
  async putRecipients(
    @Param('group') group: string,
    @Body() dto: PutRecipientsDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<RecipientGroupView> {
    if (!GROUP.test(group))
      throw RequestValidationError.field('group', 'must be a kebab-case code such as owner-lead');
    await this.checkWithTraining(dto.recipients);
    await this.repo.replaceGroup(group, dto.recipients, who.sub, this.clock.now());
    const [view] = toRecipientGroupViews((await this.repo.recipients()).filter((r) => r.group === group));
    return view ?? { group, recipients: [], updatedBy: who.sub, updatedAt: this.clock.now().toISOString() };
  }

  /**
   * Every employee number must be one training knows and who still works here: a typo would make the
   * group tell no one, unseen. One request for the whole list (no personal data read, nothing audited).
   */
  private async checkWithTraining(recipients: RecipientDto[]): Promise<void> {
    const ids = [...new Set(recipients.map((r) => r.employeeId))];
    if (ids.length === 0) return;
    const known = await staffDirectoryOf(this.moduleRef, this.rpc).known(ids);
    const problems = recipients.flatMap((r, i) => {
      const active = known.get(r.employeeId);
      const field = `recipients.${i}.employeeId`;
      if (active === undefined) return [{ field, messages: ['unknown to training'] }];
      return active ? [] : [{ field, messages: ['has left'] }];
    });
    if (problems.length > 0) throw new RequestValidationError(problems);
  }
}

const GROUP = /^[a-z0-9]+(-[a-z0-9]+)*$/;
