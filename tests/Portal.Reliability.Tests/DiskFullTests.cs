using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Organizations;

namespace Portal.Reliability.Tests;

/// <summary>
/// The attachment folder full while an inquiry with a file is sent: a clear error on the files field, no inquiry,
/// message or attachment row and no file left behind; the same post works once there is space again. The full disk
/// is a 256 KiB tmpfs mounted over the deployment's attachment folder (needs root, as the rest of the slow stage).
/// </summary>
public sealed class DiskFullTests(Deployment portal)
{
    [Fact]
    public async Task AttachmentFolderFull_ClearErrorNoOrphanRowsOrFiles_WorksAgainWithSpace()
    {
        Assert.True(Shell.IsRoot, "This test mounts a tiny tmpfs and needs root (CI and ./test.sh run as root).");
        var folder = portal.AttachmentFolder;
        Directory.CreateDirectory(folder);
        await Shell.RunAsync("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", folder);
        try
        {
            var user = await portal.CreateUserAsync("disk");
            var orgId = await portal.WithDbAsync(async db =>
            {
                var now = DateTimeOffset.UtcNow;
                var suffix = Guid.NewGuid().ToString("N")[..10];
                var organization = new Organization { Name = $"disk {suffix}", Code = $"disk-{suffix}", LegalName = "ディスク株式会社", Address = "東京都", CreatedAt = now, UpdatedAt = now };
                db.Organizations.Add(organization);
                db.Memberships.Add(new Membership { Organization = organization, UserId = user.Id, Type = MemberType.General, Permissions = Permission.InquiryUser, JoinedAt = now });
                await db.SaveChangesAsync();
                return organization.Id;
            });
            using var browser = new Browser();
            await browser.SignInAsync(portal.WebA, user.Email!, Deployment.Password);
            var ballast = Path.Combine(folder, "ballast");
            Fill(ballast);
            var attachment = "a log line for support\n"u8.ToArray();
            var log = Enumerable.Repeat(attachment, 4_000).SelectMany(b => b).ToArray(); // ≈ 92 KB
            var path = $"/orgs/{orgId}/inquiries/new";
            var (_, form) = await browser.GetDocumentAsync(portal.WebA, path);
            var category = form.QuerySelectorAll("select[name=Category] option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
            var fields = new Dictionary<string, string> { ["Category"] = category, ["Subject"] = "disk full", ["Body"] = "The log is attached." };

            using var full = await browser.SubmitMultipartAsync(portal.WebA, path, fields, "Files", "support.log", log);
            var fullPage = await full.Content.ReadAsStringAsync();
            var rowsWhenFull = await CountRowsAsync(orgId);
            var filesWhenFull = Directory.Exists(Path.Combine(folder, orgId.ToString("N"))) ? Directory.GetFiles(Path.Combine(folder, orgId.ToString("N"))).Length : 0;
            File.Delete(ballast);
            using var withSpace = await browser.SubmitMultipartAsync(portal.WebA, path, fields, "Files", "support.log", log);
            var rowsWithSpace = await CountRowsAsync(orgId);
            Figures.Record($"disk full: the post answered {(int)full.StatusCode} with the files error, rows (inquiries, messages, attachments) {rowsWhenFull}, files {filesWhenFull}; with space {(int)withSpace.StatusCode}, rows {rowsWithSpace}");

            Assert.Equal(HttpStatusCode.InsufficientStorage, full.StatusCode);
            Assert.Contains("添付ファイルを保存できなかったため", fullPage, StringComparison.Ordinal);
            Assert.Contains("disk full", fullPage, StringComparison.Ordinal); // the form keeps what was typed
            Assert.Equal((0, 0, 0), rowsWhenFull);
            Assert.Equal(0, filesWhenFull);
            Assert.Equal(HttpStatusCode.Redirect, withSpace.StatusCode);
            Assert.Equal((1, 1, 1), rowsWithSpace);
            Assert.Equal(log.Length, new FileInfo(Assert.Single(Directory.GetFiles(Path.Combine(folder, orgId.ToString("N"))))).Length);
        }
        finally
        {
            await Shell.RunAsync("umount", folder);
        }
    }

    /// <summary>Writes until the file system refuses: what is left is less than one 4 KiB block.</summary>
    private static void Fill(string path)
    {
        // Unbuffered: nothing is left to flush (and fail) when the stream is closed.
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    private Task<(int Inquiries, int Messages, int Attachments)> CountRowsAsync(Guid orgId) => portal.WithDbAsync(async db => (
        await db.Inquiries.IgnoreQueryFilters().CountAsync(i => i.OrganizationId == orgId),
        await db.InquiryMessages.IgnoreQueryFilters().CountAsync(m => m.OrganizationId == orgId),
        await db.InquiryAttachments.IgnoreQueryFilters().CountAsync(a => a.OrganizationId == orgId)));
}
