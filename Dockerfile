# The server as a small, non-root container image. Build: `docker build -t clickup-mcp .`
# Run: `docker run -p 8787:8787 --env-file .env clickup-mcp` (configuration: the README's
# "Configuration"), or `docker compose up` for a sandbox deployment on PostgreSQL.

FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p clickup-mcp \
    && cp target/release/clickup-mcp /clickup-mcp \
    && strip /clickup-mcp

# glibc and libgcc only; no shell, no package manager; runs as uid 65532.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /clickup-mcp /usr/local/bin/clickup-mcp
ENV LISTEN=0.0.0.0:8787 \
    LOG_FORMAT=json
EXPOSE 8787
USER nonroot
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/clickup-mcp", "health"]
ENTRYPOINT ["/usr/local/bin/clickup-mcp"]
CMD ["serve"]
