import {
  AdminController,
  ApiProblem,
  CurrentPrincipal,
  FilePart,
  PeriodQuery,
  Principal,
  Roles,
  sendStoredFile,
  UploadedFilePart,
} from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import type { FastifyReply } from 'fastify';
import { IsBoolean, IsOptional } from 'class-validator';
import {
  AuditorParams,
  CreateAuditDto,
  CreateChecklistDto,
  PutAuditorDto,
  SubmitAuditDto,
} from './dto/audit.dto';
import { AUDIT_EVIDENCE_LIMITS, AuditService } from './audit.service';
import {
  AuditEvidenceView,
  AuditorView,
  AuditView,
  ChecklistView,
  CorrectiveActionView,
  StorePassRateView,
} from './audit.view';

const id = new ParseUUIDPipe();

export class OpenActionsQuery {
  @ApiPropertyOptional({ description: 'Only those past their due date' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === true)
  @IsBoolean()
  overdue?: boolean;
}

/** The quality lead's side of audits: checklists, auditors, planning, pass rates, open actions. */
@AdminController('audits')
export class AuditAdminController {
  constructor(private readonly audits: AuditService) {}

  @Post('checklists')
  @ApiOperation({ summary: 'Create a checklist of weighted items in touchpoint sections' })
  @ApiCreatedResponse({ type: ChecklistView })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(409, 'The code is taken (CHECKLIST_CODE_TAKEN)')
  @ApiProblem(422, 'A section names an unregistered touchpoint (TOUCHPOINT_UNKNOWN)')
  createChecklist(
    @Body() dto: CreateChecklistDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<ChecklistView> {
    return this.audits.createChecklist(dto, who);
  }

  @Get('checklists/:id')
  @ApiOperation({ summary: 'One checklist' })
  @ApiOkResponse({ type: ChecklistView })
  @ApiProblem(404, 'No such checklist')
  checklist(@Param('id', id) checklistId: string): Promise<ChecklistView> {
    return this.audits.checklist(checklistId);
  }

  @Put('auditors/:auditorId')
  @ApiOperation({ summary: 'Register an auditor and the store they work in (which they never audit)' })
  @ApiOkResponse({ type: AuditorView })
  putAuditor(@Param() p: AuditorParams, @Body() dto: PutAuditorDto): Promise<AuditorView> {
    return this.audits.putAuditor(p.auditorId, dto);
  }

  @Post()
  @ApiOperation({ summary: "Plan a store's audit for a quarter and assign it to an auditor" })
  @ApiCreatedResponse({ type: AuditView })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(404, 'No such checklist')
  @ApiProblem(409, 'The store has this audit for the quarter (AUDIT_EXISTS)')
  @ApiProblem(422, 'The auditor works in that store (AUDITOR_OWN_STORE)')
  plan(@Body() dto: CreateAuditDto, @CurrentPrincipal() who: Principal): Promise<AuditView> {
    return this.audits.plan(dto, who);
  }

  @Get('pass-rates')
  @ApiOperation({ summary: 'Audits passed per store over a period, against the 95 % target' })
  @ApiOkResponse({ type: [StorePassRateView] })
  @ApiProblem(400, 'The period is invalid')
  passRates(@Query() q: PeriodQuery): Promise<StorePassRateView[]> {
    return this.audits.passRates(q);
  }

  @Get('corrective-actions')
  @ApiOperation({ summary: 'Open corrective actions, oldest due first' })
  @ApiOkResponse({ type: [CorrectiveActionView] })
  @ApiProblem(400, 'overdue is not a boolean')
  openActions(@Query() q: OpenActionsQuery): Promise<CorrectiveActionView[]> {
    return this.audits.openActions(q.overdue ?? false);
  }
}

/** The auditor's side: their assigned audit and its results; closing corrective actions. */
@ApiTags('audits')
@Controller()
export class AuditController {
  constructor(private readonly audits: AuditService) {}

  @Get('audits/:id')
  @Roles('auditor', 'lead')
  @ApiOperation({ summary: 'One audit (an auditor sees only the ones assigned to them)' })
  @ApiOkResponse({ type: AuditView })
  @ApiProblem(403, 'Not assigned to you (AUDIT_NOT_YOURS)')
  @ApiProblem(404, 'No such audit')
  get(@Param('id', id) auditId: string, @CurrentPrincipal() who: Principal): Promise<AuditView> {
    return this.audits.get(auditId, who);
  }

  @Post('audits/:id/evidence')
  @Roles('auditor')
  @ApiOperation({
    summary: 'Upload a photo or document for an item (multipart: the field item, then the file)',
  })
  @ApiCreatedResponse({ type: AuditEvidenceView })
  @ApiProblem(400, 'item is missing or not on the checklist, or there is no file part')
  @ApiProblem(403, 'Not assigned to you (AUDIT_NOT_YOURS)')
  @ApiProblem(404, 'No such audit')
  @ApiProblem(409, 'Completed already (AUDIT_COMPLETED)')
  @ApiProblem(413, 'The file is larger than 10 MB; nothing is stored')
  @ApiProblem(415, 'Not JPEG, PNG, WebP or PDF, or the content is not what it says')
  addEvidence(
    @Param('id', id) auditId: string,
    @FilePart({ ...AUDIT_EVIDENCE_LIMITS, describeFields: { item: 'the checklist item the file shows' } })
    upload: UploadedFilePart,
    @CurrentPrincipal() who: Principal,
  ): Promise<AuditEvidenceView> {
    return this.audits.addEvidence(auditId, upload, who);
  }

  @Get('audits/:id/evidence/:evidenceId')
  @Roles('auditor', 'lead')
  @ApiOperation({
    summary:
      'One evidence file, with its stored content type (audited read; an auditor reads only their own)',
  })
  @ApiProduces(...AUDIT_EVIDENCE_LIMITS.allowedTypes)
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiProblem(404, "No such audit or evidence, or another auditor's (EVIDENCE_NOT_FOUND)")
  async readEvidence(
    @Param('id', id) auditId: string,
    @Param('evidenceId', id) evidenceId: string,
    @CurrentPrincipal() who: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.audits.readEvidence(auditId, evidenceId, who);
    await sendStoredFile(reply, file);
  }

  @Post('audits/:id/results')
  @Roles('auditor')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit item scores, notes, staff on duty and corrective actions; scores the audit',
  })
  @ApiCreatedResponse({ type: AuditView })
  @ApiProblem(
    400,
    'An item is missing or unknown, or a failed item has no evidence or no corrective action (named)',
  )
  @ApiProblem(403, 'Not assigned to you, or your own store (AUDIT_NOT_YOURS)')
  @ApiProblem(404, 'No such audit')
  @ApiProblem(409, 'Completed already (AUDIT_COMPLETED)')
  submit(
    @Param('id', id) auditId: string,
    @Body() dto: SubmitAuditDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<AuditView> {
    return this.audits.submit(auditId, dto, who);
  }

  @Post('corrective-actions/:id/close')
  @Roles('agent', 'lead')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a corrective action (done)' })
  @ApiOkResponse({ type: CorrectiveActionView })
  @ApiProblem(404, 'No such corrective action')
  close(
    @Param('id', id) actionId: string,
    @CurrentPrincipal() who: Principal,
  ): Promise<CorrectiveActionView> {
    return this.audits.closeAction(actionId, who);
  }
}
