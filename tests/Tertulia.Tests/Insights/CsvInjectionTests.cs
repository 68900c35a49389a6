using Tertulia.Insights.Export;
using Xunit;

namespace Tertulia.Tests.Insights;

/// <summary>
/// Names in the CSV come from channels and users; a spreadsheet must never run one of them as a formula, and real
/// numbers (a negative change) must stay numbers.
/// </summary>
public class CsvInjectionTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://malo.example\";\"pan\")")]
    [InlineData("+34 600 000 000")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("\n=1+1")]
    [InlineData("|cmd")]
    [InlineData("%0A=1")]
    public void A_cell_a_spreadsheet_would_evaluate_starts_with_an_apostrophe(string name)
    {
        var cell = InsightsCsv.Cell(name);
        Assert.StartsWith("\"'", cell);
        Assert.Equal("\"'" + name.Replace("\"", "\"\"") + "\"", cell);
    }

    [Theory]
    [InlineData("-12.5")]
    [InlineData("+3")]
    [InlineData("0")]
    [InlineData("Horno El Candeal")]
    [InlineData("pan = vida")]
    public void Numbers_and_plain_names_are_kept_as_they_are(string value) =>
        Assert.Equal("\"" + value + "\"", InsightsCsv.Cell(value));

    [Fact]
    public void Quotes_inside_a_name_are_doubled_so_the_cell_cannot_be_broken_out_of()
    {
        Assert.Equal("\"Pan \"\"de pueblo\"\",\"\"=1+1\"", InsightsCsv.Cell("Pan \"de pueblo\",\"=1+1"));
    }
}
