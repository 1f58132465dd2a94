import { DomainError } from '@cx/platform';

export type QuestionnaireErrorCode =
  | 'QUESTIONNAIRE_NOT_FOUND'
  | 'QUESTIONNAIRE_CODE_TAKEN'
  | 'QUESTIONNAIRE_VERSION_NOT_FOUND'
  | 'TOUCHPOINT_UNKNOWN';

const STATUS: Record<QuestionnaireErrorCode, number> = {
  QUESTIONNAIRE_NOT_FOUND: 404,
  QUESTIONNAIRE_CODE_TAKEN: 409,
  QUESTIONNAIRE_VERSION_NOT_FOUND: 404,
  TOUCHPOINT_UNKNOWN: 422,
};

export class QuestionnaireError extends DomainError<QuestionnaireErrorCode> {
  constructor(code: QuestionnaireErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): QuestionnaireError {
    return new QuestionnaireError('QUESTIONNAIRE_NOT_FOUND', `questionnaire ${id} does not exist`, {
      questionnaireId: id,
    });
  }

  static versionNotFound(id: string, version: number): QuestionnaireError {
    return new QuestionnaireError(
      'QUESTIONNAIRE_VERSION_NOT_FOUND',
      `questionnaire ${id} has no version ${version}`,
      {
        questionnaireId: id,
        version,
      },
    );
  }

  static codeTaken(code: string): QuestionnaireError {
    return new QuestionnaireError(
      'QUESTIONNAIRE_CODE_TAKEN',
      `a questionnaire with code ${code} exists already`,
      {
        field: 'code',
      },
    );
  }

  static unknownTouchpoints(codes: string[]): QuestionnaireError {
    return new QuestionnaireError('TOUCHPOINT_UNKNOWN', `touchpoints not registered: ${codes.join(', ')}`, {
      touchpoints: codes,
    });
  }
}
