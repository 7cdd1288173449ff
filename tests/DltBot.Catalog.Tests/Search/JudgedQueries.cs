namespace DltBot.Catalog.Tests.Search;

/// <param name="Kind">What the query exercises (for the per-kind breakdown).</param>
/// <param name="First">The entry (by primary URL, which is stable) a reader expects at the top.</param>
/// <param name="AlsoRight">Other entries a reader would count as right answers.</param>
public sealed record JudgedQuery(string Text, string Kind, string First, params string[] AlsoRight)
{
    public IEnumerable<string> Relevant => AlsoRight.Prepend(First);
}

/// <summary>Queries a study-group member would type, judged by hand against the bundled list.</summary>
public static class JudgedQueries
{
    private const string Omnigrok = "https://arxiv.org/abs/2210.01117";
    private const string GrokkingModular = "https://arxiv.org/abs/2301.02679";
    private const string GrokkingProgress = "https://arxiv.org/abs/2301.05217";
    private const string GdlLectures = "https://geometricdeeplearning.com/lectures/";
    private const string GdlBook = "https://arxiv.org/abs/2104.13478";
    private const string WeinanIcm = "https://opade.digital/";
    private const string WeinanDawning = "https://www.ams.org/journals/notices/202104/rnoti-p565.pdf";
    private const string DeepModeling = "https://deepmodeling.com/";
    private const string LekHeng = "http://www.stat.uchicago.edu/~lekheng/work/reprints.html";
    private const string TopologyOfDnn = "https://dl.acm.org/doi/abs/10.5555/3455716.3455900";
    private const string EquivariantNn = "http://www.stat.uchicago.edu/~lekheng/work/equivariant.pdf";
    private const string PermutationEquivariant = "https://arxiv.org/pdf/2303.06208.pdf";
    private const string Grand = "https://papertalk.org/papertalks/32188";
    private const string Adam = "https://arxiv.org/abs/1412.6980";
    private const string Adai = "https://github.com/zeke-xie/adaptive-inertia-adai";
    private const string DynamicsList = "https://github.com/zeke-xie/deep-learning-dynamics-paper-list";
    private const string SmoothMomentum = "https://link.springer.com/article/10.1007/s10489-022-04207-7";
    private const string PredictingGeneralization = "http://www.offconvex.org/2022/06/06/PGDL/";
    private const string TensorRank = "http://www.offconvex.org/2021/07/08/imp-reg-tf/";
    private const string HierarchicalTensor = "http://www.offconvex.org/2022/07/15/imp-reg-htf-cnn/";
    private const string NotNorms = "http://www.offconvex.org/2020/11/27/reg_dl_not_norm/";
    private const string MetaDomainGeneralization = "https://mp.weixin.qq.com/s/o1liWf9B4_LntBeyV2bVOg";
    private const string GeneralizationCausality = "https://github.com/yfzhang114/Generalization-Causality";
    private const string JacobianRegularization = "https://arxiv.org/abs/1908.02729";
    private const string OverparameterizedRelu = "https://arxiv.org/pdf/2209.15265.pdf";
    private const string UniversalApproximation = "https://en.wikipedia.org/wiki/Universal_approximation_theorem";
    private const string Cybenko = "https://www.mathematik.uni-wuerzburg.de/fileadmin/10040900/2019/Seminar__Artificial_Neural_Network__24_9__.pdf";
    private const string DepthSeparation = "https://arxiv.org/abs/1702.08489";
    private const string SmallWeights = "https://arxiv.org/abs/2006.00625";
    private const string ConvUniversality = "https://arxiv.org/pdf/1805.10769.pdf";
    private const string ApproxNotes = "https://nadavdym.github.io/lecture_notes/DeepNotes.pdf";
    private const string ZhaoTuo = "https://www.zhihu.com/question/347654789/answer/1480974642";
    private const string DynamicalApproximation = "https://ems.press/journals/jems/articles/5404458";
    private const string Downsampling = "https://www.cityu.edu.hk/rcms/pdf/XDZhou/dxZhou2020b.pdf";
    private const string Spherical = "https://arxiv.org/abs/2007.14285";
    private const string LuToeplitz = "http://www.stat.uchicago.edu/~lekheng/work/lu.pdf";
    private const string PrinciplesDlt = "https://arxiv.org/pdf/2106.10165.pdf";
    private const string ScalingLaws = "https://arxiv.org/abs/2001.08361";
    private const string DiffusionSde = "https://zhuanlan.zhihu.com/p/576779879";
    private const string GptInContext = "https://arxiv.org/abs/2212.10559";
    private const string TransformerBoundary = "https://mp.weixin.qq.com/s/lDIIfQ_ngM_o7GblrA3jlQ";
    private const string PdeAllYouNeed = "https://arxiv.org/abs/2103.08313";
    private const string PdeDiscussion = "https://www.zhihu.com/question/523893840";
    private const string EthThesis = "https://www.research-collection.ethz.ch/handle/20.500.11850/646749";
    private const string PhysicsBased = "https://arxiv.org/pdf/2109.05237.pdf";
    private const string PhysicsGeometry = "https://arxiv.org/abs/2303.12626";
    private const string GameTheoryCourse = "https://feifang.info/advanced-topics-in-machine-learning-and-game-theory-fall-2022/";
    private const string NorthwesternCourse = "https://www.ideal.northwestern.edu/special-quarters/fall-2020/";
    private const string PrincetonBook = "https://www.cs.princeton.edu/courses/archive/fall19/cos597B/lecnotes/bookdraft.pdf";
    private const string RecentAdvances = "https://arxiv.org/pdf/2012.10931.pdf";
    private const string LeanCurious = "https://lftcm2023.github.io/";
    private const string LeanDojo = "https://arxiv.org/abs/2306.15626";
    private const string BuzzardTalk = "https://www.bilibili.com/video/av71583469";
    private const string FormalismRise = "https://mp.weixin.qq.com/s/-XosE3LzA8wfFv-38EIfKQ";
    private const string BuzzardInterview = "https://mp.weixin.qq.com/s/VWuRyxkl0xgZWcqRn0WJAw";
    private const string FermatRegular = "https://arxiv.org/abs/2305.08955";
    private const string Pfr = "https://github.com/teorth/pfr";
    private const string Pcast = "https://terrytao.wordpress.com/2023/05/13/pcast-working-group-on-generative-ai-invites-public-input/";
    private const string DiagramPapers = "https://terrytao.wordpress.com/2023/02/18would-it-be-possible-to-create-a-tool-to-automatically-diagram-papers/";
    private const string GowersProject = "https://gowers.wordpress.com/2022/04/28/announcing-an-automatic-theorem-proving-project/#more-6531";
    private const string GameInteraction = "https://zhuanlan.zhihu.com/p/264871522/";
    private const string BatchNormInterpretability = "https://zhuanlan.zhihu.com/p/523627298";
    private const string Bottlenecks = "https://www.zhihu.com/question/40577663/answer/2593884415";
    private const string ContrastiveLearning = "https://zhuanlan.zhihu.com/p/524733769";
    private const string FunSearch = "https://mp.weixin.qq.com/s/PLN5easZX-0wY-lcjJRJ0Q";
    private const string Minerva = "https://storage.googleapis.com/minerva-paper/minerva_paper.pdf";
    private const string RateReduction = "https://openreview.net/forum?id=G70Z8ds32C9";
    private const string Redunet = "https://github.com/ryanchankh/redunet_paper";
    private const string Crate = "https://github.com/Ma-Lab-Berkeley/CRATE";
    private const string Parsimony = "https://arxiv.org/abs/2207.04630";
    private const string IcmlSession5 = "https://icml.cc/virtual/2021/session/12057";
    private const string Entropy = "https://math3ma.institute/wp-content/uploads/2022/02/bradley_spring22.pdf";
    private const string Topos = "https://arxiv.org/abs/2106.14587";
    private const string Homotopy = "https://arxiv.org/abs/2006.15136";
    private const string Instahide = "http://www.offconvex.org/2020/11/11/instahide/";
    private const string BeyondNtk = "http://www.offconvex.org/2021/03/25/beyondNTK/";
    private const string Nesterov = "https://paperswithcode.com/method/nesterov-accelerated-gradient";
    private const string MlDynamicConference = "https://machinelearning-dynamic.github.io/";
    private const string MahoneyTalk = "https://www.stat.berkeley.edu/~mmahoney/talks/dynamical_systems_and_ml_2.pdf";
    private const string PkuDynamical = "https://www.math.pku.edu.cn/amel/docs/20200719122925684287.pdf";
    private const string Nilpotent = "https://arxiv.org/abs/2106.03015";
    private const string PureMathematician = "https://arxiv.org/abs/2304.12602";

