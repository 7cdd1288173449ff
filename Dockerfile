# syntax=docker/dockerfile:1
# Build:  docker build -t dltbot .
# Run:    docker run -e Discord__Token=... -e Discord__ApplicationId=... -v dltbot-data:/data dltbot

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so the package layer is cached across source edits.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Catalog/DltBot.Catalog.csproj src/Catalog/
COPY src/Discord/DltBot.Discord.csproj src/Discord/
COPY src/Storage/DltBot.Storage.csproj src/Storage/
COPY src/Bot/DltBot.Bot.csproj src/Bot/
RUN dotnet restore src/Bot/DltBot.Bot.csproj -r linux-x64
COPY src/ src/
COPY catalog/ catalog/
COPY appsettings.json ./
# Framework-dependent for linux-x64 only: the runtime image brings .NET, and other platforms' native libraries stay out.
RUN dotnet publish src/Bot/DltBot.Bot.csproj -c Release -r linux-x64 --self-contained false -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The data directory holds the URL cache, the instance lock and the moderators' database (dltbot.db); it outlives the container.
RUN mkdir -p /data && chown app:app /data
# Discord:Urls (default http://0.0.0.0:8080) is where /healthz and, in Http mode, /interactions listen.
ENV Data__Directory=/data \
    DOTNET_gcServer=0
# The image's unprivileged user (uid 1654); the token comes from the environment, never from the image.
USER app
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "dltbot.dll"]
