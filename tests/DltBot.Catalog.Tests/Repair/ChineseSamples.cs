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

    // 不, 中 and 与 (E4 B8 8D / AD / 8E) all lose their last byte through windows-1254, so each is a candidate for the
    // others every time: this paragraph uses them in many roles (在…中 frames, 从…中, noun与noun, 这与, 不 before verbs
    // and adjectives, 不同, 并不, 其中, 中心).
    public const string FunctionWords =
        "在训练过程中，模型的损失并不总是单调下降。理论与实验之间往往存在差距，这与数据分布的假设有关。" +
        "从大量实验中我们发现，宽度与深度的比例会影响泛化，但并不是唯一的因素。在高维空间中，随机初始化的网络几乎不会陷入坏的局部极小值。" +
        "优化与泛化是深度学习理论中的两个核心问题，它们之间的关系至今仍不清楚。我们在每一轮迭代中记录梯度范数，发现它在训练初期变化很大。" +
        "注意力机制与卷积的区别在于感受野不同，前者不受局部性的限制。对于不可微的激活函数，次梯度方法同样适用，不过收敛速度与步长的选择密切相关。" +
        "在无限宽度的极限中，神经网络与高斯过程等价，这一结论不依赖于具体的激活函数。其中最重要的是数据与模型的匹配，" +
        "研究中心的学者在报告中指出，表示学习与因果推断的结合还不成熟。在实际应用中，批归一化与残差连接缺一不可。" +
        "数据增强不仅能提高精度，而且能减少过拟合。在对抗样本的研究中，鲁棒性与准确率之间的权衡并不容易解释。" +
        "贝叶斯方法与频率学派的观点不同，前者在推断中引入先验。梯度在反向传播中逐层相乘，网络过深时并不稳定。" +
        "联邦学习希望在不泄露隐私的前提下共享梯度，在不同的初始化下，结果与预期基本一致。";

    public static string All => Generalization + "\n" + Approximation + "\n" + MarkdownList;
}
