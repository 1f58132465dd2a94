import { checkDeclaredType, checkUpload, normalizeContentType, sniffContentType } from './upload-rules';

/** JPEG's first three bytes and filler up to `size`. */
function fakeJpeg(size: number): Buffer {
  const b = Buffer.alloc(size, 0x20);
  b.set([0xff, 0xd8, 0xff]);
  return b;
}

const limits = { maxBytes: 1000, allowedTypes: ['image/jpeg', 'image/png', 'application/pdf'] };

describe('upload rules', () => {
  it('normalises a declared content type', () => {
    expect(normalizeContentType('Image/JPEG; charset=binary')).toBe('image/jpeg');
  });

  it('accepts an allowed type within the limit, exactly at the limit too', () => {
    expect(checkUpload({ contentType: 'image/jpeg', content: fakeJpeg(1000) }, limits)).toBeUndefined();
  });

  it('refuses one byte over the limit with 413', () => {
    expect(checkUpload({ contentType: 'image/jpeg', content: fakeJpeg(1001) }, limits)).toMatchObject({
      code: 'FILE_TOO_LARGE',
      status: 413,
    });
  });

  it('refuses a type off the allow-list with 415 before looking at the content', () => {
    expect(checkDeclaredType('text/html', limits)).toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      status: 415,
    });
    expect(checkDeclaredType('', limits)?.message).toContain('(none)');
  });

  it('refuses content that is not what it declares (an HTML page sent as a JPEG)', () => {
    const problem = checkUpload({ contentType: 'image/jpeg', content: Buffer.from('<html></html>') }, limits);
    expect(problem).toMatchObject({ code: 'FILE_CONTENT_MISMATCH', status: 415 });
  });

  it('names what the content looks like when it is a known type', () => {
    const pdf = Buffer.from('%PDF-1.7 ...');
    expect(sniffContentType(pdf)).toBe('application/pdf');
    expect(checkUpload({ contentType: 'image/png', content: pdf }, limits)?.message).toContain(
      'application/pdf',
    );
  });

  it('refuses an empty file', () => {
    expect(checkUpload({ contentType: 'application/pdf', content: Buffer.alloc(0) }, limits)).toMatchObject({
      code: 'FILE_EMPTY',
      status: 400,
    });
  });
});
