using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Core.Invoices;
using Portal.Core.Projects;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Web.Features.Invoices;

/// <summary>
/// The invoice as an A4 PDF in the invoice's language (Japanese layout by default, English for English-language
/// projects), with every item a qualified invoice needs, page numbers, and text that <c>pdftotext</c> extracts
/// (PDFsharp writes Unicode fonts with a ToUnicode map).
/// </summary>
public sealed partial class InvoicePdf(MailTemplates templates)
{
    private const double Margin = 48;
    private const double Bottom = 842 - 60;

    public byte[] Render(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        InvoiceFonts.EnsureRegistered();
        // Every label gets the tax rate as its argument; labels without a placeholder ignore it.
        var rate = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{invoice.TaxRatePercent:0}%");
        using var writer = new Writer(invoice, key => templates.Text(invoice.Language, key, rate));
        return writer.Write();
    }

    private sealed class Writer(Invoice invoice, Func<string, string> label) : IDisposable
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        private readonly XFont _title = new(InvoiceFonts.Family, 20, XFontStyleEx.Bold, Unicode);
        private readonly XFont _bold = new(InvoiceFonts.Family, 9.5, XFontStyleEx.Bold, Unicode);
        private readonly XFont _text = new(InvoiceFonts.Family, 9, XFontStyleEx.Regular, Unicode);
        private readonly XFont _small = new(InvoiceFonts.Family, 7.5, XFontStyleEx.Regular, Unicode);
        private readonly XFont _large = new(InvoiceFonts.Family, 14, XFontStyleEx.Bold, Unicode);
        private readonly PdfDocument _document = new();
        private XGraphics _g = null!;
        private double _y;
        private double Width => 595 - 2 * Margin;

        public byte[] Write()
        {
            _document.Info.Title = $"{Title()} {invoice.Number}";
            _document.Info.Author = invoice.IssuerName;
            // The same invoice renders to the same bytes wherever it is downloaded (page, API, mail): the file carries
            // the invoice's own time and id instead of the clock's time and a random document id.
            var stamp = (invoice.IssuedAt ?? invoice.CreatedAt).UtcDateTime;
            _document.Info.CreationDate = stamp;
            _document.Info.ModificationDate = stamp;
            var id = new string(invoice.Id.ToByteArray().Select(b => (char)b).ToArray());
            _document.Internals.FirstDocumentID = id;
            _document.Internals.SecondDocumentID = id;
            NewPage();
            Header();
            Lines();
            Summary();
            PageNumbers();
            using var stream = new MemoryStream();
            _document.Save(stream, false);
            return Reproducible(stream.ToArray(), invoice.Id);
        }

        /// <summary>
        /// PDFsharp names each embedded font subset with a random six-letter tag (<c>/BaseFont /QWERTY+NotoSansJP</c>)
        /// and gives the XMP metadata random document and instance uuids. Numbering the tags in order of appearance
        /// and using the invoice's id as the uuid keeps the bytes reproducible. Every replacement has the length of
        /// what it replaces, so the cross-reference offsets stay valid.
        /// </summary>
        private static byte[] Reproducible(byte[] pdf, Guid invoiceId)
        {
            var text = XmpUuid().Replace(System.Text.Encoding.Latin1.GetString(pdf), "uuid:" + invoiceId.ToString("D"));
            var tags = SubsetTag().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
            for (var i = 0; i < tags.Count; i++)
            {
                var fixedTag = "AAAA" + (char)('A' + i / 26 % 26) + (char)('A' + i % 26);
                text = text.Replace(tags[i] + "+", fixedTag + "+", StringComparison.Ordinal);
            }
            return System.Text.Encoding.Latin1.GetBytes(text);
        }

        private string Title() => label(invoice.Kind == InvoiceKind.CreditNote ? "InvoicePdf.CreditNoteTitle" : "InvoicePdf.Title");

        private string Money(decimal amount) => InvoiceText.Money(amount, invoice.Currency);

        private void NewPage()
        {
            _g?.Dispose();
            var page = _document.AddPage();
            page.Size = PageSize.A4;
            _g = XGraphics.FromPdfPage(page);
            _y = Margin;
        }

        private void Text(string text, XFont font, double x, double width, XStringFormat format) =>
            _g.DrawString(text, font, XBrushes.Black, new XRect(x, _y, width, font.Height), format);

