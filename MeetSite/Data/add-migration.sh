#!/usr/bin/env bash
# Adds an EF Core migration named $1 for each database provider that lacks one of that name, from the
# model as it is now: SQLite's in Data/Migrations (MeetSiteDb), Postgres's in Data/PostgresMigrations
# (PostgresMeetSiteDb). Run it after changing the model; run it again after merging a migration written
# for one provider only, and it writes the other's twin.
#   MeetSite/Data/add-migration.sh AddMeetingSettings
set -euo pipefail
name=${1:?usage: $0 MigrationName}
cd "$(dirname "$0")/../.."
dotnet tool restore >/dev/null

add() { # context, folder
  if compgen -G "MeetSite/$2/*_${name}.cs" >/dev/null; then
    echo "$1 already has a migration named $name"
    return
  fi
  dotnet ef migrations add "$name" --project MeetSite --context "$1" --output-dir "$2"
}
add MeetSiteDb Data/Migrations
add PostgresMeetSiteDb Data/PostgresMigrations
