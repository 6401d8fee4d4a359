"""The sources closedform cites, each spelled once.

A result's ``source`` is built from these names (``f"{HIPPO}, Thm 2; {SU_10114}"``), so the same post or
paper reads the same in every result, in the report and in the README table.  Posts are cited as
"Su, <title> (kexue.fm/archives/<n>)", papers as "<authors> <year>, <short title> (arXiv <id>)", code as
"<owner>/<repo> <path>".  A test holds every ``kexue.fm`` and ``arXiv`` reference of the registry to the
spelling given here.
"""

from __future__ import annotations

# --- Su Jianlin's posts (kexue.fm), by archive number -------------------------------------------------
SU_1094 = "Su, 《自然极值》5 (kexue.fm/archives/1094)"
SU_1107 = "Su, 《自然极值》6. 最速降线的解答 (kexue.fm/archives/1107)"
SU_FERMAT = "Su, 《自然极值》4. 费马点问题 (kexue.fm), topic"
SU_7695 = "Su, 最小熵原理（六）：词向量的维度应该怎么选择？ (kexue.fm/archives/7695)"
SU_8711 = "Su, 维度公式'n > 8.33 log N'的可用性分析 (kexue.fm/archives/8711)"
SU_8823 = "Su, 从熵不变性看Attention的Scale操作 (kexue.fm/archives/8823)"
SU_8968 = "Su, 指数梯度下降 + 元学习 (kexue.fm/archives/8968)"
SU_9034 = "Su, 熵不变性Softmax的一个快速推导 (kexue.fm/archives/9034)"
SU_9588 = "Su, 从JL引理看熵不变性Attention (kexue.fm/archives/9588)"
SU_9812 = "Su, 从梯度最大化看Attention的Scale操作 (kexue.fm/archives/9812)"
SU_9948 = "Su, Transformer升级之路：16 (kexue.fm/archives/9948)"
SU_10114 = "Su, 重温SSM（一） (kexue.fm/archives/10114)"
SU_10137 = "Su, 重温SSM（二） (kexue.fm/archives/10137)"
SU_10162 = "Su, 重温SSM（三） (kexue.fm/archives/10162)"
SU_10180 = "Su, 重温SSM（四） (kexue.fm/archives/10180)"
SU_10289 = "Su, 通向最优分布之路 (kexue.fm/archives/10289)"
SU_GRADIENT_FLOW = "Su, 梯度流 (kexue.fm), topic"
SU_10226 = "Su, 对齐全量微调！这是我看过最精彩的LoRA改进（一） (kexue.fm/archives/10226)"
SU_10249 = "Su, Monarch矩阵：计算高效的稀疏型矩阵分解 (kexue.fm/archives/10249)"
SU_10266 = "Su, 对齐全量微调！这是我看过最精彩的LoRA改进（二） (kexue.fm/archives/10266)"
SU_10366 = "Su, 低秩近似之路（一）：伪逆 (kexue.fm/archives/10366)"
SU_10373 = "Su, Softmax后传：寻找Top-K的光滑近似 (kexue.fm/archives/10373)"
SU_10407 = "Su, 低秩近似之路（二）：SVD (kexue.fm/archives/10407)"

# --- papers ------------------------------------------------------------------------------------------
HIPPO = "Gu, Dao, Ermon, Rudra, Ré 2020, HiPPO (arXiv 2008.07669)"
S4 = "Gu, Goel, Ré 2021, S4 (arXiv 2111.00396)"
S4D = "Gu, Gupta, Goel, Ré 2022, S4D (arXiv 2206.11893)"
TRAIN_HIPPO = "Gu, Johnson, Timalsina, Rudra, Ré 2022, How to Train your HiPPO (arXiv 2206.12037)"
LMU = "Voelker, Kajić, Eliasmith 2019 (LMU)"
RTF_PAPER = ("Parnichkun et al. 2024, State-Free Inference of SSMs: the Transfer Function Approach "
             "(arXiv 2405.06147)")
CHIANG_CHOLAK = ("Chiang & Cholak 2022, Overcoming a Theoretical Limitation of Self-Attention, ACL 2022 "
                 "(arXiv 2202.12172)")
SSMAX = "Nakanishi 2025, Scalable-Softmax Is Superior for Attention (arXiv 2501.19399)"
YARN = "Peng, Quesnelle, Fan & Shippole 2023, YaRN (arXiv 2309.00071)"
REM = "Derrida 1981 (Phys. Rev. B 24, 2613); Bovier 2006 (Statistical Mechanics of Disordered Systems) ch. 9"
PD = "Ruelle 1987 (CMP 108, 225); Bovier & Kurkova 2004; Pitman & Yor 1997 (Ann. Probab. 25)"
LSSL = "Gu, Johnson, Goel, Saab, Dao, Rudra, Ré 2021, LSSL (arXiv 2110.13985)"
MAMBA = "Gu & Dao 2023, Mamba (arXiv 2312.00752)"
LORA_GA = "Wang, Yu, Li 2024, LoRA-GA (arXiv 2407.05000)"
LORA_PRO = "Wang, Liang, He, Wang, Tan 2024, LoRA-Pro (arXiv 2407.18242)"
MONARCH = "Dao, Chen, Sohoni, Desai, Poli, Grogan, Liu, Rao, Rudra, Ré 2022, Monarch (arXiv 2204.00595)"
PENROSE = "Penrose 1955, A generalized inverse for matrices (Proc. Cambridge Philos. Soc. 51)"
ECKART_YOUNG = "Eckart & Young 1936 (Psychometrika 1); Mirsky 1960 (Q. J. Math. 11)"
KY_FAN = "Ky Fan 1949 (PNAS 35)"
GOLUB_VAN_LOAN = "Golub & Van Loan, Matrix Computations (SVD and its uniqueness)"
GELFAND_FOMIN = "Gelfand & Fomin 1963, Calculus of Variations"
KUHN = "Kuhn 1973, Math. Programming 4"
HISTORY = "Bernoulli 1697; Galileo 1638; Huygens 1673"
GALILEO = "Galileo 1638, Two New Sciences (circle, law of chords); Su-1094 (history)"
TWO_LEVEL = "project derivation (model used implicitly by Su-9034, Chiang & Cholak 2022, SSMax)"

# --- code ----------------------------------------------------------------------------------------------
HIPPO_CODE = "HazyResearch/hippo-code model/op.py"
HIPPO_CODE_LEGS = "HazyResearch/hippo-code model/hippo.py (HiPPO_LegS)"
HIPPO_CODE_MODULE = "HazyResearch/hippo-code model/hippo.py"
S4_CODE = "state-spaces/s4 src/models/hippo/hippo.py"
S4_CODE_KERNEL = "state-spaces/s4 (models/s4/s4.py, src/models/hippo/hippo.py)"
LORA_PRO_CODE = "mrflogs/LoRA-Pro peta/optim.py (commit 2d8f44a531b5)"
LORA_GA_CODE = "Outsider565/LoRA-GA peft/src/peft/tuners/lora/layer.py; huggingface/peft loraga.py"
MAMBA_CODE = "state-spaces/mamba mamba_ssm/ops/selective_scan_interface.py (selective_scan_ref)"
RTF_PY = "ruke1ire/RTF rtf.py (commit 1d9e1e546f68)"

#: every kexue.fm post above, by archive number (the test of spellings reads it)
POSTS: dict[str, str] = {name.split("_", 1)[1]: value for name, value in dict(globals()).items()
                         if name.startswith("SU_") and name[3:].isdigit()}
