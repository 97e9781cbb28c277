# The registry image: a drop-in for registry:3. The build stage uses only the
# vendored modules, so it needs no network beyond the base images.
#
# BUILDER_IMAGE is any image with the Go toolchain on PATH, a POSIX shell and
# the CA bundle at /etc/ssl/certs/ca-certificates.crt; BASE_IMAGE any image
# with a POSIX shell at /bin/sh. No step runs a distribution's package
# manager, so the same file builds with the official pair (the defaults) and
# with images made locally (the integration suite's).
ARG BUILDER_IMAGE=golang:1.26.8-alpine3.22
ARG BASE_IMAGE=alpine:3.22

# This build's version. The file VERSION at the top of the repository is the
# one place that holds it: the binary is stamped from that file, not from
# this argument. The argument exists only because a LABEL cannot read a
# file, and the image's org.opencontainers.image.version label needs the
# value. So its default is a copy of VERSION, and the build stage fails when
# the two differ: bump both together, or pass --build-arg VERSION=$(cat
# VERSION). The integration suite checks the copy and the built image's
# labels against VERSION.
ARG VERSION=v3.1.2+forwarded.1
# The commit the image is built from, for the revision label and the
# binary's revision. Optional: the build context has no .git, so pass it,
# e.g. --build-arg REVISION=$(git rev-parse HEAD).
ARG REVISION=

FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-mod=vendor GOTOOLCHAIN=local
COPY go.mod go.sum VERSION ./
COPY vendor/ vendor/
COPY cmd/ cmd/
COPY registry/ registry/
ARG VERSION
ARG REVISION
# The same flags as scripts/release.sh, so both give the same binary for
# the same commit and Go version.
RUN version="$(cat VERSION)" && \
    if [ "$version" != "$VERSION" ]; then \
      echo "VERSION says $version, the Dockerfile's VERSION argument $VERSION: make them equal" >&2; \
      exit 1; \
    fi && \
    go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X github.com/distribution/distribution/v3/version.version=$version -X github.com/distribution/distribution/v3/version.revision=$REVISION" \
      -o /out/registry ./cmd/registry

FROM ${BASE_IMAGE}
ARG BASE_IMAGE
ARG VERSION
ARG REVISION
LABEL org.opencontainers.image.title="registry (proxy-aware)" \
      org.opencontainers.image.description="CNCF Distribution registry v3.1.2, a drop-in for registry:3, whose URLs and logged client addresses honour trusted proxies (http.forwarded)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/proxyaware/registry" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="${BASE_IMAGE}"
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY image/config.yml /etc/distribution/config.yml
COPY image/entrypoint.sh /entrypoint.sh
COPY --from=build /out/registry /bin/registry
VOLUME ["/var/lib/registry"]
EXPOSE 5000
ENV OTEL_TRACES_EXPORTER=none
ENTRYPOINT ["/entrypoint.sh"]
CMD ["/etc/distribution/config.yml"]
