namespace DltBot.Bot.Interactions;

/// <summary>
/// An exclusive lock file in the data directory: two bots answering the same interactions would race each other
/// (the loser gets 40060), so a second instance on the same data refuses to start. With SQLite the database lives in
/// that directory, so this is what keeps one process per database. With PostgreSQL several instances share the
/// database but each keeps its own data directory (downloaded catalog, caches), and this lock only keeps two processes
/// off one directory; the instances coordinate through the clustered scheduler and PostgreSQL advisory locks instead.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    public const string FileName = "dltbot.lock";

    private readonly FileStream _stream;

    private InstanceLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    public string Path { get; }

    /// <exception cref="InstanceLockException">Another process (or another host in this one) holds the lock.</exception>
    /// <exception cref="DataDirectoryException">The directory or its lock file cannot be created or written.</exception>
    public static InstanceLock Acquire(string dataDirectory)
    {
        var directory = System.IO.Path.GetFullPath(dataDirectory);
        var path = System.IO.Path.Combine(directory, FileName);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException($"Data:Directory '{directory}' cannot be created: {Reason(e)}. Point Data:Directory at a writable folder.", e);
        }

        try
        {
            // FileShare.None takes an advisory exclusive lock (flock) on Unix and a share lock on Windows.
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            stream.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            stream.Write(pid);
            stream.Flush();
            return new InstanceLock(stream, path);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            throw new InstanceLockException(
                $"Another DltBot instance is already running on the data directory '{directory}' " +
                $"(lock file {path} is held). Stop it, or give this one its own Data:Directory.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only mount or a folder without write permission: not another instance, so say what it is.
            throw new DataDirectoryException($"Data:Directory '{directory}' is not writable: cannot create {path}: {Reason(e)}. Point Data:Directory at a writable folder.", e);
        }
    }

    // What the lock refusal looks like: a sharing or lock violation on Windows; on Unix the IOException carries flock's
    // errno, EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs). Anything else (EROFS, ENOSPC...) is the directory's fault.
    private static bool IsHeldElsewhere(IOException e) => OperatingSystem.IsWindows()
        ? (e.HResult & 0xFFFF) is 32 or 33
        : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);

    private static string Reason(Exception e) => DltBot.Bot.Localization.Strings.AfterColon(e.Message.TrimEnd('.'));

    public void Dispose() => _stream.Dispose();
}

public sealed class InstanceLockException(string message, Exception inner) : Exception(message, inner);

/// <summary>The data directory cannot be created or written (read-only mount, no permission, a file in the way).</summary>
public sealed class DataDirectoryException(string message, Exception inner) : Exception(message, inner);