        private void Header()
        {
            Text(Title(), _title, Margin, Width, XStringFormats.TopCenter);
            _y += 34;
            if (invoice.Status == InvoiceStatus.Void)
            {
                Text($"{label("InvoicePdf.Void")}: {invoice.VoidReason}", _bold, Margin, Width, XStringFormats.TopCenter);
                _y += 16;
            }
            var top = _y;
            // Left: the customer. Right: number, dates and the issuer with its registration number.
            Text(invoice.CustomerName + label("InvoicePdf.Honorific"), _large, Margin, Width / 2, XStringFormats.TopLeft);
            _y += 22;
            foreach (var line in invoice.CustomerAddress.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Text(line, _text, Margin, Width / 2, XStringFormats.TopLeft);
                _y += 13;
            }
            Text($"{label("Invoices.Project")}: {invoice.ProjectName}", _text, Margin, Width / 2, XStringFormats.TopLeft);
            _y += 13;
            Text($"{label("Invoices.Period")}: {InvoiceText.Period(invoice.Month)}", _text, Margin, Width / 2, XStringFormats.TopLeft);
            _y += 13;
            var left = _y;

            _y = top;
            var x = Margin + Width / 2 + 10;
            var w = Width / 2 - 10;
            foreach (var (key, value) in new[]
            {
                ("Invoices.Number", invoice.Number ?? "—"), ("Invoices.IssueDate", InvoiceText.Date(invoice.IssueDate)),
                ("Invoices.DueDate", InvoiceText.Date(invoice.DueDate)),
            })
            {
                Text($"{label(key)}: {value}", _text, x, w, XStringFormats.TopLeft);
                _y += 13;
            }
            _y += 6;
            Text(invoice.IssuerName, _bold, x, w, XStringFormats.TopLeft);
            _y += 14;
            foreach (var line in invoice.IssuerAddress.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Text(line, _text, x, w, XStringFormats.TopLeft);
                _y += 13;
            }
            Text($"{label("Invoices.RegistrationNumber")}: {invoice.RegistrationNumber}", _text, x, w, XStringFormats.TopLeft);
            _y = Math.Max(left, _y + 13) + 12;

            if (invoice.Kind == InvoiceKind.CreditNote && invoice.Note is { Length: > 0 } note)
            {
                Text(note, _text, Margin, Width, XStringFormats.TopLeft);
                _y += 16;
            }
            _g.DrawRectangle(XPens.Black, Margin, _y, Width, 28);
            _y += 6;
            Text(label("InvoicePdf.AmountDue"), _bold, Margin + 8, Width / 2, XStringFormats.TopLeft);
            Text(Money(invoice.Total), _large, Margin, Width - 8, XStringFormats.TopRight);
            _y += 34;
        }

        private void TableHeader()
        {
            _g.DrawRectangle(XBrushes.LightGray, Margin, _y - 2, Width, 16);
            Text(label("Invoices.Account"), _bold, Margin + 4, 200, XStringFormats.TopLeft);
            Text(label("Invoices.Item"), _bold, Margin + 210, 180, XStringFormats.TopLeft);
            Text(label("Invoices.Amount"), _bold, Margin, Width - 4, XStringFormats.TopRight);
            _y += 18;
        }

        private void Lines()
        {
            TableHeader();
            foreach (var line in invoice.Lines.OrderBy(l => l.Position))
            {
                if (_y > Bottom - 20)
                {
                    NewPage();
                    TableHeader();
                }
                var account = line.AccountNumber.Length == 0 ? label("Invoices.ProjectLevel") : $"{line.AccountNumber} {line.AccountName}";
                var item = InvoiceText.Name(line, invoice.Language) ?? label(InvoiceText.CategoryKey(line.Category));
                Text(Clip(account, 40), _text, Margin + 4, 200, XStringFormats.TopLeft);
                Text(Clip(item, 34), _text, Margin + 210, 180, XStringFormats.TopLeft);
                Text(Money(line.Amount), _text, Margin, Width - 4, XStringFormats.TopRight);
                _y += 14;
                _g.DrawLine(XPens.LightGray, Margin, _y - 2, Margin + Width, _y - 2);
            }
            _y += 8;
        }

        private void Summary()
        {
            if (_y > Bottom - 140)
            {
                NewPage();
            }
            Row(label("Invoices.SubtotalAtRate"), Money(invoice.Subtotal), _text);
            Row(label("Invoices.TaxAtRate"), Money(invoice.Tax), _text);
            Row(label("Invoices.Total"), Money(invoice.Total), _bold);
            if (invoice.Currency == Currency.Usd && invoice.TaxYen is { } taxYen)
            {
                Row(label("Invoices.TaxInYen"), InvoiceText.Yen(taxYen), _text);
            }
            _y += 8;
            if (invoice.UsdToJpy is { } usdToJpy)
            {
                Text($"{label("Invoices.ExchangeRate")}: 1 USD = {InvoiceText.Rate(usdToJpy)} JPY ({invoice.RateSource}, {InvoiceText.Date(invoice.RateDate)})",
                    _small, Margin, Width, XStringFormats.TopLeft);
                _y += 12;
            }
            Text(label("InvoicePdf.TaxNote"), _small, Margin, Width, XStringFormats.TopLeft);
        }

        private void Row(string name, string value, XFont font)
        {
            Text(name, font, Margin + Width / 2, Width / 4, XStringFormats.TopLeft);
            Text(value, font, Margin, Width - 4, XStringFormats.TopRight);
            _y += 15;
        }

        private void PageNumbers()
        {
            _g.Dispose();
            var count = _document.PageCount;
            for (var i = 0; i < count; i++)
            {
                using var g = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawString($"{i + 1} / {count}", _small, XBrushes.Black, new XRect(Margin, 842 - 36, Width, 12), XStringFormats.TopCenter);
            }
        }

        public void Dispose()
        {
            _g?.Dispose();
            _document.Dispose();
        }

        private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/(?:BaseFont|FontName)\s*/([A-Z]{6})\+")]
    private static partial System.Text.RegularExpressions.Regex SubsetTag();

    [System.Text.RegularExpressions.GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial System.Text.RegularExpressions.Regex XmpUuid();
}
