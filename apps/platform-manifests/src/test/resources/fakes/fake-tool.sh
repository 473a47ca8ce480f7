#!/usr/bin/env bash
# A recorded fake of docker, kind, kubectl, flux, git, curl, mvnw and images/build-images for the tests of ./bootstrap-kind,
# ./teardown-kind and ./forward-ui (KindScriptsTest): copied under each tool's name onto the PATH.
# Every call is appended to $FAKE_STATE/calls as "tool arguments..."; what each answers comes from
# files in $FAKE_STATE, which the test writes and the fakes update (a created cluster, a registry...).
set -euo pipefail
tool=$(basename "$0")
state=${FAKE_STATE:?FAKE_STATE is not set}
echo "$tool $*" >>"$state/calls"
has() { [ -e "$state/$1" ]; }
value() { if [ -e "$state/$1" ]; then cat "$state/$1"; else echo "$2"; fi; }

case $tool in
  docker)
    case "$*" in
      "info --format {{.NCPU}} {{.MemTotal}}")
        if has docker-down; then echo "Cannot connect to the Docker daemon" >&2; exit 1; fi
        value docker-info "8 16777216000" ;;
      "inspect -f {{.State.Running}} kind-registry")
        if has registry-running; then echo true; elif has registry-exists; then echo false; else echo "No such object" >&2; exit 1; fi ;;
      "inspect kind-registry")
        has registry-exists || exit 1 ;;
      "inspect -f={{json .NetworkSettings.Networks.kind}} kind-registry")
        if has registry-on-kind; then echo '{"NetworkID":"x"}'; else echo null; fi ;;
      run\ *) touch "$state/registry-exists" "$state/registry-running"; echo 0123456789ab ;;
      "start kind-registry") touch "$state/registry-running" ;;
      "network connect kind kind-registry") touch "$state/registry-on-kind" ;;
      "rm -f kind-registry") rm -f "$state/registry-exists" "$state/registry-running" "$state/registry-on-kind" ;;
      exec\ -i\ *) cat >/dev/null ;;
      exec\ *) ;;
      *) echo "fake docker: unexpected: $*" >&2; exit 3 ;;
    esac ;;
  kind)
    case "$*" in
      version) value kind-version "kind v0.29.0 go1.24.2 linux/amd64" ;;
      "get clusters") if has clusters; then cat "$state/clusters"; else echo "No kind clusters found." >&2; fi ;;
      create\ cluster\ --name\ *) echo "$4" >>"$state/clusters" ;;
      "get nodes --name "*) echo "$4-control-plane" ;;
      "delete cluster --name "*) grep -vx "$4" "$state/clusters" >"$state/clusters.new" || true; mv "$state/clusters.new" "$state/clusters" ;;
      *) echo "fake kind: unexpected: $*" >&2; exit 3 ;;
    esac ;;
  kubectl)
    args=" $* "
    case "$args" in
      *" version --client "*) echo "Client Version: v1.33.1" ;;
      *" apply -f - "*) cat >/dev/null ;;
      *" get gitrepositories.source.toolkit.fluxcd.io flux-system "*)
        if has flux-installed; then value flux-source "https://github.com/alice/invaders.git main"; else exit 1; fi ;;
      *" get kustomizations.kustomize.toolkit.fluxcd.io flux-system "*)
        if has flux-installed; then echo "./clusters/kind"; else exit 1; fi ;;
      *" get kustomizations.kustomize.toolkit.fluxcd.io -A "*)
        if has not-ready; then cat "$state/not-ready"; else
          printf 'Kustomization\tflux-system/flux-system\tTrue\tApplied\nKustomization\tflux-system/infra-controllers\tTrue\tApplied\nKustomization\tflux-system/infra-configs\tTrue\tApplied\nKustomization\tflux-system/apps\tTrue\tApplied\n'
        fi ;;
      *" get helmreleases.helm.toolkit.fluxcd.io -A "*)
        printf 'HelmRelease\tmonitoring/kube-prometheus-stack\tTrue\tInstalled\n' ;;
      *" events "*) echo "LAST SEEN   TYPE      REASON   OBJECT   MESSAGE"; echo "5s   Warning   HealthCheckFailed   kustomization/apps   timeout waiting for: [Deployment/emulator/fetch-execute]" ;;
      *" port-forward "*)
        svc=$(printf '%s\n' "$@" | sed -n 's|^svc/||p')
        n=$(( $(value "port-forwards-$svc" 0) + 1 )); echo "$n" >"$state/port-forwards-$svc"
        echo "Forwarding from 127.0.0.1:${*: -1}"
        # the first N port-forwards of a Service end at once (its pod replaced, or no Service)
        if [ "$n" -le "$(value "drops-$svc" 0)" ]; then exit 1; fi
        echo $$ >>"$state/port-forward-pids"
        # held open until the script stops it (bounded: a leftover fake ends by itself)
        sleep 60 &
        sleeper=$!
        trap 'kill "$sleeper" 2>/dev/null; exit 143' TERM INT
        wait "$sleeper" ;;
      *) echo "fake kubectl: unexpected: $*" >&2; exit 3 ;;
    esac ;;
  flux)
    case "$*" in
      "version --client") value flux-version "flux: v2.6.1" ;;
      bootstrap\ github\ *) touch "$state/flux-installed" ;;
      *) echo "fake flux: unexpected: $*" >&2; exit 3 ;;
    esac ;;
  git)
    [ "${1:-}" != -C ] || shift 2
    case "$*" in
      "remote get-url origin") value git-origin "git@github.com:alice/invaders.git" ;;
      "rev-parse --abbrev-ref HEAD") value git-branch main ;;
      "rev-parse HEAD") echo 1111111111111111111111111111111111111111 ;;
      ls-remote\ *) printf '%s\trefs/heads/main\n' "$(value git-remote-head 1111111111111111111111111111111111111111)" ;;
      status\ --porcelain\ *) value git-dirty "" ;;
      *) echo "fake git: unexpected: $*" >&2; exit 3 ;;
    esac ;;
  curl)
    has images-pushed || exit 22 ;;
  mvnw|build-images)
    touch "$state/images-pushed" ;;
  *) echo "fake-tool.sh: no fake for $tool" >&2; exit 3 ;;
esac
