import { Public } from '@cx/platform';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { PolicyService } from '../policy/policy.service';
import { RepairService } from '../repairs/repair.service';
import { RETURN_WINDOW_DAYS, SPECIAL_RETURN_WINDOW_DAYS } from '../returns/eligibility';
import { PublicPolicyView } from './public-policy.view';

/** The published policy: no token, cacheable, revalidated with its ETag. */
@ApiTags('policy')
@Controller('policy')
export class PublicPolicyController {
  constructor(
    private readonly policy: PolicyService,
    private readonly repairs: RepairService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The warranty policy and the repair price list, as shown in store and online' })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag of a copy held: 304 when unchanged',
  })
  @ApiOkResponse({ type: PublicPolicyView })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent' })
  async get(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { classes, categories } = await this.policy.all();
    const prices = await this.repairs.priceList(true);
    const view: PublicPolicyView = {
      warrantyTerms: classes.map((c) => ({ warrantyClass: c.warrantyClass, months: c.months })),
      returnDays: RETURN_WINDOW_DAYS,
      specialReturnDays: SPECIAL_RETURN_WINDOW_DAYS,
      categories: categories.map((c) => ({
        category: c.category,
        warrantyMonths: c.warrantyMonths,
        returnDays: c.specialReturns ? SPECIAL_RETURN_WINDOW_DAYS : RETURN_WINDOW_DAYS,
      })),
      statement:
        'Quality faults within the warranty are repaired or replaced free of charge. The warranty starts at delivery sign-off (else at purchase); returns and exchanges are accepted within the days above after sign-off, with original packaging, tags and invoice.',
      repairPrices: prices.map((p) => ({
        code: p.code,
        name: p.name,
        labourMinor: p.labourMinor,
        currency: p.currency,
      })),
    };
    const body = JSON.stringify(view);
    // The ETag is the content's hash: it changes exactly when what is published changes, on every replica.
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    void reply.header('etag', etag).header('cache-control', 'public, max-age=300');
    const held = ifNoneMatch?.split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (held?.includes(etag) || ifNoneMatch?.trim() === '*') {
      await reply.status(304).send();
      return;
    }
    await reply.header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
