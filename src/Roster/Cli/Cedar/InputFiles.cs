namespace Roster.Cli.Cedar;

/// <summary>Reads the files the cedar commands are given; a missing or unreadable file is a <see cref="CedarInputException"/>.</summary>
internal static class InputFiles
{
    public static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(path, what, e);
        }
    }

    public static byte[] ReadBytes(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(path, what, e);
        }
    }

    private static CedarInputException Unreadable(string path, string what, Exception e) => new(e switch
    {
        FileNotFoundException or DirectoryNotFoundException => $"{path}: the {what} file does not exist",
        UnauthorizedAccessException => $"{path}: the {what} file cannot be read (permission denied)",
        _ => $"{path}: the {what} file cannot be read: {e.Message}",
    });
}
