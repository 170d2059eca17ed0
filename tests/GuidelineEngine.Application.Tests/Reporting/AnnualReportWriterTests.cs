using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using GuidelineEngine.Application.Reporting;

namespace GuidelineEngine.Application.Tests.Reporting;

/// <summary>
/// The report in Markdown, CSV and .xlsx carries the published figures (seed 001_… 資料2 for 令和6年度, seed 000_… for
/// 令和5年度) and the national table's caveat; the workbook is read back with OpenXml.
/// </summary>
[Collection(CasebookRecordsCollection.Name)]
public sealed class AnnualReportWriterTests(CasebookRecordsFixture casebook)
{
    private const string Caveat = "区の令和５年度運用状況とは集計方法が異なるため、件数等は一致しない";

    [Fact]
    public void WriteMarkdown_Fy2024_ShowsThePublishedFiguresAndThe55ListingRows()
    {
        var markdown = Markdown(2024);

        markdown.Should().StartWith("# 令和6年度 個人情報の利活用の状況について");
        markdown.Should().Contain("## 情報公開課への協議実績（令和6年度）");
        markdown.Should().Contain("| ① 協議件数 | 19 |");
        markdown.Should().Contain("| うちガイドラインに該当 | 19 | ※ 全件がガイドラインに該当。");
        markdown.Should().Contain("| 運営委員会への審議案件（付議） | 0 | 運営委員会への審議案件はなし |");
        markdown.Should().Contain("| 目的外利用 | 27 |");
        markdown.Should().Contain("| 目的外提供 | 16 |");
        markdown.Should().Contain("| 業務委託 | 12 |");
        markdown.Should().Contain("| 合計 | 55 |");
        markdown.Should().Contain("## 別紙 ○ 目的外利用および目的外提供");
        markdown.Should().Contain("| No | ファイル利用等部課名 | 利用業務・目的 | 区分 | 個人情報ファイル名 | ファイル保有部課名 | 記録番号 |");
        markdown.Should().Contain("| No | ファイル利用等部課名 | 利用業務・委託内容 | 個人情報ファイル名 | 記録番号 |");
        ListingLines(markdown).Should().Equal(Enumerable.Range(1, 55));
        markdown.Should().Contain("| ２号（内部利用） | 27 | 18 |");
        markdown.Should().Contain(Caveat);
    }

    [Fact]
    public void WriteMarkdown_Fy2023_ShowsThe111FilesAndSaysTheSeedHasNoSplit()
    {
        var markdown = Markdown(2023);

        markdown.Should().Contain("| ① 協議件数 | 19 |");
        markdown.Should().Contain("| 目的外利用・提供 小計 | 109 |");
        markdown.Should().Contain("| 業務委託 | 2 |");
        markdown.Should().Contain("| 合計 | 111 |");
        markdown.Should().Contain("| 目的外利用 | ");
        markdown.Should().Contain("| 公表値なし |");
        markdown.Should().Contain("内訳を示していない");
        ListingLines(markdown).Should().Equal(Enumerable.Range(1, 111));
        markdown.Should().Contain(Caveat);
    }

    [Fact]
    public void WriteCsv_Fy2024_HasOneSectionPerTableWithThePublishedFigures()
    {
        var writer = new StringWriter();
        AnnualReportWriter.WriteCsv(AnnualReport.Build(casebook.Records, 2024), writer);
        var sections = Sections(ParseCsv(writer.ToString()));

        var files = sections.Single(s => s.Title.StartsWith("新たに目的外利用", StringComparison.Ordinal));
        files.Header.Should().Equal("区分", "ファイル数", "注記");
        Value(files, "目的外利用").Should().Be("27");
        Value(files, "目的外提供").Should().Be("16");
        Value(files, "業務委託").Should().Be("12");
        Value(files, "合計").Should().Be("55");
        var consultations = sections.Single(s => s.Title == "情報公開課への協議実績（令和6年度）");
        Value(consultations, "① 協議件数").Should().Be("19");
        Value(consultations, "うちガイドラインに該当").Should().Be("19");
        Value(consultations, "運営委員会への審議案件（付議）").Should().Be("0");
        var listing = sections.Single(s => s.Title == "別紙 ○ 目的外利用および目的外提供");
        listing.Header.Should().Equal("No", "ファイル利用等部課名", "利用業務・目的", "区分", "個人情報ファイル名", "ファイル保有部課名", "記録番号");
        listing.Rows.Should().HaveCount(43);
        listing.Rows.Count(r => r[3] == "目的外利用").Should().Be(27);
        listing.Rows.Count(r => r[3] == "目的外提供").Should().Be(16);
        sections.Single(s => s.Title == "別紙 ○ 業務委託").Rows.Should().HaveCount(12);
        var national = sections.Single(s => s.Title.StartsWith("法第69条第2項各号の別", StringComparison.Ordinal));
        national.Notes.Should().Contain(n => n.Contains(Caveat, StringComparison.Ordinal));
    }

