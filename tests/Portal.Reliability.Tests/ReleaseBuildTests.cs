using System.Reflection.PortableExecutable;

namespace Portal.Reliability.Tests;

/// <summary>
/// The release the other tests run is the one docs/operations.md tells operators to publish: precompiled
/// (ReadyToRun) down to its dependencies, so a node that has just started serves at speed instead of spending its
/// first half-minute under load in the JIT (docs/performance.md).
/// </summary>
public sealed class ReleaseBuildTests
{
    [Theory]
    [InlineData("web", "Portal.Web.dll")]
    [InlineData("web", "Portal.Core.dll")]
    [InlineData("web", "Microsoft.EntityFrameworkCore.dll")]
    [InlineData("web", "Npgsql.dll")]
    [InlineData("cli", "portal.dll")]
    [InlineData("cli", "Portal.Billing.dll")]
    public void TheReleaseIsPrecompiled(string part, string assembly)
    {
        Assert.True(Binaries.Release is not null, "PORTAL_RELEASE is not set: run the slow stage through ./test.sh --slow, which publishes the release.");
        var path = Path.Combine(Binaries.Release, part, assembly);
        using var reader = new PEReader(File.OpenRead(path));
        // A ReadyToRun image carries native code behind the CLI header's managed-native header; plain IL has none.
        Assert.True(reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{path} is IL only: the release was not published ReadyToRun.");
    }
}
