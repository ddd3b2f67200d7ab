namespace Portal.Web.Resources;

/// <summary>Anchor type for the UI strings in <c>SharedResource.en.resx</c> and <c>SharedResource.ja.resx</c>.</summary>
#pragma warning disable CA1052 // A marker type used as the generic argument of IStringLocalizer<T>.
public sealed class SharedResource;
#pragma warning restore CA1052
