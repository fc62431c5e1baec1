import { corrected, killed, note, recordId, retracted } from '../../../test/support/incident-fixtures.js';
import type { IncidentEvent } from './events.js';
import { ledgerOf } from './record-ledger.js';

describe('the record ledger', () => {
  it('enters a new record with its count, neither corrected nor retracted', () => {
    const record = killed(1, 'police', 4);
    expect(ledgerOf([record]).get(recordId(1))).toEqual({ record, count: 4, corrected: false, retracted: false });
  });

  it('gives a note no count, even one a hand-made event carries', () => {
    const counted = { ...note(1), data: { ...note(1).data, count: 3 } } as IncidentEvent;
    expect(ledgerOf([counted]).get(recordId(1))?.count).toBeUndefined();
  });

  it('marks a correction and a retraction on the entry', () => {
    const ledger = ledgerOf([killed(1, 'police', 4), corrected(1, 5), killed(2, 'police', 1), retracted(2)]);
    expect(ledger.get(recordId(1))).toMatchObject({ count: 5, corrected: true, retracted: false });
    expect(ledger.get(recordId(2))).toMatchObject({ count: 1, corrected: false, retracted: true });
  });

  it('ignores a correction or retraction of a record it does not hold (a hand-made stream)', () => {
    expect([...ledgerOf([killed(1, 'police', 4), corrected(7, 1), retracted(8)]).keys()]).toEqual([recordId(1)]);
  });
});
