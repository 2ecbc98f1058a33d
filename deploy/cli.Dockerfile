# The riskgrid CLI (benchmark, push, query, runs) as an image, for pushing work into the compose cluster.
# Same bases as deploy/silo.Dockerfile (Ubuntu 24.04 "noble"; see there for libtorch). The run store
# lives in /data (a volume in docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props Grid.sln ./
COPY build/ build/
COPY src/ src/
ARG GIT_COMMIT=unknown
RUN dotnet publish src/Client/Client.csproj -c Release -o /app \
      -p:SourceRevisionId=${GIT_COMMIT} -p:EnableSourceControlManagerQueries=false

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble AS runtime
WORKDIR /work
COPY --from=build /app /app
ENV RISKGRID_STORE=/data/runs.db
ENTRYPOINT ["dotnet", "/app/riskgrid.dll"]
