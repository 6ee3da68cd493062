"""Generate a large, valid ledger for benchmarks.

    python benchmarks/generate.py --units 2000 --out /tmp/ledger-2000 [--seed 1]

The ledger follows contract v1 (docs of the file format): a ``ledger.toml`` for 2026, a project
book of 16 projects (K1-K5 key, B1-B7 basic, I1-I4 innovation) and one file per unit under
``data/units/``. The units form a city -> banner/county -> township -> village hierarchy; each unit
claims 2-5 projects (3.5 on average) with milestones and quarterly progress that validate with
``--today 2026-11-25``: every ``done`` and ``reported`` date is on or before 2026-10-31.

The YAML is written by hand (block style, two-space indentation, comments, the odd ``x-`` key),
so the files look like ones a clerk keeps, not like ``yaml.dump`` output. The same seed and unit
count give byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

import yaml

YEAR = 2026
LAST_EVENT = date(YEAR, 10, 31)  # no done/reported date after this day
YEAR_START = date(YEAR, 1, 1)
QUARTER_END = {
    1: date(YEAR, 3, 31),
    2: date(YEAR, 6, 30),
    3: date(YEAR, 9, 30),
    4: date(YEAR, 12, 31),
}
ROOT_ID = "city-org"
ROOT_NAME = "中共乌兰察布市委组织部"
TOWNSHIP_SHARE = 0.076  # townships per unit below the banners (2,000 units -> about 150)

# --------------------------------------------------------------------------------------------
# The project book


@dataclass(frozen=True)
class Milestone:
    id: str
    title: str
    due: date


@dataclass(frozen=True)
class Project:
    id: str
    category: str
    title: str
    problem: str
    goal: str
    requirements: tuple[str, ...]
    milestones: tuple[Milestone, ...]
    comment: str = ""

    @property
    def last_due(self) -> date:
        return max(m.due for m in self.milestones)


def _ms(mid: str, title: str, month: int, day: int) -> Milestone:
    return Milestone(mid, title, date(YEAR, month, day))


PROJECTS: tuple[Project, ...] = (
    Project(
        "K1",
        "key",
        "软弱涣散基层党组织整顿转化",
        "部分嘎查村党组织软弱涣散，整顿转化不彻底",
        "年底前软弱涣散党组织全部整顿转化、销号清零",
        ("逐村建立整顿台账", "落实旗县级领导包联责任", "整顿一个、验收一个、销号一个"),
        (
            _ms("survey", "完成排查摸底", 3, 31),
            _ms("rectify", "完成整顿转化", 9, 30),
            _ms("accept", "完成验收销号", 11, 30),
        ),
        "市委常委会审定的重点任务",
    ),
    Project(
        "K2",
        "key",
        "嘎查村集体经济发展壮大",
        "部分嘎查村集体经济收入低，缺乏稳定收入来源",
        "年底前所有嘎查村集体经济经营性收入达到10万元以上",
        ("一村一策制定发展方案", "规范集体资产资金资源管理", "严禁举债发展集体经济"),
        (
            _ms("plan", "制定一村一策发展方案", 4, 15),
            _ms("midterm", "开展中期评估", 7, 31),
            _ms("income", "完成年度收入核算", 11, 30),
        ),
    ),
    Project(
        "K3",
        "key",
        "“党建+网格”基层治理提升",
        "网格划分不够科学，网格员作用发挥不充分",
        "党组织对网格全覆盖，网格员队伍专职化",
        ("科学划分网格", "建立网格员考核办法", "推行“街乡吹哨、部门报到”"),
        (
            _ms("grid", "完成网格优化调整", 3, 31),
            _ms("train", "网格员全员轮训", 6, 30),
            _ms("assess", "开展网格运行评估", 10, 31),
        ),
    ),
    Project(
        "K4",
        "key",
        "党员教育管理提质增效",
        "流动党员、年老体弱党员教育管理不到位",
        "党员年度集中学习培训全覆盖",
        ("建立流动党员台账", "对年老体弱党员落实送学上门"),
        (
            _ms("ledger", "建立流动党员管理台账", 3, 31),
            _ms("train", "完成党员集中轮训", 8, 31),
        ),
    ),
    Project(
        "K5",
        "key",
        "嘎查村“两委”班子队伍建设",
        "部分班子年龄结构老化，带富能力不强",
        "每个嘎查村储备后备力量不少于2名",
        ("开展班子运行分析研判", "建立村级后备力量库", "落实“一肩挑”人员监督管理"),
        (
            _ms("survey", "完成班子运行分析研判", 4, 30),
            _ms("reserve", "建立后备力量库", 6, 30),
            _ms("review", "开展年度履职考评", 11, 30),
        ),
    ),
    Project(
        "B1",
        "basic",
        "“三会一课”制度规范落实",
        "个别党支部“三会一课”记录不规范、内容空泛",
        "全年“三会一课”按时召开率达到100%",
        ("统一记录本样式", "乡镇党委每季度抽查"),
        (
            _ms("check1", "完成上半年检查", 6, 30),
            _ms("check2", "完成下半年检查", 11, 30),
        ),
    ),
    Project(
        "B2",
        "basic",
        "党群服务中心标准化建设",
        "部分党群服务中心功能单一、利用率不高",
        "年底前党群服务中心全部达到标准化要求",
        ("对照标准逐项整改", "统一标识标牌", "建立日常开放制度"),
        (
            _ms("survey", "完成现状排查", 3, 31),
            _ms("build", "完成提档升级", 9, 30),
            _ms("accept", "组织验收", 11, 15),
        ),
    ),
    Project(
        "B3",
        "basic",
        "发展党员质量提升",
        "发展党员结构不优，青年农牧民党员偏少",
        "发展党员全程纪实，青年农牧民党员占比明显提高",
        ("严格执行发展党员工作细则", "实行发展党员全程纪实"),
        (
            _ms("plan", "制定年度发展党员计划", 2, 28),
            _ms("review", "开展发展党员工作检查", 10, 31),
        ),
    ),
    Project(
        "B4",
        "basic",
        "党费收缴使用管理规范",
        "个别党组织党费收缴不及时、使用不规范",
        "党费按时足额收缴，使用情况按规定公开",
        ("建立党费收缴台账", "每半年公开一次党费使用情况"),
        (
            _ms("check", "完成党费收缴专项检查", 5, 31),
            _ms("publish", "公开党费使用情况", 11, 30),
        ),
    ),
    Project(
        "B5",
        "basic",
        "主题党日活动规范开展",
        "主题党日活动形式单一，党员参与度不高",
        "每月主题党日活动按时开展，党员参与率90%以上",
        ("制定全年活动计划", "活动情况及时录入平台"),
        (
            _ms("plan", "制定全年主题党日计划", 1, 31),
            _ms("midterm", "开展半年督导", 6, 30),
            _ms("summary", "完成全年活动总结", 11, 30),
        ),
    ),
    Project(
        "B6",
        "basic",
        "基层党建工作述职评议考核",
        "考核指标不够精准，结果运用不充分",
        "述职评议全覆盖，考核结果与评先评优挂钩",
        ("制定考核细则", "考核结果全市通报"),
        (
            _ms("plan", "制定考核方案", 3, 31),
            _ms("midterm", "开展中期督导", 7, 31),
            _ms("assess", "完成年度考核", 12, 15),
        ),
    ),
    Project(
        "B7",
        "basic",
        "嘎查村党务村务公开",
        "公开内容不全面、更新不及时",
        "党务村务按季度公开，群众满意度明显提升",
        ("制定公开目录", "设置公开栏并按季度更新"),
        (
            _ms("list", "制定公开目录", 3, 31),
            _ms("check", "开展公开情况检查", 9, 30),
        ),
    ),
    Project(
        "I1",
        "innovation",
        "“党建+产业”融合发展",
        "党建与产业发展结合不紧密",
        "每个旗县区打造不少于3个“党建+产业”示范点",
        ("选树示范典型", "推广“党支部+合作社+农牧户”模式"),
        (
            _ms("plan", "确定示范点名单", 4, 30),
            _ms("pilot", "建成示范点", 8, 31),
            _ms("summary", "总结推广经验", 11, 30),
        ),
    ),
    Project(
        "I2",
        "innovation",
        "智慧党建平台应用推广",
        "党建信息化水平不高，平台使用率低",
        "党员平台注册率、活跃率均达到85%以上",
        ("完成平台部署", "开展操作培训", "每月通报使用情况"),
        (
            _ms("deploy", "完成平台部署", 4, 30),
            _ms("train", "完成操作培训", 6, 30),
            _ms("usage", "平台使用率达标", 10, 31),
            _ms("review", "完成年度应用评估", 11, 30),
        ),
    ),
    Project(
        "I3",
        "innovation",
        "“红色网格员”志愿服务行动",
        "志愿服务力量分散，常态化机制不健全",
        "每个网格至少有1支党员志愿服务队",
        ("组建党员志愿服务队", "建立服务积分制度"),
        (
            _ms("team", "组建志愿服务队", 3, 31),
            _ms("serve", "开展集中志愿服务活动", 9, 30),
        ),
    ),
    Project(
        "I4",
        "创新",
        "“石榴籽”民族团结进步党建品牌创建",
        "民族团结进步创建与党建工作融合不够",
        "每个旗县区创建1个以上民族团结进步党建品牌",
        ("挖掘本地民族团结典型", "统一品牌标识"),
        (
            _ms("plan", "制定品牌创建方案", 5, 31),
            _ms("brand", "完成品牌创建", 10, 31),
            _ms("accept", "开展评估验收", 11, 30),
        ),
        "类别按市委文件写作“创新”",
    ),
)

# --------------------------------------------------------------------------------------------
# Pools of Chinese strings

BANNERS: tuple[tuple[str, str], ...] = (
    ("集宁区", "区"),
    ("丰镇市", "市"),
    ("卓资县", "县"),
    ("化德县", "县"),
    ("商都县", "县"),
    ("兴和县", "县"),
    ("凉城县", "县"),
    ("察哈尔右翼前旗", "旗"),
    ("察哈尔右翼中旗", "旗"),
    ("察哈尔右翼后旗", "旗"),
    ("四子王旗", "旗"),
)
MONGOL_A = ("巴音", "乌兰", "白音", "查干", "哈拉", "伊和", "阿拉坦", "呼和", "宝日", "希拉")
MONGOL_B = ("淖尔", "塔拉", "哈达", "布拉格", "敖包", "高勒", "乌素", "诺尔", "花", "图")
HAN_A = ("大", "小", "前", "后", "东", "西", "南", "北", "新", "红", "三义", "十八", "黄")
HAN_B = ("营子", "滩", "沟", "梁", "湾", "堡", "窑", "庄", "井", "台", "泉", "河", "圪旦")
SURNAMES = (
    "王", "李", "张", "刘", "赵", "马", "杨", "郭", "高", "白", "韩", "石", "胡", "贾",
    "乔", "任", "武", "孟", "包", "云", "奇", "苏", "田", "闫",
)  # fmt: skip
GIVEN = (
    "建国", "志强", "海燕", "俊峰", "丽娟", "永胜", "宝音", "其其格", "乌云", "福祥",
    "晓东", "春梅", "巴特尔", "玉兰", "文斌", "红霞", "双喜", "那仁", "东升", "秀英",
    "瑞", "敏", "军", "涛",
)  # fmt: skip
FAMILY = ("家营", "家窑", "家湾", "家沟", "家梁", "家堡", "家村", "家圪旦")
POSTS = ("党委书记", "党支部书记", "组织委员", "副书记", "分管副旗长", "分管副县长", "第一书记")

MEASURES = (
    "成立工作专班，明确责任分工",
    "开展拉网式排查，逐项建立台账",
    "召开专题会议研究部署",
    "实行挂图作战、销号管理",
    "每月调度一次推进情况",
    "组织党员干部入户走访",
    "邀请上级部门现场指导",
    "开展“比学赶超”观摩交流",
    "落实“四议两公开”工作法",
    "统筹整合项目资金",
    "建立问题清单、任务清单、责任清单",
    "选派第一书记驻村帮扶",
    "结合主题党日开展集中学习",
    "利用“乌兰察布党建”平台线上培训",
    "与结对共建单位联合开展活动",
    "对照验收标准逐项自查整改",
    "定期向上级党委报告进展",
    "把任务完成情况纳入年度考核",
)
OWN_MILESTONES: tuple[tuple[str, str, int, int], ...] = (  # id, title, range of {n}
    ("visit", "完成{n}户党员群众入户走访", 20, 200),
    ("meeting", "召开{n}次专题推进会", 2, 6),
    ("train-local", "组织{n}名党员参加集中培训", 10, 120),
    ("funds", "落实项目资金{n}万元", 3, 50),
    ("site", "完成{n}处阵地改造", 1, 5),
    ("publicity", "在公开栏公示{n}项内容", 4, 20),
    ("mentor", "结对帮带{n}名后备力量", 1, 4),
    ("volunteer", "开展{n}次志愿服务活动", 3, 12),
    ("archive", "完成{n}本台账归档", 2, 10),
    ("pilot-local", "打造{n}个示范点", 1, 3),
)
EVIDENCE = (
    "党委会议纪要",
    "整顿转化台账",
    "现场验收照片",
    "专题会议记录",
    "培训签到表",
    "验收报告",
    "公示材料照片",
    "工作简报",
    "乡镇党委审核意见",
    "平台截图",
)
SUMMARY_EARLY = (
    "完成排查摸底，建立工作台账",
    "召开动员部署会，明确任务分工",
    "制定实施方案并报乡镇党委备案",
    "完成前期调研，形成问题清单",
    "成立工作专班，启动各项工作",
)
SUMMARY_MID = (
    "各项措施有序推进，完成阶段性任务",
    "完成过半任务，群众反映良好",
    "整改问题{n}个，剩余问题正在推进",
    "开展专题培训{n}场，参训党员{m}人次",
    "示范点建设基本完成，正在完善资料",
    "按计划推进，台账资料同步更新",
)
SUMMARY_LATE = (
    "主体任务基本完成，进入收尾阶段",
    "完成全年任务的大部分，正在查漏补缺",
    "已组织初步验收，少量问题正在整改",
    "各项指标接近年度目标",
)
SUMMARY_DONE = (
    "全面完成年度目标任务",
    "任务全部完成，已通过乡镇党委验收",
    "全部完成并完成资料归档",
    "提前完成年度任务，经验做法已上报",
)
PROBLEMS = (
    "部分党员外出务工，集中学习难以组织",
    "项目资金到位较晚",
    "村级阵地面积不足",
    "后备力量年龄偏大",
    "群众参与积极性不高",
    "网格员业务能力有待提高",
    "台账资料不够规范",
    "春耕期间人手紧张",
    "冬季气温低，施工受影响",
)
NEXT_STEPS = (
    "加强督导调度，确保按期完成",
    "协调资金尽快到位",
    "组织党员开展线上学习",
    "进一步规范台账资料",
    "开展“回头看”，巩固整改成果",
    "做好验收前自查",
    "加强与结对单位的沟通协作",
    "总结经验做法，形成典型案例",
)
CLAIM_NOTES = (
    "2026年2月认领推进会确定",
    "由乡镇党委统筹推进",
    "与结对单位共同推进",
    "上年延续任务",
)
UNIT_NOTES = ("地处偏远，冬季交通不便", "党员多为老年人", "流动党员较多", "集体经济基础较好")
STATUS_ZH = {"on_track": "正常推进", "at_risk": "存在风险", "behind": "滞后", "done": "已完成"}
DEADLINES = tuple(
    date(YEAR, m, d) for m, d in ((10, 31), (11, 15), (11, 30), (12, 15), (12, 20), (12, 31))
)

# --------------------------------------------------------------------------------------------
# Randomness and writing YAML by hand

T = TypeVar("T")


class FastRandom(random.Random):
    """``random.Random`` with cheaper ``randint`` and ``choice`` (same seed, same sequence)."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]