    private const string GeometricExplanation = "http://www.engineering.org.cn/ch/10.1016/j.eng.2019.09.010";
    private const string MathsDl = "https://joanbruna.github.io/MathsDL-spring19/";
    // Items without a link of their own are judged by their stable id.
    private const string NnApproximationTheory = "id:approximation-nn-approximation-theory";
    private const string SdeSubItem = "id:overview-stochastic-differential-equations-andtheir-dynamic";
    private const string SdeCourseItem = "id:courses-stochastic-differential-equations-fokker-plank";
    private const string GeometryOfOptimization = "id:courses-geometry-of-optimization-and-generalization";
    private const string GeometryOfData = "id:courses-geometry-of-data";
    private const string SheafGnn = "id:courses-神经-sheaf-扩散-从拓扑的角度分析-gnn-中的异质性和过度平滑";
    private const string NonEuclideanGnn = "id:courses-non-euclidean-geometry-graph-neural-networks";
    private const string GptPinn = "https://mp.weixin.qq.com/s/Gfbl5p1aISwneEbJvMhneQ";
    private const string SpectralTensors = "https://arxiv.org/pdf/2004.07984.pdf";
    private const string MjtNotes = "https://mjt.cs.illinois.edu/dlt/";

    /// <summary>
    /// Multi-word queries whose words are spread over several entries or sections (issue 8): a reader expects the entry
    /// that has every word, then the paper's code, talk or follow-up that has most of them. Judged by reading the list.
    /// </summary>
    public static IReadOnlyList<JudgedQuery> MultiWord { get; } =
    [
        new("rate reduction code", "multiword", RateReduction, Redunet, Crate),
        new("白盒 code", "multiword", Redunet, Crate, RateReduction),
        new("grokking interpretability", "multiword", GrokkingProgress, GrokkingModular, Omnigrok),
        new("diffusion sde", "multiword", DiffusionSde, SdeSubItem, SdeCourseItem),
        new("gradient descent momentum", "multiword", SmoothMomentum, Nesterov, Adam, Adai),
        new("dynamical systems approximation", "multiword", DynamicalApproximation, MahoneyTalk, PkuDynamical, MlDynamicConference),
        new("GNN diffusion", "multiword", Grand, SheafGnn),
        new("graph neural network topology", "multiword", Grand, SheafGnn, NonEuclideanGnn),
        new("Terence Tao lean", "multiword", Pfr, DiagramPapers),
        new("lean video", "multiword", BuzzardTalk, LeanCurious),
        new("physics pde", "multiword", PdeAllYouNeed, EthThesis, PhysicsBased, PdeDiscussion, GptPinn),
        new("equivariant network", "multiword", EquivariantNn, PermutationEquivariant, GdlLectures),
        new("convolutional approximation", "multiword", ConvUniversality, Spherical, LuToeplitz),
        new("lean theorem proving", "multiword", LeanDojo, FermatRegular, Pfr, LeanCurious),
        new("Kevin Buzzard lean", "multiword", BuzzardTalk, FormalismRise, BuzzardInterview),
        new("adam optimizer code", "cross", Adai, DynamicsList, Adam),
        new("tensors book", "cross", SpectralTensors),
        new("approximation lecture notes", "cross", ApproxNotes, MjtNotes),
        new("optimization geometry course", "cross", GeometryOfOptimization, MathsDl),
        new("game theory reinforcement learning", "cross", GameTheoryCourse),
    ];

