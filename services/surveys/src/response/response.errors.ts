import { DomainError } from '@cx/platform';

export type ResponseErrorCode = 'INVITATION_NOT_FOUND' | 'INVITATION_ANSWERED' | 'INVITATION_EXPIRED';

const STATUS: Record<ResponseErrorCode, number> = {
  INVITATION_NOT_FOUND: 404,
  INVITATION_ANSWERED: 409,
  INVITATION_EXPIRED: 410,
};

export class ResponseError extends DomainError<ResponseErrorCode> {
  constructor(code: ResponseErrorCode, message: string) {
    super(code, STATUS[code], message);
  }

  static notFound(): ResponseError {
    return new ResponseError('INVITATION_NOT_FOUND', 'no survey at this link');
  }

  static answered(): ResponseError {
    return new ResponseError('INVITATION_ANSWERED', 'this survey has been answered already');
  }

  static expired(): ResponseError {
    return new ResponseError('INVITATION_EXPIRED', 'this survey link has expired');
  }
}
