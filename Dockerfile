# One image per service, built from the repository root:
#   docker build --build-arg SERVICE=Tariff --build-arg PORT=5101 -t tradegrpc-tariff .
#   docker build --build-arg SERVICE=Negotiation --build-arg PORT=5102 -t tradegrpc-negotiation .
ARG SERVICE=Tariff

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN dotnet publish services/TradeGrpc.${SERVICE}/TradeGrpc.${SERVICE}.csproj --configuration Release --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG SERVICE
ARG PORT=5101
WORKDIR /app
COPY --from=build /app .
RUN ln -s TradeGrpc.${SERVICE}.dll service.dll
ENV Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:${PORT} \
    HEALTH_ADDRESS=http://127.0.0.1:${PORT} \
    Storage__DataDirectory=/var/lib/tradegrpc
VOLUME /var/lib/tradegrpc
EXPOSE ${PORT}
HEALTHCHECK --interval=5s --timeout=5s --start-period=30s --retries=5 \
  CMD dotnet service.dll healthcheck "$HEALTH_ADDRESS"
ENTRYPOINT ["dotnet", "service.dll"]
