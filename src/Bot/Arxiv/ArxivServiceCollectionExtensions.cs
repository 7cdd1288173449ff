using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Arxiv;

public static class ArxivServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IArxivClient"/> configured from section <c>Arxiv</c> (validated at start), with one
    /// <see cref="ArxivRequestGate"/> for the whole process.
    /// </summary>
    public static IServiceCollection AddArxiv(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ArxivOptions>().Bind(configuration.GetSection(ArxivOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArxivOptions>, ArxivOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ArxivRequestGate>();
        services.AddHttpClient(ArxivClient.HttpClientName, http =>
        {
            // Arxiv:TimeoutSeconds bounds each request, on TimeProvider; see ArxivClient.
            http.Timeout = Timeout.InfiniteTimeSpan;
            http.MaxResponseContentBufferSize = ArxivClient.MaxAnswerBytes;
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("DltBot", "1.0"));
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/atom+xml"));
        });
        services.TryAddSingleton<IArxivClient, ArxivClient>();
        return services;
    }
}