    [Fact]
    public void WriteCsv_ToAStream_WritesUtf8WithABom()
    {
        using var stream = new MemoryStream();
        AnnualReportWriter.Write(AnnualReport.Build(casebook.Records, 2024), ReportFormat.Csv, stream);

        var bytes = stream.ToArray();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Should().StartWith("令和6年度 個人情報の利活用の状況について\r\n");
    }

    [Fact]
    public void WriteXlsx_Fy2024_IsAValidWorkbookWithOneSheetPerTableAndThePublishedFigures()
    {
        using var stream = new MemoryStream();
        AnnualReportWriter.WriteXlsx(AnnualReport.Build(casebook.Records, 2024), stream);
        stream.Position = 0;

        using var document = SpreadsheetDocument.Open(stream, false);
        new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").Should().BeEmpty();
        var workbook = document.WorkbookPart!;
        workbook.SharedStringTablePart.Should().NotBeNull();
        workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).Should().Equal(
            "協議実績", "ファイル数", "別紙 目的外利用・提供", "別紙 業務委託", "法69条2項各号", "公表値との照合", "注記");

        var summary = ReadSheet(workbook, "協議実績");
        summary[0][0].Should().Be("令和6年度 個人情報の利活用の状況について");
        RowOf(summary, "① 協議件数")[1].Should().Be("19");
        RowOf(summary, "うちガイドラインに該当")[1].Should().Be("19");
        RowOf(summary, "運営委員会への審議案件（付議）")[1].Should().Be("0");

        var files = ReadSheet(workbook, "ファイル数");
        files[0][0].Should().StartWith("新たに目的外利用・目的外提供・業務委託を行った個人情報ファイル数");
        files[1].Should().Equal("区分", "ファイル数", "注記");
        RowOf(files, "目的外利用")[1].Should().Be("27");
        RowOf(files, "目的外提供")[1].Should().Be("16");
        RowOf(files, "業務委託")[1].Should().Be("12");
        RowOf(files, "合計")[1].Should().Be("55");

        var listing = ReadSheet(workbook, "別紙 目的外利用・提供");
        listing[1].Should().Equal("No", "ファイル利用等部課名", "利用業務・目的", "区分", "個人情報ファイル名", "ファイル保有部課名", "記録番号");
        DataRows(listing).Should().HaveCount(43);
        DataRows(listing).Count(r => r[3] == "目的外利用").Should().Be(27);
        DataRows(listing).Count(r => r[3] == "目的外提供").Should().Be(16);
        DataRows(ReadSheet(workbook, "別紙 業務委託")).Select(r => r[0]).Should().Equal(Enumerable.Range(44, 12).Select(n => n.ToString()));

        var national = ReadSheet(workbook, "法69条2項各号");
        RowOf(national, "２号（内部利用）").Should().Equal("２号（内部利用）", "27", "18");
        national.Should().Contain(r => r.Count > 0 && r[0].Contains(Caveat, StringComparison.Ordinal));

