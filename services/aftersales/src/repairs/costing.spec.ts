import { repairCost } from './costing';

const parts = [
  { code: 'zip-5', name: 'YKK zip 5', quantity: 1, unitPriceMinor: 3_000 },
  { code: 'thread', name: 'Thread', quantity: 2, unitPriceMinor: 500 },
];

describe('repairCost', () => {
  it('is free for a quality fault under warranty, parts included, and needs no consent', () => {
    expect(
      repairCost({ qualityFault: true, underWarranty: true, labourMinor: 8_000, serviceName: 'Zip', parts }),
    ).toEqual({
      costMinor: 0,
      free: true,
      explanation: 'quality fault under warranty: repaired free of charge (labour and parts)',
      consentRequired: false,
    });
  });

  it('charges labour plus parts outside the warranty, and explains it', () => {
    const cost = repairCost({
      qualityFault: true,
      underWarranty: false,
      labourMinor: 8_000,
      serviceName: 'Zip',
      parts,
    });
    expect(cost).toMatchObject({ costMinor: 12_000, free: false, consentRequired: true });
    expect(cost.explanation).toBe(
      'the warranty is not in force: Zip 8000 + parts 1 x YKK zip 5 at 3000, 2 x Thread at 500 = 12000',
    );
  });

  it('charges damage the customer caused even under warranty', () => {
    const cost = repairCost({
      qualityFault: false,
      underWarranty: true,
      labourMinor: 5_000,
      serviceName: 'Hem',
      parts: [],
    });
    expect(cost).toMatchObject({ costMinor: 5_000, consentRequired: true });
    expect(cost.explanation).toBe('not a quality fault: Hem 5000 = 5000');
  });

  it('needs no consent for a zero price', () => {
    expect(
      repairCost({
        qualityFault: false,
        underWarranty: false,
        labourMinor: 0,
        serviceName: 'Check',
        parts: [],
      }),
    ).toMatchObject({
      costMinor: 0,
      free: true,
      consentRequired: false,
    });
  });
});
