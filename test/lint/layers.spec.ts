import { ESLint } from 'eslint';

const eslint = new ESLint();

/** The layer rule's findings for `source` as if it were the file `filePath` (the file need not exist; what it imports must). */
const layerErrors = async (filePath: string, source: string): Promise<string[]> => {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((message) => message.ruleId === 'import/no-restricted-paths').map((message) => message.message);
};

/** ARCHITECTURE.md "Wiring": the layers as eslint.layers.js enforces them. */
describe('layer zones (eslint.layers.js)', () => {
  // Loading the config (typescript-eslint, the TypeScript resolver) is the slow part: done once, under a bound of its own.
  beforeAll(() => eslint.lintText('', { filePath: 'src/probe.ts' }), 180_000);

  it.each([
    ['application/ importing a read model', 'src/incidents/application/probe.ts', "import '../read-models/incident-summary/incident.queries.js';"],
    ['a read model importing the command side', 'src/incidents/read-models/probe.ts', "import '../application/incident-command-handler.js';"],
    ['a read model importing audit/', 'src/incidents/read-models/probe.ts', "import '../audit/as-of-tally.service.js';"],
    ['stored-events/ importing application/', 'src/incidents/stored-events/probe.ts', "import '../application/incident-histories.js';"],
    ['projections/ importing a feature', 'src/projections/probe.ts', "import '../incidents/read-models/incidents.projection.js';"],
    ['common/ importing a feature above its domain', 'src/common/probe.ts', "import '../actors/application/actor-streams.js';"],
    ["a feature importing another's read model it does not share", 'src/actors/read-models/probe.ts', "import '../../incidents/read-models/incident-summary/incident.queries.js';"],
  ])('refuses %s', async (_case, filePath, source) => {
    expect(await layerErrors(filePath, source)).toHaveLength(1);
  });

  it.each([
    ['application/ reading stored events', 'src/incidents/application/probe.ts', "import '../stored-events/incident-events.js';"],
    ['a read model folding stored events', 'src/incidents/read-models/probe.ts', "import '../stored-events/incident-events.js';"],
    ['common/ naming a domain error', 'src/common/probe.ts', "import '../actors/domain/actor-error.js';"],
    ["a feature's application/ using another's", 'src/incidents/application/probe.ts', "import '../../actors/application/actor-streams.js';"],
    ['a file another feature shares', 'src/actors/read-models/probe.ts', "import '../../incidents/read-models/incident-summary/involvements.js';"],
    ['a transport importing everything below it', 'src/incidents/api/rest/probe.ts', "import '../../application/incident-command-handler.js';\nimport '../../read-models/incident-summary/incident.queries.js';"],
  ])('allows %s', async (_case, filePath, source) => {
    expect(await layerErrors(filePath, source)).toEqual([]);
  });
});