_PLAIN_OK: dict[str, bool] = {}


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain where YAML reads it back unchanged, else quoted."""
    ok = _PLAIN_OK.get(text)
    if ok is None:
        try:
            ok = (
                "\n" not in text
                and text == text.strip()
                and yaml.load(f"k: {text}\n", Loader=yaml.CSafeLoader) == {"k": text}
            )
        except yaml.YAMLError:
            ok = False
        _PLAIN_OK[text] = ok
    if ok:
        return text
    return "'" + text.replace("'", "''") + "'"


def _iso(d: date) -> str:
    return d.isoformat()


# --------------------------------------------------------------------------------------------
# The unit hierarchy


@dataclass
class Unit:
    id: str
    name: str
    parent: str | None
    level: str  # city | banner | township | village
    path: str  # the names above it, for the file's header comment
    flavour: str  # 旗 for banners and the units under them, else 区/市/县
    claims: list[str] = field(default_factory=list)


def _spread(rng: random.Random, items: int, bins: int) -> list[int]:
    """Split ``items`` over ``bins`` with every bin non-empty when possible, sizes varying."""
    if bins == 0:
        return []
    counts = [1 if items >= bins else 0 for _ in range(bins)]
    weights = [rng.uniform(0.5, 1.5) for _ in range(bins)]
    for i in rng.choices(range(bins), weights=weights, k=items - sum(counts)):
        counts[i] += 1
    return counts


def _township_name(rng: random.Random, flavour: str) -> str:
    if flavour == "旗" and rng.random() < 0.55:
        return rng.choice(MONGOL_A) + rng.choice(MONGOL_B) + rng.choice(("苏木", "镇"))
    if flavour == "区" and rng.random() < 0.5:
        return rng.choice(HAN_A) + rng.choice(HAN_B) + "街道"
    return rng.choice(HAN_A) + rng.choice(HAN_B) + rng.choice(("镇", "镇", "乡"))


def _village_name(rng: random.Random, flavour: str) -> str:
    r = rng.random()
    if flavour == "旗" and r < 0.5:
        return rng.choice(MONGOL_A) + rng.choice(MONGOL_B) + "嘎查"
    if flavour == "区" and r < 0.4:
        return rng.choice(HAN_A) + rng.choice(HAN_B) + "社区"
    if r < 0.75:
        return rng.choice(SURNAMES) + rng.choice(FAMILY) + "村"
    return rng.choice(HAN_A) + rng.choice(HAN_B) + "村"


def build_units(rng: random.Random, n: int) -> list[Unit]:
    """The hierarchy: one city department, up to 11 banners/counties, townships, villages."""
    units = [Unit(ROOT_ID, ROOT_NAME, None, "city", "乌兰察布市", "市")]
    n_banners = min(len(BANNERS), n - 1)
    rest = n - 1 - n_banners
    n_towns = min(rest, max(1, round(rest * TOWNSHIP_SHARE))) if rest else 0
    n_villages = rest - n_towns
    towns_per_banner = _spread(rng, n_towns, n_banners)
    villages_per_town = _spread(rng, n_villages, n_towns)
    t_width = max(3, len(str(n_towns)))
    v_width = max(4, len(str(n_villages)))
    t_no = v_no = 0
    for b in range(n_banners):
        b_name, flavour = BANNERS[b]
        b_id = f"c{b + 1:02d}"
        units.append(Unit(b_id, b_name, ROOT_ID, "banner", "乌兰察布市", flavour))
        for _ in range(towns_per_banner[b]):
            t_name = _township_name(rng, flavour)
            t_id = f"{b_id}-t{t_no + 1:0{t_width}d}"
            units.append(Unit(t_id, t_name, b_id, "township", b_name, flavour))
            for _ in range(villages_per_town[t_no]):
                v_id = f"{t_id}-v{v_no + 1:0{v_width}d}"
                v_name = _village_name(rng, flavour)
                units.append(Unit(v_id, v_name, t_id, "village", f"{b_name} {t_name}", flavour))
                v_no += 1
            t_no += 1
    return units


def _assign_claims(rng: random.Random, units: list[Unit]) -> None:
    """2-5 distinct projects per unit; villages lean to basic work, higher levels to key work."""
    weights_by_level = {
        "city": {"key": 3.0, "basic": 1.0, "innovation": 2.0},
        "banner": {"key": 3.0, "basic": 1.0, "innovation": 2.0},
        "township": {"key": 2.0, "basic": 1.5, "innovation": 1.0},
        "village": {"key": 1.2, "basic": 2.0, "innovation": 0.6},
    }
    cat = {p.id: _category(p) for p in PROJECTS}
    for unit in units:
        weights = weights_by_level[unit.level]
        k = rng.randint(2, 5)
        # weighted sampling without replacement (Efraimidis-Spirakis keys)
        keys = {p.id: rng.random() ** (1.0 / weights[cat[p.id]]) for p in PROJECTS}
        chosen = set(sorted(keys, key=keys.__getitem__, reverse=True)[:k])
        unit.claims = [p.id for p in PROJECTS if p.id in chosen]
    claimed = {pid for u in units for pid in u.claims}
    for p in PROJECTS:  # every project is claimed by at least one unit
        if p.id not in claimed:
            candidates = [u for u in units if p.id not in u.claims]
            unit = rng.choice(candidates) if candidates else units[0]
            if p.id not in unit.claims:
                unit.claims.append(p.id)


def _category(p: Project) -> str:
    return {"重点": "key", "基础": "basic", "创新": "innovation"}.get(p.category, p.category)


# --------------------------------------------------------------------------------------------
# Rendering


def render_toml(title: str) -> str:
    return (
        "# 乌兰察布市基层党组织效能建设年 台账设置\n"
        "[ledger]\n"
        f'title = "{title}"\n'
        f"year = {YEAR}\n"
        'language = "zh"\n'
        "\n"
        "[reporting]\n"
        "report_due_days = 10   # 季度结束后10日内报送进展\n"
        "warn_days = 14\n"
        "\n"
        "[evaluation]           # 年终考评权重，合计100\n"
        "milestones = 50\n"
        "reports = 30\n"
        "completion = 20\n"
    )


def render_projects(lead_units: dict[str, list[str]]) -> str:
    out = [
        "# 乌兰察布市基层党组织效能建设项目书（2026年）",
        "# 市委组织部组织一科维护，修改前请先与科室联系",
        "title: 乌兰察布市基层党组织效能建设项目书",
        "x-issued: 乌组通〔2026〕3号",
        "projects:",
    ]
    previous = ""
    for p in PROJECTS:
        cat = _category(p)
        if cat != previous:
            heading = {"key": "重点项目", "basic": "基础项目", "innovation": "创新项目"}[cat]
            out.append(f"  # ---- {heading} ----")
            previous = cat
        out.append(f"  - id: {scalar(p.id)}")
        comment = f"  # {p.comment}" if p.comment else ""
        out.append(f"    category: {scalar(p.category)}{comment}")
        out.append(f"    title: {scalar(p.title)}")
        out.append(f"    problem: {scalar(p.problem)}")
        out.append(f"    lead_units: [{', '.join(lead_units[p.id])}]")
        out.append(f"    goal: {scalar(p.goal)}")
        out.append("    requirements:")
        out.extend(f"      - {scalar(r)}" for r in p.requirements)
        out.append("    milestones:")
        for m in p.milestones:
            out.append(f"      - id: {scalar(m.id)}")
            out.append(f"        title: {scalar(m.title)}")
            out.append(f"        due: {_iso(m.due)}")
    return "\n".join(out) + "\n"


class UnitWriter:
    """Renders one unit file; all randomness comes from the shared generator, in file order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.by_id = {p.id: p for p in PROJECTS}
        self.claims = 0
        self.milestones = 0
        self.progress = 0

    def _day_between(self, lo: date, hi: date) -> date:
        if hi <= lo:
            return lo
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    def _person(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)

    def render(self, unit: Unit) -> str:
        rng = self.rng
        out = [f"# {unit.path} {unit.name}".rstrip()]
        if rng.random() < 0.3:
            out.append(f"# 台账联络员：{self._person()}")
        out.append(f"id: {unit.id}")
        out.append(f"name: {scalar(unit.name)}")
        if unit.parent is not None:
            out.append(f"parent: {unit.parent}")
        if rng.random() < 0.08:
            phone = f"139{rng.randint(0, 99999999):08d}"
            out.append(f"x-contact: {scalar(self._person() + ' ' + phone)}")
        if rng.random() < 0.05:
            out.append(f"x-note: {scalar(rng.choice(UNIT_NOTES))}")
        if unit.claims:
            out.append("claims:")
            for pid in unit.claims:
                self._claim(out, self.by_id[pid])
        return "\n".join(out) + "\n"

    def _claim(self, out: list[str], project: Project) -> None:
        rng = self.rng
        self.claims += 1
        leader = scalar(self._person())
        if rng.random() < 0.15:
            leader += f"  # {rng.choice(POSTS)}"
        out.append(f"  - project: {project.id}")
        out.append(f"    leader: {leader}")
        out.append("    measures:")
        out.extend(f"      - {scalar(m)}" for m in rng.sample(MEASURES, rng.randint(2, 3)))
        deadline = rng.choice([d for d in DEADLINES if d >= project.last_due])
        out.append(f"    deadline: {_iso(deadline)}")
        start = YEAR_START
        if rng.random() < 0.4:
            start = self._day_between(date(YEAR, 1, 5), date(YEAR, 3, 31))
            out.append(f"    claimed: {_iso(start)}")
        if rng.random() < 0.04:
            out.append(f"    x-source: {scalar(rng.choice(CLAIM_NOTES))}")
        self._milestones(out, project, start, deadline)
        self._progress(out, start)

    def _done_date(self, due: date, start: date) -> date:
        """A completion day near ``due``, after ``start`` and never after LAST_EVENT."""
        done = due + timedelta(days=self.rng.randint(-25, 10))
        return min(max(done, start + timedelta(days=1)), LAST_EVENT)

    def _milestones(self, out: list[str], project: Project, start: date, deadline: date) -> None:
        rng = self.rng
        total = rng.randint(1, 3)
        applicable = [m for m in project.milestones if m.due >= start and m.due <= LAST_EVENT]
        records = rng.sample(applicable, rng.randint(0, min(total, len(applicable))))
        records.sort(key=project.milestones.index)
        taken = {m.id for m in project.milestones}
        own = [o for o in OWN_MILESTONES if o[0] not in taken]
        own_picks = rng.sample(own, total - len(records))
        out.append("    milestones:")
        for m in records:
            self.milestones += 1
            out.append(f"      - id: {m.id}")
            due = m.due
            earlier = max(start + timedelta(days=1), due - timedelta(days=rng.randint(5, 30)))
            can_move = earlier < m.due
            if can_move and rng.random() < 0.1:  # the unit promised to finish before the book asks
                due = earlier
                out.append(f"        due: {_iso(due)}")
            if due < m.due and rng.random() < 0.3:
                continue  # an earlier promise, not yet kept
            out.append(f"        done: {_iso(self._done_date(due, start))}")
            if rng.random() < 0.6:
                out.append(f"        evidence: {scalar(rng.choice(EVIDENCE))}")
        last_due = min(deadline, date(YEAR, 12, 15))
        dues = sorted(self._day_between(start + timedelta(days=30), last_due) for _ in own_picks)
        for (mid, template, lo, hi), due in zip(own_picks, dues, strict=True):
            self.milestones += 1
            title = template.format(n=rng.randint(lo, hi))
            out.append(f"      - id: {mid}")
            out.append(f"        title: {scalar(title)}")
            out.append(f"        due: {_iso(due)}")
            if due <= LAST_EVENT and rng.random() < 0.6:
                out.append(f"        done: {_iso(self._done_date(due, start))}")

    def _progress(self, out: list[str], start: date) -> None:
        rng = self.rng
        count = rng.choices((1, 2, 3), weights=(2, 3, 5))[0]
        percent = 0
        last_reported = start
        if rng.random() < 0.1:
            out.append("    # 季度进展由乡镇党委审核后填报")
        out.append("    progress:")
        for q in range(1, count + 1):
            if rng.random() > 0.08:  # now and then a quarter without visible progress
                percent = min(100, percent + rng.randint(10, 40))
            if percent >= 92 and rng.random() < 0.5:
                percent = 100
            reported = QUARTER_END[q] + timedelta(days=rng.randint(1, 25))
            reported = min(max(reported, last_reported), LAST_EVENT)
            self._entry(out, q, percent, reported)
            last_reported = reported
            if percent == 100:
                return
        # now and then a unit finishes early and files its Q4 report in October
        if count == 3 and rng.random() < 0.04:
            reported = self._day_between(max(last_reported, date(YEAR, 10, 1)), LAST_EVENT)
            self._entry(out, 4, 100, reported)

    def _entry(self, out: list[str], q: int, percent: int, reported: date) -> None:
        rng = self.rng
        self.progress += 1
        if percent == 100:
            status, summary = "done", rng.choice(SUMMARY_DONE)
        else:
            status = rng.choices(("on_track", "at_risk", "behind"), weights=(70, 18, 12))[0]
            pool = SUMMARY_EARLY if percent < 35 else SUMMARY_MID if percent < 75 else SUMMARY_LATE
            summary = rng.choice(pool).format(n=rng.randint(2, 12), m=rng.randint(20, 300))
        if rng.random() < 0.08:
            status = STATUS_ZH[status]
        out.append(f"      - quarter: {YEAR}Q{q}")
        out.append(f"        status: {status}")
        out.append(f"        percent: {percent}")
        out.append(f"        summary: {scalar(summary)}")
        out.append(f"        reported: {_iso(reported)}")
        if status not in ("done", "已完成") and rng.random() < 0.45:
            out.append("        problems:")
            out.extend(f"          - {scalar(p)}" for p in rng.sample(PROBLEMS, rng.randint(1, 2)))
        elif rng.random() < 0.05:
            out.append("        problems: []")
        if rng.random() < 0.4:
            out.append("        next_steps:")
            out.extend(
                f"          - {scalar(s)}" for s in rng.sample(NEXT_STEPS, rng.randint(1, 2))
            )


