using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GuidelineEngine.Application.Reporting;

/// <summary>The formats the report is written in.</summary>
public enum ReportFormat
{
    Markdown,
    Csv,
    Xlsx,
}

/// <summary>
/// Writes an <see cref="AnnualReportData"/> as Markdown, CSV or an .xlsx workbook. All three show the same tables
/// (<see cref="AnnualReportTables.Of"/>) with Japanese headings and notes.
/// </summary>
public static class AnnualReportWriter
{
    /// <summary>Writes the report to a stream in the given format (Markdown and CSV as UTF-8; CSV with a BOM for Excel).</summary>
    public static void Write(AnnualReportData data, ReportFormat format, Stream output)
    {
        switch (format)
        {
            case ReportFormat.Xlsx:
                WriteXlsx(data, output);
                break;
            case ReportFormat.Csv:
                WriteCsv(data, output);
                break;
            default:
                using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
                {
                    WriteMarkdown(data, writer);
                }
                break;
        }
    }

    /// <summary>
    /// Markdown: the title, then each table under a <c>##</c> heading with its notes (※) below it, then the 注記 list.
    /// </summary>
    public static void WriteMarkdown(AnnualReportData data, TextWriter writer)
    {
        writer.Write($"# {AnnualReportTables.Title(data)}\n\n{AnnualReportTables.Subtitle(data)}\n");
        foreach (var table in AnnualReportTables.Of(data))
        {
            writer.Write($"\n## {table.Title}\n\n");
            if (table.Title == "注記")
            {
                foreach (var row in table.Rows)
                {
                    writer.Write($"- {Markdown(row[0].Text)}\n");
                }
                continue;
            }
            writer.Write($"| {string.Join(" | ", table.Headers.Select(Markdown))} |\n");
            writer.Write($"|{string.Concat(table.Headers.Select((_, i) => IsNumeric(table, i) ? " ---: |" : " --- |"))}\n");
            foreach (var row in table.Rows)
            {
                writer.Write($"| {string.Join(" | ", row.Select(c => Markdown(c.Text)))} |\n");
            }
            if (table.Rows.Count == 0)
            {
                writer.Write("\n（該当なし）\n");
            }
            if (table.Notes.Count > 0)
            {
                writer.Write("\n");
                foreach (var note in table.Notes)
                {
                    writer.Write($"※ {Markdown(note)}  \n");
                }
            }
        }
    }

    /// <summary>
    /// CSV (RFC 4180, CRLF, every field quoted where needed), one file with one section per table: a line with the
    /// table's title, a line of headings, the rows, a line per note (starting with ※), and an empty line. The first line is
    /// the report's title and the second what it counts.
    /// </summary>
    public static void WriteCsv(AnnualReportData data, TextWriter writer)
    {
        void Line(IEnumerable<string> fields) => writer.Write(string.Join(",", fields.Select(Csv)) + "\r\n");

        Line([AnnualReportTables.Title(data)]);
        Line([AnnualReportTables.Subtitle(data)]);
        writer.Write("\r\n");
        foreach (var table in AnnualReportTables.Of(data))
        {
            Line([table.Title]);
            Line(table.Headers);
            foreach (var row in table.Rows)
            {
                Line(row.Select(c => c.Text));
            }
            foreach (var note in table.Notes)
            {
                Line([$"※ {note}"]);
            }
            writer.Write("\r\n");
        }
    }

