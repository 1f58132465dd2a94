import { PUBLIC_ROUTE } from '../observability/metrics';
import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { Principal, Role } from './roles';

/** Shared with the observability controllers (/metrics, /health/*), which are public too. */
export const IS_PUBLIC_KEY = PUBLIC_ROUTE;
export const ROLES_KEY = 'cx:auth:roles';
export const LEAD_OR_ADMIN_KEY = 'cx:auth:lead-or-admin';
export const ANY_LEAD_KEY = 'cx:auth:any-lead';

/** No token needed (health, metrics, public forms). Documented with an empty security requirement. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiSecurity({}));

const LEAD_HERE = 'lead (of this service)';

/**
 * Any of these roles may call; `admin` always may, and `lead` means the lead of this service (the
 * guard's one rule for `dept`). On a handler it replaces what the controller declares (@Roles or
 * @LeadOrAdmin), so the most specific declaration is the one that applies.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiExtension(
      'x-required-roles',
      roles.map((role) => (role === 'lead' ? LEAD_HERE : role)),
    ),
  );

/**
 * An admin, or a lead whose `dept` claim is this service's name: the admin API of a service
 * belongs to the lead of that department. Combined with @Roles on the same target, either suffices.
 */
export const LeadOrAdmin = () =>
  applyDecorators(
    SetMetadata(LEAD_OR_ADMIN_KEY, true),
    ApiExtension('x-required-roles', ['admin', LEAD_HERE]),
  );

const ANY_LEAD = 'lead (of any department)';

/**
 * With @Roles or @LeadOrAdmin on the same target: a lead of **any** department may call too (the
 * `dept` claim stays on the principal; `roles` keeps `lead` only for this service's lead). For the
 * few routes every department answers on (surveys' improvement measures of the CX report), where the
 * handler itself limits a lead to rows of their own department (docs/api.md, Authorization).
 */
export const AnyLead = () =>
  applyDecorators(SetMetadata(ANY_LEAD_KEY, true), ApiExtension('x-any-lead', [ANY_LEAD]));

/** A request the guard has let through; `principal` is absent only on @Public routes. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

/**
 * The caller: `@CurrentPrincipal() principal: Principal`. Undefined on a @Public route called
 * without a token.
 */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
