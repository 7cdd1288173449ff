namespace DltBot.Bot.Tests.Upstream;

/// <summary>Two versions of an upstream list: what a server started from, and what upstream made of it since.</summary>
internal static class UpstreamLists
{
    public const string Old = """
        # List
        ## Overview
        1. [Kept paper](https://arxiv.org/abs/2012.10931)(2021) 深度学习理论综述
            + 1.1 [A sub-item](https://example.org/sub)
        2. [Old title](https://arxiv.org/abs/2207.04630)(2022) 简约与自洽
        3. [Going away](https://example.org/gone) 旧的条目
        4. [Quietly dropped](https://example.org/dropped) 没人改过
        ## Course
        1. [A course](https://example.org/course)(2020) 课程
        """;

    /// <summary>
    /// 2207.04630 renamed, example-org-gone and example-org-dropped removed, example-org-new added (Brand new), the
    /// sub-item renamed, and the course given a second link.
    /// </summary>
    public const string New = """
        # List
        ## Overview
        1. [Kept paper](https://arxiv.org/abs/2012.10931)(2021) 深度学习理论综述
            + 1.1 [A sub-item, renamed](https://example.org/sub)
        2. [New title](https://arxiv.org/abs/2207.04630)(2022) 简约与自洽
        3. [Brand new](https://example.org/new)(2024) 新的条目
        ## Course
        1. [A course](https://example.org/course)(2020) 课程 [Code](https://github.com/x/y)
        """;
}
