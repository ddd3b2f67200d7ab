using System.CommandLine;
using System.Globalization;
using Portal.Web.Infrastructure;
using Spectre.Console;

namespace Portal.Cli.Commands;

/// <summary>
/// <c>portal keys list|rotate</c>: the data-protection key ring that protects sign-in cookies, antiforgery tokens and
/// MFA secrets on every node (docs/operations.md, "Rotating data-protection keys").
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List the data-protection keys (id, activation, expiry, revoked).");
        list.SetAction((_, ct) => CliHost.RunAsync((services, _) =>
        {
            foreach (var key in KeyRing.All(services))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{key.KeyId} activates {key.ActivationDate:u} expires {key.ExpirationDate:u}{(key.IsRevoked ? " revoked" : "")}"));
            }
            return Task.FromResult(0);
        }, ct));
        var hours = new Option<int>("--activate-in-hours")
        {
            Description = "When the new key becomes the default (48 by default: every node has reloaded the ring by then).",
            DefaultValueFactory = _ => (int)KeyRing.DefaultActivationDelay.TotalHours,
        };
        var rotate = new Command("rotate", "Add a new data-protection key; cookies protected with older keys stay valid until those expire.") { hours };
        rotate.SetAction((parse, ct) => CliHost.RunAsync((services, _) =>
        {
            var key = KeyRing.Rotate(services, TimeSpan.FromHours(Math.Max(0, parse.GetValue(hours))));
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[green]Added key {key.KeyId}[/], the default from {key.ActivationDate:u}."));
            return Task.FromResult(0);
        }, ct));
        return new Command("keys", "Manage the data-protection key ring shared by the web nodes and workers.") { list, rotate };
    }
}
