# syntax=docker/dockerfile:1
# The registry image: a drop-in for registry:3. The build stage uses only the
# vendored modules, so it needs no network beyond the base images.
ARG GO_VERSION=1.26.8
ARG ALPINE_VERSION=3.22

FROM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS build
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

FROM alpine:${ALPINE_VERSION}
RUN apk add --no-cache ca-certificates
COPY image/config.yml /etc/distribution/config.yml
COPY image/entrypoint.sh /entrypoint.sh
COPY --from=build /out/registry /bin/registry
VOLUME ["/var/lib/registry"]
EXPOSE 5000
ENV OTEL_TRACES_EXPORTER=none
ENTRYPOINT ["/entrypoint.sh"]
CMD ["/etc/distribution/config.yml"]
