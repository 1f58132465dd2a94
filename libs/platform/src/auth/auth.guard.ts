import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ANY_LEAD_KEY,
  AuthenticatedRequest,
  IS_PUBLIC_KEY,
  LEAD_OR_ADMIN_KEY,
  ROLES_KEY,
} from './decorators';
import { JwtVerifier, unauthorized } from './jwt.verifier';
import { Principal, Role } from './roles';

/** Injection token for the running service's name (`'complaints'`), the dept a lead must have. */
export const AUTH_SERVICE_NAME = Symbol('AUTH_SERVICE_NAME');

interface Requirement {
  roles: Role[];
  leadOrAdmin: boolean;
  /** @AnyLead: a lead of any department passes (the handler limits them to their department). */
  anyLead: boolean;
}

interface HttpRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** `Authorization: Bearer <jwt>`; the scheme is case-insensitive (RFC 6750). */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw unauthorized('TOKEN_MALFORMED', 'send one Authorization header');
  const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(header);
  if (!match) throw unauthorized('TOKEN_MALFORMED', 'Authorization must be "Bearer <token>"');
  return match[1];
}

/**
 * The one global guard of HTTP routes. @Public routes pass (with the principal attached when a valid
 * token is sent anyway); every other route needs a valid bearer token (401 otherwise) and, when it
 * declares @Roles or @LeadOrAdmin, a principal that satisfies them (403 otherwise). `admin`
 * satisfies everything. A `lead` is a lead only in the service its `dept` claim names: elsewhere the
 * role is taken off the principal before any check, so no @Roles('lead'), @LeadOrAdmin or handler
 * test of `roles` sees it (docs/api.md, Authorization). Non-HTTP contexts (NATS handlers) are not
 * checked here: they are internal and validated by the contracts registry.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    @Inject(AUTH_SERVICE_NAME) private readonly serviceName: string,
  ) {
    if (!serviceName) throw new Error('AuthGuard: the service name is required');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const targets = [context.getHandler(), context.getClass()];

    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) {
      await this.attachIfValid(request);
      return true;
    }

    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized('TOKEN_MISSING', 'this endpoint needs Authorization: Bearer <token>');
    const verified = await this.verifier.verify(token);
    const principal = this.inThisService(verified);
    request.principal = principal;

    const requirement = this.requirementOf(context);
    const anyLead = requirement?.anyLead === true && verified.roles.includes('lead') && !!verified.dept;
    if (requirement && !anyLead && !this.satisfies(principal, requirement)) {
      throw this.forbidden(requirement);
    }
    return true;
  }

  private async attachIfValid(request: HttpRequest): Promise<void> {
    try {
      const token = bearerToken(request.headers.authorization);
      if (token) request.principal = this.inThisService(await this.verifier.verify(token));
    } catch {
      // A public route answers anyone: a bad token only means no principal.
    }
  }

  /** The principal as this service sees it: without `lead` unless `dept` names this service. */
  private inThisService(principal: Principal): Principal {
    if (!principal.roles.includes('lead') || principal.dept === this.serviceName) return principal;
    return { ...principal, roles: principal.roles.filter((role) => role !== 'lead') };
  }

  /** Handler-level declarations replace the controller's; undefined means "any authenticated caller". */
  private requirementOf(context: ExecutionContext): Requirement | undefined {
    for (const target of [context.getHandler(), context.getClass()]) {
      const roles = this.reflector.get<Role[] | undefined>(ROLES_KEY, target);
      const leadOrAdmin = this.reflector.get<boolean | undefined>(LEAD_OR_ADMIN_KEY, target) === true;
      const anyLead = this.reflector.get<boolean | undefined>(ANY_LEAD_KEY, target) === true;
      if (roles !== undefined || leadOrAdmin) return { roles: roles ?? [], leadOrAdmin, anyLead };
    }
    return undefined;
  }

  private satisfies(principal: Principal, requirement: Requirement): boolean {
    if (principal.roles.includes('admin')) return true;
    if (requirement.leadOrAdmin && principal.roles.includes('lead')) return true;
    return requirement.roles.some((role) => principal.roles.includes(role));
  }

  private forbidden(requirement: Requirement): ForbiddenException {
    const declared: Role[] = [...requirement.roles, ...(requirement.leadOrAdmin ? ['lead' as const] : [])];
    const roles = [...new Set<Role>([...declared.filter((role) => role !== 'admin'), 'admin'])];
    const lead = roles.includes('lead');
    const allowed = roles.map((role) =>
      role === 'lead' ? `lead of department "${this.serviceName}"` : role,
    );
    return new ForbiddenException({
      message: `this endpoint requires one of: ${allowed.join(', ')}`,
      code: 'FORBIDDEN_ROLE',
      details: { requiredRoles: roles, ...(lead ? { requiredDept: this.serviceName } : {}) },
    });
  }
}
