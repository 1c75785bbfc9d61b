# The ThiDua server image: a release build of `thidua` with its resources and migrations.
FROM swift:6.2-bookworm AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources Sources
COPY Tests Tests
RUN swift build -c release --product thidua --static-swift-stdlib \
    && mkdir -p /out \
    && cp "$(swift build -c release --show-bin-path)/thidua" /out/ \
    && cp -R "$(swift build -c release --show-bin-path)"/*.resources /out/

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /app --shell /usr/sbin/nologin thidua
WORKDIR /app
COPY --from=build /out/ /app/
COPY sql /app/sql
# The data files the commands load (criteria sets, workflows, plans' targets, decision wording,
# certificate layouts): `thidua criteria load criteria`, `thidua targets load targets/…` from /app.
COPY criteria /app/criteria
COPY workflows /app/workflows
COPY targets /app/targets
COPY decision-texts /app/decision-texts
COPY certificate-layouts /app/certificate-layouts
USER thidua
ENV THIDUA_HOST=0.0.0.0 \
    THIDUA_PORT=8080 \
    THIDUA_MIGRATIONS_DIR=/app/sql
EXPOSE 8080
CMD ["/app/thidua", "serve"]