    /// <summary>The CSV of <see cref="WriteCsv(AnnualReportData, TextWriter)"/> as UTF-8 with a BOM, so Excel reads the Japanese.</summary>
    public static void WriteCsv(AnnualReportData data, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(true), leaveOpen: true);
        WriteCsv(data, writer);
    }

    /// <summary>
    /// An .xlsx workbook with one worksheet per table (Japanese sheet names): the title in A1, the headings in row 2, the
    /// rows, then the notes below. Text goes through the shared-string table; counts are numbers.
    /// </summary>
    public static void WriteXlsx(AnnualReportData data, Stream output)
    {
        // The package is built in memory: the output need not be seekable.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = Styles();
            var strings = new SharedStrings();
            var sheets = new Sheets();
            uint sheetId = 1;
            foreach (var table in AnnualReportTables.Of(data))
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                worksheetPart.Worksheet = Worksheet(table, strings, sheetId == 1 ? data : null);
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = sheetId++, Name = table.SheetName });
            }
            workbookPart.Workbook.Append(sheets);
            var stringsPart = workbookPart.AddNewPart<SharedStringTablePart>();
            stringsPart.SharedStringTable = strings.Table();
            workbookPart.Workbook.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private const uint BoldStyle = 1;
    private const uint WrapStyle = 2;

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Yu Gothic" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Yu Gothic" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            {
                NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true,
            }) { Count = 3 });

    private static Worksheet Worksheet(ReportTable table, SharedStrings strings, AnnualReportData? titled)
    {
        var sheetData = new SheetData();
        uint rowIndex = 0;
        // Long text wraps in the table's own cells; titles and notes run on to the right instead.
        void Add(IReadOnlyList<ReportCell> cells, uint style, bool wrapLong = false)
        {
            var row = new Row { RowIndex = ++rowIndex };
            for (var i = 0; i < cells.Count; i++)
            {
                var cellStyle = wrapLong && style == 0 && cells[i].Number is null && Width(cells[i].Text) > 80 ? WrapStyle : style;
                row.Append(Cell(cells[i], $"{Column(i)}{rowIndex.ToString(CultureInfo.InvariantCulture)}", cellStyle, strings));
            }
            sheetData.Append(row);
        }

        if (titled is not null)
        {
            Add([AnnualReportTables.Title(titled)], BoldStyle);
            Add([AnnualReportTables.Subtitle(titled)], 0);
            rowIndex++;
        }
        Add([table.Title], BoldStyle);
        Add(table.Headers.Select(h => (ReportCell)h).ToList(), BoldStyle);
        foreach (var row in table.Rows)
        {
            Add(row, 0, wrapLong: true);
        }
        if (table.Notes.Count > 0)
        {
            rowIndex++;
            foreach (var note in table.Notes)
            {
                Add([$"※ {note}"], 0);
            }
        }

        var columns = new Columns();
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var widest = table.Rows.Select(r => i < r.Count ? Width(r[i].Text) : 0).Append(Width(table.Headers[i])).Max();
            columns.Append(new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = Math.Clamp(widest + 2, 6, 80),
                CustomWidth = true,
            });
        }
        return new Worksheet(columns, sheetData);
    }

    private static Cell Cell(ReportCell value, string reference, uint style, SharedStrings strings)
    {
        if (value.Number is { } number)
        {
            var numeric = new Cell { CellReference = reference, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)) };
            if (style != 0)
            {
                numeric.StyleIndex = style;
            }
            return numeric;
        }
        var cell = new Cell
        {
            CellReference = reference,
            DataType = CellValues.SharedString,
            CellValue = new CellValue(strings.Index(value.Text).ToString(CultureInfo.InvariantCulture)),
        };
        if (style != 0)
        {
            cell.StyleIndex = style;
        }
        return cell;
    }

    /// <summary>A column's letters: 0 → A, 25 → Z, 26 → AA.</summary>
    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }

    /// <summary>Display width in Excel's character units, wide characters counting two.</summary>
    private static double Width(string text) => text.Sum(c => c < 0x1100 ? 1.0 : 2.0);

    /// <summary>The workbook's shared-string table, each distinct text once.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];
        private int _uses;

        public int Index(string text)
        {
            _uses++;
            if (!_index.TryGetValue(text, out var index))
            {
                _index[text] = index = _texts.Count;
                _texts.Add(text);
            }
            return index;
        }

        public SharedStringTable Table() =>
            new(_texts.Select(t => new SharedStringItem(new Text(t) { Space = SpaceProcessingModeValues.Preserve })))
            {
                Count = (uint)_uses,
                UniqueCount = (uint)_texts.Count,
            };
    }

    private static bool IsNumeric(ReportTable table, int column) =>
        table.Rows.Count > 0 && table.Rows.All(r => column < r.Count && r[column].Number is not null);

    private static string Markdown(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r\n", "<br>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
