#!/usr/bin/env bash
# Bootstraps Flux on the cluster of the current kubectl context and points it at clusters/<name>.
#   GITHUB_TOKEN=... ./clusters/bootstrap.sh kind|cloud [owner] [repository] [branch]
# The token is read from the environment only; it is never written to the repository.
set -euo pipefail

cluster=${1:?usage: bootstrap.sh kind|cloud [owner] [repository] [branch]}
owner=${2:-${GITHUB_OWNER:?set GITHUB_OWNER or pass the owner}}
repository=${3:-invaders}
branch=${4:-main}
: "${GITHUB_TOKEN:?export GITHUB_TOKEN (a token that may write deploy keys to the repository)}"
[[ -d "$(dirname "$0")/$cluster" ]] || { echo "no clusters/$cluster" >&2; exit 2; }

# Grafana's admin credentials: a random password in a Secret, created before Flux installs
# kube-prometheus-stack (which references it as grafana.admin.existingSecret). Kept if present.
kubectl create namespace monitoring --dry-run=client -o yaml | kubectl apply -f -
if ! kubectl -n monitoring get secret grafana-admin >/dev/null 2>&1; then
  kubectl -n monitoring create secret generic grafana-admin \
    --from-literal=admin-user=admin \
    --from-literal=admin-password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  echo "Grafana admin password: kubectl -n monitoring get secret grafana-admin -o jsonpath='{.data.admin-password}' | base64 -d"
fi

# Installs the Flux controllers, commits clusters/$cluster/flux-system/ (the GitRepository
# flux-system and the Kustomization that applies this directory) and starts reconciling.
flux bootstrap github \
  --token-auth=false \
  --owner="$owner" \
  --repository="$repository" \
  --branch="$branch" \
  --path="clusters/$cluster" \
  --personal
