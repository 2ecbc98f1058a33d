namespace RiskGrid.Client.Output;

/// <summary>How a command prints its tables (<c>--format</c>): boxed for a terminal, or plain data for a pipe.</summary>
public enum OutputFormat
{
    /// <summary>Boxed tables that fit the terminal's width: columns that do not fit are left out (the caption says which), none wraps.</summary>
    Table,

    /// <summary>RFC 4180 CSV, one header row; several tables are separated by a blank line.</summary>
    Csv,

    /// <summary>JSON: an array of objects per table (keys from the headers, numbers as numbers, n/a as null).</summary>
    Json,

    /// <summary>GitHub-flavoured Markdown pipe tables.</summary>
    Markdown,
}
