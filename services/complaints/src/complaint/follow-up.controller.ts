import { ApiProblem, CurrentPrincipal, IdempotencyKey, Principal, Roles } from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ComplaintService } from './complaint.service';
import { ComplaintView, CustomerReplyView, ReplyRecordedView } from './complaint.view';
import { CustomerReplyDto, ReturnVisitDto } from './dto/follow-up.dto';

const id = new ParseUUIDPipe();

/** The customer's side after intake: replies from channel adapters, and phone return visits. */
@ApiTags('complaints')
@Controller()
export class FollowUpController {
  constructor(private readonly complaints: ComplaintService) {}

  @Post('customer-replies')
  @Roles('system')
  @ApiOperation({ summary: "A channel adapter posts a customer's reply, by complaint reference" })
  @ApiCreatedResponse({ type: ReplyRecordedView, description: 'Threaded into the case file' })
  @ApiOkResponse({
    type: ReplyRecordedView,
    description: 'A retry with the same Idempotency-Key: the first answer',
  })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(422, 'No complaint has this reference (UNKNOWN_REFERENCE), or the Idempotency-Key was reused')
  async reply(
    @Body() dto: CustomerReplyDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReplyRecordedView> {
    const { status, body } = await this.complaints.recordReply(dto, actor, key);
    void reply.status(status);
    return body;
  }

  @Get('complaints/:id/replies')
  @Roles('agent', 'lead')
  @ApiOperation({ summary: "The customer's replies, oldest first (the read is audited)" })
  @ApiOkResponse({ type: [CustomerReplyView] })
  @ApiProblem(404, 'No such complaint')
  replies(
    @Param('id', id) complaintId: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CustomerReplyView[]> {
    return this.complaints.replies(complaintId, actor);
  }

  @Post('complaints/:id/return-visits')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({ summary: "Record a phone return visit's answer: the same path as a survey answer" })
  @ApiOkResponse({ type: ComplaintView })
  @ApiProblem(404, 'No such complaint')
  @ApiProblem(409, 'Not resolved or closed yet (NOT_HANDLED_YET)')
  returnVisit(
    @Param('id', id) complaintId: string,
    @Body() dto: ReturnVisitDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintView> {
    return this.complaints.recordReturnVisit(complaintId, dto, actor);
  }
}
