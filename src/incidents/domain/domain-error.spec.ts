import { DOMAIN_ERRORS, DomainError } from './domain-error.js';

describe('DomainError', () => {
  it('is an Error named DomainError with its code, message, field and the kind its code maps to', () => {
    const error = new DomainError('RECORD.NOT_FOUND', 'Record r does not exist in this incident', 'recordId');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DomainError', code: 'RECORD.NOT_FOUND', message: 'Record r does not exist in this incident', field: 'recordId', kind: 'not_found' });
    expect(String(error)).toBe('DomainError: Record r does not exist in this incident');
  });

  it('takes each code to the kind that maps it to a transport', () => {
    for (const [code, kind] of Object.entries(DOMAIN_ERRORS)) {
      expect(new DomainError(code as keyof typeof DOMAIN_ERRORS, 'x').kind).toBe(kind);
    }
    expect(new DomainError('SOURCE.NAME_TAKEN', 'x').field).toBeUndefined();
  });
});
