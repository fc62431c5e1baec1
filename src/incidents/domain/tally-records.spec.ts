import { MEDIA, STATE_GOVERNMENT, arrests, hostagesTaken, killed, opened, vehiclesSeized } from '../../../test/support/incident-fixtures.js';
import type { RecordEvent } from './events.js';
import { byName, tallyOf } from './tally.js';

/** `record` as `name` reported it. */
const spelled = (record: RecordEvent, name: string) => ({ ...record, data: { ...record.data, source: { ...record.data.source, name } } }) as RecordEvent;

describe('tallyOf reads each kind of record for its own figures only', () => {
  it('lists no hostages when no record took, released or killed any', () => {
    const tally = tallyOf([opened, killed(1, 'police', 4), killed(2, 'armed_group', 2), vehiclesSeized(3, 1), arrests(4, 2)]);
    expect(tally.hostages).toEqual([]);
  });

  it('names a source by its first spelling among casualty records, whatever other records spelled it before', () => {
    const tally = tallyOf([opened, spelled(hostagesTaken(1, 'civilian', 2), 'COAHUILA STATE GOVERNMENT'), killed(2, 'police', 4)]);
    expect(tally.killed.byParty[0]).toMatchObject({ bestSource: STATE_GOVERNMENT.name, sources: [{ name: STATE_GOVERNMENT.name, figure: 4 }] });
  });
});

describe('byName', () => {
  it('orders by name, equal names as equal', () => {
    const [government, media] = [STATE_GOVERNMENT, MEDIA];
    expect([byName(government, media), byName(media, government), byName(media, { ...media })]).toEqual([-1, 1, 0]);
  });
});
