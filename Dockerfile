# Build: docker build -t daglint .
# Run:   docker run --rm -v "$PWD:/src" -w /src daglint check dags/
FROM golang:1.26-bookworm AS build
WORKDIR /build
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X main.Version=${VERSION}" -o /out/daglint ./cmd/daglint

FROM debian:bookworm-slim
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin daglint
COPY --from=build /out/daglint /usr/local/bin/daglint
USER 10001
ENTRYPOINT ["daglint"]
CMD ["check", "."]
