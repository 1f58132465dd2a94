#!/usr/bin/env bash
# Deploys one overlay in two phases so the database schema is migrated before any new pod starts:
#   1. everything except the service Deployments (ConfigMaps, Secrets' ExternalSecrets, Postgres
#      objects, Services, autoscalers, NetworkPolicies, ... and this release's migration Jobs);
#   2. wait until every migration Job of this release has completed (a failed Job stops here, and
#      the running pods keep serving the previous release);
#   3. the Deployments (rolling update, maxUnavailable 0).
# Usage: infra/k8s/deploy.sh dev|prod [--context <kube-context>]
set -euo pipefail

overlay="${1:?usage: deploy.sh dev|prod [--context <kube-context>]}"
shift
here="$(cd "$(dirname "$0")" && pwd)"
dir="$here/overlays/$overlay"
[[ -d "$dir" ]] || { echo "no overlay at $dir" >&2; exit 2; }
kc=(kubectl "$@")

version="$(sed -n -E "s/^  version: ['\"]?([^'\"]+)['\"]?[[:space:]]*$/\1/p" "$dir/release.yaml")"
[[ -n "$version" ]] || { echo "no data.version in $dir/release.yaml" >&2; exit 2; }
echo "deploying overlay $overlay, release $version"

"${kc[@]}" apply -k "$dir" -l 'cx-platform/rollout!=after-migrations' --server-side --force-conflicts
# `kubectl wait` takes one condition only; poll so that a failed Job stops the deploy at once.
selector="app.kubernetes.io/component=migration,app.kubernetes.io/version=$version"
deadline=$((SECONDS + 900))
while :; do
  states="$("${kc[@]}" -n cx get job -l "$selector" -o \
    jsonpath='{range .items[*]}{.metadata.name}|{.status.conditions[?(@.type=="Complete")].status}|{.status.conditions[?(@.type=="Failed")].status}{"\n"}{end}')"
  total="$(grep -c . <<<"$states" || true)"
  done_count="$(awk -F'|' '$2 == "True"' <<<"$states" | grep -c . || true)"
  failed="$(awk -F'|' '$2 != "True" && $3 == "True" {print $1}' <<<"$states")"
  if [[ -n "$failed" ]]; then
    echo "migration failed: $failed (previous release keeps running)" >&2
    for j in $failed; do "${kc[@]}" -n cx logs "job/$j" --tail=50 >&2 || true; done
    exit 1
  fi
  if [[ "$total" -gt 0 && "$done_count" -eq "$total" ]]; then
    echo "migrations complete: $total Jobs"
    break
  fi
  (( SECONDS < deadline )) || { printf 'migrations not complete after 15 min:\n%s\n' "$states" >&2; exit 1; }
  sleep 5
done
"${kc[@]}" apply -k "$dir" -l 'cx-platform/rollout=after-migrations' --server-side --force-conflicts
for d in crm complaints aftersales surveys training; do
  "${kc[@]}" -n cx rollout status "deployment/$d" --timeout=10m
done
