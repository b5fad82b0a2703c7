# daglint as a container image: one static binary on an empty base.
#
# Build: docker build -t daglint .
# Run:   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/src" daglint check dags/
#
# --user makes daglint run as you, so it can write SARIF and other report
# files and apply --fix in the mounted folder, and what it writes belongs to
# you. Without it the image runs as the unprivileged uid 65532, which can
# read a world-readable checkout but not write into it.
FROM golang:1.26-bookworm AS build
WORKDIR /build
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=
ARG COMMIT=
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/daglint ./cmd/daglint

FROM scratch
COPY --from=build /out/daglint /daglint
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["/daglint"]
CMD ["check", "."]
