// Pure: what a repair costs and why (seed 003 3.4, 004 step 5). Cases in costing.spec.ts.

export interface PricedPart {
  code: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface RepairCost {
  costMinor: number;
  free: boolean;
  /** What the customer is told: cause of the charge, or why it is free. */
  explanation: string;
  /** Paid work needs the customer's consent before it starts. */
  consentRequired: boolean;
}

/**
 * Free for a quality fault under a warranty in force; otherwise the published labour price of the service
 * plus the parts at catalogue prices.
 */
export function repairCost(input: {
  qualityFault: boolean;
  underWarranty: boolean;
  labourMinor: number;
  serviceName: string;
  parts: PricedPart[];
}): RepairCost {
  const partsMinor = input.parts.reduce((sum, p) => sum + p.quantity * p.unitPriceMinor, 0);
  if (input.qualityFault && input.underWarranty) {
    return {
      costMinor: 0,
      free: true,
      explanation: 'quality fault under warranty: repaired free of charge (labour and parts)',
      consentRequired: false,
    };
  }
  const why = input.qualityFault ? 'the warranty is not in force' : 'not a quality fault';
  const partsText = input.parts.map((p) => `${p.quantity} x ${p.name} at ${p.unitPriceMinor}`).join(', ');
  const costMinor = input.labourMinor + partsMinor;
  return {
    costMinor,
    free: costMinor === 0,
    explanation:
      `${why}: ${input.serviceName} ${input.labourMinor}` +
      (partsText ? ` + parts ${partsText}` : '') +
      ` = ${costMinor}`,
    consentRequired: costMinor > 0,
  };
}
