namespace DltBot.Bot.Discord;

/// <summary>
/// An exclusive lock file in the data directory: two bots answering the same interactions would race each other
/// (the loser gets 40060), so a second instance on the same data refuses to start.
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
    public static InstanceLock Acquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));
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
        catch (IOException e)
        {
            throw new InstanceLockException(
                $"Another DltBot instance is already running on the data directory '{System.IO.Path.GetDirectoryName(path)}' " +
                $"(lock file {path} is held). Stop it, or give this one its own Data:Directory.", e);
        }
    }

    public void Dispose() => _stream.Dispose();
}

public sealed class InstanceLockException(string message, Exception inner) : Exception(message, inner);
