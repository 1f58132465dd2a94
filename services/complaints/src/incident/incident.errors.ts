import { DomainError } from '@cx/platform';

export type IncidentErrorCode =
  'INCIDENT_NOT_FOUND' | 'INCIDENT_NOT_OPEN' | 'ALREADY_IN_INCIDENT' | 'NOT_IN_INCIDENT';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<IncidentErrorCode, number> = {
  INCIDENT_NOT_FOUND: 404,
  INCIDENT_NOT_OPEN: 409,
  ALREADY_IN_INCIDENT: 409,
  NOT_IN_INCIDENT: 409,
};

export class IncidentError extends DomainError<IncidentErrorCode> {
  constructor(code: IncidentErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): IncidentError {
    return new IncidentError('INCIDENT_NOT_FOUND', `incident ${id} does not exist`, { incidentId: id });
  }
}
