/**
 * The layers of `src/` as `import/no-restricted-paths` zones (ARCHITECTURE.md, "Wiring"): in each
 * zone, files under `target` may not import files under `from`. Inside a feature (incidents, actors,
 * sources), from the bottom up: `domain/` (pure) ← `stored-events/` (stored events as the domain reads
 * them, the registry log) ← `application/` (command handlers) and the read side (`read-models/`, and
 * the incidents' `audit/` and `exports/`) ← transports (`api/`, `cli/`). `common/`, `event-store/`,
 * `database/` and `projections/` are plumbing below every feature.
 */
const FEATURES = ['incidents', 'actors', 'sources'];
const each = (folder) => FEATURES.map((feature) => `src/${feature}/${folder}`);
const READ_SIDE = [...each('read-models'), 'src/incidents/audit', 'src/incidents/exports'];
const ABOVE_APPLICATION = [...READ_SIDE, ...each('api'), 'src/incidents/demo', ...FEATURES.map((feature) => `src/${feature}/${feature}.module.ts`)];

/** Plumbing knows no feature: of a feature it may name only the domain (its error classes, mapped once to problems). */
const PLUMBING = ['src/common', 'src/event-store', 'src/database', 'src/projections', 'src/config', 'src/auth'];
const FEATURE_ABOVE_DOMAIN = [...each('stored-events'), ...each('application'), ...ABOVE_APPLICATION];

/**
 * What a feature shares of its read side and transports with the other features (the rest is its own).
 * The registries (actors, sources) answer on the incidents' transport plumbing (write context, paging and
 * time arguments, input rules, GraphQL enum names) and wait on its read consistency; incidents show
 * actors in their views and groups. Each entry is a file (or folder) under the feature's folder.
 */
const SHARED = {
  incidents: [
    'api/input-rules.ts',
    'api/inputs/input-fields.ts',
    'api/graphql/command.args.ts',
    'api/graphql/enums.graphql.ts',
    'api/graphql/incident.types.ts',
    'api/graphql/input.decorators.ts',
    'api/graphql/query.args.ts',
    'api/rest/command-result.dto.ts',
    'api/rest/incident-queries.dto.ts',
    'api/rest/validation.decorators.ts',
    'api/rest/write-context.decorator.ts',
    'read-models/read-consistency.ts',
    'read-models/incident-summary/incident.view.ts',
    'read-models/incident-summary/involvements.ts',
  ],
  actors: ['api/graphql/actor.types.ts', 'api/graphql/actor-enums.graphql.ts', 'read-models/actor.view.ts', 'read-models/actor.queries.ts', 'read-models/actors.projection.ts'],
  sources: ['read-models/sources.projection.ts'],
};

export const LAYER_ZONES = [
  ...PLUMBING.map((target) => ({ target, from: FEATURE_ABOVE_DOMAIN, message: 'plumbing stays below the features: it imports only their domain/' })),
  ...each('stored-events').map((target) => ({
    target,
    from: [...each('application'), ...ABOVE_APPLICATION],
    message: 'stored-events/ maps stored events to the domain: it imports the domain, never the layers above',
  })),
  ...each('application').map((target) => ({
    target,
    from: ABOVE_APPLICATION,
    message: 'application/ decides and appends: it reads streams (stored-events/, other features\' application/), never read models, audit, exports or transports',
  })),
  ...each('read-models').map((target) => ({
    target,
    from: [...each('application'), 'src/incidents/audit', 'src/incidents/exports', ...each('api'), 'src/incidents/demo'],
    message: 'read-models/ read what projections wrote and fold stored events: never the command side, audit, exports or transports',
  })),
  {
    target: 'src/incidents/audit',
    from: [...each('application'), 'src/incidents/exports', ...each('api'), 'src/incidents/demo'],
    message: 'audit/ folds history and reads read models: never the command side, exports or transports',
  },
  {
    target: 'src/incidents/exports',
    from: [...each('application'), ...each('api'), 'src/incidents/demo'],
    message: 'exports/ stand on read models and audit: never the command side or transports',
  },
  // Across features: another feature's read side, audit, exports and transports are its own, but for what it shares (SHARED).
  ...FEATURES.flatMap((target) =>
    FEATURES.filter((other) => other !== target).flatMap((other) =>
      ['read-models', 'audit', 'exports', 'demo', 'api'].map((folder) => ({
        target: `src/${target}`,
        from: `src/${other}/${folder}`,
        except: SHARED[other].filter((path) => path.startsWith(`${folder}/`)).map((path) => `./${path.slice(folder.length + 1)}`),
        message: `${target}/ uses ${other}/ through its domain/, stored-events/, application/, module and what it shares (eslint.layers.js SHARED), not the rest of its ${folder}/`,
      })),
    ),
  ),
];
