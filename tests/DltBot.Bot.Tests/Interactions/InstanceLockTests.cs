using DltBot.Bot.Interactions;

namespace DltBot.Bot.Tests.Interactions;

public sealed class InstanceLockTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dltbot-lock-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_second_instance_on_the_same_data_directory_is_refused_with_a_clear_message()
    {
        using var first = InstanceLock.Acquire(_dir);

        var e = Assert.Throws<InstanceLockException>(() => InstanceLock.Acquire(_dir));

        Assert.Contains("Another DltBot instance", e.Message);
        Assert.Contains("Data:Directory", e.Message);
    }

    [Fact]
    public void The_lock_is_free_again_once_released()
    {
        InstanceLock.Acquire(_dir).Dispose();
        using var again = InstanceLock.Acquire(_dir);
        Assert.True(File.Exists(again.Path));
    }

    [Fact]
    public void Different_data_directories_do_not_conflict()
    {
        using var first = InstanceLock.Acquire(Path.Combine(_dir, "a"));
        using var second = InstanceLock.Acquire(Path.Combine(_dir, "b"));
        Assert.NotEqual(first.Path, second.Path);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

public sealed class InstanceLockEnvironmentTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dltbot-lock-env-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_lock_file_that_cannot_be_opened_for_writing_is_a_data_directory_problem_not_another_instance()
    {
        Directory.CreateDirectory(Path.Combine(_dir, InstanceLock.FileName));

        var e = Assert.Throws<DataDirectoryException>(() => InstanceLock.Acquire(_dir));

        Assert.Contains("Data:Directory", e.Message);
        Assert.Contains("not writable", e.Message);
    }

    [Fact]
    public void A_data_directory_under_a_file_cannot_be_created_and_says_so()
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "file");
        File.WriteAllText(file, "");

        var e = Assert.Throws<DataDirectoryException>(() => InstanceLock.Acquire(Path.Combine(file, "data")));

        Assert.Contains("cannot be created", e.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
