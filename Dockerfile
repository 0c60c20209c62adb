# One image per service, built from the repository root:
#   docker build --build-arg SERVICE=Tariff --build-arg PORT=5101 --build-arg HTTP_PORT=5201 -t tradegrpc-tariff .
#   docker build --build-arg SERVICE=Negotiation --build-arg PORT=5102 --build-arg HTTP_PORT=5202 -t tradegrpc-negotiation .
# PORT is gRPC over h2c; HTTP_PORT is HTTP/1.1: REST/JSON, the OpenAPI document and gRPC-Web.
# The base images are referenced by tag, not digest (a digest nobody checked would be worse than
# none). Pin them for a deployment with the digest
# `docker buildx imagetools inspect mcr.microsoft.com/dotnet/aspnet:10.0` prints
# (FROM mcr.microsoft.com/dotnet/aspnet:10.0@sha256:...).
ARG SERVICE=Tariff

# The web dashboard each service serves: the page bundled with its npm packages (Chart.js, by esbuild),
# which the build below embeds instead of running npm itself (the .NET SDK image has no Node).
FROM node:22-bookworm-slim AS dashboard
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY services/TradeGrpc.Dashboard/web services/TradeGrpc.Dashboard/web
RUN node services/TradeGrpc.Dashboard/web/build.mjs /dashboard

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG SERVICE
WORKDIR /src
COPY . .
COPY --from=dashboard /dashboard /dashboard
RUN dotnet publish services/TradeGrpc.${SERVICE}/TradeGrpc.${SERVICE}.csproj --configuration Release --output /app -p:DashboardBundle=/dashboard

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG SERVICE
ARG PORT=5101
ARG HTTP_PORT=5201
WORKDIR /app
COPY --from=build /app .
RUN ln -s TradeGrpc.${SERVICE}.dll service.dll \
 && mkdir -p /var/lib/tradegrpc && chown "$APP_UID" /var/lib/tradegrpc
# The image's own non-root user (app, uid 1654): a process that is broken into holds no root in its container.
USER $APP_UID
ENV Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:${PORT} \
    Kestrel__Endpoints__Http__Url=http://0.0.0.0:${HTTP_PORT} \
    HEALTH_ADDRESS=http://127.0.0.1:${PORT} \
    Storage__DataDirectory=/var/lib/tradegrpc
VOLUME /var/lib/tradegrpc
EXPOSE ${PORT} ${HTTP_PORT}
HEALTHCHECK --interval=5s --timeout=5s --start-period=30s --retries=5 \
  CMD dotnet service.dll healthcheck "$HEALTH_ADDRESS"
ENTRYPOINT ["dotnet", "service.dll"]
