# One image for every role: sweep coordinator, sweep worker and the query commands (sweep best, trials, show, ...).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Restore in a layer of its own: it is rebuilt only when a project file or the package versions change.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Sweep.Domain/Sweep.Domain.csproj src/Sweep.Domain/
COPY src/Sweep.Search/Sweep.Search.csproj src/Sweep.Search/
COPY src/Sweep.Training/Sweep.Training.csproj src/Sweep.Training/
COPY src/Sweep.Config/Sweep.Config.csproj src/Sweep.Config/
COPY src/Sweep.Storage/Sweep.Storage.csproj src/Sweep.Storage/
COPY src/Sweep.Protocol/Sweep.Protocol.csproj src/Sweep.Protocol/
COPY src/Sweep.Runtime/Sweep.Runtime.csproj src/Sweep.Runtime/
COPY src/Sweep.Insight/Sweep.Insight.csproj src/Sweep.Insight/
COPY src/Sweep.Cli/Sweep.Cli.csproj src/Sweep.Cli/
RUN dotnet restore src/Sweep.Cli/Sweep.Cli.csproj -r linux-x64 -p:PublishReadyToRun=true

COPY src/ src/
# ReadyToRun: a node starts from precompiled code and compiles the rest fully optimized at once (see Sweep.Cli.csproj),
# so a worker's first trial trains as fast as its tenth, and every command starts faster (README, "Install sweep").
RUN dotnet publish src/Sweep.Cli/Sweep.Cli.csproj -c Release --no-restore -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /sweep
COPY --from=build /app /app
# The sweep files name their data as ../data/..., so configs/ and data/ sit side by side under /sweep.
COPY configs/ configs/
COPY data/ data/
RUN printf '#!/bin/sh\nexec dotnet /app/sweep.dll "$@"\n' >/usr/local/bin/sweep \
    && chmod 755 /usr/local/bin/sweep \
    && mkdir /results && chown "$APP_UID" /results
# The results store; a named volume mounted here starts out owned by the app user.
VOLUME /results
ENV SWEEP_DB=/results/sweep.db
USER $APP_UID
ENTRYPOINT ["sweep"]
CMD ["--help"]
