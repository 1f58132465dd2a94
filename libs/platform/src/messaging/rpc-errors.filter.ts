import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter turns every handler error into "Internal server error". Our transport
 * decides itself what a failure means (retry, dead-letter, typed error reply), so it needs the
 * original error: this filter hands it through unchanged. Registered on the microservice by the
 * service bootstrap.
 */
@Catch()
export class PassThroughRpcErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