    public static IReadOnlyList<JudgedQuery> All { get; } =
    [
        // Plain English words and inflections
        new("grokking", "english", Omnigrok, GrokkingModular, GrokkingProgress),
        new("grok", "inflection", Omnigrok, GrokkingModular, GrokkingProgress),
        new("equivariant", "english", EquivariantNn, PermutationEquivariant),
        new("instahide", "english", Instahide),
        new("nesterov", "english", Nesterov),
        new("minerva", "english", Minerva),
        new("FunSearch", "english", FunSearch),
        new("Toeplitz", "english", LuToeplitz),
        new("Cybenko", "english", Cybenko),
        new("topos", "english", Topos, Homotopy),
        new("entropy", "english", Entropy),
        new("transformer", "english", TransformerBoundary),
        new("interpretability", "english", GrokkingProgress, BatchNormInterpretability, GameInteraction, TopologyOfDnn),
        // Phrases (several words)
        new("scaling laws", "phrase", ScalingLaws),
        new("depth separation", "phrase", DepthSeparation, SmallWeights),
        new("implicit regularization", "phrase", NotNorms, TensorRank, HierarchicalTensor),
        new("Jacobian regularization", "phrase", JacobianRegularization),
        new("rate reduction", "phrase", RateReduction, Redunet),
        new("persistent homology", "phrase", TopologyOfDnn),
        new("neural tangent kernel", "phrase", BeyondNtk),
        new("geometric deep learning", "phrase", GdlBook, GdlLectures, GeometricExplanation),
        new("partial differential equations", "phrase", PdeAllYouNeed, PdeDiscussion, EthThesis),
        new("game theory", "phrase", GameTheoryCourse),
        new("theorem proving", "phrase", GowersProject, LeanDojo),
        new("\"theory of deep learning\"", "phrase", NorthwesternCourse, PrincetonBook, PrinciplesDlt, RecentAdvances),
        new("mechanistic interpretability grokking", "phrase", GrokkingProgress),
        new("in-context learning GPT", "phrase", GptInContext),
        new("physics deep learning", "phrase", PhysicsBased, PhysicsGeometry, PdeAllYouNeed),
        // Typos
        new("grokin", "typo", Omnigrok, GrokkingModular, GrokkingProgress),
        new("generalisation", "typo", GeneralizationCausality, PredictingGeneralization, TensorRank, MetaDomainGeneralization, HierarchicalTensor, OverparameterizedRelu),
        new("equivarient", "typo", EquivariantNn, PermutationEquivariant),
        new("regularisation", "typo", JacobianRegularization, NotNorms, TensorRank, HierarchicalTensor),
        new("Toeplits", "typo", LuToeplitz),
        new("interpretabilty", "typo", GrokkingProgress, BatchNormInterpretability, GameInteraction, TopologyOfDnn),
        new("homotopy theoretc", "typo", Homotopy),
        // Chinese
        new("泛化", "chinese", MetaDomainGeneralization, PredictingGeneralization, TensorRank, Omnigrok, GrokkingModular, OverparameterizedRelu, Topos, GptInContext, GeneralizationCausality),
        new("逼近", "chinese", UniversalApproximation, NnApproximationTheory, ConvUniversality, ApproxNotes, DynamicalApproximation, Spherical, LuToeplitz),
        new("持续同调", "chinese", TopologyOfDnn),
        new("白盒", "chinese", RateReduction, Redunet, Crate),
        new("帽集", "chinese", FunSearch),
        new("费马大定理", "chinese", FermatRegular, BuzzardInterview),
        new("扩散模型", "chinese", DiffusionSde),
        new("优化器", "chinese", SmoothMomentum, Adai, GptInContext),
        new("动力系统", "chinese", MlDynamicConference, DynamicalApproximation, MahoneyTalk, PkuDynamical),
        new("几何课程", "chinese", GdlLectures, GdlBook, MathsDl, GeometryOfData, GeometryOfOptimization),
        // Mixed English and Chinese
        new("GNN 微分几何", "mixed", Grand),
        new("Lean 形式化", "mixed", FermatRegular, LeanDojo, LeanCurious, FormalismRise, Pfr, BuzzardTalk),
        new("ReLU 泛化", "mixed", OverparameterizedRelu),
        new("grokking 泛化", "mixed", Omnigrok, GrokkingModular),
        new("pde 深度学习", "mixed", PdeDiscussion, PdeAllYouNeed, EthThesis),
        // Bilingual aliases
        new("optimization", "alias", Adam, GeometryOfOptimization, SmoothMomentum, Adai, DynamicsList, Nesterov, Instahide, BeyondNtk, NotNorms),
        new("approximation", "alias", UniversalApproximation, NnApproximationTheory, ConvUniversality, ApproxNotes, DynamicalApproximation, Cybenko, DepthSeparation, SmallWeights, LuToeplitz, Spherical, ZhaoTuo),
        new("diffusion model", "alias", DiffusionSde),
        new("stochastic differential equation", "alias", SdeSubItem, SdeCourseItem, DiffusionSde, RecentAdvances),
        new("mathematicians deep learning", "alias", PureMathematician, Nilpotent, LekHeng),
        // Authors in English and Chinese
        new("Bronstein", "author", GdlLectures, GdlBook),
        new("鄂维南", "author", WeinanIcm, DeepModeling, WeinanDawning),
        new("Weinan E", "author", WeinanIcm, WeinanDawning, DeepModeling),
        new("陶哲轩", "author", Pcast, Pfr, DiagramPapers),
        new("Terence Tao", "author", Pcast, Pfr, DiagramPapers),
        new("张拳石", "author", GameInteraction, BatchNormInterpretability, Bottlenecks),
        new("Kevin Buzzard", "author", BuzzardInterview, BuzzardTalk, FormalismRise),
        new("马毅", "author", Parsimony, IcmlSession5, Crate, RateReduction),
        new("Lek-Heng Lim", "author", LekHeng, TopologyOfDnn, LuToeplitz, EquivariantNn),
        new("Yuri Manin", "author", Homotopy),
        new("赵拓", "author", ZhaoTuo),
        new("Ding-Xuan Zhou", "author", ConvUniversality, Downsampling, Spherical),
        // arXiv ids
        new("2210.01117", "arxiv", Omnigrok),
        new("arXiv:2106.10165", "arxiv", PrinciplesDlt),
        new("1702.08489", "arxiv", DepthSeparation),
        new("2303.06208v1", "arxiv", PermutationEquivariant),
        ..MultiWord,
    ];

}
