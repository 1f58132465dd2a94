import { surveyAnswerKind } from './survey-answer.rules';

describe('surveyAnswerKind', () => {
  it('keeps answers about repairs and about completed returns', () => {
    expect(surveyAnswerKind({ trigger: 'repair-completed', subject: { type: 'repair', id: 'r' } })).toBe(
      'repair',
    );
    expect(surveyAnswerKind({ trigger: 'return-completed', subject: { type: 'order', id: 'SO-1' } })).toBe(
      'return',
    );
  });

  it("leaves out a delivery's survey about the same order, complaints, stores and the rest", () => {
    expect(surveyAnswerKind({ trigger: 'delivery', subject: { type: 'order', id: 'SO-1' } })).toBeNull();
    expect(surveyAnswerKind({ trigger: 'manual', subject: { type: 'order', id: 'SO-1' } })).toBeNull();
    expect(
      surveyAnswerKind({ trigger: 'complaint-resolved', subject: { type: 'complaint', id: 'c' } }),
    ).toBeNull();
    expect(surveyAnswerKind({ trigger: 'periodic', subject: { type: 'store', id: 'SH-001' } })).toBeNull();
    expect(surveyAnswerKind({ trigger: 'return-completed', subject: { type: 'none' } })).toBeNull();
  });
});
