using System.Security.Cryptography;
using System.Text;

namespace RiskGrid.Client.MarketData;

/// <summary>
/// Raw source responses on disk, content-addressed: <c>objects/SHA256</c> holds the bytes (the same answer is kept
/// once), <c>requests/SHA256-OF-KEY</c> names the object that answered a request (a source, symbol and date range;
/// never a crumb or an API key). Only answers that parsed are stored, so a cached answer is a good one. An object whose
/// bytes no longer match its name is ignored (and fetched again).
/// </summary>
public sealed class RawResponseCache
{
    /// <summary>The environment variable that moves the default cache folder.</summary>
    public const string Variable = "RISKGRID_CACHE";

    public RawResponseCache(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
    }

    public string Folder { get; }

    /// <summary><c>$RISKGRID_CACHE</c>, else <c>$XDG_CACHE_HOME/riskgrid/market-data</c>, else <c>~/.cache/riskgrid/market-data</c>.</summary>
    public static string DefaultFolder()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set)
        {
            return set;
        }

        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "riskgrid", "market-data");
    }

    /// <summary>The stored answer to <paramref name="key"/>, or null.</summary>
    public RawResponse? Find(string key, string url)
    {
        try
        {
            var index = RequestFile(key);
            if (!File.Exists(index))
            {
                return null;
            }

            var hash = File.ReadLines(index).FirstOrDefault()?.Trim();
            if (hash is not { Length: 64 } || !File.Exists(ObjectFile(hash)))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(ObjectFile(hash));
            return Hash(bytes) == hash ? new RawResponse(Decode(bytes), hash, ObjectFile(hash), url, FromCache: true) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="bytes"/> as the answer to <paramref name="key"/>.</summary>
    public RawResponse Store(string key, string url, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var hash = Hash(bytes);
        var file = ObjectFile(hash);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (!File.Exists(file) || Hash(File.ReadAllBytes(file)) != hash)
            {
                Write(file, bytes);
            }

            var index = RequestFile(key);
            Directory.CreateDirectory(Path.GetDirectoryName(index)!);
            Write(index, Encoding.UTF8.GetBytes($"{hash}\n{key}\n"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MarketDataException($"cannot write the market-data cache {Folder} (--cache moves it): {ex.Message}", ex);
        }

        return new RawResponse(Decode(bytes), hash, file, url, FromCache: false);
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    internal static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');

    private string ObjectFile(string hash) => Path.Combine(Folder, "objects", hash);

    private string RequestFile(string key) => Path.Combine(Folder, "requests", Hash(Encoding.UTF8.GetBytes(key)));

    // Written beside and moved into place, so a reader never sees half a file.
    private static void Write(string file, byte[] bytes)
    {
        var temp = $"{file}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, file, overwrite: true);
    }
}
