namespace DltBot.Catalog.Tests.Repair;

/// <summary>Sample paragraphs written for these tests (deep-learning-theory flavour, Markdown like the reading list).</summary>
internal static class ChineseSamples
{
    public const string Generalization =
        "深度学习理论试图解释为什么过参数化的神经网络在训练数据上几乎完美拟合，却仍然能够在测试数据上取得良好的泛化性能。" +
        "传统的统计学习理论用模型复杂度来刻画泛化误差，例如VC维和Rademacher复杂度，但这些界对于现代网络往往过于宽松。" +
        "近年来，研究者从优化的角度出发，分析随机梯度下降的隐式正则化作用，发现它倾向于找到平坦的极小值点。" +
        "神经正切核理论则表明，当网络宽度趋于无穷时，训练过程可以近似为核回归，这为理解梯度下降的收敛性提供了有力的工具。";

    public const string Approximation =
        "万能逼近定理告诉我们，只要隐藏层的神经元足够多，一个两层网络就可以以任意精度逼近紧集上的连续函数。" +
        "然而，这个定理并没有说明需要多少个神经元，也没有给出如何通过训练找到这些参数的方法。" +
        "深度分离的结果进一步指出，某些函数用深层网络表示只需要多项式规模，而用浅层网络则需要指数规模。" +
        "因此，深度在表达能力上具有本质的优势。与此同时，损失函数的几何结构、鞍点的逃离以及信息瓶颈等问题，" +
        "也是当前理论研究中的热点方向。我们会持续更新这个列表，欢迎大家补充。";

    public const string MarkdownList =
        "## 优化与动力学\n" +
        "1. [Adam](https://arxiv.org/abs/1412.6980) 自适应学习率方法，收敛速度快，但在某些问题上的泛化能力不如带动量的随机梯度下降。\n" +
        "    + 1.1 关于学习率预热和权重衰减的讨论，作者给出了简单的理论解释（2020）。\n" +
        "\n" +
        "2. 扩散模型与随机微分方程之间的联系：前向过程逐步加入噪声，反向过程则通过学习得分函数来生成样本。\n" +
        "3. 🔥 [Grokking](https://arxiv.org/abs/2201.02177) 小数据集上的“顿悟”现象：训练很久之后，测试精度突然提高，这与权重范数的变化密切相关。\n";

    public static string All => Generalization + "\n" + Approximation + "\n" + MarkdownList;
}
