import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblem, BEARER_AUTH } from '../http/openapi';
import { LeadOrAdmin } from './decorators';

export interface AdminControllerOptions {
  /** OpenAPI tag; default `admin: <first path segment>` (`admin` for the bare prefix). */
  tag?: string;
}

/**
 * A lead's admin controller: routes under `admin/<path>`, open to the lead of this service (the
 * `dept` claim) and to admins, documented with a tag, the bearer token and the 401/403 problems.
 * A handler's own @Roles still replaces the lead rule (docs/api.md, Authorization).
 */
export function AdminController(path = '', options: AdminControllerOptions = {}): ClassDecorator {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  const section = trimmed.split('/')[0];
  return applyDecorators(
    Controller(trimmed ? `admin/${trimmed}` : 'admin'),
    LeadOrAdmin(),
    ApiTags(options.tag ?? (section ? `admin: ${section}` : 'admin')),
    ApiBearerAuth(BEARER_AUTH),
    ApiProblem(401, 'No valid token'),
    ApiProblem(403, 'Neither an admin nor the lead of this service'),
  );
}
