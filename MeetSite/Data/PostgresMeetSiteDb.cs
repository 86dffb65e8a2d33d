using Microsoft.EntityFrameworkCore;

namespace MeetSite.Data;

/// <summary>
/// The same model on Postgres, with its own migrations (<c>Data/PostgresMigrations</c>). Every table,
/// column, key and index name is lower case: Postgres folds unquoted names to lower case, so the Dapper
/// queries' plain <c>Meetings</c> and <c>LastVisitedAt</c> find them, with the same SQL text as on SQLite.
/// </summary>
public sealed class PostgresMeetSiteDb(DbContextOptions<PostgresMeetSiteDb> options) : MeetSiteDb(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            entity.SetTableName(entity.GetTableName()?.ToLowerInvariant());
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(property.GetColumnName().ToLowerInvariant());
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName(key.GetName()?.ToLowerInvariant());
            }
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(foreignKey.GetConstraintName()?.ToLowerInvariant());
            }
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(index.GetDatabaseName()?.ToLowerInvariant());
            }
        }
    }
}
