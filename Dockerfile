# syntax=docker/dockerfile:1
#
# Two images from one file:
#   docker build -t sinop .                        SINOP itself (the last stage, the default)
#   docker build --target minio -t sinop-minio .   MinIO built from source, for compose.yaml
#
# Both binaries are static (CGO_ENABLED=0), so the runtime stages need no Go and no C library
# of a particular version.

ARG GO_IMAGE=golang:1.26
ARG RUNTIME_IMAGE=debian:trixie-slim

# MinIO's community edition is published as source only, so it is built here at the version
# scripts/services.sh uses for the test suite.
FROM ${GO_IMAGE} AS minio-build
ARG MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOBIN=/out go install -trimpath "github.com/minio/minio@${MINIO_VERSION}"

FROM ${RUNTIME_IMAGE} AS minio
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10002 --home-dir /data --shell /usr/sbin/nologin minio \
 && mkdir /data && chown minio:minio /data
COPY --from=minio-build /out/minio /usr/local/bin/minio
USER minio
VOLUME /data
EXPOSE 9000
ENTRYPOINT ["minio"]
CMD ["server", "/data", "--address", ":9000"]

FROM ${GO_IMAGE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/sinop ./cmd/sinop

FROM ${RUNTIME_IMAGE}
# tzdata gives Go the Asia/Jakarta zone by name; ca-certificates lets S3_USE_SSL=true verify servers.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin sinop
COPY --from=build /out/sinop /usr/local/bin/sinop
USER sinop
ENV LISTEN_ADDR=0.0.0.0:8080 TZ=Asia/Jakarta
EXPOSE 8080
# The image has no curl or wget, so the check speaks HTTP through bash's /dev/tcp. /readyz returns
# 200 only while PostgreSQL and object storage both respond.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${LISTEN_ADDR##*:} && printf 'GET /readyz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["sinop"]
CMD ["serve"]
