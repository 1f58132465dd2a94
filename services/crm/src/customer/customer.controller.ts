import {
  ApiPageResponse,
  ApiProblem,
  CurrentPrincipal,
  CursorPageQuery,
  IdempotencyKey,
  Page,
  Principal,
  Roles,
} from '@cx/platform';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CreateCustomerDto,
  EraseCustomerDto,
  FindCustomerDto,
  MergeCustomerDto,
  PurposeQuery,
  UpdateCustomerDto,
} from './dto/customer.dto';
import { CustomerErasure } from './customer.erasure';
import { CustomerService } from './customer.service';
import { ConsentHistoryView, CustomerView } from './customer.view';

const id = new ParseUUIDPipe();

/** HTTP only: one call to the service per handler; roles, validation and docs in decorators. */
@ApiTags('customers')
@Controller('customers')
export class CustomerController {
  constructor(
    private readonly customers: CustomerService,
    private readonly erasure: CustomerErasure,
  ) {}

  @Post()
  @Roles('system', 'agent')
  @ApiOperation({ summary: 'Register a customer (the answer is the masked view)' })
  @ApiCreatedResponse({ type: CustomerView, description: 'Created' })
  @ApiOkResponse({
    type: CustomerView,
    description: 'A retry with the same Idempotency-Key: the first answer',
  })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(409, 'Another customer has this phone or email (the field is named)')
  @ApiProblem(422, 'The Idempotency-Key was sent before with another body')
  async create(
    @Body() dto: CreateCustomerDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerView> {
    const { status, body } = await this.customers.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/customers/${body.id}`);
    return body;
  }

  @Get()
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Customers, newest first, cursor-paginated (masked: no personal data)' })
  @ApiPageResponse(CustomerView)
  @ApiProblem(400, 'The limit or the cursor is invalid')
  list(@Query() query: CursorPageQuery): Promise<Page<CustomerView>> {
    return this.customers.list(query);
  }

  @Post('search')
  @HttpCode(200)
  @Roles('system', 'agent')
  @ApiOperation({
    summary: 'Find a customer by phone or email (audited; a merged record answers with its survivor)',
  })
  @ApiOkResponse({ type: CustomerView })
  @ApiProblem(400, 'Neither or both of phone and email, or no purpose')
  @ApiProblem(404, 'No customer has this phone or email')
  find(@Body() dto: FindCustomerDto, @CurrentPrincipal() actor: Principal): Promise<CustomerView> {
    return this.customers.find(dto, actor);
  }

  @Get(':id')
  @Roles('system', 'agent', 'lead')
  @ApiOperation({
    summary:
      'One customer: personal fields for system and agent (audited, purpose required), masked for the lead',
  })
  @ApiOkResponse({ type: CustomerView })
  @ApiProblem(400, 'No purpose given for a read of personal data')
  @ApiProblem(404, 'No such customer')
  get(
    @Param('id', id) customerId: string,
    @Query() query: PurposeQuery,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CustomerView> {
    return this.customers.get(customerId, actor, query.purpose);
  }

  @Patch(':id')
  @Roles('system', 'agent')
  @ApiOperation({ summary: 'Change a profile and record consents given or withdrawn (the answer is masked)' })
  @ApiOkResponse({ type: CustomerView })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(404, 'No such customer')
  @ApiProblem(409, 'Another customer has this phone or email, or the customer was merged or erased')
  update(
    @Param('id', id) customerId: string,
    @Body() dto: UpdateCustomerDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CustomerView> {
    return this.customers.update(customerId, dto, actor);
  }

  @Get(':id/consent-history')
  @Roles('system', 'agent', 'lead')
  @ApiOperation({ summary: 'Every consent given or withdrawn, oldest first (the proof of consent)' })
  @ApiOkResponse({ type: [ConsentHistoryView] })
  @ApiProblem(404, 'No such customer')
  consentHistory(@Param('id', id) customerId: string): Promise<ConsentHistoryView[]> {
    return this.customers.consentHistory(customerId);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('system', 'agent')
  @ApiOperation({ summary: 'Merge a duplicate record into this one; both keep their histories' })
  @ApiOkResponse({ type: CustomerView, description: 'The survivor (masked)' })
  @ApiProblem(400, 'duplicateId is not a UUID')
  @ApiProblem(404, 'No such customer or duplicate (the field is named)')
  @ApiProblem(409, 'Itself, or a side already merged or erased (the field is named)')
  merge(
    @Param('id', id) customerId: string,
    @Body() dto: MergeCustomerDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CustomerView> {
    return this.customers.merge(customerId, dto.duplicateId, actor);
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @Roles('system', 'agent')
  @ApiOperation({
    summary: 'Erase the personal data (anonymous purchase history stays); again changes nothing',
  })
  @ApiOkResponse({ type: CustomerView, description: 'The erased record' })
  @ApiProblem(400, 'No reason given')
  @ApiProblem(404, 'No such customer')
  erase(
    @Param('id', id) customerId: string,
    @Body() dto: EraseCustomerDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CustomerView> {
    return this.erasure.erase(customerId, actor, dto.reason, dto.requestedBy ?? 'customer');
  }
}
