# syntax=docker/dockerfile:1
# rolecompare: build on Debian 12 (bookworm), run on distroless Debian 12, so
# the binary's glibc matches the runtime's.

FROM rust:1.95-slim-bookworm AS builder
WORKDIR /src
COPY . .
# Cache mounts keep the crate registry and build artefacts between builds, so
# only what changed is recompiled.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
    && cp target/release/rolecompare /usr/local/bin/rolecompare
# Bad content fails the build, with file:line:column messages.
RUN /usr/local/bin/rolecompare check --content /src/content

FROM gcr.io/distroless/cc-debian12:nonroot
# No source URL or licence label: the project publishes neither. Add your
# own with `docker build --label org.opencontainers.image.source=…`.
LABEL org.opencontainers.image.title="rolecompare" \
      org.opencontainers.image.description="A self-hostable, server-rendered website that puts career roles side by side"
WORKDIR /app
COPY --from=builder /usr/local/bin/rolecompare /app/rolecompare
COPY --from=builder /src/content /app/content
# MALLOC_ARENA_MAX: glibc gives each thread that allocates its own arena,
# and each keeps its own free space. Two arenas held a 200-role site's
# growth under a 20 s flood of distinct pages to 98 MiB instead of 142 MiB
# (bench/abuse.sh, 64 MiB page cache), at the same throughput.
ENV ROLECOMPARE_ADDR=0.0.0.0:3000 \
    ROLECOMPARE_CONTENT=/app/content \
    MALLOC_ARENA_MAX=2
EXPOSE 3000
# The distroless image's "nonroot" user.
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/app/rolecompare", "healthcheck"]
ENTRYPOINT ["/app/rolecompare"]
CMD ["serve"]
