using Portal.Core.Helpdesk;

namespace Portal.Web.Features.Helpdesk;

/// <summary>The Bootstrap colour of a status badge, the same for customers and staff.</summary>
public static class StatusBadge
{
    public static string For(InquiryStatus status) => status switch
    {
        InquiryStatus.New => "primary",
        InquiryStatus.InProgress => "info",
        InquiryStatus.WaitingForCustomer => "warning",
        InquiryStatus.Resolved => "success",
        _ => "secondary",
    };
}
