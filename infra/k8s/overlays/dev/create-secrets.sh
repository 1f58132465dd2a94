#!/usr/bin/env bash
# Creates the Secrets the dev overlay references, with fresh random values, directly in the cluster.
# Nothing is written to disk or git. Run once per dev cluster, before infra/k8s/deploy.sh dev.
# Existing Secrets are left alone (delete one to regenerate it). Usage: create-secrets.sh [--context c]
set -euo pipefail
k=(kubectl "$@")
kc=(kubectl "$@" -n cx)
command -v openssl >/dev/null || { echo "openssl is required" >&2; exit 2; }

"${k[@]}" get namespace cx >/dev/null 2>&1 || "${k[@]}" create namespace cx

exists() { "${kc[@]}" get secret "$1" >/dev/null 2>&1; }
alnum() { openssl rand -base64 48 | tr -dc 'A-Za-z0-9' | head -c "$1"; }

exists cx-jwt || "${kc[@]}" create secret generic cx-jwt \
  --from-literal=JWT_SECRET="$(alnum 48)"
exists cx-pii || "${kc[@]}" create secret generic cx-pii \
  --from-literal=PII_KEYS="k1:$(openssl rand -base64 32)" \
  --from-literal=PII_ACTIVE_KEY_ID=k1 \
  --from-literal=PII_HASH_KEY="$(openssl rand -base64 32)"

for s in crm complaints aftersales surveys training; do
  if ! exists "cx-pg-$s"; then
    pw="$(alnum 32)"
    "${kc[@]}" create secret generic "cx-pg-$s" --type=kubernetes.io/basic-auth \
      --from-literal=username="$s" --from-literal=password="$pw"
    "${kc[@]}" label secret "cx-pg-$s" cnpg.io/reload=true
    "${kc[@]}" delete secret "$s-secrets" --ignore-not-found
    "${kc[@]}" create secret generic "$s-secrets" \
      --from-literal=DATABASE_URL="postgres://$s:$pw@cx-pg-rw:5432/$s"
  fi
done
echo "secrets present in namespace cx"
