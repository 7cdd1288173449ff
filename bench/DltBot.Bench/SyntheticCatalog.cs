using System.Globalization;
using DltBot.Catalog.Model;

namespace DltBot.Bench;

/// <summary>
/// Deterministic reading lists of any size shaped like the real one: English titles, mostly Chinese commentary with
/// English terms mixed in, authors in both scripts, arXiv and other links, nested sub-items, 15 bilingual topics.
/// </summary>
public static class SyntheticCatalog
{
    private static readonly string[] BaseEnglish =
    [
        "deep", "learning", "theory", "neural", "network", "networks", "generalization", "optimization", "approximation",
        "gradient", "descent", "stochastic", "kernel", "tangent", "infinite", "width", "depth", "separation", "grokking",
        "transformer", "attention", "language", "model", "models", "scaling", "laws", "emergence", "interpretability",
        "mechanistic", "circuits", "geometry", "geometric", "topology", "topological", "persistent", "homology",
        "manifold", "curvature", "equivariant", "symmetry", "group", "graph", "diffusion", "score", "matching",
        "dynamics", "dynamical", "systems", "differential", "equations", "physics", "informed", "operator", "learning",
        "implicit", "regularization", "bias", "overparameterized", "landscape", "loss", "minima", "sharpness", "flat",
        "convergence", "rates", "bounds", "complexity", "rademacher", "vc", "dimension", "pac", "bayes", "information",
        "bottleneck", "entropy", "compression", "mean", "field", "limit", "feature", "representation", "lottery",
        "ticket", "pruning", "sparse", "robustness", "adversarial", "examples", "certified", "lipschitz", "momentum",
        "adaptive", "optimizer", "adam", "sgd", "noise", "batch", "normalization", "residual", "convolutional",
        "recurrent", "memory", "in-context", "meta", "reinforcement", "policy", "game", "equilibrium", "theorem",
        "proving", "formal", "mathematics", "lean", "proof", "assistant", "conjecture", "combinatorics", "algebraic",
        "category", "sheaf", "spectral", "tensor", "factorization", "rank", "low", "matrix", "completion", "random",
        "features", "double", "phase", "transition", "universality", "expressivity", "capacity", "benign", "overfitting",
        "interpolation", "margin", "maximization", "variational", "inference", "bayesian", "posterior", "sampling",
        "langevin", "markov", "chain", "monte", "carlo", "contrastive", "self-supervised", "pretraining", "fine-tuning",
        "distillation", "knowledge", "quantization", "efficient", "inductive", "causal", "domain", "shift", "invariance",
        "fixed", "point", "lyapunov", "stability", "control", "ode", "pde", "solver", "surrogate", "scientific",
        "computing", "molecular", "protein", "folding", "survey", "lecture", "notes", "course", "tutorial", "perspective",
    ];

    private static readonly string[] BaseChinese =
    [
        "泛化", "优化", "逼近", "深度学习", "神经网络", "理论", "梯度下降", "随机", "核方法", "无限宽", "深度分离", "顿悟",
        "注意力", "语言模型", "规模定律", "涌现", "可解释性", "机制", "几何", "拓扑", "持续同调", "流形", "曲率", "等变",
        "对称性", "图神经网络", "扩散模型", "动力系统", "微分方程", "物理", "隐式正则化", "损失景观", "平坦极小值",
        "收敛", "复杂度", "信息论", "信息瓶颈", "熵", "平均场", "表示学习", "彩票假设", "剪枝", "稀疏", "鲁棒性",
        "对抗样本", "动量", "自适应", "批归一化", "残差网络", "卷积网络", "循环网络", "元学习", "强化学习", "博弈论",
        "定理证明", "形式化", "数学", "猜想", "组合数学", "代数", "范畴论", "谱方法", "张量分解", "低秩", "矩阵补全",
        "相变", "普适性", "表达能力", "良性过拟合", "插值", "间隔", "变分推断", "贝叶斯", "采样", "对比学习", "自监督",
        "预训练", "微调", "蒸馏", "知识", "量化", "归纳偏置", "因果", "域泛化", "不动点", "稳定性", "控制", "求解器",
        "科学计算", "分子", "蛋白质", "综述", "讲义", "课程", "视角", "证明", "论文", "作者", "研究", "方法", "结果",
    ];

    /// <summary>The base words, plus prefixed variants (about 2,000 distinct words), so that, as in real text, most
    /// words are rare and a common word is in a few percent of entries rather than in half of them.</summary>
    public static readonly string[] English = Expand(BaseEnglish, ["", "multi", "meta", "hyper", "neuro", "quasi", "semi", "auto", "co", "inter"]);

    public static readonly string[] Chinese = ExpandChinese();

    private static string[] Expand(string[] words, string[] prefixes) =>
        prefixes.SelectMany(p => words.Select(w => p + w)).Distinct().ToArray();

    /// <summary>The base Chinese words, then new two- and three-character words made from their characters.</summary>
    private static string[] ExpandChinese()
    {
        var characters = BaseChinese.SelectMany(w => w).Distinct().ToArray();
        var random = new Random(5);
        var made = new HashSet<string>(BaseChinese);
        while (made.Count < 3000)
            made.Add(new string(Enumerable.Range(0, random.Next(2, 4)).Select(_ => characters[random.Next(characters.Length)]).ToArray()));
        return BaseChinese.Concat(made.Except(BaseChinese).Order(StringComparer.Ordinal)).ToArray();
    }

