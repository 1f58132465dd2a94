import {
  ApiPageResponse,
  ApiProblem,
  CurrentPrincipal,
  FilePart,
  IdempotencyKey,
  Page,
  Principal,
  Roles,
  sendStoredFile,
  UploadedFilePart,
} from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ApproveReturnDto,
  CreateReturnDto,
  EVIDENCE_LIMITS,
  ExchangeDto,
  InspectReturnDto,
  ListReturnsQuery,
  ReceiveGoodsDto,
  RejectReturnDto,
} from './dto/return.dto';
import { ReturnService } from './return.service';
import { EvidenceView, ReturnDetailView, ReturnView } from './return.view';

const id = new ParseUUIDPipe();

/** Returns and exchanges (seed 003 3.1): each step a call, by the staff who own it. */
@ApiTags('returns')
@Controller('returns')
export class ReturnController {
  constructor(private readonly returns: ReturnService) {}

  @Post()
  @Roles('agent', 'lead')
  @ApiOperation({
    summary: 'Request a return or exchange of an order line; eligibility is decided and explained',
  })
  @ApiCreatedResponse({ type: ReturnView })
  @ApiOkResponse({ type: ReturnView, description: 'A retry with the same Idempotency-Key: the first answer' })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(
    422,
    'Unknown order line or quantity above it, or the Idempotency-Key was used for another body',
  )
  async create(
    @Body() dto: CreateReturnDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReturnView> {
    const { status, body } = await this.returns.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/returns/${body.id}`);
    return body;
  }

  @Get()
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: 'Returns, newest first; overdue=true lists those past their step time limit' })
  @ApiPageResponse(ReturnView)
  @ApiProblem(400, 'A filter, the limit or the cursor is invalid')
  list(@Query() query: ListReturnsQuery): Promise<Page<ReturnView>> {
    return this.returns.list(query);
  }

  @Get(':id')
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: 'One return with its steps' })
  @ApiOkResponse({ type: ReturnDetailView })
  @ApiProblem(404, 'No such return')
  get(@Param('id', id) returnId: string): Promise<ReturnDetailView> {
    return this.returns.get(returnId);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Approve (a lead may mark the case special: 15 days)' })
  @ApiOkResponse({ type: ReturnView })
  @ApiProblem(404, 'No such return')
  @ApiProblem(409, 'Not eligible, evidence missing, or not at this step')
  approve(
    @Param('id', id) returnId: string,
    @Body() dto: ApproveReturnDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ReturnView> {
    return this.returns.approve(returnId, dto, actor);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Reject, with the reason the customer is told' })
  @ApiOkResponse({ type: ReturnView })
  @ApiProblem(404, 'No such return')
  @ApiProblem(409, 'Already finished')
  reject(
    @Param('id', id) returnId: string,
    @Body() dto: RejectReturnDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ReturnView> {
    return this.returns.reject(returnId, dto.reason, actor);
  }

  @Post(':id/receive')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'The goods came back: packaging, tags, invoice and intact goods checked' })
  @ApiOkResponse({ type: ReturnView, description: 'goods-received, or rejected naming the failed checks' })
  @ApiProblem(404, 'No such return')
  @ApiProblem(409, 'Not approved')
  receive(
    @Param('id', id) returnId: string,
    @Body() dto: ReceiveGoodsDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ReturnView> {
    return this.returns.receive(returnId, dto, actor);
  }

  @Post(':id/inspect')
  @HttpCode(200)
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: 'Record what the inspection found' })
  @ApiOkResponse({ type: ReturnView })
  @ApiProblem(404, 'No such return')
  @ApiProblem(409, 'Goods not received')
  inspect(
    @Param('id', id) returnId: string,
    @Body() dto: InspectReturnDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ReturnView> {
    return this.returns.inspect(returnId, dto.finding, actor);
  }

  @Post(':id/refund')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Refund a return (evt.aftersales.return.completed.v1: crm reverses the points)' })
  @ApiOkResponse({ type: ReturnView })
  @ApiProblem(404, 'No such return')
  @ApiProblem(409, 'Not inspected, or an exchange')
  refund(@Param('id', id) returnId: string, @CurrentPrincipal() actor: Principal): Promise<ReturnView> {
    return this.returns.refund(returnId, actor);
  }

  @Post(':id/exchange')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Hand over the replacement; the warranty moves to it' })
  @ApiOkResponse({ type: ReturnView })
  @ApiProblem(404, 'No such return')
  @ApiProblem(409, 'Not inspected, or a return')
  exchange(
    @Param('id', id) returnId: string,
    @Body() dto: ExchangeDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ReturnView> {
    return this.returns.exchange(returnId, dto, actor);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Close a refunded or exchanged return' })
  @ApiOkResponse({ type: ReturnView })
  @ApiProblem(404, 'No such return')
  @ApiProblem(409, 'Not refunded or exchanged')
  complete(@Param('id', id) returnId: string, @CurrentPrincipal() actor: Principal): Promise<ReturnView> {
    return this.returns.complete(returnId, actor);
  }

  @Post(':id/evidence')
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Upload a photo or document (multipart: the field kind, then the file)' })
  @ApiCreatedResponse({ type: EvidenceView })
  @ApiProblem(400, 'kind is missing or invalid, or there is no file part')
  @ApiProblem(404, 'No such return')
  @ApiProblem(409, 'The return is finished')
  @ApiProblem(413, 'The file is larger than 10 MB; nothing is stored')
  @ApiProblem(415, 'Not JPEG, PNG, WebP or PDF, or the content is not what it says')
  addEvidence(
    @Param('id', id) returnId: string,
    @FilePart({ ...EVIDENCE_LIMITS, describeFields: { kind: 'photo, proof-of-purchase or document' } })
    upload: UploadedFilePart,
    @CurrentPrincipal() actor: Principal,
  ): Promise<EvidenceView> {
    return this.returns.addEvidence(returnId, upload, actor);
  }

  @Get(':id/evidence')
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: "A return's evidence files (metadata)" })
  @ApiOkResponse({ type: [EvidenceView] })
  @ApiProblem(404, 'No such return')
  listEvidence(@Param('id', id) returnId: string): Promise<EvidenceView[]> {
    return this.returns.listEvidence(returnId);
  }

  @Get(':id/evidence/:evidenceId')
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: 'One evidence file (audited read)' })
  @ApiProduces(...EVIDENCE_LIMITS.allowedTypes)
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiProblem(404, 'No such return or evidence')
  async readEvidence(
    @Param('id', id) returnId: string,
    @Param('evidenceId', id) evidenceId: string,
    @CurrentPrincipal() actor: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.returns.readEvidence(returnId, evidenceId, actor);
    await sendStoredFile(reply, file);
  }
}
