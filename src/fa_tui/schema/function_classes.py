"""The 功能分类 类 (classes of the functional classification of spending) and their names."""

from __future__ import annotations

# 功能分类 类 codes and the names 表一/表四 print for them (domain.md §2).
FUNCTION_CLASSES: dict[str, str] = {
    "201": "一般公共服务",
    "202": "外交",
    "203": "国防",
    "204": "公共安全",
    "205": "教育",
    "206": "科学技术",
    "207": "文化旅游体育与传媒",
    "208": "社会保障和就业",
    "210": "卫生健康",
    "211": "节能环保",
    "212": "城乡社区",
    "213": "农林水",
    "214": "交通运输",
    "215": "资源勘探工业信息等",
    "216": "商业服务业等",
    "217": "金融",
    "219": "援助其他地区",
    "220": "自然资源海洋气象等",
    "221": "住房保障",
    "222": "粮油物资储备",
    "223": "国有资本经营预算",
    "224": "灾害防治及应急管理",
    "229": "其他",
    "231": "债务还本",
    "232": "债务付息",
    "234": "抗疫特别国债安排",
}


def class_of_name(name: str) -> str | None:
    """The 类 code a row or label names exactly (``一般公共服务支出`` → ``201``), else ``None``."""
    key = name.strip().removesuffix("支出")
    return next((code for code, known in FUNCTION_CLASSES.items() if known == key), None)