    private static readonly string[] Fillers =
    [
        "本文", "提出了", "一种", "新的", "分析", "讨论", "总结", "介绍", "系统地", "给出", "结论", "问题", "框架", "实验",
        "表明", "并且", "以及", "关于", "的", "了", "在", "中", "和", "对", "是", "从", "角度", "重要", "简单", "清晰",
    ];

    public static readonly string[] Authors =
    [
        "Michael Bronstein", "Weinan E", "鄂维南", "Terence Tao", "陶哲轩", "Yi Ma", "马毅", "Sanjeev Arora", "Ding-Xuan Zhou",
        "周定轩", "Zhang Quanshi", "张拳石", "Joan Bruna", "Taco Cohen", "Kevin Buzzard", "Lek-Heng Lim", "林力行", "Yann LeCun",
        "Léon Bottou", "Nathan Srebro", "Matus Telgarsky", "Tengyu Ma", "马腾宇", "Jason Lee", "Percy Liang", "Song Mei", "梅松",
    ];

    private static readonly (string Key, string English, string Chinese)[] Topics =
    [
        ("overview", "Overview", "综述"), ("course", "Course", "课程"), ("architecture", "Architecture", "架构"),
        ("approximation", "Approximation", "逼近"), ("optimization", "Optimization", "优化"), ("geometry", "Geometry", "几何"),
        ("book", "Book", "书籍"), ("session", "Session", "会议"), ("generalization", "Generalization", "泛化"),
        ("others", "Others", "其他"), ("deepmodeling", "DeepModeling", "深度建模"),
        ("formal", "Formal mathematics and computers", "数学形式主义与计算机"), ("discussion", "Discussion", "讨论"),
        ("mathematicians", "Mathematicians", "数学家"), ("emergence", "Emergence", "近似"),
    ];

    private static readonly string[] Hosts =
    [
        "https://arxiv.org/abs/", "https://arxiv.org/pdf/", "https://openreview.net/forum?id=", "https://github.com/",
        "https://zhuanlan.zhihu.com/p/", "https://mp.weixin.qq.com/s/", "https://www.youtube.com/watch?v=",
        "https://www.bilibili.com/video/", "https://example.edu/courses/", "https://www.springer.com/gp/book/",
    ];

    /// <summary>A list of exactly <paramref name="entries"/> entries (sub-items included).</summary>
    public static ReadingList Generate(int entries, int seed = 20261126)
    {
        var random = new Random(seed);
        var english = new Zipf(English.Length, random);
        var chinese = new Zipf(Chinese.Length, random);
        var perSection = new List<Entry>[Topics.Length];
        for (var i = 0; i < perSection.Length; i++) perSection[i] = [];

        var made = 0;
        while (made < entries)
        {
            var childCount = random.NextDouble() < 0.25 ? random.Next(1, 4) : 0;
            childCount = Math.Min(childCount, entries - made - 1);
            var children = new List<Entry>();
            for (var c = 0; c < childCount; c++)
                children.Add(MakeEntry(made + 1 + c, random, english, chinese, []));
            perSection[random.Next(Topics.Length)].Add(MakeEntry(made, random, english, chinese, children));
            made += 1 + childCount;
        }

        var sections = Topics.Select((t, i) => new Section(t.English, new Topic(t.Key, t.English, t.Chinese, []), perSection[i], i + 1)).ToList();
        return new ReadingList("Synthetic Deep Learning Theory", "", sections);
    }

    private static Entry MakeEntry(int n, Random random, Zipf english, Zipf chinese, IReadOnlyList<Entry> children)
    {
        var titleWords = Enumerable.Range(0, random.Next(3, 9)).Select(_ => English[english.Next()]);
        var title = string.Join(' ', titleWords);
        if (random.NextDouble() < 0.15)
            title = string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Chinese[chinese.Next()])) + title.Split(' ')[0];
        title = char.ToUpperInvariant(title[0]) + title[1..];

        var description = new System.Text.StringBuilder();
        var sentences = random.Next(1, 4);
        for (var s = 0; s < sentences; s++)
        {
            for (var w = random.Next(6, 16); w > 0; w--)
            {
                var roll = random.NextDouble();
                description.Append(roll switch
                {
                    < 0.45 => Fillers[random.Next(Fillers.Length)],
                    < 0.85 => Chinese[chinese.Next()],
                    _ => " " + English[english.Next()] + " ",
                });
            }
            if (random.NextDouble() < 0.2) description.Append('(').Append(Authors[random.Next(Authors.Length)]).Append(')');
            description.Append('。');
        }

        var host = Hosts[random.Next(Hosts.Length)];
        var url = host.Contains("arxiv") ? $"{host}{random.Next(15, 25):D2}{random.Next(1, 13):D2}.{n % 100000:D5}" : $"{host}item{n}";
        var year = random.NextDouble() < 0.8 ? random.Next(2012, 2025) : (int?)null;
        var id = host.Contains("arxiv") ? $"arxiv:{url[^10..]}" : $"synthetic-{n}";
        return new Entry(id, (n + 1).ToString(CultureInfo.InvariantCulture), title, url, [new Link(title, url)], year, description.ToString(), children, n + 1);
    }

    /// <summary>Zipf-distributed ranks, so a few words are common and most are rare, as in real text.</summary>
    private sealed class Zipf
    {
        private readonly double[] cumulative;
        private readonly Random random;

        public Zipf(int size, Random random)
        {
            this.random = random;
            cumulative = new double[size];
            double sum = 0;
            for (var i = 0; i < size; i++) cumulative[i] = sum += 1.0 / (i + 1);
            for (var i = 0; i < size; i++) cumulative[i] /= sum;
        }

        public int Next()
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble());
            return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
        }
    }
}
