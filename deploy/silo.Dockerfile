# RiskGrid silo image. Build: the .NET 10 SDK; run: the ASP.NET Core 10 runtime (the silo serves
# /metrics, /health/* and the Orleans dashboard), both on Ubuntu 24.04 "noble". Its libstdc++ (GCC 14) already
# has the GLIBCXX_3.4.32 that TorchSharp's libLibTorchSharp.so names, so the Debian 12 patch
# (build/LibTorchSharpCompat.targets) is a no-op here and libtorch loads as shipped.
#   docker build -f deploy/silo.Dockerfile --build-arg GIT_COMMIT=$(git rev-parse HEAD) -t riskgrid-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Restore layer: only what restore reads (build settings, package versions, the project files of the silo
# and every project it references), so a change to the source reuses the restored packages.
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/Core/Core.csproj src/Core/
COPY src/Models.Lstm/Models.Lstm.csproj src/Models.Lstm/
COPY src/Grains/Abstractions/Abstractions.csproj src/Grains/Abstractions/
COPY src/Grains/Mapping/Mapping.csproj src/Grains/Mapping/
COPY src/Grains/Redis/Redis.csproj src/Grains/Redis/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Silo/Silo.csproj src/Silo/
RUN dotnet restore src/Silo/Silo.csproj
COPY src/ src/
# The build context carries no .git: the commit comes in as an argument and is stamped into the
# informational version (what the run store and logs report).
ARG GIT_COMMIT=unknown
RUN dotnet publish src/Silo/Silo.csproj -c Release -o /app --no-restore \
      -p:SourceRevisionId=${GIT_COMMIT} -p:EnableSourceControlManagerQueries=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
# curl for the health check (docker-compose.yml: /health/ready on the metrics port).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY deploy/silo-entrypoint.sh /usr/local/bin/riskgrid-silo
ENV DOTNET_gcServer=1
# 11111 silo-to-silo, 30000 client gateway, 9464 /metrics and /health, 8080 Orleans dashboard.
EXPOSE 11111 30000 9464 8080
# The image's unprivileged user (uid 1654), never root.
USER $APP_UID
ENTRYPOINT ["/usr/local/bin/riskgrid-silo"]