# --------------------------------------------------------------------------------------------
# Supervision visits (contract v3 section 10)

VISIT_FIRST = date(YEAR, 3, 1)
VISIT_LAST = date(YEAR, 11, 20)  # every visit on or before --today 2026-11-25
VISIT_TITLES = ("随机督导", "专项督导", "季度督导检查", "“回头看”督导")
FINDING_PROBLEMS = (
    "排查台账不完整，部分对象未逐一登记",
    "会议记录缺失，“三会一课”落实不规范",
    "制度上墙不全，公开内容未及时更新",
    "工作进度滞后于时间节点，推进措施不具体",
    "佐证材料不全，部分工作无记录可查",
    "整改方案照搬模板，未做到“一村一策”",
)
FINDING_REQUIREMENTS = (
    "逐一补齐台账并建立动态管理机制",
    "补记会议记录，规范落实“三会一课”",
    "完善制度上墙和公开内容，按月更新",
    "制定倒排工期计划，按节点推进",
    "补齐佐证材料并归档",
    "重新制定整改方案，逐项销号",
)


def render_visits(
    rng: random.Random, units: Sequence[Unit], visits: int, findings: int
) -> list[tuple[str, str]]:
    """``visits`` visit files holding ``findings`` findings between them, as (id, text): each
    visit 3-8 units, each finding at one of them, most for a project the unit claims, with a
    time limit 15-90 days after the visit and, for most that are due, a rectified day (and then
    often a closed day) on or before LAST_EVENT, so the ledger validates as of 2026-11-25."""
    per_visit = _spread(rng, findings, visits)
    span = (VISIT_LAST - VISIT_FIRST).days
    days = sorted(VISIT_FIRST + timedelta(days=rng.randint(0, span)) for _ in range(visits))
    out: list[tuple[str, str]] = []
    for n, (day, count) in enumerate(zip(days, per_visit, strict=True), start=1):
        vid = f"{YEAR}-v{n:04d}"
        visited = rng.sample(list(units), min(len(units), rng.randint(3, 8)))
        lines = [f"# {day.month}月{day.day}日督导", f"id: {vid}"]
        lines.append(f"title: {scalar(f'{day.month}月' + rng.choice(VISIT_TITLES))}")
        lines.append(f"date: {_iso(day)}")
        people = ", ".join(rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(2))
        lines.append(f"inspectors: [{people}]")
        lines.append(f"units: [{', '.join(u.id for u in visited)}]")
        if count:
            lines.append("findings:")
        for f in range(1, count + 1):
            unit = rng.choice(visited)
            due = min(day + timedelta(days=rng.randint(15, 90)), date(YEAR, 12, 31))
            lines.append(f"  - id: f{f}")
            lines.append(f"    unit: {unit.id}")
            if unit.claims and rng.random() < 0.7:
                lines.append(f"    project: {rng.choice(unit.claims)}")
            lines.append(f"    problem: {scalar(rng.choice(FINDING_PROBLEMS))}")
            lines.append(f"    requirement: {scalar(rng.choice(FINDING_REQUIREMENTS))}")
            lines.append(f"    due: {_iso(due)}")
            if day < LAST_EVENT and rng.random() < 0.6:
                rectified = min(day + timedelta(days=rng.randint(5, 100)), LAST_EVENT)
                lines.append(f"    rectified: {_iso(rectified)}")
                if rng.random() < 0.5:
                    lines.append(f"    evidence: {scalar(rng.choice(EVIDENCE))}")
                if rectified < LAST_EVENT and rng.random() < 0.6:
                    closed = min(rectified + timedelta(days=rng.randint(1, 30)), LAST_EVENT)
                    lines.append(f"    closed: {_iso(closed)}")
        out.append((vid, "\n".join(lines) + "\n"))
    return out


