using Portal.Web.Auth;
using Portal.Web.Features.Account;
using Portal.Web.Features.Api;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Jobs;
using Portal.Web.Infrastructure.Mail;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddPortalLogging(builder.Configuration);
builder.Services.AddPortalServices(builder.Configuration);
builder.Services.AddPortalAuthorization();
builder.Services.AddPortalApi(builder.Configuration);
builder.Services.AddPortalErrorHandling();
builder.Services.AddPortalHealthChecks();
builder.Services.AddPortalDataProtection();
builder.Services.AddPortalUi();
builder.Services.AddPortalJobs(builder.Configuration);
builder.Services.AddHostedService<OutboxDispatchService>();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UsePortalErrorHandling();
app.UseSecurityHeaders();
app.UseApiReferencePolicy();
app.UseRequestIdLogging();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseRequestLocalization();
app.UseStaffMfaEnrolment();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthz();
app.MapLanguageSwitch();
app.MapRazorPages();
app.MapPortalApi();

await app.RunAsync();

/// <summary>The web host's entry point; public so that tests can start it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
