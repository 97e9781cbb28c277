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

FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-mod=vendor GOTOOLCHAIN=local
COPY go.mod go.sum ./
COPY vendor/ vendor/
COPY cmd/ cmd/
COPY registry/ registry/
ARG VERSION=v3.1.2+forwarded
RUN go build -trimpath \
      -ldflags "-s -w -X github.com/distribution/distribution/v3/version.version=${VERSION}" \
      -o /out/registry ./cmd/registry

FROM ${BASE_IMAGE}
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY image/config.yml /etc/distribution/config.yml
COPY image/entrypoint.sh /entrypoint.sh
COPY --from=build /out/registry /bin/registry
VOLUME ["/var/lib/registry"]
EXPOSE 5000
ENV OTEL_TRACES_EXPORTER=none
ENTRYPOINT ["/entrypoint.sh"]
CMD ["/etc/distribution/config.yml"]
