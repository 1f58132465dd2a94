// Pure rule of redemptions: every case in reward.rules.spec.ts.

/** Why a redemption is refused, or null: the reward must be offered and the balance cover its cost. */
export function redemptionRefusal(
  balance: number,
  reward: { costPoints: number; active: boolean },
): string | null {
  if (!reward.active) return 'the reward is no longer offered';
  if (balance < reward.costPoints)
    return `the balance (${balance} points) does not cover ${reward.costPoints} points`;
  return null;
}
