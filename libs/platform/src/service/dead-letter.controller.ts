import { Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AdminController, CurrentPrincipal, Principal } from '../auth';
import { createdAtPositionOf, isCreatedAtPosition } from '../database/newest-first';
import { DeadLetterEntity } from '../database/platform.entities';
import {
  ApiPageResponse,
  ApiProblem,
  CursorPageQuery,
  decodeCursor,
  DomainError,
  Page,
  toPage,
} from '../http';
import { DeadLetterRepository } from '../messaging/dead-letter.repository';
import { JetStreamServer } from '../messaging/jetstream.server';
import { DeadLetterView, toDeadLetterView } from './dead-letter.view';

export type DeadLetterErrorCode =
  'DEAD_LETTER_NOT_FOUND' | 'DEAD_LETTER_ALREADY_REPLAYED' | 'DEAD_LETTER_REPLAY_FAILED';
const STATUS: Record<DeadLetterErrorCode, number> = {
  DEAD_LETTER_NOT_FOUND: 404,
  DEAD_LETTER_ALREADY_REPLAYED: 409,
  DEAD_LETTER_REPLAY_FAILED: 422,
};

export class DeadLetterError extends DomainError<DeadLetterErrorCode> {
  constructor(code: DeadLetterErrorCode, message: string) {
    super(code, STATUS[code], message);
  }
}

export class ListDeadLettersQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'replayed', 'all'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'replayed', 'all'])
  status: 'pending' | 'replayed' | 'all' = 'pending';

  @ApiPropertyOptional({ description: 'Durable consumer, e.g. complaints__crm' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  consumer?: string;

  @ApiPropertyOptional({ description: 'Logical subject, e.g. evt.crm.customer.tier-changed.v1' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;
}

/** Dead letters of this service's consumers: inspect them and run them again once the cause is fixed. */
@AdminController('dead-letters')
export class DeadLetterController {
  constructor(
    private readonly letters: DeadLetterRepository,
    private readonly server: JetStreamServer,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List dead letters, newest first' })
  @ApiPageResponse(DeadLetterView)
  @ApiProblem(400, 'A filter or the cursor is invalid')
  async list(@Query() query: ListDeadLettersQuery): Promise<Page<DeadLetterView>> {
    const after = decodeCursor(query.cursor, isCreatedAtPosition);
    const rows = await this.letters.list({ ...query, after, limit: query.limit + 1 });
    const page = toPage(rows, query.limit, createdAtPositionOf);
    return { items: page.items.map(toDeadLetterView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dead letter, with the message as received and why it failed' })
  @ApiOkResponse({ type: DeadLetterView })
  @ApiProblem(404, 'No such dead letter')
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeadLetterView> {
    return toDeadLetterView(await this.find(id));
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run the message through its handler again (not republished: other consumers applied it)',
  })
  @ApiOkResponse({ type: DeadLetterView, description: 'Replayed: the handler applied the message' })
  @ApiProblem(404, 'No such dead letter')
  @ApiProblem(409, 'Already replayed')
  @ApiProblem(422, 'The handler failed again; the error is recorded on the dead letter')
  async replay(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() who: Principal,
  ): Promise<DeadLetterView> {
    const letter = await this.find(id);
    if (letter.replayedAt)
      throw new DeadLetterError(
        'DEAD_LETTER_ALREADY_REPLAYED',
        `dead letter ${id} was replayed at ${letter.replayedAt.toISOString()}`,
      );
    try {
      await this.server.replay(letter);
    } catch (e) {
      await this.letters.markReplayFailed(id, (e as Error).message);
      throw new DeadLetterError('DEAD_LETTER_REPLAY_FAILED', `replay failed: ${(e as Error).message}`);
    }
    await this.letters.markReplayed(id, who.sub);
    return toDeadLetterView(await this.find(id));
  }

  private async find(id: string): Promise<DeadLetterEntity> {
    const letter = await this.letters.find(id);
    if (!letter) throw new DeadLetterError('DEAD_LETTER_NOT_FOUND', `dead letter ${id} does not exist`);
    return letter;
  }
}
