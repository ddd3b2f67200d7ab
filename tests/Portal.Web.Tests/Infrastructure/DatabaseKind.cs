using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Portal.Web.Tests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Runs a theory once on SQLite and once on PostgreSQL: every integration test proves its behaviour on both databases.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothDatabasesAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new([new TheoryDataRow<DatabaseKind>(DatabaseKind.Sqlite), new TheoryDataRow<DatabaseKind>(DatabaseKind.Postgres)]);

    public override bool SupportsDiscoveryEnumeration() => true;
}
