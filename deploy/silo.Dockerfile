# RiskGrid silo image. Build: the .NET 10 SDK; run: the ASP.NET Core 10 runtime (the silo serves
# /metrics and the Orleans dashboard), both on Ubuntu 24.04 "noble". Its libstdc++ (GCC 14) already
# has the GLIBCXX_3.4.32 that TorchSharp's libLibTorchSharp.so names, so the Debian 12 patch
# (build/LibTorchSharpCompat.targets) is a no-op here and libtorch loads as shipped.
#   docker build -f deploy/silo.Dockerfile --build-arg GIT_COMMIT=$(git rev-parse HEAD) -t riskgrid-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props Grid.sln ./
COPY build/ build/
COPY src/ src/
# The build context carries no .git: the commit comes in as an argument and is stamped into the
# informational version (what the run store and logs report).
ARG GIT_COMMIT=unknown
RUN dotnet publish src/Silo/Silo.csproj -c Release -o /app \
      -p:SourceRevisionId=${GIT_COMMIT} -p:EnableSourceControlManagerQueries=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV DOTNET_gcServer=1
# 11111 silo-to-silo, 30000 client gateway, 9464 /metrics, 8080 Orleans dashboard.
EXPOSE 11111 30000 9464 8080
ENTRYPOINT ["dotnet", "RiskGrid.Silo.dll"]
