using Microsoft.Extensions.Options;

namespace Portal.Billing;

/// <summary>
/// The fault-injection point of the crash tests (<see cref="BillingOptions.PauseAtPhase"/>): at the named phase the
/// process prints <c>PAUSED &lt;phase&gt;</c> and waits until cancelled, so that a test can SIGKILL it exactly there.
/// Does nothing unless configured, which production never is.
/// </summary>
public sealed class CrashTestPause(IOptions<BillingOptions> options)
{
    /// <summary>The recompute has replaced a month's charges in its transaction and is about to commit.</summary>
    public const string ChargesCommitting = "ChargesCommitting";

    /// <summary>An invoice issue has taken its number, claimed the draft and queued the mail, uncommitted.</summary>
    public const string InvoiceCommitting = "InvoiceCommitting";

    public async Task AtAsync(string phase, CancellationToken ct)
    {
        if (string.Equals(options.Value.PauseAtPhase, phase, StringComparison.OrdinalIgnoreCase))
        {
            await Console.Out.WriteLineAsync($"PAUSED {phase}");
            await Console.Out.FlushAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        }
    }
}
