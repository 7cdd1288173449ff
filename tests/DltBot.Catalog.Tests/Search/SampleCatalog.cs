using DltBot.Catalog.Model;

namespace DltBot.Catalog.Tests.Search;

/// <summary>A small hand-made bilingual list shaped like the real one.</summary>
internal static class SampleCatalog
{
    public static Entry E(string id, string title, string? url, string description, int? year = null, params Entry[] children) =>
        new(id, "1", title, url, url is null ? [] : [new Link(title, url)], year, description, children, 1);

    public static ReadingList Build() => new("Deep Learning Theory", "", [
        new Section("Optimization", new Topic("optimization", "Optimization", "优化", ["optimisation"]), [
            E("arxiv:1412.6980", "Adam", "https://arxiv.org/abs/1412.6980", "A method for stochastic optimization. 自适应优化器。", 2014,
                E("github-com-zeke-xie-adai", "Adai", "https://github.com/zeke-xie/adaptive-inertia-adai",
                    "Adam的优化版本Adai，逃离鞍点很快，并且能像SGD一样擅长找到flat minima。", 2022)),
            E("offconvex-beyondntk", "beyondNTK", "http://www.offconvex.org/2021/03/25/beyondNTK/", "什么时候NN强于NTK？训练中核的变化。", 2021),
        ], 10),
        new Section("generalization", new Topic("generalization", "Generalization", "泛化", []), [
            E("arxiv:2210.01117", "Omnigrok: Grokking Beyond Algorithmic Data", "https://arxiv.org/abs/2210.01117",
                "Grokking 是算法数据集的一种不寻常现象，在过度拟合训练数据很久之后才会发生泛化。", 2022),
            E("arxiv:2301.02679", "Grokking modular arithmetic", "https://arxiv.org/abs/2301.02679",
                "我们提出了一个简单的神经网络，它可以学习模块化算术任务并表现出泛化的突然跳跃。", 2023),
            E("arxiv:1908.02729", "Robust Learning with Jacobian Regularization", "https://arxiv.org/abs/1908.02729",
                "Judy Hoffman et al. 雅可比正则化变化。", 2019),
        ], 20),
        new Section("Course", new Topic("course", "Courses", "课程", []), [
            E("geometricdeeplearning-com-lectures", "深度学习几何课程", "https://geometricdeeplearning.com/lectures/",
                "(2022, Michael Bronstein)内容比较高级，包括流形和规范，图神经网络的微分几何视角。", 2022),
            E("youtube-com-watch", "Author's video on the book", "https://www.youtube.com/watch?v=wXZKoHEzASg", "作者的视频说明。", 2021),
        ], 30),
        new Section("数学家", new Topic("mathematicians", "Mathematicians", "数学家", []), [
            E("stat-uchicago-edu-lekheng", "林力行 (Lek-Heng Lim)", "http://www.stat.uchicago.edu/~lekheng/work/reprints.html",
                "使用代数、几何和拓扑工具解决机器学习中的问题。", null,
                E("dl-acm-org-topology", "Topology of deep neural networks", "https://dl.acm.org/doi/abs/10.5555/3455716.3455900",
                    "利用计算拓扑学中的持续同调 persistent homology 测量这些物体的形状，并计算信息熵。")),
            E("opade-digital", "Weinan E - A Mathematical Perspective on Machine Learning", "https://opade.digital/",
                "鄂维南在ICM的演讲视频。", 2022),
        ], 40),
    ]);
}
