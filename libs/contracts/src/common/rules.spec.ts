import { contracts, sampleFor, Subjects } from '../index';
import { validateAs } from '../validation';
import { IsCodeList, IsText } from './rules';

class Note {
  @IsText(20) text!: string;
}

class Departments {
  @IsCodeList(3) departments!: string[];
}

describe('IsText', () => {
  it('refuses blank text: only spaces, tabs or line breaks is no text', () => {
    for (const text of [' ', '   ', '\t\n', '\u00a0'])
      expect(validateAs(Note, { text })).toEqual({
        ok: false,
        errors: [{ field: 'text', messages: ['text must not be blank'] }],
      });
    expect(validateAs(Note, { text: '  ok  ' }).ok).toBe(true);
  });

  it('so a resolution summary of only spaces fails complaint.resolved', () => {
    const subject = Subjects.complaints.complaintResolved;
    expect(contracts.validatePayload(subject, sampleFor(subject, { resolutionSummary: '   ' })).ok).toBe(
      false,
    );
  });
});

describe('IsCodeList', () => {
  it('takes lower-case kebab codes, none of them malformed, up to the bound', () => {
    expect(validateAs(Departments, { departments: [] }).ok).toBe(true);
    expect(validateAs(Departments, { departments: ['quality', 'store-operations'] }).ok).toBe(true);
    for (const departments of [['2-day'], ['Quality'], ['a--b'], ['ok', ''], ['a', 'b', 'c', 'd'], 'quality'])
      expect(validateAs(Departments, { departments }).ok).toBe(false);
  });
});
