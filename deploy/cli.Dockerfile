# The riskgrid CLI (benchmark, push, query, runs) as an image, for pushing work into the compose cluster.
# Same bases as deploy/silo.Dockerfile (Ubuntu 24.04 "noble"; see there for libtorch). The run store
# lives in /data (a volume in docker-compose.yml); your own price files are mounted at /data/in.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Restore layer first (see deploy/silo.Dockerfile).
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/Core/Core.csproj src/Core/
COPY src/Models.Lstm/Models.Lstm.csproj src/Models.Lstm/
COPY src/Grains/Abstractions/Abstractions.csproj src/Grains/Abstractions/
COPY src/Grains/Mapping/Mapping.csproj src/Grains/Mapping/
COPY src/Grains/Redis/Redis.csproj src/Grains/Redis/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Client/Sdk/Sdk.csproj src/Client/Sdk/
COPY src/Client/Client.csproj src/Client/
RUN dotnet restore src/Client/Client.csproj
COPY src/ src/
ARG GIT_COMMIT=unknown
RUN dotnet publish src/Client/Client.csproj -c Release -o /app --no-restore \
      -p:SourceRevisionId=${GIT_COMMIT} -p:EnableSourceControlManagerQueries=false

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble AS runtime
COPY --from=build /app /app
ENV RISKGRID_STORE=/data/runs.db
# /data is the volume of runs and outputs; owned by the image's unprivileged user, who runs the CLI.
RUN mkdir -p /data/in && chown -R $APP_UID /data
WORKDIR /data
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/riskgrid.dll"]
