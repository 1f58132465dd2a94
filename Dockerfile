# syntax=docker/dockerfile:1
#
# One image recipe for the five services. Pick the service with a build arg:
#
#   docker build --build-arg SERVICE=crm --build-arg VERSION=0.1.0 -t ghcr.io/cx-platform/crm:0.1.0 .
#
# The leads' console (apps/console: the Vite build and its Node server) is the `console` target:
#
#   docker build --target console --build-arg VERSION=0.1.0 -t ghcr.io/cx-platform/console:0.1.0 .
#
# Stages: `manifests` (package.json files only, so the dependency layers are cached until the
# lockfile changes) -> `prod-deps` (runtime node_modules) and `build` (all deps + tsc) -> `runtime`
# (slim Node, non-root, no npm, only node_modules + libs/*/dist + services/<SERVICE>/dist).
# Notes and the commands to measure size and start-up time: docs/operations/packaging.md.

# Exact version, never a floating tag: bump deliberately (Renovate/Dependabot can watch this line).
# Node 24, the active LTS (Node 20 reached end of life in April 2026). .ci/run reads this line and runs
# the test suite on the same version, from the npm registry's `node` package: bump to a version that
# package has.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
# npm ci needs every workspace's package.json to reproduce the lockfile's workspace links.
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/platform/package.json libs/platform/
COPY libs/testing/package.json libs/testing/
COPY services/crm/package.json services/crm/
COPY services/complaints/package.json services/complaints/
COPY services/aftersales/package.json services/aftersales/
COPY services/surveys/package.json services/surveys/
COPY services/training/package.json services/training/
COPY apps/console/package.json apps/console/

# Runtime dependencies only: every runtime dependency is a root `dependencies` entry.
# --ignore-scripts: nothing at run time needs an install script, and it keeps the build hermetic.
FROM manifests AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM manifests AS build
ARG SERVICE
RUN case "${SERVICE}" in \
      crm|complaints|aftersales|surveys|training) ;; \
      *) echo "build arg SERVICE must be one of: crm complaints aftersales surveys training (got '${SERVICE}')" >&2; exit 1 ;; \
    esac
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs/ libs/
COPY services/${SERVICE}/ services/${SERVICE}/
# Same compiler and project references as `npm run build`, limited to this service and the libs it
# references (tsc -b follows the references), so one image does not compile the other four services.
RUN node_modules/.bin/tsc -b services/${SERVICE}/tsconfig.json

# The console's static files, built by Vite (devDependencies: React, antd, ECharts, Vite).
FROM manifests AS console-build
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY apps/console/ apps/console/
RUN NODE_ENV=production node node_modules/vite/bin/vite.js build --logLevel warn -c apps/console/vite.config.mjs

# The console: its server (plain ESM on Node's built-ins) and the built files; no node_modules but jose,
# which only the development sign-in loads (refused with NODE_ENV=production).
FROM ${NODE_IMAGE} AS console
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="cx-console" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.description="CX platform: the leads' console"
ENV NODE_ENV=production
WORKDIR /app
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
           /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* \
           /usr/local/bin/yarn /usr/local/bin/yarnpkg
COPY --from=console-build /app/apps/console/server.mjs apps/console/server.mjs
COPY --from=console-build /app/apps/console/dist apps/console/dist
COPY --from=console-build /app/node_modules/jose node_modules/jose
COPY scripts/dev-token.mjs scripts/dev-token.mjs
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.CONSOLE_PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "apps/console/server.mjs"]

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="cx-${SERVICE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.description="CX platform service: ${SERVICE}"
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Surveys draws the CX report's PDF in a CJK font (CX_REPORT_FONT_PATH, ADR 41): Debian's Noto Sans
# CJK, in the surveys image only (about 100 MB the other four do not carry).
RUN if [ "${SERVICE}" = surveys ]; then \
      apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk \
      && rm -rf /var/lib/apt/lists/*; \
    fi
# The package managers are not needed at run time: less to patch, less to exploit.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
           /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* \
           /usr/local/bin/yarn /usr/local/bin/yarnpkg
COPY --from=prod-deps /app/package.json ./package.json
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/libs/contracts/package.json libs/contracts/package.json
COPY --from=build /app/libs/contracts/dist libs/contracts/dist
COPY --from=build /app/libs/platform/package.json libs/platform/package.json
COPY --from=build /app/libs/platform/dist libs/platform/dist
COPY --from=build /app/services/${SERVICE}/package.json services/${SERVICE}/package.json
COPY --from=build /app/services/${SERVICE}/dist services/${SERVICE}/dist
# A fixed path for the default command (exec form cannot expand ${SERVICE}). Node resolves the
# symlink, so __dirname is still services/<SERVICE>/dist and the working directory is the repo root,
# exactly like `node services/<SERVICE>/dist/main.js` from a checkout.
RUN ln -s services/${SERVICE}/dist /app/service
# Numeric uid/gid (the image's `node` user) so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3001-3005
# Liveness only (no DB/NATS dependency), same endpoint as the Kubernetes liveness probe.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const p=process.env.PORT||{crm:3001,complaints:3002,aftersales:3003,surveys:3004,training:3005}[process.env.SERVICE];fetch('http://127.0.0.1:'+p+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations: run the same image with `node services/<SERVICE>/dist/migrate.js` (exits 0 when done).
# The V8 heap flags of infra/service-node-flags.json (docs/adr/0011); infra/checks keeps them equal.
CMD ["node", "--max-semi-space-size=32", "--initial-old-space-size=256", "service/main.js"]
