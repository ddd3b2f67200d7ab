namespace Portal.Billing;

/// <summary>
/// A delivery that cannot be ingested because of its files: corrupt or truncated, wrong or unknown format, a
/// required column missing, or a manifest naming absent files. The message always names the file.
/// </summary>
public sealed class BillingInputException : Exception
{
    public BillingInputException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    public BillingInputException()
    {
        File = "";
        Problem = "";
    }

    public BillingInputException(string message) : base(message)
    {
        File = "";
        Problem = message;
    }

    public BillingInputException(string message, Exception inner) : base(message, inner)
    {
        File = "";
        Problem = message;
    }

    public string File { get; }

    public string Problem { get; }
}