        var comparison = ReadSheet(workbook, "公表値との照合");
        RowOf(comparison, "ファイル数（合計）").Take(4).Should().Equal("ファイル数（合計）", "55", "55", "一致");
    }

    [Fact]
    public void WriteXlsx_Fy2023_CarriesThe111Files()
    {
        using var stream = new MemoryStream();
        AnnualReportWriter.Write(AnnualReport.Build(casebook.Records, 2023), ReportFormat.Xlsx, stream);
        stream.Position = 0;

        using var document = SpreadsheetDocument.Open(stream, false);
        new OpenXmlValidator().Validate(document).Should().BeEmpty();
        var files = ReadSheet(document.WorkbookPart!, "ファイル数");
        RowOf(files, "目的外利用・提供 小計")[1].Should().Be("109");
        RowOf(files, "業務委託")[1].Should().Be("2");
        RowOf(files, "合計")[1].Should().Be("111");
        DataRows(ReadSheet(document.WorkbookPart!, "別紙 業務委託")).Select(r => r[0]).Should().Equal("110", "111");
    }

    private string Markdown(int fiscalYear)
    {
        var writer = new StringWriter();
        AnnualReportWriter.WriteMarkdown(AnnualReport.Build(casebook.Records, fiscalYear), writer);
        return writer.ToString();
    }

    /// <summary>The numbers of the listing rows: table lines whose first cell is a number and whose last is a record id.</summary>
    private static List<int> ListingLines(string markdown) =>
        markdown.Split('\n')
            .Select(l => l.Split(" | "))
            .Where(cells => cells.Length >= 5 && cells[0].StartsWith("| ", StringComparison.Ordinal)
                && int.TryParse(cells[0][2..], out _) && cells[^1].StartsWith('R'))
            .Select(cells => int.Parse(cells[0][2..]))
            .ToList();

    private sealed record CsvSection(string Title, IReadOnlyList<string> Header, List<IReadOnlyList<string>> Rows, List<string> Notes);

    /// <summary>Splits the CSV into its sections: title line, heading line, rows, ※ notes, empty line.</summary>
    private static List<CsvSection> Sections(List<IReadOnlyList<string>> lines)
    {
        var sections = new List<CsvSection>();
        var i = 3; // the report's title, subtitle and an empty line
        while (i < lines.Count)
        {
            var section = new CsvSection(lines[i][0], lines[i + 1], [], []);
            for (i += 2; i < lines.Count && !(lines[i].Count == 1 && lines[i][0].Length == 0); i++)
            {
                if (lines[i].Count == 1 && lines[i][0].StartsWith("※ ", StringComparison.Ordinal))
                {
                    section.Notes.Add(lines[i][0]);
                }
                else
                {
                    section.Rows.Add(lines[i]);
                }
            }
            sections.Add(section);
            i++;
        }
        return sections;
    }

    private static string Value(CsvSection section, string label) => section.Rows.Single(r => r[0] == label)[1];

    /// <summary>An RFC 4180 reader: quoted fields may hold commas, quotes and line breaks.</summary>
    private static List<IReadOnlyList<string>> ParseCsv(string text)
    {
        var lines = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                lines.Add(fields);
                fields = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }
        quoted.Should().BeFalse("every quoted field is closed");
        fields.Should().BeEmpty("every line ends with CRLF");
        return lines;
    }

    /// <summary>A worksheet's rows as text (shared strings resolved; empty rows skipped; cells placed by reference).</summary>
    private static List<List<string>> ReadSheet(WorkbookPart workbook, string name)
    {
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList();
        return part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(row =>
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference!.Value!);
                while (cells.Count < column)
                {
                    cells.Add("");
                }
                var value = cell.CellValue?.Text ?? "";
                cells.Add(cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(value)] : value);
            }
            return cells;
        }).ToList();
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    private static List<string> RowOf(List<List<string>> sheet, string label) => sheet.Single(r => r.Count > 0 && r[0] == label);

    /// <summary>The rows of a listing sheet: those whose first cell is a number.</summary>
    private static List<List<string>> DataRows(List<List<string>> sheet) =>
        sheet.Where(r => r.Count > 1 && int.TryParse(r[0], out _)).ToList();
}
