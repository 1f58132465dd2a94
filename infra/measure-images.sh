#!/usr/bin/env bash
# Image size and start-up time per service. Needs a Docker engine; where none runs (as on the CI and
# development machines of this project), it says so and exits 0: the figures are documented as not
# measurable here (docs/operations/packaging.md).
# Usage: infra/measure-images.sh [service ...]   (default: all five)
# Start-up is measured to /health/live (the process is up) and to /health/ready (database and NATS
# reachable: set DATABASE_URL_TEMPLATE and NATS_URL to servers the container can reach).
set -euo pipefail
cd "$(dirname "$0")/.."
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(crm complaints aftersales surveys training)

if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  echo "no Docker engine reachable: image size and start-up time are not measurable on this machine"
  exit 0
fi

template=${DATABASE_URL_TEMPLATE:-postgres://postgres@host.docker.internal:5432/{service}}
nats=${NATS_URL:-nats://host.docker.internal:4222}
printf '%-11s %10s %10s %10s\n' service size live_ms ready_ms
for s in "${services[@]}"; do
  docker build -q --build-arg SERVICE="$s" -t "cx-$s:measure" . >/dev/null
  size=$(docker image ls "cx-$s:measure" --format '{{.Size}}')
  port=$((18000 + RANDOM % 1000))
  start=$(date +%s%3N)
  id=$(docker run -d --rm --add-host host.docker.internal:host-gateway -p "$port:8080" -e PORT=8080 \
    -e DATABASE_URL="${template//\{service\}/$s}" -e NATS_URL="$nats" -e NODE_ENV=development "cx-$s:measure")
  live=-; ready=-
  for _ in $(seq 1 600); do
    now=$(date +%s%3N)
    [ "$live" = - ] && curl -fs "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && live=$((now - start))
    if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then ready=$((now - start)); break; fi
    sleep 0.1
  done
  docker stop "$id" >/dev/null
  printf '%-11s %10s %10s %10s\n' "$s" "$size" "$live" "$ready"
done
