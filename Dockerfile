# syntax=docker/dockerfile:1
# Build: full install (which compiles the TypeScript), then drop dev dependencies. Run: only dist/ and
# production node_modules, as the unprivileged `node` user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY bench ./bench
COPY web ./web
# `npm ci` builds dist/ (the package's `prepare` script), so the sources come first.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# DATA_DIR (./data) must be writable when no DATABASE_URL or JWT_SECRET is given.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A larger young generation (as `npm start` runs): a catch-up's or rebuild's batches outlive V8's default one, and copying them
# from scavenge to scavenge was a good part of the projection's CPU.
CMD ["node", "--max-semi-space-size=64", "dist/src/main.js"]
