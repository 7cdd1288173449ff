using System.Text;
using DltBot.Bot.Cli;

if (OperatingSystem.IsWindows()) Console.OutputEncoding = Encoding.UTF8;
return await new CliApp(Console.In, Console.Out, Console.Error).RunAsync(args);
