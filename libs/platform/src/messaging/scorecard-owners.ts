// Asking the services that own figures of the company CX scorecard for them (ADR 32): one request per
// owner at once, each with its deadline; an owner that does not answer is named, the rest is kept.
// Training's company scorecard and surveys' periodic CX report both gather through this.
import { RequestSubject, ScorecardFigureV1, ScorecardReplyV1, ServiceName } from '@cx/contracts';
import { RpcError } from '../http/errors';
import { ScorecardScope, scorecardRequestOf } from '../http/scorecard';
import { RpcClient } from './rpc.client';

/** A month of complaint KPIs reads the period twice and a year back: more than the 2 s default. */
export const SCORECARD_ASK_TIMEOUT_MS = 10_000;

export type OwnedScorecardFigure = ScorecardFigureV1 & { owner: ServiceName };

export interface UnavailableOwner {
  service: ServiceName;
  /** `RPC_<code>`: `RPC_NO_RESPONDERS`, `RPC_TIMEOUT`, ... */
  code: string;
  reason: string;
}

/** An owner that did not answer a request, from the RpcError it failed with (anything else is rethrown). */
export function unavailableOwner(service: ServiceName, e: unknown): UnavailableOwner {
  if (!(e instanceof RpcError)) throw e;
  return { service, code: `RPC_${e.code}`, reason: e.message };
}

/** The figures of each owner asked (`[service, its get-scorecard subject]`), and who did not answer. */
export async function askScorecardOwners(
  rpc: RpcClient,
  scope: ScorecardScope & { timeZone?: string },
  owners: readonly (readonly [ServiceName, RequestSubject])[],
  timeoutMs = SCORECARD_ASK_TIMEOUT_MS,
): Promise<{ figures: OwnedScorecardFigure[]; unavailable: UnavailableOwner[] }> {
  const unavailable: UnavailableOwner[] = [];
  const answers = await Promise.all(
    owners.map(async ([service, subject]): Promise<OwnedScorecardFigure[]> => {
      try {
        const reply = await rpc.request<ScorecardReplyV1>(subject, scorecardRequestOf(scope), { timeoutMs });
        return reply.figures.map((f) => ({ ...f, owner: service }));
      } catch (e) {
        unavailable.push(unavailableOwner(service, e));
        return [];
      }
    }),
  );
  return {
    figures: answers.flat(),
    unavailable: unavailable.sort((a, b) => a.service.localeCompare(b.service)),
  };
}