# --------------------------------------------------------------------------------------------
# The whole ledger


@dataclass(frozen=True)
class Stats:
    units: int
    claims: int
    files: int
    milestones: int
    progress: int
    bytes: int
    levels: dict[str, int]
    seconds: float
    visits: int = 0
    findings: int = 0


def generate(
    n_units: int, out: Path, seed: int = 1, force: bool = False, visits: int = 0, findings: int = 0
) -> Stats:
    """Write a ledger of ``n_units`` units into ``out`` and return what was written; with
    ``visits``, also that many visit files holding ``findings`` findings. The units, the book and
    ledger.toml are the same bytes with and without visits (the visits draw from a random
    generator of their own), so the two ledgers differ by the visits alone."""
    if n_units < 1:
        raise ValueError("--units must be at least 1")
    if visits < 0 or findings < 0 or (findings and not visits):
        raise ValueError("--findings needs --visits, and neither may be negative")
    t0 = time.perf_counter()
    units_dir = out / "data" / "units"
    old = sorted(units_dir.glob("*.yaml")) if units_dir.is_dir() else []
    if old and not force:
        raise FileExistsError(f"{units_dir} already holds unit files; use --force to replace them")
    for path in old:
        path.unlink()
    units_dir.mkdir(parents=True, exist_ok=True)
    visits_dir = out / "data" / "inspections"
    for path in sorted(visits_dir.glob("*.yaml")) if visits_dir.is_dir() else []:
        path.unlink()

    rng = FastRandom(seed)
    units = build_units(rng, n_units)
    _assign_claims(rng, units)
    lead_units = {p.id: [ROOT_ID] for p in PROJECTS}
    banners = [u.id for u in units if u.level == "banner"]
    for p in PROJECTS:  # a few projects are led jointly with a banner/county
        if banners and rng.random() < 0.3:
            lead_units[p.id].append(rng.choice(banners))

    size = 0

    def write(path: Path, text: str) -> None:
        nonlocal size
        data = text.encode("utf-8")
        size += len(data)
        path.write_bytes(data)

    write(out / "ledger.toml", render_toml("乌兰察布市基层党组织效能建设年"))
    write(out / "data" / "projects.yaml", render_projects(lead_units))
    writer = UnitWriter(rng)
    for unit in units:
        write(units_dir / f"{unit.id}.yaml", writer.render(unit))
    if visits:
        visits_dir.mkdir(parents=True, exist_ok=True)
        for vid, text in render_visits(FastRandom(seed + 1_000_003), units, visits, findings):
            write(visits_dir / f"{vid}.yaml", text)
    levels: dict[str, int] = {}
    for unit in units:
        levels[unit.level] = levels.get(unit.level, 0) + 1
    return Stats(
        units=len(units),
        claims=writer.claims,
        files=len(units) + 2 + visits,
        milestones=writer.milestones,
        progress=writer.progress,
        bytes=size,
        levels=levels,
        seconds=time.perf_counter() - t0,
        visits=visits,
        findings=findings,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a large valid ledger for benchmarks.")
    parser.add_argument("--units", type=int, required=True, help="number of unit files (>= 1)")
    parser.add_argument("--out", type=Path, required=True, help="the ledger root to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--force", action="store_true", help="replace the unit files of an existing ledger"
    )
    parser.add_argument("--visits", type=int, default=0, help="supervision visits (default 0)")
    parser.add_argument(
        "--findings", type=int, default=0, help="findings, spread over the visits (default 0)"
    )
    args = parser.parse_args(argv)
    try:
        stats = generate(args.units, args.out, args.seed, args.force, args.visits, args.findings)
    except (ValueError, FileExistsError) as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 2
    levels = ", ".join(f"{k} {v}" for k, v in stats.levels.items())
    print(
        f"{args.out}: {stats.units} units ({levels}), {stats.claims} claims, "
        f"{stats.milestones} milestone entries, {stats.progress} progress entries, "
        f"{stats.visits} visits with {stats.findings} findings, "
        f"{stats.files} files, {stats.bytes / 1e6:.1f} MB in {stats.seconds:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
